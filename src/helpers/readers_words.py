"""Read spelled-out English numbers: three companies, a three-year plan, twice, second-largest."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers import patterns_en as P
from helpers.nouns_en import is_counted_noun
from helpers.numerals_en import ORDINALS, parse_cardinal
from helpers.readers_en import (
    read_en_unit,
    read_scale,
    take_en_prefix,
    take_post_hedge,
)
from helpers.reading import Reading, read_date_value

_FOLD = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "hundred": 100}
_ONLY_BEFORE = re.compile(r"(?i)(?<![a-z])(?:only|just)[ \u00a0]$")
_CARD_RANGE = re.compile(rf"[ \u00a0](?:to|or)[ \u00a0](?P<c2>{P.WORD_ALTERNATION})(?![a-z])")
_FRACTION = re.compile(
    r"[ \u00a0-](?P<den>half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?"
    r"|eighths?|ninths?|tenths?)(?![a-z])"
)
_DENOMINATORS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5,
                 "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
# "number one" and "number two" (a rank: the number one maker), as "No. 1" is.
_NUMBER_BEFORE = re.compile(r"(?<![A-Za-z])[Nn]umber[ \u00a0]$")
_NEXT_WORD = re.compile(r"[ \u00a0]([A-Za-z]+)(?![A-Za-z0-9-])")
# The Big Four, the Magnificent Seven, the Fab Four: a capitalised number word ends a name.
_NAME_BEFORE = re.compile(r"(?<![A-Za-z])(?:Big|Magnificent|Fab|Final)[ \u00a0]$")
_OF_AFTER = re.compile(r"[ \u00a0]of(?![a-z])")


def read_word(t: str, m: re.Match[str]) -> Reading | None:
    """Return the mention a number word starts (or None when it is not a quantity)."""
    if m.group("fold"):
        value = Decimal(_FOLD[m.group("fold").lower()[:-4]])
        return _finish(t, m.start(), m.end(), value, None, "fold", "multiple")
    if m.group("afrac"):  # a third of, a quarter of
        quotient = _divide(1, _DENOMINATORS[m.group("aden").lower()])
        return _finish(t, m.start(), m.end("aden"), quotient, None, None, "other")
    if m.group("twice"):
        return _finish(t, m.start(), m.end(), Decimal(2), None, None, "multiple")
    if m.group("ord"):
        return _read_ordinal(t, m)
    return _read_cardinal(t, m)


def _read_ordinal(t: str, m: re.Match[str]) -> Reading | None:
    """Return "the first half of 2024" (a period) or "ranked third" / "second-largest" (a rank)."""
    n = ORDINALS[m.group("ord").lower()]
    period = P.PERIOD_WORDS.match(t, m.end())
    if period:
        quarter = period.group("what").lower() == "quarter"
        if (quarter and n > 4) or (not quarter and n > 2):
            return None
        unit = ("Q" if quarter else "H") + str(n)
        if period.group("y"):
            return read_date_value(m.start(), period.end(), int(period.group("y")), unit)
        return read_date_value(m.start(), period.end(), n, unit)
    ranked = P.RANKED.search(t, max(0, m.start() - 14), m.start())
    pair = P.ORD_PAIR.match(t, m.end())
    if ranked or P.RANK_AFTER.match(t, pair.end() if pair else m.end()) or _is_ranked_later(t, m):
        return Reading(m.start(), m.end(), Decimal(n), None, None, None, "rank", None)
    return None


def _is_ranked_later(t: str, m: re.Match[str]) -> bool:
    """Return True for an ordinal after a copula that ranks (was second with 15.8 percent) and
    for a later item of a list of ranks (ranked seventh, eighth, and ninth)."""
    start = m.start()
    if P.COPULA.search(t, max(0, start - 10), start):
        first = m.group("ord").lower() == "first"
        return not first and P.COPULA_RANK_AFTER.match(t, m.end()) is not None
    return t[start - 2 : start] in (", ", "d ", "r ") and (
        P.RANKED_LIST.search(t, max(0, start - 90), start) is not None
    )


def _is_quarter_period(t: str, fraction: re.Match[str]) -> bool:
    """Return True for quarters as periods (in just one quarter, for three quarters in a row):
    written after a blank and with no "of" after (not one quarter of, three-quarters)."""
    return (
        fraction.group("den").startswith("quarter")
        and t[fraction.start()] != "-"
        and _OF_AFTER.match(t, fraction.end()) is None
    )


def _divide(numerator: int, denominator: int) -> Decimal:
    """Return a spelled-out fraction's value to four places (one third → 0.3333)."""
    return (Decimal(numerator) / denominator).quantize(Decimal("0.0001"))


