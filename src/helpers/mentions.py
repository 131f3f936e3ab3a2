"""Find every numeric mention of a document: scan for starts, read each, attach its context."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import lru_cache
from json.encoder import encode_basestring as _quote
from typing import NamedTuple

from helpers import patterns_en, patterns_zh
from helpers.boilerplate import find_boilerplate_spans
from helpers.normalize import is_traditional, normalize_text
from helpers.notnumbers import find_excluded_spans, is_glued_to_name
from helpers.numerals_zh import tidy_decimal
from helpers.readers_en import read_period_code
from helpers.readers_fast import read_fast
from helpers.readers_quantity import read_quantity
from helpers.readers_words import read_word
from helpers.readers_zh import (
    read_big,
    read_calendar_date,
    read_fraction,
    read_half,
    read_percent_words,
    read_period,
    read_rank,
    read_share,
    read_slash_fraction,
)
from helpers.reading import Reading, join_range
from helpers.sentences import find_contexts
from helpers.spacing import restore_offsets, squeeze_blanks

# Every mention starts where this matches: a digit run (not inside a name such as A100), a CJK
# numeral (一 not as the article of 一个, 一种 …, nor in 这一年, 那一天), 数十, 第N, 前N,
# 百分之, 上半年, or an English number word. The class of first characters lets the regex
# engine skip ahead in C; then one lookbehind per script (digit, letter, CJK) picks the few
# checks that can apply to the character found: a letter inside an English word fails after
# four tests, where trying every alternative in turn took a dozen (the scan ran 1.4 times as
# long).
_ONE_ARTICLE = (
    "个(?!月|小时|星期|多月|季度)|种|些|家|款|直|起|样|定|切|般|方|位|项|步|场|条|批|体|带|致|同"
)
_CJK_FIRST = "零〇一二两三四五六七八九十数几第前百千半"
_NUMERAL_NEXT = "[0-9零〇一二两三四五六七八九十百几数]"
# What may follow the first character of a Chinese numeral that is a number: more numeral, a
# unit, 成, 分之, 大, 季, 月, 年, a range. Anything else (两国, 四川, 一言) is no number, and the
# scan skips it in C.
_CJK_NEXT = re.escape(
    "零〇一二两三四五六七八九十百千万亿兆多余几点成分大季月年%-~—–至到"
    + "".join(sorted({u[0] for u in patterns_zh.UNIT_KIND}))
)
# 二.三%: a decimal point written between Chinese digits (Taiwan press, digit by digit)
_POINT_NEXT = r"\.[零〇一二三四五六七八九]"
_CJK_START = (
    rf"(?<=[零〇二两三四五六七八九十几])(?=[{_CJK_NEXT}]|{_POINT_NEXT})"
    rf"|(?<=一)(?<![上下这那]一)(?!{_ONE_ARTICLE})(?=[{_CJK_NEXT}]|{_POINT_NEXT})"
    rf"|(?<=数)(?=[十百千万亿])"
    rf"|(?<=[第前])(?={_NUMERAL_NEXT})"
    rf"|(?<=百)(?=分之|[家个款名位人亿万余多])|(?<=千)(?=[亿家个人名])|(?<=半)(?<=[上下]半)(?=年)"
)
_START = re.compile(
    rf"[0-9{_CJK_FIRST}{patterns_en.WORD_START}]"
    rf"(?:(?<=[0-9])(?:(?<![0-9A-GI-PR-XZa-z].)|(?<=[Tt][Oo][Pp].))"
    rf"|(?<=[{patterns_en.WORD_START}]){patterns_en.build_word_start()}"
    rf"|(?<=[{_CJK_FIRST}])(?:{_CJK_START}))"
)
_READERS = {
    "date": lambda t, m, lex: read_calendar_date(t, m),
    "qtr": lambda t, m, lex: read_period(t, m),
    "pcode": lambda t, m, lex: read_period_code(t, m),
    "half2": lambda t, m, lex: read_half(t, m),
    "pn": lambda t, m, lex: read_percent_words(t, m),
    "fn": lambda t, m, lex: read_fraction(t, m),
    "sf": lambda t, m, lex: read_slash_fraction(t, m),
    "share": lambda t, m, lex: read_share(t, m),
    "rank": lambda t, m, lex: read_rank(t, m, is_glued_to_name),
    "ru": lambda t, m, lex: read_rank(t, m, is_glued_to_name),
    "big": lambda t, m, lex: read_big(t, m),
    "num": read_quantity,
}


class Mention(NamedTuple):
    """One numeric mention; offsets index the raw document text (``text[start:end] == surface``).

    ``value``/``high`` are in base units (see ``helpers.numbers``), ``sentence`` is the raw text
    around the mention (its sentence, cut to at most 120 characters each side), ``countries``
    the ISO codes of the lexicon entities in it, and ``section`` is "boilerplate" inside web
    boilerplate (``helpers.boilerplate``), else "body".
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


