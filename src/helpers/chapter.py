"""What a chapter notebook calls: its inputs loaded once, and escaped text, tables and charts."""

import html
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Image, display

from helpers import paths
from helpers.corpus import Source, load_sources
from helpers.i18n import check_lang, format_number, translate
from helpers.plots import apply_style, render_png


def resolve_dir(value: str, default: Path) -> Path:
    """Return the directory a notebook parameter names; empty means the project default."""
    return Path(value).resolve() if value else default


class Chapter:
    """One chapter in one language, with its sources loaded and its display helpers."""

    def __init__(self, name: str, lang: str = "zh", seeds_dir: str = "", data_dir: str = ""):
        self.name = name
        self.lang = check_lang(lang)
        self.seeds_dir = resolve_dir(seeds_dir, paths.SEEDS_DIR)
        self.data_dir = resolve_dir(data_dir, paths.DATA_DIR)
        self.sources: list[Source] = load_sources(self.seeds_dir)
        apply_style()

    def text(self, key: str, **values) -> str:
        """Return catalog text for ``key`` in this chapter's language with values filled in."""
        return translate(key, self.lang, data_dir=self.data_dir, **values)

    def number(self, value, decimals: int | None = None) -> str:
        """Return a number formatted for this chapter's language."""
        return format_number(value, self.lang, decimals)

    def labels(self, *keys: str) -> dict[str, str]:
        """Return ``{key: text}`` for several catalog keys."""
        return {key: self.text(key) for key in keys}

    def show_title(self) -> None:
        """Show the chapter's title as its top heading."""
        display(HTML(f"<h1>{html.escape(self.text(f'chapter.{self.name}.title'))}</h1>"))

    def show_heading(self, key: str) -> None:
        """Show a section heading from the catalog."""
        display(HTML(f"<h2>{html.escape(self.text(key))}</h2>"))

    def say(self, key: str, **values) -> None:
        """Show a paragraph from the catalog; every value is escaped, so document text is inert."""
        display(HTML(f"<p>{html.escape(self.text(key, **values))}</p>"))

    def show_table(self, table: pd.DataFrame, columns: dict[str, str]) -> None:
        """Show ``table``'s ``columns`` (name → catalog key) with translated, escaped headers."""
        shown = table[list(columns)].rename(columns={c: self.text(k) for c, k in columns.items()})
        display(
            HTML(
                shown.to_html(index=False, escape=True, border=0, classes="report-table", na_rep="")
            )
        )

    def show_figure(self, fig, caption_key: str, **values) -> None:
        """Show a chart as a stable PNG followed by its caption."""
        alt = " / ".join(ax.get_title() for ax in fig.axes if ax.get_title())
        display(Image(data=render_png(fig), metadata={"alt": alt}))
        caption = html.escape(self.text(caption_key, **values))
        display(HTML(f'<p class="caption">{caption}</p>'))
