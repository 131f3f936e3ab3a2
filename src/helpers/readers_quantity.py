"""Read a plain number (Arabic or Chinese) with its range, scale, unit and hedges, any script."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers import patterns_en as P
from helpers import patterns_zh as Z
from helpers.notnumbers import (
    LINE_START,
    is_after_name_word,
    is_figure_label,
    is_fiscal_year,
    is_glued_left,
    is_glued_right,
    is_marker,
)
from helpers.nouns_en import is_counted_noun
from helpers.numerals_zh import looks_like_year, make_decimal, parse_numeral
from helpers.readers_en import (
    find_symbol_start,
    has_english_after,
    has_english_suffix,
    read_en_date,
    read_en_range,
    read_en_rank,
    read_en_unit,
    read_glued_top,
    read_scale,
    take_en_prefix,
    take_post_hedge,
)
from helpers.readers_zh import take_prefix_hedge
from helpers.reading import Reading

_RANGE_FIRST = frozenset("%至到-~—–")
_MARKER_AFTER = frozenset("】、）")
_SCORE_BEFORE = re.compile(
    r"(?i)(?:scor(?:ed|es|ing)|score[ \u00a0](?:of|was|is|reached|hit|rose[ \u00a0]to))[ \u00a0]$"
)
_LIST_JOINERS = "和、与及"  # 得分81.6和83.2
_SCORE_LAST = frozenset("分为是" + _LIST_JOINERS)
_SIGNED_KINDS = frozenset(("percent", "count", "money", "score"))
_VERSION_ITEM_BEFORE = re.compile(r"(?<![A-Za-z])v[0-9]+(?:\.[0-9]+)*,[ \u00a0]$")
_LATIN_UNIT = re.compile(r"[A-Za-z]+(?![A-Za-z0-9])")
_NAMED_NUMBERS_AFTER = (
    "沪深", "科创", "中证", "上证", "深证", "国证", "创业板",
    "标普", "纳斯达克", "纳指", "罗素", "日经", "富时",
    # chip lines whose number is part of a product's name: 麒麟9010, 天玑9500, 鲲鹏920
    "麒麟", "天玑", "骁龙", "玄戒", "昇腾", "鲲鹏", "龙芯", "飞腾", "海光",
)  # fmt: skip
# 半 after a duration adds a half (三年半, 2年半); 半导体, 半岛, 半径 start another word.
_LONG_DIGITS = re.compile(r"[0-9.]{10,}")  # ten or more digits in a row: an ID
_HALF_AFTER = re.compile("半(?![导岛径])")
_HALF = Decimal("0.5")
_HEADER_SCALES = frozenset(("百万", "千万", "百亿"))
_HEADER_UNITS = ("元)", "美元)", "港元)", "人民币)", "新台币)")
_QUOTES = {"“": "”", "「": "」", "‘": "’", "『": "』"}
_CLOSING_QUOTES = frozenset(_QUOTES.values())
_QUOTED_NAME = re.compile(r"[“「‘『][^\s“「‘『”」’』0-9]{1,10}$")
_HAS_DIGIT_CN = re.compile("[一二两三四五六七八九]")
# What may not stand before a currency word that gives a unitless amount its unit: 兑 (美元兑
# 人民币7.1 is a rate) and the end of the amount before (10亿美元 20家).
_NOT_BEFORE_CURRENCY = frozenset("兑元0123456789零〇一二两三四五六七八九十百千万亿兆多余")
# The last characters of a quantity written in Chinese (a numeral, a unit, a date part): a -
# after one is a dash between two quantities, not a sign.
_QUANTITY_LAST = frozenset(
    "零〇一二两三四五六七八九十百千万亿兆多余年月日号季度至到" + "".join(u[-1] for u in Z.UNIT_KIND)
)
_BEFORE_SIGN = frozenset(" \t\n|(（:：,，、为是达至到")  # 净现金流为-0.35亿元
_ZH_SCORE_BEFORE = re.compile(r"(?:得分|评分|总分|分数)[为是]?$")
# A clause of the same sentence that gave a score (得分88.7，北辰-Max为86.2): 为 N is one too.
_ZH_SCORE_EARLIER = re.compile(r"(?:得分|评分|总分|分数)[为是]?[0-9][^。；;！？!?\n]*$")
# 得分81.6和83.2: the next score of a list that began with one
_ZH_SCORE_LIST = re.compile(rf"(?:得分|评分|总分|分数)[为是]?[0-9][0-9.]*[{_LIST_JOINERS}]$")


_VERSION_TAG = re.compile(r"[1-9]\.0")
# What a quantity, not a name, ends in before its number: a verb, a hedge, a comparison.
_VERSION_NOT_AFTER = frozenset("为是达至到约近超逾比占升降增减涨跌长快高低了出共计合值率分")
_NAME_CLOSERS = frozenset(")）」』”’》")
_SECTION_NUMBER = re.compile(r"[0-9]{1,2}\.[0-9]{1,2}")
# What continues a number rather than a heading after it: hedges, ranges, scales, joiners.
_SECTION_NOT_BEFORE = frozenset("以左上下至到兆亿万多余约和与及或、")


def read_quantity(t: str, m: re.Match[str], lexicon) -> Reading | None:
    """Return the reading of the ``num`` match ``m``: 2万5000篇, 近1800亿个, $100 billion, 30%."""
    start, end = m.span()
    s = m.group("num")
    before, after = t[start - 1 : start], t[end : end + 1]
    if not s[0].isdigit():
        if s == "零" or _is_bare_cjk(t, s, end, after):
            return None  # 两国, 四川, 这一, 零件: a numeral character, not a number
        if before == "每" and not _HAS_DIGIT_CN.search(s):
            return None  # 每百万tokens: the denominator of a rate, no quantity
        if before == "(" and s in _HEADER_SCALES and t.startswith(_HEADER_UNITS, end):
            return None  # 营业收入（百万元）: a table header's unit, no quantity
    elif before.isascii() and before.isalpha() and before not in "QH":
        if before in "pP" and not is_glued_right(t, end):
            return read_glued_top(t, start, end, s)  # TOP10企业 (but mp3, P2P: names)
        if not is_fiscal_year(t, start):
            return None  # GPT4, A100: part of a name (but Q1, H2, FY2024)
    elif before in _QUOTES and after == _QUOTES[before] and s.isdigit():
        return None  # “985”, “211”: a programme's name in quotes
    elif before == "(" and after == ")" and _is_stock_code(t, s, start):
        return None  # 鼎衡電子（6195）: a listed company's stock code
    elif t.endswith(_NAMED_NUMBERS_AFTER, max(0, start - 4), start):
        return None  # 沪深300, 标普500: a stock index; 麒麟9010: a chip
    elif before >= "\u4e00" and before not in _VERSION_NOT_AFTER and _ends_name(t, s, end):
        return None  # 特朗普2.0时代, 畅享70X覆盖: the version or letter that ends a name
    parsed = parse_numeral(s)
    if parsed is None:
        return None
    value, high, approx = parsed
    # Between CJK characters (the common case) no English or name check can apply.
    if s[0].isdigit() and (before < "\x80" or after < "\x80" or after in _MARKER_AFTER):
        if s.isdigit():
            special = read_en_date(t, start, end, s) or read_en_rank(t, start, end, s, value)
            if special is not None:
                return special
        if _is_not_a_quantity(t, s, start, end, lexicon):
            return None
    elif len(s) >= 12 and _LONG_DIGITS.search(s.replace(",", "")):
        return None  # an ID (1,352亿4,600万 is as long, but a number)
    elif lexicon is not None and lexicon.is_after_model(t, start):
        return None  # a version tag after a model name: 文心大模型4.0
    elif after in _CLOSING_QUOTES and _QUOTED_NAME.search(t, max(0, start - 11), start):
        return None  # the version that ends a name in quotes: 「晴川2.0」
    elif before in "表图" and is_figure_label(t, start):
        return None  # 如图3所示: a figure's label
    value, high, approx, end, last = _read_zh_range(t, s, end, value, high, approx)
    um = _match_zh_unit(t, end)
    if um is not None:
        return _read_zh_unit(t, start, um, s, last, value, high, approx)
    if s.isascii() and (has_english_after(t, end) or high is not None):
        en = _read_en_quantity(t, start, end, s, last, value, high)
        if en is not None:
            return en
    elif "A" <= t[end : end + 1] <= "z" and (word := _LATIN_UNIT.match(t, end)):
        if is_counted_noun(word.group()):  # 5,000亿tokens: a Latin unit after a Chinese scale
            post, end = _take_suffix(t, word.end(), "count")
            return _finish(t, start, end, value, high, word.group(), None, "count", approx or post)
    return _read_bare(t, start, end, s, last, value, high, approx)


def _is_stock_code(t: str, s: str, start: int) -> bool:
    """Return True for 3 to 6 digits alone in brackets right after a name (not a year): 賽晶(580),
    川湖（2059) is a year."""
    return (
        s.isdigit()
        and 3 <= len(s) <= 6
        and not looks_like_year(s)
        and start >= 2
        and t[start - 2] >= "\u2e80"
    )


def _is_bare_cjk(t: str, s: str, end: int, after: str) -> bool:
    """Return True when a Chinese numeral has no unit, range, scale or hedge to make it a number."""
    if after in _RANGE_FIRST or Z.HAS_BIG_RE.search(s) or "数" in s:
        return False
    if ("余" in s or "多" in s) and Z.HAS_SMALL_RE.search(s):
        return False
    um = _match_zh_unit(t, end)
    if um is None:
        return True
    return s == "一" and Z.UNIT_KIND[um.group()] not in ("duration", "multiple")


def _is_not_a_quantity(t: str, s: str, start: int, end: int, lexicon) -> bool:
    """Return True for digits in a name (GPT-4o, Windows 11), a marker, an ID or a version tag."""
    if is_glued_left(t, start):
        return True
    if s[-1].isdigit() and is_glued_right(t, end) and not has_english_suffix(t, start, end):
        return True  # 5G, GPT-4o (but 5,000亿tokens is a number and its unit)
    if _VERSION_ITEM_BEFORE.search(t, max(0, start - 12), start):
        return True  # (v2.5, 3.1, 4o): a list of versions
    suffix = P.ORDINAL_SUFFIX.match(t, end)
    if suffix and P.EDITION.match(t, suffix.end()):
        return True  # 2nd ed.: an edition
    if is_marker(t, s, start, end):
        return True
    if is_after_name_word(t, start) and not _is_measured(t, s, end):
        return True  # Windows 11, but not Europe 21%, EPS 5.86元 or GPU 1万张
    return lexicon is not None and lexicon.is_after_model(t, start)


def _ends_name(t: str, s: str, end: int) -> bool:
    """Return True when digits written right after a Chinese word end its name: N.0 closing it
    (特朗普2.0时代, 晶圆制造2.0), as 4.0 in 工业4.0), or an X between Chinese words (畅享70X覆盖).
    A quantity takes a unit or goes on (增速5.0%); a multiple stands before a clause's end
    (提升10X)."""
    if _VERSION_TAG.fullmatch(s):
        return t.startswith(("时代", "版"), end) or t[end : end + 1] in _NAME_CLOSERS
    return t[end : end + 1] == "X" and t[end + 1 : end + 2] >= "\u4e00"


def _is_measured(t: str, s: str, end: int) -> bool:
    """Return True when a percent, a multiple, a Chinese scale or a Chinese unit makes the number
    a quantity (21%, 6 percent, 3x, 1万, 5.86元): a version written after a name has none."""
    if Z.HAS_BIG_RE.search(s) or _match_zh_unit(t, end) is not None:
        return True
    unit = P.UNIT.match(t, end)
    return unit is not None and unit.lastgroup in ("pct", "mult")  # Promising 3x Faster


def _read_zh_range(t: str, s: str, end: int, value, high, approx):
    """Return (value, high, approx, end, last numeral) after a range: 10-20, 2.6万亿至4.4万亿."""
    if high is not None or t[end : end + 1] not in _RANGE_FIRST:
        return value, high, approx, end, s
    rng = Z.RANGE_RE.match(t, end)
    if rng is None:
        return value, high, approx, end, s
    s2 = rng.group("n2")
    p2 = parse_numeral(s2)
    same_unit = not rng.group("pct1") or rng.group("pct2")  # 3%至5%, not 3.2%至2345点
    e2 = rng.end("n2")
    if (
        p2 is None
        or not same_unit
        or (
            is_glued_right(t, e2)
            and not (t[e2] in "xX" and has_english_suffix(t, rng.start("n2"), e2))
        )
    ):  # 2-4x is a range of multiples; 5G-6G no range
        return value, high, approx, end, s
    if t[end] == "-" and looks_like_year(s) != looks_like_year(s2):
        return value, high, approx, end, s  # 2023-12: not a range of like quantities
    v1 = value
    big2 = Z.BIG_TAIL_RE.search(s2.rstrip("多余"))
    if big2 and not Z.HAS_BIG_RE.search(s):
        factor = parse_numeral("1" + big2.group())
        if factor is not None and v1 * factor[0] <= p2[0]:
            v1 = v1 * factor[0]
    if p2[0] <= v1:
        return value, high, approx, end, s
    return v1, p2[1] or p2[0], approx or p2[2], rng.end("n2"), s2


def _match_zh_unit(t: str, end: int) -> re.Match[str] | None:
    """Return the Chinese unit written right after a number (个, 美元, %), or None."""
    um = Z.UNIT_RE.match(t, end)
    if um is None:
        return None
    nxt = t[um.end() : um.end() + 1]
    if nxt and nxt in Z.UNIT_NOT_BEFORE.get(um.group(), ""):
        return None
    return um


def _read_zh_unit(t: str, start: int, um, s: str, last: str, value, high, approx):
    """Return a number with a Chinese unit: kind from the unit, then hedges and currency."""
    unit = um.group()
    kind = Z.UNIT_KIND[unit]
    end = um.end()
    if s == "一" and kind not in ("duration", "multiple"):
        return None  # 一 as an article: 一种, 一个, 一家 …
    if s == "几" and kind != "duration":
        return None  # 几个特点: "a few", no figure to cite (几个月 is a duration)
    if unit == "点" and value < 100:
        return None  # 下午3点: a time of day; an index level (4127.36点) is in the hundreds or more
    if unit == "年" and looks_like_year(s) and (high is None or looks_like_year(last)):
        kind, unit = "year", None  # 2008-2024年 is a range of years; 3至5年 a duration
    currency = Z.CURRENCY.get(unit) if unit else None
    if unit == "元":
        for prefix, code in Z.YUAN_OF.items():
            if t.endswith(prefix, max(0, start - len(prefix) - 1), start):
                currency = code
    if unit in Z.TIME_POST_MULTI and t.startswith("多", end):
        approx, end = approx or "多", end + 1  # 一年多, 两个多月, 3倍多
    elif kind == "duration" and high is None and _HALF_AFTER.match(t, end):
        value, end = value + _HALF, end + 1  # 三年半, 近兩年半
    post, end = _take_suffix(t, end, kind)
    return _finish(t, start, end, value, high, unit, currency, kind, approx or post)


def _read_en_quantity(t: str, start: int, end: int, s: str, last: str, value, high):
    """Return a number with an English scale, range or unit ($3bn, 5 to 10 GW), else None."""
    scale, after = read_scale(t, end)
    rng = read_en_range(t, start, after) if high is None else None
    if rng is not None:
        s2, _, end2 = rng
        scale2, after2 = read_scale(t, end2)
        v1, v2 = value * (scale or scale2 or 1), make_decimal(s2) * (scale2 or scale or 1)
        if v2 > v1 and (not is_glued_right(t, end2) or scale2 is not None):
            value, high, after, scale, last = v1, v2, after2, None, s2
    elif scale is not None and high is not None:
        high = high * scale
    if scale is not None:
        value = value * scale
    money = start > 0 and P.CURRENCY_PREFIX.search(t, max(0, start - 4), start) is not None
    unit, kind, currency, end3 = read_en_unit(t, after, s, money)
    if unit is None and scale is None and (high is None or after == end):
        return None
    if kind is None and high is not None:
        both_years = looks_like_year(s) and looks_like_year(last)
        kind = "year" if both_years else "count"
    elif kind is None:
        kind = _choose_bare_kind(t, start, s, value, None)
    post, end3 = _take_suffix(t, end3, kind)
    if rng is not None:
        start, unit, currency, kind = _take_between(t, start, unit, currency, kind)
    return _finish(t, start, end3, value, high, unit, currency, kind, post)


def _take_between(t: str, start: int, unit, currency, kind: str):
    """Return (start, unit, currency, kind) of a range with "between" written before it, which
    is one mention with its first word: between 5 and 10, between $1.45 billion and $1.55 billion
    (money in the currency of the symbol after "between"); the arguments unchanged otherwise."""
    lead = find_symbol_start(t, start)
    if not t[max(0, lead - 8) : lead].lower().endswith("between "):
        return start, unit, currency, kind
    _, unit, currency, kind = _take_symbol(t, start, unit, currency, kind)
    return lead - 8, unit, currency, kind


def _take_symbol(t: str, start: int, unit, currency, kind: str):
    """Return (start, unit, currency, kind) with a currency symbol written right before ``start``
    taken in ($5, US$5, NT$5, ¥5, A$5: money in its currency), for a number whose kind money can
    replace; the arguments unchanged otherwise."""
    lead = find_symbol_start(t, start)
    if lead == start or kind not in ("count", "other", "year"):
        return start, unit, currency, kind
    unit = t[lead:start].rstrip(" \u00a0")
    return lead, unit, P.CURRENCY_SYMBOLS[unit], "money"


def _take_currency_word(t: str, start: int, unit, currency, kind: str):
    """Return (start, unit, currency, kind) with a Chinese currency word written before a number
    that has no unit taken in (a table's 港元 94.6, 面值美元0.0001), as a currency code is; the
    arguments unchanged otherwise, after 兑 (美元兑人民币7.1 is a rate) and where the word ends
    the amount before (10亿美元 20家)."""
    if t[start - 1] not in Z.CURRENCY_BEFORE_LAST:
        return start, unit, currency, kind
    word = Z.CURRENCY_BEFORE_RE.search(t, max(0, start - 5), start)
    if word is None or t[word.start() - 1 : word.start()] in _NOT_BEFORE_CURRENCY:
        return start, unit, currency, kind
    return word.start(), word.group("w"), Z.CURRENCY_BEFORE[word.group("w")], "money"


def _choose_bare_kind(t: str, start: int, s: str, value, approx) -> str:
    """Return the kind of a number with no unit: year (a bare 2024), score, else count."""
    if start and t[start - 1] == " " and _SCORE_BEFORE.search(t, max(0, start - 12), start):
        return "score"
    if start and t[start - 1] in _SCORE_LAST and _is_zh_score(t, start):
        return "score"
    hedged = Z.PRE_RE.search(t, max(0, start - 3), start) if start else None
    if looks_like_year(s) and approx is None and hedged is None:
        return "year"  # a bare 2024, as in 《2024人工智能指数报告》 or (2024)
    return "count"


def _read_bare(t: str, start: int, end: int, s: str, last: str, value, high, approx):
    """Return a number without a unit (4500万, 数十亿, 2023-2024), or None for a bare 三."""
    if not s[0].isdigit() and not Z.HAS_BIG_RE.search(s) and approx != "数":
        if not (approx in ("余", "多") and Z.HAS_SMALL_RE.search(s)):
            return None
    if "." in s and _is_section_number(t, s, start, end):
        return None
    if high is not None and looks_like_year(s) and looks_like_year(last):
        kind = "year"
    elif high is not None:
        kind = "count"
    else:
        kind = _choose_bare_kind(t, start, s, value, approx)
    unit = None
    post, end = _take_suffix(t, end, kind)
    if post == "plus" and kind == "count":  # 100-plus engineers
        unit, _, _, end = read_en_unit(t, end, s)
    return _finish(t, start, end, value, high, unit, None, kind, approx or post)


def _is_section_number(t: str, s: str, start: int, end: int) -> bool:
    """Return True for a heading's number at a line's start, a Chinese title right after it
    (2.3区域格局): no unit follows, so it numbers a section rather than counting."""
    return (
        _SECTION_NUMBER.fullmatch(s) is not None
        and "\u4e00" <= t[end : end + 1] <= "\u9fff"
        and t[end] not in _SECTION_NOT_BEFORE
        and LINE_START.search(t, max(0, start - 8), start) is not None
    )


def _finish(t, start, end, value, high, unit, currency, kind, approx) -> Reading:
    """Return the reading with a sign, a currency symbol and a hedge written before ``start``."""
    if start and t[start - 1] in "+-" and kind in _SIGNED_KINDS and _is_sign(t, start - 1):
        start -= 1
        if t[start] == "-":
            value, high = -value, None if high is None else -high
    start, unit, currency, kind = _take_symbol(t, start, unit, currency, kind)
    if unit is None and kind in ("count", "other") and start:
        start, unit, currency, kind = _take_currency_word(t, start, unit, currency, kind)
    new_start, hedge = take_prefix_hedge(t, start, kind)
    if hedge is None and start and t[start - 1] < "\u3000":
        new_start, cur_unit, cur, hedge = take_en_prefix(t, start, kind)
        if cur_unit and kind in ("count", "other", "year"):
            unit, currency, kind = cur_unit, cur, "money"
        elif cur_unit and kind != "money":
            new_start = start
        if cur_unit and hedge is None:  # 不低于RMB 1,000亿
            new_start, hedge = take_prefix_hedge(t, new_start, kind)
    return Reading(new_start, end, value, high, unit, currency, kind, hedge or approx)


def _take_suffix(t: str, end: int, kind: str) -> tuple[str | None, int]:
    """Return (hedge, new end) of a hedge after a mention: 以上, 左右, "or more", "-plus"."""
    if kind == "year":
        return None, end
    post = Z.POST_RE.match(t, end)
    if post:
        return post.group(), post.end()
    return take_post_hedge(t, end)


def _is_zh_score(t: str, start: int) -> bool:
    """Return True for 得分88.7, for 为86.2 after a 得分 earlier in the same sentence, and for
    the 83.2 of 得分81.6和83.2."""
    if _ZH_SCORE_BEFORE.search(t, max(0, start - 3), start):
        return True
    if t[start - 1] in _LIST_JOINERS:
        return _ZH_SCORE_LIST.search(t, max(0, start - 16), start) is not None
    if t[start - 1] != "为":
        return False
    return _ZH_SCORE_EARLIER.search(t, max(0, start - 40), start) is not None


def _is_sign(t: str, at: int) -> bool:
    """Return True when the + or - at ``at`` is a sign (a table cell's -8%, YoY +8%, 同比-5%,
    变化-6.45%), not a dash (10亿元-20亿元, 2023年-2024年: a quantity ends before it)."""
    if at == 0 or t[at - 1] in _BEFORE_SIGN:
        return True
    return t[at - 1] >= "\u4e00" and t[at - 1] not in _QUANTITY_LAST