_new_tuple = tuple.__new__  # builds a Mention without the Python-level __new__ of NamedTuple


def _make_plain(d: Decimal) -> int | float:
    """Return ``d`` as int when integral, else float."""
    return int(d) if d == d.to_integral_value() else float(d)


@lru_cache(maxsize=4096)
def _encode_value(d: Decimal | None) -> str:
    """Return the JSON text of a value as ``to_record`` gives it (int when integral).

    Cached: equal Decimals (2.5, 2.50) give the same text, and a corpus repeats few values.
    """
    if d is None:
        return "null"
    return repr(_make_plain(d))


@lru_cache(maxsize=4096)
def _encode_fields(
    value: Decimal,
    high: Decimal | None,
    unit: str | None,
    currency: str | None,
    kind: str,
    approx: str | None,
) -> str:
    """Return the JSON text of the fields from "value" to "approx", with the separator after.

    Cached: a corpus repeats few combinations of value, unit, currency, kind and hedge.
    """
    return (
        f'"value": {_encode_value(value)}, "high": {_encode_value(high)}, '
        f'"unit": {"null" if unit is None else _quote(unit)}, '
        f'"currency": {"null" if currency is None else _quote(currency)}, '
        f'"kind": {_quote(kind)}, "approx": {"null" if approx is None else _quote(approx)}, '
    )  # fmt: skip


def format_jsonl(mentions: list[Mention]) -> str:
    """Return the JSON lines of ``mentions``: the same text as ``json`` would write for each
    ``to_record()`` (ensure_ascii off), built directly, which is several times faster."""
    lines = []
    doc = sentence = countries = None
    for d, start, end, surface, value, high, unit, curr, kind, approx, s, cs, section in mentions:
        if d is not doc:
            doc = d
            head = f'{{"doc": {_quote(doc)}, "start": '
        if s is not sentence or cs is not countries:
            sentence, countries = s, cs  # shared by a sentence's mentions
            listed = ", ".join(map(_quote, countries))
            context = f'"sentence": {_quote(sentence)}, "countries": [{listed}], "section": '
        lines.append(
            f'{head}{start}, "end": {end}, "surface": {_quote(surface)}, '
            f"{_encode_fields(value, high, unit, curr, kind, approx)}"
            f"{context}{_quote(section)}}}\n"
        )
    return "".join(lines)


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


def read_all(t: str, lexicon) -> list[Reading]:
    """Return the readings of every number in the normalized text ``t``, in order, disjoint."""
    # Sorted, merged spans that hold no numbers, and one past the end so that the scan below,
    # whose candidates come in order, can walk them with an index and no bounds check.
    excluded = [*_merge(find_excluded_spans(t)), (len(t) + 1, len(t) + 1)]
    ex_starts = [s for s, _ in excluded]
    k = 0
    readings: list[Reading] = []
    last_end = prev_end = 0  # no match starts inside the last one; no mention overlaps another
    core_match, word_match, readers = patterns_zh.CORE.match, patterns_en.WORD.match, _READERS
    digit_match = patterns_zh.CORE_DIGIT.match
    for candidate in _START.finditer(t):
        pos = candidate.start()
        if pos < last_end:
            continue
        ch = t[pos]
        if ch <= "9":  # a digit: one pattern tells a phone, a date … or the common mention
            m = digit_match(t, pos)
        elif ch < "\x80":  # an English number word
            m = word_match(t, pos)
        else:
            m = core_match(t, pos)
        if m is None:
            continue
        last_end, group = m.end(), m.lastgroup
        while excluded[k][1] <= pos:
            k += 1
        if excluded[k][0] < last_end or (group == "phone" and ch <= "9"):
            continue  # inside a URL, an ID, an idiom … or a phone number
        if ch <= "9":
            r = read_fast(t, m, lexicon) if group == "fz" else readers[group](t, m, lexicon)
        else:
            r = read_word(t, m) if ch < "\x80" else readers[group](t, m, lexicon)
        if r is None:
            continue
        # [pos, last_end) was checked above; a reading inside it needs no second look
        if (r.start < pos or r.end > last_end) and _in_spans(excluded, ex_starts, r.start, r.end):
            continue
        if r.start < prev_end:
            r = r._replace(start=prev_end)  # a hedge never reaches into the previous mention
        if readings and r.start - prev_end <= 4 and (joined := join_range(t, readings[-1], r)):
            readings[-1] = joined
            last_end = prev_end = r.end
            continue
        readings.append(r)
        last_end = prev_end = r.end
    return readings


def _read_spaced(t: str, lexicon) -> list[Reading]:
    """Return ``read_all`` of ``t``, read without the blanks between digits and Chinese."""
    squeezed = squeeze_blanks(t)
    if squeezed is None:
        return read_all(t, lexicon)
    compact, keys = squeezed
    return [restore_offsets(r, keys) for r in read_all(compact, lexicon)]