def _read_cardinal(t: str, m: re.Match[str]) -> Reading | None:
    """Return "three companies", "two years", "a three-year plan", "two billion", "forty %"."""
    value = parse_cardinal(m.group("card"))
    if value is None:
        return None
    start, end = m.span()
    if 0 < value <= 10 and (number := _NUMBER_BEFORE.search(t, max(0, start - 8), start)):
        return Reading(number.start(), end, Decimal(value), None, None, None, "rank", None)
    if t[start].isupper() and _NAME_BEFORE.search(t, max(0, start - 12), start):
        return None
    fraction = _FRACTION.match(t, end)
    if fraction and 0 < value < 10 and not _is_quarter_period(t, fraction):
        quotient = _divide(value, _DENOMINATORS[fraction.group("den").rstrip("s")])
        return _finish(t, start, fraction.end(), quotient, None, None, "other")
    value_d, high = Decimal(value), None
    top = P.TOP.search(t, max(0, start - 5), start) if start else None
    if top:
        return Reading(top.start(), end, value_d, None, None, None, "rank", "top")
    rng = _CARD_RANGE.match(t, end)
    if rng and (v2 := parse_cardinal(rng.group("c2"))) is not None and v2 > value:
        high, end = Decimal(v2), rng.end()
    scale, end = read_scale(t, end)
    if scale is not None and scale >= 1000:
        value_d, high = value_d * scale, None if high is None else high * scale
    elif scale is not None:
        return None
    unit, kind, currency, unit_end = read_en_unit(t, end, "")
    if value == 1 and kind is None and (only := _read_only_one(t, start, end)):
        unit, kind, unit_end = only[0], "count", only[1]
    if value == 1 and not _is_one_a_quantity(t, start, kind, scale):
        return None
    if kind is None:
        if scale is None and not _is_bare_count(t, end, value):
            return None
        kind = "count"
    return _finish(t, start, unit_end, value_d, high, unit, kind, currency)


def _read_only_one(t: str, start: int, end: int) -> tuple[str, int] | None:
    """Return (noun, end) of "only one company" / "just one model", else None."""
    if _ONLY_BEFORE.search(t, max(0, start - 6), start) is None:
        return None
    nxt = _NEXT_WORD.match(t, end)
    if nxt is None or nxt.group(1).lower() in P.NOT_UNIT:
        return None
    return nxt.group(1), nxt.end()


def _is_one_a_quantity(t: str, start: int, kind: str | None, scale) -> bool:
    """Return True for "one year", "one billion", "only one company" (not "one of", "one day")."""
    if scale is not None or kind == "duration":
        return True
    return kind == "count" and _ONLY_BEFORE.search(t, max(0, start - 6), start) is not None


def _is_bare_count(t: str, end: int, value: int) -> bool:
    """Return True when a plain word follows ("three large models"): the number alone counts."""
    nxt = _NEXT_WORD.match(t, end)
    if nxt is None or value <= 1:
        return False
    word = nxt.group(1)
    return word.lower() not in P.NOT_UNIT and not is_counted_noun(word)


def _finish(t, start, end, value, high, unit, kind, currency=None) -> Reading:
    """Return the reading with a hedge (nearly, more than, or more) and a currency before it."""
    new_start, cur_unit, cur, hedge = take_en_prefix(t, start, kind)
    if cur_unit and kind != "money":
        unit, currency, kind = cur_unit, cur, "money"
    post, end = take_post_hedge(t, end)
    return Reading(new_start, end, value, high, unit, currency, kind, hedge or post)
