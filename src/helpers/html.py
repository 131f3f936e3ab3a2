"""The report's HTML vocabulary: every tag the package writes, and all escaping, live here.

Text from documents and from the ledger is untrusted: each function escapes what it is given
(quotes included), so a caller never writes a tag or an escape of its own.
"""

from __future__ import annotations

import base64
import html

import pandas as pd

from helpers import paths
from helpers.i18n import Catalog


def escape(value) -> str:
    """Return ``value`` as HTML-escaped text (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def render_attributes(attributes: dict[str, str | None]) -> str:
    """Return ` name="value"` pairs, escaped, for the attributes that are not None."""
    return "".join(f' {k}="{escape(v)}"' for k, v in attributes.items() if v is not None)


def render_paragraph(text: str, css_class: str | None = None) -> str:
    """Return a paragraph of plain text."""
    return f"<p{render_attributes({'class': css_class})}>{escape(text)}</p>"


def render_heading(text: str, level: int) -> str:
    """Return a heading of plain text (level 1–6)."""
    return f"<h{level}>{escape(text)}</h{level}>"


def render_table(table: pd.DataFrame) -> str:
    """Return a DataFrame as an escaped HTML table."""
    return table.to_html(index=False, escape=True, border=0, classes="report-table", na_rep="")


def render_link(url: str) -> str:
    """Return an escaped link for http(s) URLs; anything else (javascript:, data:) as plain text."""
    if url.startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
    return escape(url)


def render_download(name: str, csv_text: str, label: str) -> str:
    """Return a paragraph with a link that downloads ``csv_text`` as ``name``.csv (no server)."""
    payload = base64.b64encode(csv_text.encode("utf-8")).decode("ascii")
    return (
        f'<p class="download"><a download="{escape(name)}.csv" '
        f'href="data:text/csv;charset=utf-8;base64,{payload}">{escape(label)}</a></p>'
    )


def render_caveat(label: str, caveat: str) -> str:
    """Return a metric's caveat paragraph: its label, then the caveat."""
    return f'<p class="caveat">{escape(label)}{escape(caveat)}</p>'


def render_nav(catalog: Catalog, page: str) -> str:
    """Return the navigation: contents, sources, data, build, this page in the other language."""

    def text(key: str) -> str:
        return escape(catalog.text(key))

    other = catalog.other().language
    return (
        f'<a href="index.html">{text("report.home")}</a>'
        f'<a href="sources.html">{text("report.sources")}</a>'
        f'<a href="data.html">{text("report.data")}</a>'
        f'<a href="build.html">{text("report.build_info")}</a>'
        f'<a href="../{other.code}/{escape(page)}" hreflang="{other.html_lang}">'
        f"{text('report.other_language')}</a>"
    )


def read_css() -> str:
    """Return the report's stylesheet."""
    return (paths.TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")


def render_page(catalog: Catalog, page: str, title: str, body: str) -> str:
    """Return a whole page: head with inline CSS, navigation, and ``body`` (already escaped)."""
    return f"""<!DOCTYPE html>
<html lang="{catalog.language.html_lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(title)}</title>
<style type="text/css">{read_css()}</style>
</head>
<body>
<nav class="report-nav">{render_nav(catalog, page)}</nav>
<main>
<h1>{escape(title)}</h1>
{body}
</main>
</body>
</html>
"""


_MARKED_STYLE = (
    "<style>.marked-text{white-space:pre-wrap;font-family:inherit;line-height:1.8}"
    ".marked-text mark.fact{background:#b7e4c7;border-bottom:2px solid #2d6a4f}"
    ".marked-text mark.exclude{background:#e9ecef;color:#6c757d;border-bottom:1px dashed #adb5bd}"
    "</style>"
)


def render_marked_text(text: str, marks: list[tuple[int, int, str, str]]) -> str:
    """Return ``text`` as an escaped ``<pre>`` block with ``marks`` (start, end, class, title)
    wrapped in ``<mark>``; marks are taken in order and one overlapping an earlier is skipped."""
    out, pos = [], 0
    for start, end, css_class, title in sorted(marks):
        if start < pos or end <= start:
            continue
        attributes = render_attributes({"class": css_class, "title": title})
        out.append(f"{escape(text[pos:start])}<mark{attributes}>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return f'{_MARKED_STYLE}<pre class="marked-text">{"".join(out)}</pre>'
