"""Read English numbers: dates, periods, ranks, and the scale word and unit after a number."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers import patterns_en as P
from helpers.nouns_en import is_counted_noun, match_hyphen_noun
from helpers.numerals_en import get_month, get_scale
from helpers.numerals_zh import looks_like_year, read_year
from helpers.reading import Reading, read_date_value, read_day_range

_PERIOD_UNITS = {("Q", 1): "Q1", ("Q", 2): "Q2", ("Q", 3): "Q3", ("Q", 4): "Q4",
                 ("H", 1): "H1", ("H", 2): "H2"}  # fmt: skip
_SPACES = (" ", "\u00a0")
_SYMBOL_ENDS = "$€£¥￥ \u00a0"  # the last character of a currency symbol, or a blank after one
_DATE_BEFORE = (" ", "\u00a0", "Q", "H", "/")
_DATE_AFTER = (" ", "\u00a0", "s", "t", "n", "r", "/", "-", "–", "—")
_EN_AFTER = frozenset(" \u00a0-–—xX×%+kmbtKMBTEPGnchWVpy°℃")
_WORD_AFTER = re.compile(r"[ \u00a0]([A-Za-z]+)")
# What a resolution (4K, 8K) describes: after K, these nouns make the number a name.
_RESOLUTION_NOUNS = frozenset(
    "screen screens display displays tv tvs television televisions monitor monitors video videos "
    "camera cameras panel panels projector projectors resolution content streaming footage "
    "movie movies film films".split()
)
_VERSION_BEFORE = re.compile(r"[0-9][A-Za-z0-9.-]*[ \u00a0]$")
_PARAMETERS_BEFORE = re.compile(r"(?:参数(?:量|规模)?[为达约是:]?|激活)[ ]?$")
_PARAMETERS_AFTER = re.compile(r"[ ]?(?:总|激活)?参数")
# A spread, not a change, before "from X to Y": ranged from 26 to 40 weeks, run from 1.5 to 680.
_SPREAD_FROM = re.compile(
    r"(?<![A-Za-z])(?i:rang(?:e|es|ed|ing)|runs?|ran|var(?:y|ies|ied|ying)|spann?(?:s|ed|ing)?"
    r"|anywhere|somewhere)"
    r"[ \u00a0]from[ \u00a0]$"
)
_EN_SUFFIX = re.compile(
    rf"(?:bn|tn|trn|mn|mln|[kmbtKMBTxX×]|st|nd|rd|th|s|ms|yrs?|pcts?|ppts?|pp|{P.SI_UNITS})"
    r"(?![A-Za-z0-9])"
)


def has_english_suffix(t: str, start: int, end: int) -> bool:
    """Return True when letters after a number are a scale, multiple or ordinal (3bn, 4x, 5th).

    A capital K, M, B or T alone is a scale only for money ($3B) or before what it counts
    (7B parameters, 10K employees; K not before screens); otherwise it ends a name: Llama 3.1
    405B, 910B, 8K.
    """
    m = _EN_SUFFIX.match(t, end)
    if m is None:
        return False
    if m.group() not in ("K", "M", "B", "T"):
        return True
    if start and P.CURRENCY_PREFIX.search(t, max(0, start - 4), start):
        return True
    if m.group() == "B" and (
        _PARAMETERS_BEFORE.search(t, max(0, start - 8), start)
        or _PARAMETERS_AFTER.match(t, m.end())
    ):
        return True  # 总参数量为70B, 仅激活37B, 405B总参数: a model's size in parameters
    word = _WORD_AFTER.match(t, m.end())
    if word is None or not is_counted_noun(word.group(1)):
        return False
    if m.group() == "K" and word.group(1).lower() in _RESOLUTION_NOUNS:
        return False  # 10K employees, 128K tokens count thousands; 8K screens is a resolution
    # Kestrel-2 70B, Llama 3.1 405B: after a token with a digit, the size ends a model's name.
    return _VERSION_BEFORE.search(t, max(0, start - 24), start) is None


def read_en_date(t: str, start: int, end: int, s: str) -> Reading | None:
    """Return a date around a number: December 2022, September 19, 2024, 26 August, Q1 2024."""
    b, a = t[start - 1 : start], t[end : end + 1]
    if not s.isdigit() or (b not in _DATE_BEFORE and a not in _DATE_AFTER):
        return None  # quick exit: nothing English around the number
    n = int(s)
    if "/" in (b, a) and (slashed := _read_slash_date(t, start, end, s, n)):
        return slashed
    before = P.MONTH_BEFORE.search(t, max(0, start - 12), start) if b in _SPACES else None
    if before:
        month = get_month(before.group("mon"))
        if looks_like_year(s):
            return read_date_value(before.start(), end, n * 100 + month, "年月")
        if 1 <= n <= 31 and len(s) <= 2:
            return _read_day_month(t, before.start(), end, month, n)
    if 1 <= n <= 31 and len(s) <= 2:
        last, day_end = _read_last_day(t, end, n)
        after = P.MONTH_AFTER.match(t, day_end)
        if after:
            month = get_month(after.group("mon"))
            if after.group("y"):
                base = int(after.group("y")) * 10000 + month * 100
                return read_day_range(start, after.end(), base, n, last, "年月日")
            return read_day_range(start, after.end(), month * 100, n, last, "月日")
    if looks_like_year(s) and a in _SPACES and (period := _read_year_period(t, start, end, n)):
        return period
    return _read_period_or_decade(t, start, end, s, n)


def _read_year_period(t: str, start: int, end: int, year: int) -> Reading | None:
    """Return a year at [start, end) and the quarter or half written after it (2024 Q2,
    FY2024 H1, FY24 Q2) as one date, else None."""
    period = P.YEAR_PERIOD.match(t, end)
    unit = period and _PERIOD_UNITS.get((period.group("p"), int(period.group("n"))))
    return read_date_value(start, period.end(), year, unit) if unit else None


def _read_slash_date(t: str, start: int, end: int, s: str, n: int) -> Reading | None:
    """Return 17/Sep/2024 (年月日) or Sep/2024 (年月), else None."""
    if t[end : end + 1] == "/" and 1 <= n <= 31 and len(s) <= 2:
        after = P.MONTH_SLASH_AFTER.match(t, end)
        if after:
            value = int(after.group("y")) * 10000 + get_month(after.group("mon")) * 100 + n
            return read_date_value(start, after.end(), value, "年月日")
    if t[start - 1 : start] == "/" and looks_like_year(s):
        before = P.MONTH_SLASH_BEFORE.search(t, max(0, start - 11), start)
        if before:
            value = n * 100 + get_month(before.group("mon"))
            return read_date_value(before.start(), end, value, "年月")
    return None


def _read_last_day(t: str, end: int, day: int) -> tuple[int, int]:
    """Return the last day and its end when a day range follows ``day`` (19-20), else ``day``
    and ``end``."""
    to = P.DAY_TO.match(t, end) if t[end : end + 1] in "-–—" else None
    if to is None or int(to.group("d")) <= day:
        return day, end
    return int(to.group("d")), to.end()


def _read_day_month(t: str, start: int, end: int, month: int, day: int) -> Reading:
    """Return August 26 (月日), September 19, 2024 (年月日) or September 19-20 (a range of days)
    from the day's end on."""
    last, end = _read_last_day(t, end, day)
    tail = P.DAY_YEAR.match(t, end)
    if tail and tail.group("y"):
        base = int(tail.group("y")) * 10000 + month * 100
        return read_day_range(start, tail.end(), base, day, last, "年月日")
    return read_day_range(start, tail.end() if tail else end, month * 100, day, last, "月日")


