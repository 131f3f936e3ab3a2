"""The display primitives a chapter shows itself with: words from its catalog, escaped
headings, paragraphs and tables, stable PNG charts with captions, and named records."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML, Image, display

from helpers.chartcache import Chart, describe_figure, render_chart
from helpers.html import render_heading, render_paragraph, render_table
from helpers.plots import render_png

RECORDS_MIME = "application/vnd.china-us-ai-report.records+json"


class Display:
    """What every chapter can show; needs ``catalog`` and ``name`` on the instance."""

    def record(self, **values) -> None:
        """Record named values for the tests (tests/test_notebooks.py reads them by name).

        They travel in the cell's output under their own MIME type; the report removes the cell
        (tagged ``check``), and JupyterLab shows one line listing them.
        """
        listed = ", ".join(f"{k}={v!r}" for k, v in values.items())
        display({RECORDS_MIME: values, "text/plain": f"recorded: {listed}"}, raw=True)

    def text(self, key: str, **values) -> str:
        """Return catalog text for ``key`` in this chapter's language with values filled in."""
        return self.catalog.text(key, **values)

    def number(self, value, decimals: int | None = None) -> str:
        """Return a number formatted for this chapter's language."""
        return self.catalog.number(value, decimals)

    def labels(self, *keys: str) -> dict[str, str]:
        """Return ``{key: text}`` for several catalog keys."""
        return {key: self.text(key) for key in keys}

    def show_title(self) -> None:
        """Show the chapter's title as its top heading."""
        display(HTML(render_heading(self.text(f"chapter.{self.name}.title"), 1)))

    def show_heading(self, key: str) -> None:
        """Show a section heading from the catalog."""
        display(HTML(render_heading(self.text(key), 2)))

    def show_subheading(self, text: str) -> None:
        """Show a sub-heading (text already in this language, e.g. a metric name)."""
        display(HTML(render_heading(text, 3)))

    def say(self, key: str, **values) -> None:
        """Show a paragraph from the catalog; every value is escaped, so document text is inert."""
        display(HTML(render_paragraph(self.text(key, **values))))

    def show_table(self, table: pd.DataFrame, columns: dict[str, str], langs=None) -> None:
        """Show ``table``'s ``columns`` (name → catalog key) with translated, escaped headers;
        ``langs`` marks columns in another language (``{column: lang}``)."""
        shown = table[list(columns)].rename(columns={c: self.text(k) for c, k in columns.items()})
        marks = {self.text(columns[c]): lang for c, lang in (langs or {}).items()}
        display(HTML(render_table(shown, marks)))

    def show_figure(self, fig, caption_key: str, **values) -> None:
        """Show a chart as a stable PNG followed by its caption from the catalog."""
        self.show_figure_text(fig, self.text(caption_key, **values))

    def show_figure_text(self, fig, caption: str) -> None:
        """Show a chart as a stable PNG, its title as alt text, followed by ``caption``."""
        self.show_image(fig)
        display(HTML(render_paragraph(caption, "caption")))

    def show_image(self, fig) -> None:
        """Show a chart (a ``Chart`` to draw or take from the build's cache, or a figure) as a
        stable PNG with its titles (the figure's, then each axes') as alt text."""
        if isinstance(fig, Chart):
            png, alt = render_chart(fig)
        else:  # a figure drawn already: nothing to key a cache entry on
            png, alt = render_png(fig), describe_figure(fig)
        display(Image(data=png, metadata={"alt": alt}))
