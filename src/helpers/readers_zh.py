"""Read one match of ``patterns_zh.CORE``: one reader per kind of Chinese number."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.numerals_zh import (
    CN_VALUE,
    looks_like_year,
    parse_numeral,
    read_small_int,
    read_year,
)
from helpers.patterns_zh import (
    CURRENCY_BEFORE_LAST,
    CURRENCY_BEFORE_RE,
    PERCENT_WORDS_RANGE_RE,
    POST_RE,
    PRE_RE,
    RANK_NOT_BEFORE,
    SHARE_RANGE_RE,
)
from helpers.reading import Reading, read_date_value, read_day_range

_PERCENT = Decimal(10)
HEDGE_LAST = frozenset("过近约少于低足到逾超高多负±~")
# The last characters of a hedge or of a currency word between a hedge and the amount
# (约人民币300亿元, 逾新台币20亿元): where a hedge may stand before.
HEDGE_OR_CURRENCY_LAST = HEDGE_LAST | CURRENCY_BEFORE_LAST
_QUARTER_UNITS = {1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}
_MARKER_AFTER = frozenset("，,、：:")
_CLAUSE_END = frozenset("。；;：:！？!?\n")


def read_calendar_date(t: str, m: re.Match[str]) -> Reading | None:
    """Return a year, date or period written with 年/月/日 or as 2024-09-19."""
    start, end = m.span()
    if m.group("y"):
        year = read_year(m.group("y"))
        if m.group("half"):
            return read_date_value(start, end, year, "H1" if m.group("half") == "上" else "H2")
        if m.group("q") or m.group("yq"):
            quarter = read_small_int(m.group("q") or m.group("yq"))
            return read_date_value(start, end, year, _QUARTER_UNITS[quarter])
        if m.group("m"):
            month = read_small_int(m.group("m"))
            if m.group("d"):
                base = year * 10000 + month * 100
                return _read_days(m, start, end, base, "d", "db", "年月日")
            return read_date_value(start, end, year * 100 + month, "年月")
        # a bare year: may still be a range end (2008-2024年 is read from the first number)
        return Reading(start, end, Decimal(year), None, None, None, "year", None)
    if m.group("iy"):
        v = int(m.group("iy")) * 10000 + int(m.group("im")) * 100 + int(m.group("id"))
        return read_date_value(start, end, v, "年月日")
    if m.group("m2"):
        return _read_month(m, start, end)
    if m.group("d4"):  # 昨（18）日, the Taiwan dateline form
        return read_date_value(start - 1, end, int(m.group("d4")), "日")
    if m.group("fy"):  # 2024-25年度: a fiscal year across two calendar years
        first, last = int(m.group("fy")), int(m.group("fy2"))
        if (first + 1) % 100 != last:
            return None
        return Reading(start, end, Decimal(first), Decimal(first + 1), None, None, "year", None)
    if m.group("ym"):  # 2023-12: a year and month
        return read_date_value(start, end, int(m.group("ym")) * 100 + int(m.group("ymm")), "年月")
    return read_date_value(start, end, int(m.group("d3")), "日")


def _read_month(m: re.Match[str], start: int, end: int) -> Reading | None:
    """Return a month (5月), a month and day (8月26日) or a month range (1-6月)."""
    month = read_small_int(m.group("m2"))
    if m.group("m2b"):
        last = read_small_int(m.group("m2b"))
        if last > month and not m.group("d2"):
            return Reading(start, end, Decimal(month), Decimal(last), "月", None, "date", None)
        return None
    if m.group("d2"):
        return _read_days(m, start, end, month * 100, "d2", "d2b", "月日")
    return read_date_value(start, end, month, "月")


def _read_days(
    m: re.Match[str], start: int, end: int, base: int, day: str, last: str, unit: str
) -> Reading | None:
    """Return the day (8月26日) or days (9月19-20日) of the ``base`` month, else None for
    days that do not rise (9月20-19日)."""
    first = read_small_int(m.group(day))
    if m.group(last) is None:
        return read_date_value(start, end, base + first, unit)
    final = read_small_int(m.group(last))
    return read_day_range(start, end, base, first, final, unit) if final > first else None


def read_half(t: str, m: re.Match[str]) -> Reading:
    """Return a half year without a year: 上半年 → date 1 H1, 下半年 → date 2 H2."""
    first = t[m.start() - 1] == "上"
    return read_date_value(m.start() - 1, m.end(), 1 if first else 2, "H1" if first else "H2")


def read_period(t: str, m: re.Match[str]) -> Reading | None:
    """Return a quarter without a year: 第一季度 → date 1 Q1, 3季度 → Q3, 前三季度 → Q 1..3;
    after 连续 a number of quarters: 连续三季度 → duration 3 季度."""
    start, end = m.span()
    if m.group("qn2"):  # 前三季度: the first three quarters
        last = read_small_int(m.group("qn2"))
        return Reading(start, end, Decimal(1), Decimal(last), "Q", None, "date", None)
    q = read_small_int(m.group("qn"))
    if t.endswith("连续", max(0, start - 2), start) and t[start] != "第":
        unit = t[m.end("qn") : end]  # 连续三季度: three quarters in a row, a duration
        return Reading(start, end, Decimal(q), None, unit, None, "duration", None)
    return read_date_value(start, end, q, _QUARTER_UNITS[q])


def read_slash_fraction(t: str, m: re.Match[str]) -> Reading | None:
    """Return 1/3 as 0.3333 (kind other, unit null); 5/3 is no fraction of one."""
    num, den = int(m.group("sfa")), int(m.group("sfb"))
    if num >= den:
        return None
    value = (Decimal(num) / den).quantize(Decimal("0.0001"))
    return Reading(m.start(), m.end(), value, None, None, None, "other", None)


def read_percent_words(t: str, m: re.Match[str]) -> Reading | None:
    """Return 百分之四十七 as percent 47 (unit 百分之, as written)."""
    parsed = parse_numeral(m.group("pn"))
    if parsed is None:
        return None
    value, high, approx = parsed
    end = m.end()
    if high is None and (rng := PERCENT_WORDS_RANGE_RE.match(t, end)):
        second = parse_numeral(rng.group("n2"))  # 百分之三到五, 百分之三至百分之五
        if second is not None and second[1] is None and second[0] > value:
            high, end = second[0], rng.end()
    start, hedge = take_prefix_hedge(t, m.start(), "percent")
    return Reading(start, end, value, high, "百分之", None, "percent", hedge or approx)


def read_fraction(t: str, m: re.Match[str]) -> Reading | None:
    """Return 三分之一 as 0.3333 (kind other, unit 分之)."""
    den, num = parse_numeral(m.group("fd")), parse_numeral(m.group("fn"))
    if den is None or num is None or not den[0] or den[2] or num[2]:
        return None
    value = (num[0] / den[0]).quantize(Decimal("0.0001"))
    start, hedge = take_prefix_hedge(t, m.start(), "other")
    post = POST_RE.match(t, m.end())  # 十分之一左右
    end = m.end() if post is None else post.end()
    hedge = hedge or (post and post.group())
    return Reading(start, end, value, None, "分之", None, "other", hedge)


def read_share(t: str, m: re.Match[str]) -> Reading | None:
    """Return 九成 as percent 90 (unit 成); 七成多 → 70 approx 多; 八九成 → 80..90; 一成半 → 15."""
    digits = m.group("sn")
    high = None
    if len(digits) == 2 and digits[0] in CN_VALUE and digits[1] in CN_VALUE:
        if CN_VALUE[digits[1]] != CN_VALUE[digits[0]] + 1:
            return None
        value, high = Decimal(CN_VALUE[digits[0]]), Decimal(CN_VALUE[digits[1]])
    else:
        parsed = parse_numeral(digits)
        if parsed is None:
            return None
        value, high, _ = parsed
    if m.group("sn3"):  # 五至八成
        last = parse_numeral(m.group("sn3"))
        if high is not None or last is None or not value < last[0]:
            return None
        high = last[0]
    if value > 10 or (high is not None and high > 10):
        return None
    if sd := m.group("sd"):  # 三成五: 35%; 一成半: 15%
        value += Decimal(5 if sd == "半" else CN_VALUE[sd]) / 10
    approx = "几" if digits == "几" else ("多" if m.group("sm") else None)
    end = m.end()
    rng = SHARE_RANGE_RE.match(t, end) if high is None else None
    if rng and (last := parse_numeral(rng.group("sn2"))) and value < last[0] <= 10:
        high, end = last[0], rng.end()  # 两成至三成
    post = POST_RE.match(t, end)
    if post:
        approx, end = approx or post.group(), post.end()
    start, hedge = take_prefix_hedge(t, m.start(), "percent")
    high = None if high is None else high * _PERCENT
    return Reading(start, end, value * _PERCENT, high, "成", None, "percent", hedge or approx)


def read_rank(t: str, m: re.Match[str], glued) -> Reading | None:
    """Return 第五, 第五位, 前20, 前5名 as kind rank (a bound 前N has approx 前)."""
    start, end = m.span()
    text = m.group("rn") or m.group("rn2")
    group = "rn" if m.group("rn") else "rn2"
    parsed = parse_numeral(text)
    if parsed is None or parsed[2] is not None:
        return None
    if glued(t, text, m.start(group), m.end(group)):
        return None
    after = t[end : end + 2]
    unit = m.group("ru")
    if after and after[0] in RANK_NOT_BEFORE and not unit:
        return None  # 第12条, 第3章, 第6期: a reference or an issue
    if m.group("rn2"):
        if text == "一" and not unit:
            return None  # 前一句, 前一年: "the previous", not a bound
        if unit == "%":  # 前1%: a bound on a share
            return Reading(start, end, parsed[0], None, unit, None, "percent", "前")
        return Reading(start, end, parsed[0], None, unit, None, "rank", "前")
    if unit == "%" or (not unit and _is_discourse_marker(t, start, end)):
        return None
    return Reading(start, end, parsed[0], None, unit, None, "rank", None)


def _is_discourse_marker(t: str, start: int, end: int) -> bool:
    """Return True for 第一，… 第二，… opening a clause: list markers, not ranks."""
    if t[end : end + 1] not in _MARKER_AFTER:
        return False
    before = t[max(0, start - 4) : start].rstrip(" ")[-1:]
    return before in _CLAUSE_END if before else start <= 4


def read_big(t: str, m: re.Match[str]) -> Reading | None:
    """Return the numeral of 三大尖端技术 or 四大天王 as a count with no unit."""
    value = Decimal(CN_VALUE.get(m.group("big"), 10))
    return Reading(m.start(), m.end() - 1, value, None, None, None, "count", None)


def take_prefix_hedge(t: str, start: int, kind: str) -> tuple[int, str | None]:
    """Return (new start, hedge) when a Chinese hedge (超过, 近 …) is written before ``start``
    (for money, perhaps before a currency word: 约人民币300亿元)."""
    if not start or kind in ("year", "date", "rank"):
        return start, None
    if t[start - 1] in "为达" and t[start - 2 : start - 1] == "约":
        return start - 2, "约"  # 约为17.48亿港元, 约达11.97亿: the hedge is 约
    if t[start - 1] not in HEDGE_LAST:
        if kind != "money" or t[start - 1] not in CURRENCY_BEFORE_LAST:
            return start, None
        word = CURRENCY_BEFORE_RE.search(t, max(0, start - 4), start)
        if word is None:
            return start, None
        hedged, hedge = take_prefix_hedge(t, word.start(), kind)
        return (hedged, hedge) if hedge else (start, None)
    pre = PRE_RE.search(t, max(0, start - 3), start)
    if pre is None:
        return start, None
    if pre.group() == "近" and pre.start() and t[pre.start() - 1] in "附最临就":
        return start, None
    if pre.group() == "~" and pre.start() and t[pre.start() - 1].isdigit():
        return start, None  # 10~20: a range, not a hedge
    return pre.start(), pre.group()


def is_year_range(first: str, last: str) -> bool:
    """Return True when both ends of a range are written as years (2023-2024)."""
    return looks_like_year(first) and looks_like_year(last)