def _index_countries(t: str, spans: list[tuple[int, int]], lexicon) -> list[tuple[str, ...]]:
    """Return the countries of each distinct context of ``spans`` (in order: they come sorted)."""
    return lexicon.list_countries_per_span(t, list(dict.fromkeys(spans)))


def _restore_written(raw: str, t: str, r: Reading) -> Reading:
    """Return ``r`` with its unit and hedge as written in ``raw`` (約, 個百分點), not normalized."""
    written, normal = raw[r.start : r.end], t[r.start : r.end]
    if written == normal:
        return r
    unit, approx = r.unit, r.approx
    if unit and (i := normal.rfind(unit)) >= 0:
        unit = written[i : i + len(unit)]
    if approx and (i := normal.find(approx)) >= 0:
        approx = written[i : i + len(approx)]
    return r._replace(unit=unit, approx=approx)


def _choose_currency(unit: str | None, currency: str, countries: tuple[str, ...], yuan: str):
    """Return the currency a mention's context implies: ¥ in a sentence about Japan is JPY, a
    bare 元 is in the document's ``yuan`` (see ``_find_yuan``); else ``currency``."""
    if unit == "¥" and "JP" in countries and "CN" not in countries:
        return "JPY"
    if currency == "CNY" and unit == "元":
        return yuan
    return currency


# Words that place a Traditional-script article in Taiwan or in Hong Kong (matched on the
# Simplified copy): its bare 元 is then in that market's dollars.
_TAIWAN_WORDS = ("台湾", "台股", "台积电", "证交所", "柜买", "台北", "新北", "行政院", "立法院")
_HONG_KONG_WORDS = ("香港", "港府", "特区政府", "港股", "恒指", "恒生", "港交所", "港元", "港币")


def _find_yuan(text: str, t: str) -> str:
    """Return the currency of a bare 元 in a document (``t``: its normalized copy): CNY wherever
    人民币 is written; TWD where it prices in 新台币; in Traditional script, TWD or HKD as
    Taiwan's or Hong Kong's words (台股, 证交所 … 港股, 恒指 …) are the more frequent; else CNY."""
    if "人民币" in t:
        return "CNY"
    if "新台币" in t:
        return "TWD"
    if t == text or not is_traditional(text):  # Simplified text on Hong Kong is in yuan
        return "CNY"
    taiwan = sum(t.count(w) for w in _TAIWAN_WORDS)
    hong_kong = sum(t.count(w) for w in _HONG_KONG_WORDS)
    if taiwan == hong_kong:
        return "CNY"
    return "TWD" if taiwan > hong_kong else "HKD"


def find_mentions(text: str, doc: str = "", lexicon=None) -> list[Mention]:
    """Return every numeric mention in ``text`` in document order (``text[start:end] == surface``).

    ``lexicon`` (a ``helpers.entities.Lexicon``; default: ``data/lexicon.csv``) supplies the
    countries of each mention's context and the model names whose version tags are not numbers.
    """
    if lexicon is None:
        from helpers.entities import load_lexicon

        lexicon = load_lexicon()
    t = normalize_text(text).text  # same length as text: offsets carry over unchanged
    readings = _read_spaced(t, lexicon)
    if not readings:
        return []
    spans = find_contexts(t, readings)
    index = _index_countries(t, spans, lexicon)
    return _build_mentions(doc, text, t, readings, spans, index)


def _build_mentions(
    doc: str, text: str, t: str, readings: list[Reading], spans: list[tuple[int, int]], index
) -> list[Mention]:
    """Return the mentions of ``readings`` (in ``t``, the normalized ``text``) with their context
    ``spans`` and the countries of each distinct context, ``index``."""
    # Mentions come in order: walk the sorted, merged boilerplate spans along with them, up to
    # one past the end of the text, which no mention reaches.
    boiler = [*find_boilerplate_spans(t), (len(t), len(t) + 1)]
    k = 0
    b_start, b_end = boiler[0]
    rewritten = t != text  # Traditional or full-width text: units and hedges as written
    yuan = _find_yuan(text, t)
    mentions: list[Mention] = []
    previous = None
    per_context = iter(index)
    for r, span in zip(readings, spans, strict=True):
        if span != previous:  # spans come in order: a sentence's mentions share its objects
            previous = span
            sentence = text[span[0] : span[1]]
            countries = next(per_context)
        start, end, value, high, unit, currency, kind, approx = r
        if currency is not None:
            currency = _choose_currency(unit, currency, countries, yuan)
        if rewritten and (unit or approx):
            written = _restore_written(text, t, r)
            unit, approx = written.unit, written.approx
        while b_end <= start:
            k += 1
            b_start, b_end = boiler[k]
        mentions.append(
            _new_tuple(Mention, (doc, start, end, text[start:end], tidy_decimal(value),
                       None if high is None else tidy_decimal(high), unit, currency, kind,
                       approx, sentence, countries, "boilerplate" if b_start < end else "body"))
        )  # fmt: skip
    return mentions
