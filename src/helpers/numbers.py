"""Find every numeric mention in Chinese news text: span, value, unit, kind and qualifier.

Spans are found with our own patterns on a normalized copy (see ``helpers.normalize``) and values
are computed with ``Decimal``; cn2an is not used. Conventions a reader needs:

* Money is in base units with its currency (2523亿美元 → 252300000000, unit 美元, USD).
  Percentages are percentage points (47% → 47; 百分之四十七 → 47).
* Ranges keep both ends: ``value`` is the low end, ``high`` the high end (2.6万亿至4.4万亿美元,
  10-20个, 2008-2024年, 六七百亿 → 60000000000..70000000000).
* A vague digit 数 or 几 counts as 2..9: 数十亿 → value 2000000000, high 9000000000, approx 数;
  几个月 → 2..9, approx 几. 十余 → 10, approx 余; 200多个 → 200, approx 多.
* ``approx`` is the qualifier as written: a prefix (近, 约, 超过, 不超过, 至少, 不足 …), else an
  inner 多/余/数/几, else a suffix (以上, 以下, 左右).
* Dates: ``value`` holds the written parts as digits and ``unit`` says which parts:
  2025-03-06 → 20250306 (年月日); 2022年12月 → 202212 (年月); 8月26日 → 826 (月日); 5月 → 5
  (月); 16日 → 16 (日). A half-year 2024年上半年 → value 2024, unit H1 (下半年: H2), kind date.
  A year alone (2023年, a bare 2024, (2024)) is kind ``year``.
* Ranks: 第一, 排名第五 (第五), 前20, 前5名 → the number, kind rank.
* Month ranges 1-6月 → date 1..6 (unit 月); 20世纪, 90年代 → kind date (units 世纪, 年代);
  fractions 三分之一 → 0.3333 (kind other, unit 分之); 三大尖端技术 → the numeral 三, count 3.
* Not numbers: model and product names with versions (GPT-4o, Qwen2-72B, 文心大模型4.0, A100 …),
  URLs, e-mail addresses, long IDs, footnote markers 【注 1】, idioms (一带一路, 零一万物 …),
  一 used as an article (一种, 一个, 一家 …), and 第一性原理.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from helpers.boilerplate import find_boilerplate_spans
from helpers.normalize import normalize_text
from helpers.sentences import split_sentences

KINDS = (
    "percent",
    "count",
    "money",
    "multiple",
    "score",
    "rank",
    "year",
    "date",
    "duration",
    "other",
)

# ---------------------------------------------------------------- patterns (normalized text)
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_CN_DIGITS = "零〇一二两三四五六七八九"
_CNSEQ = (
    r"(?:数[十百千万亿]|几|[零〇一二两三四五六七八九十])[零〇一二两三四五六七八九十百千万亿多余几]*"
)
_NUM = rf"(?>{_ARABIC}(?:[多余]?[十百千万亿]+)?[多余]?|{_CNSEQ})"
_NOT_AFTER_CN = r"(?<![零〇一二两三四五六七八九十百千万亿数几])"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"

_CORE = re.compile(
    rf"""
    (?P<date>
        (?<!\d)(?P<y>(?:1[89]|20)\d\d|[〇零一二三四五六七八九]{{4}})年(?!代)
            (?:(?P<m>{_MONTH})月份?(?:(?P<d>{_DAY})[日号])?|(?P<half>[上下])半年)?
      | (?<![\d零〇一二两三四五六七八九十])(?P<m2>{_MONTH})(?:[-~—–至到](?P<m2b>{_MONTH}))?月份?
        (?:(?P<d2>{_DAY})[日号])?
      | (?<![\d.])(?P<iy>(?:19|20)\d\d)[-/.](?P<im>1[0-2]|0?[1-9])[-/.](?P<id>3[01]|[12]\d|0?[1-9])
        (?![\d.])
      | (?<![\d月])(?P<d3>3[01]|[12]\d|0?[1-9])[日号](?![本元报期均常益子内前后])
    )
    | (?P<pct>百分之)(?P<pn>{_NUM})
    | {_NOT_AFTER_CN}(?P<fd>{_CNSEQ}|\d+)分之(?P<fn>{_NUM})
    | (?P<rank>第(?P<rn>{_NUM})(?!性|时间|方|手)
             |(?<![目此之以提当眼年月日天面向空])前(?P<rn2>{_NUM}))
      (?P<ru>名|位)?
    | {_NOT_AFTER_CN}(?P<big>[二两三四五六七八九十])大(?![学型量小致多概部家人会])
    | (?P<num>{_NUM})
    """,
    re.VERBOSE,
)

_CURRENCY = {
    "美元": "USD",
    "美金": "USD",
    "元": "CNY",
    "人民币": "CNY",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "港元": "HKD",
    "港币": "HKD",
}
_TIME_UNITS = (
    "个多月",
    "个月",
    "个小时",
    "小时",
    "分钟",
    "个星期",
    "星期",
    "个季度",
    "季度",
    "年",
    "天",
    "周",
    "秒",
)
_COUNT_UNITS = (
    "个",
    "款",
    "篇",
    "位",
    "家",
    "项",
    "枚",
    "种",
    "名",
    "人",
    "次",
    "台",
    "条",
    "部",
    "所",
    "件",
    "张",
    "份",
    "届",
    "座",
    "类",
    "批",
    "轮",
    "块",
    "颗",
    "辆",
    "架",
    "艘",
    "户",
    "页",
    "套",
    "组",
    "层",
    "股",
    "笔",
    "例",
    "间",
)
_OTHER_UNITS = ("岁",)
_DATE_UNITS = ("世纪", "年代")
_UNIT_KIND: dict[str, str] = {
    "%": "percent",
    "‰": "other",
    "个百分点": "percent",
    "倍": "multiple",
    "分": "score",
}
_UNIT_KIND.update({u: "money" for u in _CURRENCY})
_UNIT_KIND.update({u: "duration" for u in _TIME_UNITS})
_UNIT_KIND.update({u: "count" for u in _COUNT_UNITS})
_UNIT_KIND.update({u: "other" for u in _OTHER_UNITS})
_UNIT_KIND.update({u: "date" for u in _DATE_UNITS})
_UNIT_KIND["人次"] = "count"
_UNIT_RE = re.compile(
    "(?:" + "|".join(re.escape(u) for u in sorted(_UNIT_KIND, key=lambda u: (-len(u), u))) + ")"
)
# A unit character that starts another word is not a unit: 分析, 人工智能, 名字, 台湾 …
_UNIT_NOT_BEFORE = {
    "分": "之钟别析为享布类化配工散裂成解支行销公局会红期批子",
    "人": "工才员类大民们士物力脸形机体格选群",
    "名": "字称义单额声誉",
    "位": "于置数列居",
    "台": "湾阶上",
    "部": "分门署长",
    "所": "有以在谓属长",
    "条": "件例款约",
    "项": "目",
    "股": "东份权票市",
    "层": "面次",
    "份": "额",
    "家": "庭族乡属",
    "间": "接",
    "周": "边围期",
    "天": "然才下使空",
    "元": "素宇年",
}
_RANGE_RE = re.compile(rf"(?P<pct1>%)?(?:至|到|-|~|—|–)(?P<n2>{_NUM})(?P<pct2>%)?")
_POST_RE = re.compile(r"以上|以下|左右|上下|开外")
_PRE_RE = re.compile(r"(?:不超过|超过|将近|接近|至少|不少于|不低于|不足|不到|大约|约|逾|超|近)$")
_MONEY_PREFIX = {"$": "USD", "¥": "CNY", "￥": "CNY"}
_TIME_POST_MULTI = ("年", "天", "小时", "个小时", "周", "个月")

# Spans that are never numbers. Each pattern starts with a literal or a character set, so the
# regex engine can skip ahead quickly; the e-mail pattern only runs when the text has an "@".
# (Footnote markers, list markers and long IDs are recognised where a number is read.)
_EXCLUDE_RES = (
    re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+"),
    re.compile(
        "一带一路|零一万物|五花八门|千方百计|三番五次|三心二意|十全十美|一五一十|九天|十分(?!之)|万无一失"
        "|独一无二|一心一意|四面八方|七嘴八舌|一举两得|百分百|一二三|再三"
    ),
)
_FOOTNOTE_BEFORE = re.compile(r"[【\[]\s*注?\s*$")
_FOOTNOTE_AFTER = re.compile(r"\s*[】\]]")
_LINE_START = re.compile(r"(?:^|\n)[^\S\n]*$")
_EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

# Every match of _CORE starts with one of these characters: scan for them first (fast in C),
# then try _CORE only there.
_START = re.compile(r"[0-9零〇一二两三四五六七八九十数几第前百]")
_ARABIC_RE = re.compile(_ARABIC)
_PAIR_RE = re.compile(r"([一二三四五六七八])([二三四五六七八九])(?=[十百千万亿])")
_BIG_TAIL_RE = re.compile(r"[万亿]+$")
_HAS_BIG_RE = re.compile(r"[万亿]")
_HAS_SMALL_RE = re.compile(r"[十百千]")

_MAX_CN_NUMERAL = 24

_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_VALUE.update({"〇": 0, "两": 2})
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}


@dataclass(frozen=True, slots=True)
class Mention:
    """One numeric mention; offsets index the raw document text (``text[start:end] == surface``).

    ``value``/``high`` are in base units (see the module docstring), ``sentence`` is the raw
    sentence around the mention, ``countries`` the ISO codes of the lexicon entities in it, and
    ``section`` is "boilerplate" inside web boilerplate (``helpers.boilerplate``), else "body".
    """

    doc: str
    start: int
    end: int
    surface: str
    value: Decimal
    high: Decimal | None
    unit: str | None
    currency: str | None
    kind: str
    approx: str | None
    sentence: str
    countries: tuple[str, ...]
    section: str

    def to_record(self) -> dict:
        """Return a JSON-ready dict (integral numbers as int, others as float)."""
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "value": _make_plain(self.value),
            "high": None if self.high is None else _make_plain(self.high),
            "unit": self.unit,
            "currency": self.currency,
            "kind": self.kind,
            "approx": self.approx,
            "sentence": self.sentence,
            "countries": list(self.countries),
            "section": self.section,
        }


def _tidy_decimal(d: Decimal | None) -> Decimal | None:
    """Return ``d`` without a spurious exponent (2.6万亿 → 2600000000000, not 2.6E+12)."""
    if d is None:
        return None
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


def _make_plain(d: Decimal) -> int | float:
    """Return ``d`` as int when integral, else float."""
    return int(d) if d == d.to_integral_value() else float(d)


# ---------------------------------------------------------------- numeral parsing
def _parse_cn(s: str, vague: int) -> Decimal | None:
    """Return the value of a Chinese (or Arabic-led mixed) numeral; 数/几 read as ``vague``."""
    total = Decimal(0)
    section = Decimal(0)
    number: Decimal | None = None
    arabic = _ARABIC_RE.match(s)
    i = 0
    if arabic:
        number = Decimal(arabic.group().replace(",", ""))
        i = arabic.end()
    last_digit = False
    while i < len(s):
        ch = s[i]
        i += 1
        if ch in "零〇" and i > 1:
            last_digit = False  # 一百零五: a zero only marks a gap
            continue
        if ch in _CN_VALUE or ch in "数几":
            if last_digit:
                return None  # two digits in a row: not a plain numeral
            number = Decimal(_CN_VALUE.get(ch, vague))
            last_digit = True
            continue
        last_digit = False
        if ch in _SMALL:
            section += (Decimal(1) if number is None else number) * _SMALL[ch]
            number = None
        elif ch in _BIG:
            section += number or 0
            number = None
            if ch == "亿":  # everything so far is counted in 亿
                total = (total + section) * _BIG[ch]
            else:  # 万 scales only the group since the last 亿
                total += section * _BIG[ch]
            section = Decimal(0)
        # 多 / 余 mark an approximate number and add nothing
    return total + section + (number or 0)


def parse_numeral(s: str) -> tuple[Decimal, Decimal | None, str | None] | None:
    """Return (value, high, inner qualifier) of a numeral: 2.6万亿, 六七百亿, 数十亿, 200多."""
    if s.isascii():
        return Decimal(s.replace(",", "")), None, None
    if len(s) > _MAX_CN_NUMERAL:
        return None  # a run of numeral characters, not a number anyone writes
    approx = None
    for q in ("数", "几", "多", "余"):
        if q in s:
            approx = q
            break
    # 六七百亿: two neighbouring digits before a unit make a range
    pair = _PAIR_RE.search(s)
    if pair and _CN_VALUE[pair.group(2)] == _CN_VALUE[pair.group(1)] + 1:
        low = _parse_cn(s[: pair.start()] + pair.group(1) + s[pair.end() :], 2)
        high = _parse_cn(s[: pair.start()] + pair.group(2) + s[pair.end() :], 2)
        if low is None or high is None:
            return None
        return low, high, approx
    if approx in ("数", "几"):
        low = _parse_cn(s, 2)
        high = _parse_cn(s, 9)
        if low is None or high is None:
            return None
        if s in ("数", "几"):
            return Decimal(2), Decimal(9), approx
        return low, high, approx
    value = _parse_cn(s, 2)
    if value is None:
        return None
    return value, None, approx


def _read_year(s: str) -> int:
    """Return the year written as four digits, Arabic or Chinese (二零二四 → 2024)."""
    if s.isdigit():
        return int(s)
    return int("".join(str(_CN_VALUE[c]) for c in s))


def _read_small_int(s: str) -> int:
    """Return a month or day number written in Arabic or Chinese digits."""
    if s.isdigit():
        return int(s)
    value = _parse_cn(s, 2)
    return int(value) if value is not None else 0


# ---------------------------------------------------------------- extraction
def _in_spans(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Return True when [start, end) overlaps one of the sorted, merged ``spans``."""
    k = bisect.bisect_right(starts, start) - 1
    if k >= 0 and spans[k][1] > start:
        return True
    return k + 1 < len(spans) and spans[k + 1][0] < end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``spans`` sorted and merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _is_ascii_alnum(ch: str) -> bool:
    """Return True for an ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


def _is_glued_to_name(t: str, s: str, start: int, end: int, left: bool = True) -> bool:
    """Return True when an Arabic number at [start, end) is part of a name (GPT-4o, A100, R1)."""
    if not s[:1].isdigit():
        return False
    before = t[start - 1] if start and left else ""
    if before and before.isascii() and before.isalpha():
        return True
    if before and before in "-._" and start >= 2 and _is_ascii_alnum(t[start - 2]):
        return True
    if before == " " and start >= 2 and t[start - 2].isascii() and t[start - 2].isalpha():
        return True
    after = t[end] if end < len(t) else ""
    if after and _is_ascii_alnum(after):
        return True
    nxt = t[end + 1 : end + 2]
    if after and after in "-_." and nxt.isascii() and nxt.isalpha():
        return True
    return False


def _is_marker(t: str, s: str, start: int, end: int) -> bool:
    """Return True for an ID, a footnote (【注 1】, [2]) or a list marker (1. or (3))."""
    if not s.isdigit():
        return False
    if len(s) >= 12:
        return True  # an ID such as id=1800065560409438485
    if len(s) > 2:
        return False
    after = t[end : end + 1]
    if _FOOTNOTE_AFTER.match(t, end) and _FOOTNOTE_BEFORE.search(t, max(0, start - 4), start):
        return True
    if start and t[start - 1] in "(（" and after in (")", "）"):
        return True
    return (
        after in (".", "、", ")", "）")
        and not t[end + 1 : end + 2].isdigit()
        and _LINE_START.search(t, max(0, start - 8), start) is not None
    )


def _read_number(t: str, m: re.Match[str], lexicon):
    """Return (start, end, value, high, unit, currency, kind, approx) for a match, or None."""
    start, end = m.span()
    kind: str | None = None
    unit: str | None = None
    currency: str | None = None
    high: Decimal | None = None
    approx: str | None = None

    if m.group("date") is not None:
        if m.group("y"):
            year = _read_year(m.group("y"))
            if m.group("half"):
                return (
                    start,
                    end,
                    Decimal(year),
                    None,
                    "H1" if m.group("half") == "上" else "H2",
                    None,
                    "date",
                    None,
                )
            if m.group("m"):
                month = _read_small_int(m.group("m"))
                if m.group("d"):
                    day = _read_small_int(m.group("d"))
                    return (
                        start,
                        end,
                        Decimal(year * 10000 + month * 100 + day),
                        None,
                        "年月日",
                        None,
                        "date",
                        None,
                    )
                return start, end, Decimal(year * 100 + month), None, "年月", None, "date", None
            # a bare year: may still be a range end (2008-2024年 is read from the first number)
            return start, end, Decimal(year), None, None, None, "year", None
        if m.group("iy"):
            v = int(m.group("iy")) * 10000 + int(m.group("im")) * 100 + int(m.group("id"))
            return start, end, Decimal(v), None, "年月日", None, "date", None
        if m.group("m2"):
            month = _read_small_int(m.group("m2"))
            if m.group("m2b"):  # 1-6月: a range of months
                last = _read_small_int(m.group("m2b"))
                if last > month and not m.group("d2"):
                    return start, end, Decimal(month), Decimal(last), "月", None, "date", None
                return None
            if m.group("d2"):
                day = _read_small_int(m.group("d2"))
                return start, end, Decimal(month * 100 + day), None, "月日", None, "date", None
            return start, end, Decimal(month), None, "月", None, "date", None
        return start, end, Decimal(int(m.group("d3"))), None, "日", None, "date", None

    if m.group("pct") is not None:
        parsed = parse_numeral(m.group("pn"))
        if parsed is None:
            return None
        value, high, approx = parsed
        kind, unit = "percent", "%"
    elif m.group("fd") is not None:  # 三分之一: a fraction, as a plain number
        den, num_ = parse_numeral(m.group("fd")), parse_numeral(m.group("fn"))
        if den is None or num_ is None or not den[0] or den[2] or num_[2]:
            return None
        value = (num_[0] / den[0]).quantize(Decimal("0.0001"))
        kind, unit = "other", "分之"
    elif m.group("rank") is not None:
        text = m.group("rn") or m.group("rn2")
        parsed = parse_numeral(text)
        if parsed is None or parsed[2] is not None:
            return None
        value = parsed[0]
        if _is_glued_to_name(
            t,
            text,
            m.start("rn") if m.group("rn") else m.start("rn2"),
            m.end("rn") if m.group("rn") else m.end("rn2"),
        ):
            return None
        after = t[end : end + 2]
        if m.group("rn2") and (after[:1] in "年天月个周日号" or after.startswith("分钟")):
            return None
        return start, end, value, None, m.group("ru"), None, "rank", None
    elif m.group("big") is not None:
        # 三大尖端技术, 四大天王: the numeral alone is the mention (a count, no unit)
        value = Decimal(_CN_VALUE.get(m.group("big"), 10))
        return start, end - 1, value, None, None, None, "count", None
    else:
        s = m.group("num")
        parsed = parse_numeral(s)
        if parsed is None:
            return None
        value, high, approx = parsed
        if _is_glued_to_name(t, s, start, end) or _is_marker(t, s, start, end):
            return None
        if lexicon is not None and lexicon.is_after_model(t, start):
            return None  # a version tag: 文心大模型4.0, 通义千问2.5, 百川2
        rng = _RANGE_RE.match(t, end)
        if rng:
            s2 = rng.group("n2")
            p2 = parse_numeral(s2)
            same_unit = not rng.group("pct1") or rng.group("pct2")  # 3%至5%, not 3.2%至2345点
            if (
                p2 is not None
                and same_unit
                and not _is_glued_to_name(t, s2, rng.start("n2"), rng.end("n2"), left=False)
            ):
                v1 = value
                big2 = _BIG_TAIL_RE.search(s2.rstrip("多余"))
                if big2 and not _HAS_BIG_RE.search(s):
                    factor = parse_numeral("1" + big2.group())
                    if factor is not None and v1 * factor[0] <= p2[0]:
                        v1 = v1 * factor[0]
                if p2[0] > v1:
                    value, high = v1, p2[1] or p2[0]
                    end = rng.end("n2")
                    approx = approx or p2[2]
                    s = s2
        num = m.group("num")
        cn_only = not num[0].isdigit()
        um = _UNIT_RE.match(t, end)
        if (
            um
            and t[um.end() : um.end() + 1] in _UNIT_NOT_BEFORE.get(um.group(), "")
            and (um.end() < len(t))
        ):
            um = None
        if um:
            unit = um.group()
            kind = _UNIT_KIND[unit]
            end = um.end()
        if num == "一" and kind not in ("duration", "multiple"):
            return None  # 一 as an article: 一种, 一个, 一家 …
        if unit == "年":  # 2008-2024年 is a range of years; 3至5年, 1000年 are durations
            if _looks_like_year(num) and (high is None or _looks_like_year(s)):
                kind, unit = "year", None
        elif unit is None:
            if cn_only and not _HAS_BIG_RE.search(num) and approx != "数":
                if not (approx in ("余", "多") and _HAS_SMALL_RE.search(num)):
                    return None
            qualified = _PRE_RE.search(t, max(0, start - 3), start) is not None
            if _looks_like_year(num) and high is None and approx is None and not qualified:
                kind = "year"  # a bare 2024, as in 《2024人工智能指数报告》 or (2024)
            else:
                kind = "count" if value == value.to_integral_value() else "other"
        if unit in _CURRENCY:
            currency = _CURRENCY[unit]
        # 一年多, 两个多月: 多 after a time unit; 以上 / 左右 after anything
        if unit in _TIME_POST_MULTI and t.startswith("多", end):
            approx = approx or "多"
            end += 1
        post = _POST_RE.match(t, end)
        if post:
            approx = approx or post.group()
            end = post.end()
        if start and t[start - 1] in _MONEY_PREFIX and kind in ("count", "other", "year"):
            currency = _MONEY_PREFIX[t[start - 1]]
            kind, unit = "money", t[start - 1]
            start -= 1
    # prefix qualifier
    pre = _PRE_RE.search(t, max(0, start - 3), start)
    if pre and kind not in ("year", "date", "rank"):
        if not (pre.group() == "近" and pre.start() and t[pre.start() - 1] in "附最临就"):
            approx = pre.group()
            start = pre.start()
    return start, end, value, high, unit, currency, kind, approx


def _looks_like_year(s: str) -> bool:
    """Return True for a four-digit Arabic number between 1900 and 2099."""
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2099


def _find_excluded_spans(t: str) -> list[tuple[int, int]]:
    """Return spans of ``t`` that hold no numbers: URLs, e-mail, IDs, footnotes, idioms."""
    spans = [m.span() for pattern in _EXCLUDE_RES for m in pattern.finditer(t)]
    if "@" in t:
        spans += [m.span() for m in _EMAIL_RE.finditer(t)]
    return spans


def find_mentions(text: str, doc: str = "", lexicon=None) -> list[Mention]:
    """Return every numeric mention in ``text`` in document order (``text[start:end] == surface``).

    ``lexicon`` (a ``helpers.entities.Lexicon``; default: ``data/lexicon.csv``) supplies the
    countries of each mention's sentence and the model names whose version tags are not numbers.
    """
    if lexicon is None:
        from helpers.entities import load_lexicon

        lexicon = load_lexicon()
    norm = normalize_text(text)
    t = norm.text
    excluded = _merge(_find_excluded_spans(t))
    ex_starts = [s for s, _ in excluded]
    boiler = find_boilerplate_spans(t)
    b_starts = [s for s, _ in boiler]
    sentences = split_sentences(t)
    s_starts = [s for s, _ in sentences]
    sentence_cache: dict[int, tuple[str, tuple[str, ...]]] = {}

    mentions: list[Mention] = []
    last_end = 0  # where the last match (taken or not) ended: no match starts inside it
    prev_end = 0  # where the last mention ended
    core_match = _CORE.match
    for candidate in _START.finditer(t):
        pos = candidate.start()
        if pos < last_end:
            continue
        m = core_match(t, pos)
        if m is None:
            continue
        last_end = m.end()
        if excluded and _in_spans(excluded, ex_starts, m.start(), m.end()):
            continue
        read = _read_number(t, m, lexicon)
        if read is None:
            continue
        start, end, value, high, unit, currency, kind, approx = read
        if excluded and _in_spans(excluded, ex_starts, start, end):
            continue
        start = max(start, prev_end)  # a prefix qualifier never reaches into the previous mention
        last_end = prev_end = end
        raw_start, raw_end = norm.raw_span(start, end)
        k = max(bisect.bisect_right(s_starts, start) - 1, 0)
        if sentences:
            s_s, s_e = sentences[k]
            s_e = max(s_e, end)
        else:
            s_s, s_e = start, end
        cached = sentence_cache.get(s_s)
        if cached is None:  # countries are looked up once per sentence that has a mention
            cached = (text[norm.to_raw(s_s) : norm.to_raw(s_e)], lexicon.countries_in(t[s_s:s_e]))
            sentence_cache[s_s] = cached
        section = "boilerplate" if boiler and _in_spans(boiler, b_starts, start, end) else "body"
        mentions.append(
            Mention(
                doc=doc,
                start=raw_start,
                end=raw_end,
                surface=text[raw_start:raw_end],
                value=_tidy_decimal(value),
                high=_tidy_decimal(high),
                unit=unit,
                currency=currency,
                kind=kind,
                approx=approx,
                sentence=cached[0],
                countries=cached[1],
                section=section,
            )
        )
    return mentions