def _read_period_or_decade(t: str, start: int, end: int, s: str, n: int) -> Reading | None:
    """Return Q1 2024 / H2 (a period) or the 1990s (a decade), else None."""
    period = P.PERIOD_BEFORE.search(t, max(0, start - 1), start) if start else None
    if period and (period.group("p"), n) in _PERIOD_UNITS and len(s) == 1:
        unit = _PERIOD_UNITS[(period.group("p"), n)]
        year = P.PERIOD_YEAR.match(t, end)
        if year:
            value = read_year(year.group("y") or year.group("yy"))
            return read_date_value(period.start(), year.end(), value, unit)
        return read_date_value(period.start(), end, n, unit)
    if looks_like_year(s) and n % 10 == 0 and P.DECADE.match(t, end):
        return read_date_value(start, end + 1, n, "s")
    return None




def read_period_code(t: str, m: re.Match[str]) -> Reading | None:
    """Return the date of a compact code (``patterns_en.PERIOD_CODE``): 3Q25 → 2025 Q3,
    23Q1 → 2023 Q1, 1H2024 → 2024 H1, FY23Q3 → 2023 Q3, FY24 → the year 2024 (FY included)."""
    start = m.start() - 2 if t[m.start() - 2 : m.start()] == "FY" else m.start()
    if m.group("cfy"):
        year = read_year(m.group("cfy"))
        return _read_year_period(t, start, m.end(), year) or Reading(
            start, m.end(), Decimal(year), None, None, None, "year", None
        )
    if m.group("cn"):
        p, n, y = m.group("cp", "cn", "cy")
    else:
        p, n, y = m.group("cp2", "cn2", "cy2")
    unit = _PERIOD_UNITS.get((p, int(n)))
    return None if unit is None else read_date_value(start, m.end(), read_year(y), unit)


