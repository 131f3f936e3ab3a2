"""The sources page: each document's metadata in both languages, its facts with their quotes,
or — while it is not yet curated — the numbers the parser found in it."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers import narrative, views
from helpers.corpus import guess_language
from helpers.html import (
    escape,
    render_foreign,
    render_link,
    render_page,
    render_paragraph,
)
from helpers.i18n import Catalog
from helpers.interactive import render_interactive_table
from helpers.primary_views import describe_checks


def describe_facts(
    catalog: Catalog, facts: pd.DataFrame, metrics: pd.DataFrame, source_lang, checks=None
):
    """Return a source's facts as a display table in the catalog's language, and the language
    of each text column that is not the page's (quotes in the source's, notes in English).

    With ``checks`` (data/claim_checks.csv), each checked fact shows its check beside it: the
    verdict, the open-data figure and the snapshot.
    """
    by_id = {row["metric_id"]: row for row in metrics.to_dict("records")}
    records = facts.to_dict("records")
    columns = {
        "col.fact_id": facts["fact_id"],
        "col.metric": [by_id.get(m, {}).get(f"name_{catalog.lang}", m) for m in facts["metric_id"]],
        "col.entity": [catalog.name(e) for e in facts["entity"]],
        "col.value": views.format_quantities(facts, catalog, by_id),
        "col.period": views.format_periods(facts),
        "col.quote": facts["quote"],
    }
    page_lang = catalog.language.html_lang
    langs = {"col.quote": source_lang if source_lang != page_lang else ""}
    if catalog.lang == "en":
        columns["col.quote_en"] = [r.get("quote_en", "") for r in records]
    columns["col.note"] = [r.get("note", "") for r in records]
    langs["col.note"] = "en" if page_lang != "en" else ""
    if checks is not None and len(checks):
        described = describe_checks(checks, facts, catalog, by_id)
        columns["col.check"] = [described.get(f, "") for f in facts["fact_id"]]
    table = pd.DataFrame({catalog.text(k): v for k, v in columns.items()})
    return table, {catalog.text(k): v for k, v in langs.items()}


def describe_mentions(catalog: Catalog, source) -> tuple[pd.DataFrame, dict]:
    """Return the numbers the parser finds in an uncurated source's body, with their sentences."""
    surface, kind, value, sentence = (
        catalog.text(f"col.{key}") for key in ("surface", "kind", "value", "sentence")
    )
    mentions = find_body_mentions(source.text, source.file)
    table = pd.DataFrame(
        {
            surface: [m.surface for m in mentions],
            kind: [m.kind for m in mentions],
            value: [format_mention_value(m, catalog) for m in mentions],
            sentence: [m.sentence for m in mentions],
        }
    )
    foreign = source.html_lang if source.html_lang != catalog.language.html_lang else ""
    return table, {surface: foreign, sentence: foreign}


@lru_cache(maxsize=1024)
def find_body_mentions(text: str, file: str) -> tuple:
    """Return the parser's mentions in a document's body (kept: each language's page asks)."""
    from helpers.numbers import find_mentions

    return tuple(m for m in find_mentions(text, file) if m.section == "body")


def format_mention_value(mention, catalog: Catalog) -> str:
    """Return a parser mention's value for display: years plain, dates as written, else grouped."""
    if mention.kind == "date":
        return mention.surface
    if mention.kind == "year":
        return str(int(mention.value))
    number = catalog.number(mention.value)
    if mention.high is not None:
        number = f"{number}–{catalog.number(mention.high)}"
    return number


def original_lang(catalog: Catalog, source) -> str | None:
    """Return the language to mark the original study's title with, or None for the page's own:
    a study an article cites is often English (ITIF, McKinsey), whatever the article's language."""
    title = source.meta.get("original_title", "")
    lang = source.html_lang if guess_language(title) != "en" else "en"
    return lang if lang != catalog.language.html_lang else None


def describe_metadata(catalog: Catalog, source) -> list[tuple[str, str]]:
    """Return the document's metadata as (label key, HTML value) pairs in the page's language."""
    meta = source.meta
    foreign = source.html_lang if source.html_lang != catalog.language.html_lang else None
    english = "en" if catalog.lang != "en" else None
    publisher = meta.get("publisher", "")
    if catalog.lang == "en" and meta.get("publisher_en"):
        publisher_html = escape(meta["publisher_en"])
        if publisher:
            publisher_html += f" ({render_foreign(publisher, foreign)})"
    else:
        publisher_html = render_foreign(publisher, foreign)
    original = render_foreign(meta.get("original_title", ""), original_lang(catalog, source))
    if meta.get("original_url"):
        original += " " + render_link(meta["original_url"])
    return [
        ("col.source_id", escape(source.source_id)),
        ("col.publisher", publisher_html),
        ("col.author", render_foreign(meta.get("author", ""), foreign)),
        ("col.published", escape(meta.get("published", ""))),
        ("col.url", render_link(meta.get("url", ""))),
        ("col.original", original),
        ("col.language", escape(meta.get("language", ""))),
        ("col.file", escape(source.file)),
        ("col.sha256", f"<code>{escape(source.sha256)}</code>"),
        ("col.notes", render_foreign(meta.get("notes", ""), english)),
    ]


def render_title(catalog: Catalog, source) -> str:
    """Return the document's heading: its English title on English pages, the original beside."""
    foreign = source.html_lang if source.html_lang != catalog.language.html_lang else None
    title = source.meta.get("title", "")
    if catalog.lang == "en" and source.meta.get("title_en"):
        original = catalog.text("sources.original_title")
        return (
            f"<h2>{escape(source.meta['title_en'])}</h2>\n"
            f'<p class="original-title">{escape(original)} {render_foreign(title, foreign)}</p>'
        )
    return f"<h2>{render_foreign(title, foreign)}</h2>"


def render_source(catalog: Catalog, source, facts: tuple, mentions: tuple) -> str:
    """Return one document's section: metadata, its facts' quotes, or its uncurated numbers.

    ``facts`` and ``mentions`` are (table, column languages) pairs; an empty table is skipped.
    """

    def text(key: str, **values) -> str:
        return escape(catalog.text(key, **values))

    details = "\n".join(
        f"<dt>{text(key)}</dt><dd>{value}</dd>"
        for key, value in describe_metadata(catalog, source)
        if value
    )
    parts = [
        f'<section id="{escape(source.source_id)}">',
        render_title(catalog, source),
        f'<dl class="meta">{details}</dl>',
    ]
    table, langs = facts
    if len(table):
        parts.append(f"<h3>{text('sources.facts', n=catalog.number(len(table)))}</h3>")
        parts.append(
            render_interactive_table(table, f"facts-{source.source_id}", catalog, langs=langs)
        )
        if narrative.STANDIN_MARK in "".join(table[catalog.text("col.period")]):
            parts.append(render_paragraph(catalog.text("period.standin_note"), "standin"))
    else:
        parts.append(f'<p class="uncurated">{text("sources.uncurated")}</p>')
        if len(mentions[0]):
            name = f"mentions-{source.source_id}"
            parts.append(render_interactive_table(mentions[0], name, catalog, langs=mentions[1]))
    parts.append("</section>")
    return "\n".join(parts)


def render_sources(catalog: Catalog, sections: list[str]) -> str:
    """Return the sources page from rendered document sections."""
    intro = render_paragraph(catalog.text("sources.page.intro"))
    body = intro + "\n" + "\n".join(sections)
    return render_page(catalog, "sources.html", catalog.text("report.sources"), body)
