"""Where a fact's quote stands in its source, and which of the parser's numbers lie inside it."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

_DECLINE = re.compile(r"下滑|下降|减少|降低|下跌|跌")

_NUMERAL_RUN = re.compile(r"\d+(?:\.\d+)?[十百千万亿]*|[零〇一二两三四五六七八九十百千万亿]+")


def find_quote_spans(quote: str, text: str) -> list[tuple[int, int]]:
    """Return every span of ``quote`` in ``text``, raw first, else after normalization."""
    spans = _find_all(quote, text)
    if spans or not quote:
        return spans
    try:
        from helpers.normalize import normalize_text
    except ImportError:  # pragma: no cover - normalize.py is part of the package
        return []
    return _find_all(normalize_text(quote).text, normalize_text(text).text)


def _find_all(needle: str, haystack: str) -> list[tuple[int, int]]:
    """Return the spans of every occurrence of ``needle`` in ``haystack``."""
    spans = []
    if not needle:
        return spans
    i = haystack.find(needle)
    while i >= 0:
        spans.append((i, i + len(needle)))
        i = haystack.find(needle, i + 1)
    return spans


def list_written_numbers(quote: str) -> set[Decimal]:
    """Return numerals written in ``quote`` that the parser skips on purpose (一款 → 1)."""
    from helpers.numbers import parse_numeral

    found: set[Decimal] = set()
    for match in _NUMERAL_RUN.finditer(quote):
        parsed = parse_numeral(match.group())
        if parsed is not None:
            found.update(v for v in parsed[:2] if v is not None)
    return found


def list_mention_values(mention) -> set[Decimal]:
    """Return the value and (if any) high of a parser mention."""
    return {v for v in (mention.value, mention.high) if v is not None}


def is_fact_value(number: Decimal, values: set[Decimal], quote: str) -> bool:
    """Return True when ``number`` (or its negation, for a stated decline) is in ``values``."""
    if number in values:
        return True
    return number < 0 and -number in values and bool(_DECLINE.search(quote))


def mentions_within(mentions: list, spans: list[tuple[int, int]]) -> list:
    """Return the mentions lying inside any of ``spans``, each once, in text order.

    Linear in the mentions and spans (a quote repeated a thousand times must not make
    validation quadratic): mentions are sorted by start and each span is found by bisection.
    """
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in ordered]
    picked: dict[int, object] = {}
    for s, e in spans:
        i = bisect.bisect_left(starts, s)
        while i < len(ordered) and ordered[i].start < e:
            if ordered[i].end <= e:
                picked[i] = ordered[i]
            i += 1
    return [picked[i] for i in sorted(picked)]