def read_en_rank(t: str, start: int, end: int, s: str, value: Decimal) -> Reading | None:
    """Return 5th, No. 2 or top 10 (a bound: approx "top") as kind rank, else None."""
    if t[end : end + 1] in ("s", "n", "r", "t") and (suffix := P.ORDINAL_SUFFIX.match(t, end)):
        if P.EDITION.match(t, suffix.end()):
            return None  # 2nd ed.: an edition, not a rank
        century = P.UNIT.match(t, suffix.end())
        if century and century.group("century"):
            return read_date_value(start, century.end(), int(s), "century")
        if P.MONTH_BEFORE.search(t, max(0, start - 12), start) is None:
            return Reading(start, suffix.end(), value, None, None, None, "rank", None)
        return None
    if not start or t[start - 1] not in (" ", ".", "\u00a0", "-"):
        return None
    near = t[max(0, start - 5) : start].lower()
    no = P.RANK_NO.search(t, max(0, start - 5), start) if "no" in near else None
    if no:
        return Reading(no.start(), end, value, None, None, None, "rank", None)
    if near.endswith((", ", "and ", "or ", "& ")) and _is_listed_rank(t, start):
        return Reading(start, end, value, None, None, None, "rank", None)
    top = P.TOP.search(t, max(0, start - 5), start) if "top" in near else None
    return _read_top(t, top.start(), end, value) if top else None


def read_glued_top(t: str, start: int, end: int, s: str) -> Reading | None:
    """Return TOP10, Top5 (written without a blank, as Chinese reports do) as top 10, else None."""
    top = P.TOP.search(t, max(0, start - 4), start)
    if top is None or not s.isdigit():
        return None
    return _read_top(t, top.start(), end, Decimal(s))


def _read_top(t: str, start: int, end: int, value: Decimal) -> Reading:
    """Return a bound written with "top" from ``start``: top 10 (a rank), top 1% (a share)."""
    if t[end : end + 1] == "%":  # top 1%: a bound on a share
        return Reading(start, end + 1, value, None, "%", None, "percent", "top")
    return Reading(start, end, value, None, None, None, "rank", "top")


def _is_listed_rank(t: str, start: int) -> bool:
    """Return True for a later item of a list of ranks (the 6 and the 9 of "No 3, 6, and 9")."""
    return P.RANK_NO_LIST.search(t, max(0, start - 40), start) is not None


def has_english_after(t: str, end: int) -> bool:
    """Return True when the character after a number may start an English scale, range or unit."""
    return t[end : end + 1] in _EN_AFTER


def read_scale(t: str, end: int) -> tuple[Decimal | None, int]:
    """Return (multiplier, new end) of a scale word at ``end`` (3bn, 8 million), or (None, end)."""
    m = P.SCALE.match(t, end)
    if m is None:
        return None, end
    return get_scale((m.group("sc") or m.group("sc2")).strip(" \u00a0")), m.end()


def read_en_range(t: str, start: int, end: int) -> tuple[str, int, int] | None:
    """Return (second number, its start, its end) of 5 to 10, 5–10, between 5 and 10, else None."""
    m = P.RANGE.match(t, end)
    if m is None:
        return None
    joiner = t[end : m.start("n2")].strip(" \u00a0$€£¥USHK")
    lead = find_symbol_start(t, start)
    before = t[max(0, lead - 8) : lead].lower()
    if joiner == "and" and not before.endswith("between "):
        return None
    if joiner == "to" and before.endswith("from ") and not _SPREAD_FROM.search(t, 0, lead):
        return None  # rose from 5 to 10, from $5 to $10: two numbers (but ranged from 5 to 10)
    return m.group("n2"), m.start("n2"), m.end("n2")


