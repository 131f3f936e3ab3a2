"""Searchable, sortable tables that work offline (DataTables through itables).

The library's bundle is inlined once per page (``render_table_library``, added by
``html.render_page``), each table names its id (no uuid), and every cell is escaped here before
itables sees it (``allow_html=True`` then only keeps the HTML this package wrote: links and
``lang`` spans). Without script the reader sees the same cells as a plain table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from functools import lru_cache

import pandas as pd

from helpers import paths
from helpers.html import INTERACTIVE_MARK, escape
from helpers.i18n import Catalog

TABLE_OPTIONS = (
    "classes", "columnDefs", "data_json", "language", "layout", "lengthMenu", "order",
    "pageLength", "paging", "style", "table_html", "text_in_header_can_be_selected",
    "keys_to_be_evaluated",
)  # what reaches the page: a user's itables.toml cannot add options to the report
LANGUAGE_KEYS = {
    "search": "table.search",
    "info": "table.info",
    "infoEmpty": "table.info_empty",
    "infoFiltered": "table.info_filtered",
    "zeroRecords": "table.zero_records",
    "emptyTable": "table.empty",
    "lengthMenu": "table.length_menu",
}
LONG_TEXT = 40  # characters: a column with longer cells wraps them (quotes); others stay on a line
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_SCRIPT_END = re.compile(r"</script|<!--", re.IGNORECASE)


def make_table_id(name: str) -> str:
    """Return a stable HTML id for a table name; unsafe characters replaced, a digest added."""
    safe = _UNSAFE_ID.sub("_", name)
    if safe != name or not safe:
        safe += "-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"it-{safe}"


def format_cell(value) -> str:
    """Return one value as display text: numbers grouped, dates ISO, tuples joined, NaN empty."""
    if hasattr(value, "item") and not isinstance(value, (str, pd.Timestamp)):
        value = value.item()  # numpy scalars to Python
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, (tuple, list)):
        return ", ".join(format_cell(v) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.datetime):
        value = pd.Timestamp(value)
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.6g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _is_numeric(column: pd.Series) -> bool:
    """Return True for number columns (right-aligned, sorted as numbers); booleans are text."""
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _escape_cells(table: pd.DataFrame, html_columns, langs: dict) -> pd.DataFrame:
    """Return the table as escaped display text; ``html_columns`` hold html.py's own HTML and
    ``langs`` marks text in another language (``{column: lang or [lang per row]}``)."""
    cells = {}
    for name in table.columns:
        if name in html_columns:
            values = ["" if v is None else str(v) for v in table[name]]
            if any(_SCRIPT_END.search(v) for v in values):
                raise ValueError(f"column {name!r}: HTML cells may not end a script")
        else:
            values = [escape(format_cell(v)) for v in table[name]]
        lang = langs.get(name)
        if lang:
            rows = lang if isinstance(lang, list | tuple) else [lang] * len(values)
            values = [
                f'<span lang="{escape(code)}">{v}</span>' if code and v else v
                for v, code in zip(values, rows, strict=True)
            ]
        cells[escape(name)] = pd.Series(values, index=table.index, dtype=object)
    return pd.DataFrame(cells).reset_index(drop=True)


def _table_options(table: pd.DataFrame, cells: pd.DataFrame, catalog, page_length: int) -> dict:
    """Return the DataTables options: alignment and sorting per column, paging, words."""
    numeric = [i for i, name in enumerate(table.columns) if _is_numeric(table[name])]
    long = [i for i, name in enumerate(cells.columns) if cells[name].str.len().max() > LONG_TEXT]
    text = [i for i in range(len(table.columns)) if i not in numeric and i not in long]
    options = {
        "classes": "display compact",
        "style": "table-layout:auto;width:auto;margin:0;caption-side:bottom",
        "layout": {
            "topStart": "pageLength" if page_length else None,
            "topEnd": "search",
            "bottomStart": "info",
            "bottomEnd": "paging" if page_length else None,
        },
        "columnDefs": [
            {"targets": numeric, "className": "num", "type": "num-fmt"},
            {"targets": text, "className": "text"},
            {"targets": long, "className": "text long"},
        ],
        "order": [],
        "paging": bool(page_length),
        "text_in_header_can_be_selected": False,
    }
    if page_length:
        options["pageLength"] = page_length
        options["lengthMenu"] = sorted({page_length, 10, 25, 100}) + [-1]
    if catalog is not None:
        options["language"] = {k: catalog.text(key) for k, key in LANGUAGE_KEYS.items()}
    return options


def render_interactive_table(
    table: pd.DataFrame,
    name: str,
    catalog: Catalog | None = None,
    html_columns: tuple = (),
    page_length: int = 0,
    langs: dict | None = None,
) -> str:
    """Return a searchable, sortable table (DataTables via itables), escaped and deterministic.

    The page needs ``render_table_library()`` once (``render_page`` adds it); without script
    the reader sees the same cells as a plain table. ``page_length`` 0 shows every row;
    ``langs`` as for ``html.render_table``.
    """
    from itables.javascript import get_itable_arguments, html_table_from_template

    table_id = make_table_id(name)
    cells = _escape_cells(table, set(html_columns), langs or {})
    arguments = get_itable_arguments(
        cells,
        None,
        table_id=table_id,
        connected=False,
        allow_html=True,  # every cell escaped above
        showIndex=False,
        maxBytes=0,
        maxRows=0,
        maxColumns=0,
        format_floats_in_python=False,
        add_rank_to_categories=False,
        display_logo_when_loading=False,
        warn_on_unexpected_types=False,
        show_dtypes=False,
        css="",
        **_table_options(table, cells, catalog, page_length),
    )
    options = {k: v for k, v in arguments.items() if k in TABLE_OPTIONS}
    fallback = render_fallback(cells)
    output = html_table_from_template(
        table_id=table_id,
        dt_url="",
        connected=False,
        display_logo_when_loading=False,
        kwargs=options,
        fallback_html=fallback,
    )
    # itables' placeholder body ("Loading ITables…", a link to its help) is replaced by the table
    placeholder = f'(<table id="{table_id}" hidden="hidden">).*?(</table>)'
    output = re.sub(placeholder, r"\1\2", output, count=1, flags=re.DOTALL)
    return f'<div {INTERACTIVE_MARK} data-table="{escape(name)}">{output}</div>'


_PANDAS_REWRITES = re.compile(r"[\t\r\n]|^\s|\s$")


def render_fallback(cells: pd.DataFrame) -> str:
    """Return the plain table shown without script: escaped cells, in pandas' ``to_html`` form.

    Written out directly (pandas formats every cell again, the sources page's main cost with
    many documents); a cell pandas would rewrite (tabs, line breaks, edge spaces) goes through
    pandas itself, so the page stays the same byte for byte.
    """
    texts = [*cells.columns, *(v for column in cells.columns for v in cells[column])]
    if any(not isinstance(t, str) or _PANDAS_REWRITES.search(t) for t in texts):
        return cells.to_html(index=False, escape=False, border=0, classes="report-table")
    head = "".join(f"      <th>{name}</th>\n" for name in cells.columns)
    rows = "".join(
        "    <tr>\n" + "".join(f"      <td>{v}</td>\n" for v in record) + "    </tr>\n"
        for record in cells.itertuples(index=False, name=None)
    )
    return (
        '<table class="dataframe report-table">\n  <thead>\n    <tr style="text-align: right;">'
        f"\n{head}    </tr>\n  </thead>\n  <tbody>\n{rows}  </tbody>\n</table>"
    )


@lru_cache(maxsize=1)
def render_table_library() -> str:
    """Return the style and the inlined DataTables bundle that interactive tables need."""
    from itables.javascript import generate_init_offline_itables_html
    from itables.utils import find_package_file

    generated = generate_init_offline_itables_html(find_package_file("html/dt_bundle.js"))
    script = generated[: generated.index("</script>") + len("</script>")]  # not its <noscript>
    css = (paths.TEMPLATES_DIR / "interactive.css").read_text(encoding="utf-8")
    return f'\n<style type="text/css">{css}</style>\n{script}'
