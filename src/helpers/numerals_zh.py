"""Read Chinese numerals, and Arabic digits mixed with 万/亿 (2万5000), as Decimal values."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
CN_VALUE.update({"〇": 0, "两": 2})
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8, "兆": 10**12}  # 兆 only where a currency follows (Taiwan)
_MAX_CN_NUMERAL = 24
# An Arabic run (1,234.5) or one other character: the tokens of a mixed numeral.
_TOKEN_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|.")
# 六七百亿: two neighbouring digits before a unit make a range.
_PAIR_RE = re.compile(r"([一二三四五六七八])([二三四五六七八九])(?=[十百千万亿])")
# Digit by digit, as Taiwan press writes (一二八六億, 四二．七％, 一〇％): three to five digits,
# two ending in 〇, or any with a decimal point, then perhaps a scale. Two other digits are a
# vague range (三四个).
_DIGIT_RUN_RE = re.compile(
    "([〇零一二三四五六七八九]{3,5}|[一二三四五六七八九]〇|[〇零一二三四五六七八九]{1,5}(?=[.点]))"
    r"(?:[.点]([〇零一二三四五六七八九]+))?([万亿兆]*)"
)
_NEIGHBOURS = frozenset(("一两", "两三", "二三", "三四", "四五", "五六", "六七", "七八", "八九"))
_DECIMALS: dict[str, Decimal] = {}


def make_decimal(s: str) -> Decimal:
    """Return the Decimal of an ASCII numeral with optional thousands commas (cached)."""
    d = _DECIMALS.get(s)
    if d is None:
        d = Decimal(s.replace(",", ""))
        if len(_DECIMALS) < 4096:
            _DECIMALS[s] = d
    return d


def parse_cn(s: str, vague: int) -> Decimal | None:
    """Return the value of a Chinese or mixed numeral (2万5000); 数/几 read as ``vague``."""
    total = section = Decimal(0)
    number: Decimal | None = None
    last_digit = False
    first = True
    big = 0  # the scale word of the token just read (亿 in 100亿亿), 0 for any other token
    for tok in _TOKEN_RE.findall(s):
        after_big, big = big, 0
        if tok[0].isdigit():
            if last_digit:
                return None
            number, last_digit = make_decimal(tok), True
        elif tok in "零〇" and not first:
            last_digit = False  # 一百零五: a zero only marks a gap
        elif tok in CN_VALUE or tok in "数几":
            if last_digit:
                return None  # two digits in a row: not a plain numeral
            number, last_digit = Decimal(CN_VALUE.get(tok, vague)), True
        else:
            last_digit = False
            if tok in _SMALL:
                section += (Decimal(1) if number is None else number) * _SMALL[tok]
                number = None
            elif tok in _BIG:
                section += number or 0
                number = None
                if total < _BIG[tok]:  # 2.6万亿: everything so far is counted in 亿
                    total = (total + section) * _BIG[tok]
                elif after_big and _BIG[tok] >= after_big:  # 100亿亿, 3,000千万亿: 亿 of 亿
                    total *= _BIG[tok]
                else:  # 1亿2000万, 1兆5,120亿: only the group since the larger unit
                    total += section * _BIG[tok]
                section = Decimal(0)
                big = _BIG[tok]
            # 多 / 余 mark an approximate number and add nothing
        first = False
    return total + section + (number or 0)


def _find_inner_hedge(s: str) -> str | None:
    """Return the first inner hedge (数, 几, 多, 余) written in a numeral, or None."""
    for q in ("数", "几", "多", "余"):
        if q in s:
            return q
    return None


@lru_cache(maxsize=4096)  # a pure function of a short token; a corpus repeats few numerals
def parse_numeral(s: str) -> tuple[Decimal, Decimal | None, str | None] | None:
    """Return (value, high, inner hedge) of a numeral: 2.6万亿, 六七百亿, 数十亿, 200多, 2万5000."""
    if s.isascii():
        try:
            return make_decimal(s), None, None
        except ArithmeticError:
            return None
    if len(s) > _MAX_CN_NUMERAL:
        return None  # a run of numeral characters, not a number anyone writes
    if s in _NEIGHBOURS:  # 两三年, 七八个: a vague range of two neighbouring digits
        return Decimal(CN_VALUE[s[0]]), Decimal(CN_VALUE[s[1]]), None
    if run := _DIGIT_RUN_RE.fullmatch(s):
        return _parse_digit_run(*run.groups()), None, None
    if "兆" in s[1:-1] and not s[0].isdigit():
        return _parse_trillions(s)
    if "点" in s or ("." in s and not s[0].isdigit()):  # 十二.五 as 十二点五; 2.6万亿 is Arabic
        return _parse_point(s.replace(".", "点"))
    approx = _find_inner_hedge(s)
    pair = _PAIR_RE.search(s)
    if pair and CN_VALUE[pair.group(2)] == CN_VALUE[pair.group(1)] + 1:
        low = parse_cn(s[: pair.start()] + pair.group(1) + s[pair.end() :], 2)
        high = parse_cn(s[: pair.start()] + pair.group(2) + s[pair.end() :], 2)
        if low is None or high is None:
            return None
        return low, high, approx
    if approx in ("数", "几"):
        low, high = parse_cn(s, 2), parse_cn(s, 9)
        if low is None or high is None:
            return None
        return low, high, approx
    value = parse_cn(s, 2)
    if value is None:
        return None
    return value, None, approx


def _parse_trillions(s: str) -> tuple[Decimal, None, None] | None:
    """Return the value of a numeral with 兆 and more after it: 一兆二千亿 → 1.2e12, and
    一兆一一二三亿 → 1.1123e12 (the 亿 part digit by digit, as Taiwan press writes it)."""
    head, tail = s.split("兆", 1)
    whole, rest = parse_numeral(head), parse_numeral(tail)
    if whole is None or rest is None or whole[1] is not None or rest[1] is not None:
        return None
    if rest[0] >= _BIG["兆"]:
        return None
    return whole[0] * _BIG["兆"] + rest[0], None, None


def _parse_point(s: str) -> tuple[Decimal, None, None] | None:
    """Return the value of a numeral with a decimal 点: 三十五点五 → 35.5, 三点五亿 → 3.5e8."""
    head, tail = s.split("点", 1)
    digits = tail.rstrip("万亿兆")
    whole = parse_cn(head, 2) if head else None
    if whole is None or not digits or any(c not in CN_VALUE for c in digits):
        return None
    value = whole + Decimal("0." + "".join(str(CN_VALUE[c]) for c in digits))
    for c in tail[len(digits) :]:
        value *= _BIG[c]
    return value, None, None


def _parse_digit_run(whole: str, decimals: str | None, scales: str) -> Decimal:
    """Return the value of a numeral written digit by digit: 一二八六, 四二.七, 一〇五亿."""
    digits = _spell_digits(whole)
    if decimals:
        digits += "." + _spell_digits(decimals)
    value = Decimal(digits)
    for c in scales:
        value *= _BIG[c]
    return value


def read_year(s: str) -> int:
    """Return the year written as four digits, Arabic or Chinese (二零二四 → 2024), or as two
    Arabic digits: 69 to 99 in the 1900s, else the 2000s (the POSIX rule, as ``strptime``'s %y)."""
    if s.isdigit():
        year = int(s)
        if len(s) == 2:
            return year + (1900 if year >= 69 else 2000)
        return year
    return int(_spell_digits(s))


def _spell_digits(s: str) -> str:
    """Return Chinese digits written one by one as Arabic ones: 二〇二四 → "2024"."""
    return "".join(str(CN_VALUE[c]) for c in s)


def read_small_int(s: str) -> int:
    """Return a month, day or quarter number written in Arabic or Chinese digits."""
    if s.isdigit():
        return int(s)
    value = parse_cn(s, 2)
    return int(value) if value is not None else 0


def tidy_decimal(d: Decimal | None) -> Decimal | None:
    """Return ``d`` without a spurious exponent (2.6万亿 → 2600000000000, not 2.6E+12)."""
    if d is None:
        return None
    # Equal values tidy to the same Decimal (2.50 and 2.5 → 2.5), so a cache keyed on the value
    # is exact; zero is not cached (0 and -0 are equal keys but keep their sign).
    return _tidy_nonzero(d) if d else _tidy(d)


@lru_cache(maxsize=4096)
def _tidy_nonzero(d: Decimal) -> Decimal:
    """Return ``_tidy(d)`` for a nonzero ``d`` (cached)."""
    return _tidy(d)


def _tidy(d: Decimal) -> Decimal:
    """Return ``d`` with exponent 0 when integral, else normalized."""
    exponent = d.as_tuple().exponent
    if isinstance(exponent, int) and exponent == 0:
        return d
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


def looks_like_year(s: str) -> bool:
    """Return True for a four-digit Arabic number between 1900 and 2099."""
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2099