def find_symbol_start(t: str, start: int) -> int:
    """Return where a currency symbol written right before ``start`` (or one blank before it)
    begins ($5, US$5, $ 5), else start."""
    if not start or t[start - 1] not in _SYMBOL_ENDS:
        return start
    if t[start - 1] in _SPACES and t[start - 2 : start - 1] not in _SYMBOL_ENDS:
        return start
    cur = P.CURRENCY_PREFIX.search(t, max(0, start - 4), start)
    return cur.start() if cur is not None and cur.group("sym") else start


def read_en_unit(
    t: str, end: int, s: str, money: bool = False
) -> tuple[str | None, str | None, str | None, int]:
    """Return (unit, kind, currency, new end) for the unit after a number, or Nones and ``end``.

    After an amount of money (``money``: a currency symbol was written before the number), a
    plain word is never the unit: ¥1 trillion goes to …
    """
    m = P.UNIT.match(t, end)
    if m is None:
        compound = None if money else match_hyphen_noun(t, end)
        if compound is None:
            return None, None, None, end
        return compound.group(1), "count", None, compound.end()
    group = m.lastgroup
    unit = m.group(group).strip(" \u00a0")
    unit = unit.strip("-")  # three-year → year; 10-fold → fold, as tenfold
    if group == "pct":
        return unit, "percent", None, m.end()
    if group == "mult":
        return unit, "multiple", None, m.end()
    if group == "cur":
        return unit, "money", P.CURRENCY_WORDS[unit.lower()], m.end()
    if group in ("time", "ms"):
        if money:
            return None, None, None, end  # $20B Quarter (a headline): the amount, not a period
        return unit, "duration", None, m.end()
    if group in ("pts", "hpts"):
        return unit, ("other" if unit.startswith("basis") else "score"), None, m.end()
    if group in ("si", "meas"):
        return unit, "count", None, m.end()
    if group == "noun" and not money and is_counted_noun(unit) and not looks_like_year(s):
        if _is_modifier(t, unit, m.end()):
            return None, None, None, end  # 1.1 million AI chips: AI describes the noun after it
        return unit, "count", None, m.end()
    return None, None, None, end


def _is_modifier(t: str, word: str, end: int) -> bool:
    """Return True for an acronym in the singular or a capitalized name followed by a lower-case
    word, or for an acronym followed by a capitalized word: the word describes what comes after
    it (AI chips, Atlas units, STEM Ph.D. degrees, AI Labs)."""
    if t[end : end + 1] not in _SPACES:
        return False
    following = t[end + 1 : end + 2]
    if following.isupper() and following.isascii():
        return word.isupper() and word[-1] != "S"
    if not following.islower():
        return False
    if word[0].isupper() and word[1:].islower():
        return True
    return word[-1] not in "sS" and not word.islower()


def take_en_prefix(t: str, start: int, kind: str | None):
    """Return (start, unit, currency, hedge) for a currency and hedge written before a number."""
    unit = currency = hedge = None
    before = t[start - 1 : start]
    if not before or before > "\x7f" and before not in "€£¥￥\u00a0":
        return start, unit, currency, hedge
    if before in "$€£¥￥ \u00a0":
        cur = P.CURRENCY_PREFIX.search(t, max(0, start - 4), start)
        if cur and (kind in (None, "count", "other", "year", "money")):
            unit = cur.group("sym") or cur.group("code")
            currency = P.CURRENCY_SYMBOLS.get(unit) or P.CURRENCY_WORDS[unit.lower()]
            start = cur.start()
    if start and t[start - 1] in _SPACES and kind not in ("year", "date", "rank"):
        h = P.HEDGE.search(t, max(0, start - 16), start)
        if h and not (kind == "duration" and _is_over_a_period(t, h)):
            hedge, start = h.group("h").lower().replace("\u00a0", " "), h.start()
    return start, unit, currency, hedge


def take_post_hedge(t: str, end: int) -> tuple[str | None, int]:
    """Return (hedge, new end) for "or more" / "plus" / "+" after a mention."""
    if t[end : end + 1] not in (" ", "-", "+", "\u00a0"):
        return None, end
    m = P.POST_HEDGE.match(t, end)
    if m is None:
        return None, end
    return m.group().strip(" \u00a0-").replace("\u00a0", " "), m.end()


def _is_over_a_period(t: str, h: re.Match[str]) -> bool:
    """Return True for "over five years" meaning across them (not "for over five years")."""
    if h.group("h").lower() != "over":
        return False
    return not t[max(0, h.start() - 4) : h.start()].lower().endswith(("for ", "for\u00a0"))
