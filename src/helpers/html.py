"""The report's HTML vocabulary: every tag the package writes, and all escaping, live here.

Text from documents and from the ledger is untrusted: each function escapes what it is given
(quotes included), so a caller never writes a tag or an escape of its own.
"""

from __future__ import annotations

import base64
import html
import math
import numbers
import re
from functools import lru_cache

import jinja2
import pandas as pd
from markupsafe import Markup

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


def _cell_text(value) -> str:
    """Return a table cell's text: empty for missing, integral floats as integers."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_numeric(value) -> bool:
    """Return True for a number (right-aligned in tables), not for text that holds digits."""
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def render_table(table: pd.DataFrame, langs: dict | None = None) -> str:
    """Return a DataFrame as an escaped HTML table; numbers right-aligned, text left-aligned.

    ``langs`` marks text in another language than the page's: ``{column: lang}`` or
    ``{column: [lang per row]}`` (a Chinese quote on an English page gets ``lang="zh-Hans"``).
    """
    langs = langs or {}
    head = "".join(f"<th>{escape(column)}</th>" for column in table.columns)
    rows = []
    for i, record in enumerate(table.itertuples(index=False)):
        cells = []
        for column, value in zip(table.columns, record, strict=True):
            lang = langs.get(column)
            lang = lang[i] if isinstance(lang, list | tuple) else lang
            text = escape(_cell_text(value))
            if lang and text:
                text = f'<span lang="{escape(lang)}">{text}</span>'
            cells.append(
                f'<td class="num">{text}</td>' if _is_numeric(value) else f"<td>{text}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "\n".join(rows)
    return (
        f'<table class="report-table">\n<thead>\n<tr>{head}</tr>\n</thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


def render_foreign(text: str, lang: str | None) -> str:
    """Return escaped text, wrapped in a ``lang`` span when it is in another language."""
    return f'<span lang="{escape(lang)}">{escape(text)}</span>' if lang and text else escape(text)


def render_parts(parts, css_class: str | None = None) -> str:
    """Return a paragraph of ``(text, lang)`` parts: each escaped, a part in another language
    than the page's (``lang`` not None) wrapped in a ``lang`` span."""
    body = "".join(render_foreign(text, lang) for text, lang in parts)
    return f"<p{render_attributes({'class': css_class})}>{body}</p>"


def render_definitions(items, css_class: str = "meta") -> str:
    """Return a definition list of ``(label, text, lang)`` items, each escaped; text in another
    language than the page's (``lang`` not None) is marked; items without text are left out."""
    rows = "\n".join(
        f"<dt>{escape(label)}</dt><dd>{render_foreign(text, lang)}</dd>"
        for label, text, lang in items
        if str(text or "").strip()
    )
    return f"<dl{render_attributes({'class': css_class})}>\n{rows}\n</dl>"


def render_link(url: str) -> str:
    """Return an escaped link for http(s) URLs; anything else (javascript:, data:) as plain text."""
    if url.startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
    return escape(url)


def render_download(name: str, csv_text: str, label: str) -> str:
    """Return a paragraph with a link that downloads ``csv_text`` as ``name``.csv (no server)."""
    # a byte-order mark first: spreadsheet programs then read the Chinese as UTF-8
    payload = base64.b64encode(("\ufeff" + csv_text).encode("utf-8")).decode("ascii")
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


@lru_cache(maxsize=1)
def load_page_template() -> jinja2.Template:
    """Return the one page shell (templates/page.html.j2), with autoescaping on."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(paths.TEMPLATES_DIR)),
        autoescape=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("page.html.j2")


_PIECES = re.compile(
    r"(<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)  # a script or style element is one opaque piece: its text is not the reader's
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
_END = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")
_LANG = re.compile(r"""\blang\s*=\s*["']([^"']*)["']""")
_CJK_RUN = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]"
    r"(?:[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef0-9A-Za-z.%\-–,]*"
    r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef%])?"
)
_VOID = {"meta", "link", "img", "br", "hr", "input", "col", "area", "base", "source", "wbr"}
INTERACTIVE_MARK = 'class="interactive-table"'  # a page with interactive tables
_RAW = {"title"}  # text that may hold no markup (script and style are opaque pieces)
_OPAQUE = re.compile(r"<(?:script|style)\b", re.IGNORECASE)


def mark_chinese_runs(page: str, page_lang: str) -> str:
    """Return ``page`` with every run of Chinese text outside a ``lang="zh…"`` element wrapped in
    ``<span lang="zh-Hans">``: on an English page a reader's browser, screen reader and
    translator then know a quoted word (截止到2023年) for what it is. Chinese pages are unchanged.

    The page is ours and well formed; tags are tracked to know the language in force and to
    leave ``<style>`` untouched. Attribute values are not text and are left as they are.
    """
    if page_lang.startswith("zh"):
        return page
    stack: list[tuple[str, str]] = [("", page_lang)]
    out = []
    for piece in _PIECES.split(page):
        if _OPAQUE.match(piece):
            out.append(piece)
            continue
        start, end = _START.fullmatch(piece), _END.fullmatch(piece)
        if start:
            tag = start.group(1).lower()
            if tag not in _VOID and not piece.endswith("/>"):
                lang = _LANG.search(start.group(2))
                stack.append((tag, lang.group(1) if lang else stack[-1][1]))
        elif end and len(stack) > 1 and stack[-1][0] == end.group(1).lower():
            stack.pop()
        elif not piece.startswith("<") and stack[-1][0] not in _RAW:
            if not stack[-1][1].startswith("zh"):
                piece = _CJK_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group()}</span>', piece)
        out.append(piece)
    return "".join(out)


def render_page(catalog: Catalog, page: str, title: str, body: str, heading: bool = True) -> str:
    """Return a whole page in the one shell: head with inline CSS, navigation, ``body``.

    ``body`` is HTML already made by this module's functions (or nbconvert for a chapter);
    ``title`` is text and is escaped. Chapter pages carry their own top heading.
    """
    html_lang = catalog.language.html_lang
    whole = load_page_template().render(
        html_lang=html_lang,
        title=Markup(escape(title)),  # one escaping function for the whole package
        css=Markup(read_css()),
        nav=Markup(render_nav(catalog, page)),
        body=Markup(body),
        heading=heading,
    )
    whole = mark_chinese_runs(whole, html_lang)
    if INTERACTIVE_MARK in body:  # the table library's script is not text to mark
        from helpers.interactive import render_table_library

        whole = whole.replace("</body>", render_table_library() + "\n</body>", 1)
    return whole


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
