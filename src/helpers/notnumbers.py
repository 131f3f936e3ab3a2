"""Recognize digits that are not quantities: names, versions, markers, IDs, URLs, phones, idioms."""

from __future__ import annotations

import re

from helpers.nouns_en import match_hyphen_noun
from helpers.patterns_en import (
    CURRENCY_CODES,
    LEGAL_CODES,
    MEASURES,
    NAME_EXCEPTIONS,
    REFERENCE_BEFORE,
    SCORE_GAPS,
)

# Spans that are never numbers: URLs, idioms and names, citation markers [1], [1-3],
# superscripts, arXiv IDs, pass@k, and the labels of IDs (ISBN, DOI: the ID itself is taken by
# _ID_AFTER). Every alternative starts with one literal character (see ``_join_by_first``).
_IDIOMS = (
    "一带一路|零一万物|五花八门|千方百计|三番五次|三心二意|十全十美|一五一十|九天|十分(?!之)"
    "|万无一失|独一无二|一心一意|四面八方|七嘴八舌|一举两得|百分百|一二三(?![〇零一二三四五六七八九万亿])|再三|十四五|十三五"
    "|一成不变|三六九等|7×24|7x24|Group of Seven|Group of Eight|Group of Twenty"
    "|one of the|One of the|one day|One day|one another|one or two|one or more|第一财经"
    "|世界500强|财富500强|全球500强|中国500强|21世纪经济报道|第一产业|第二产业|第三产业|三次产业"
).split("|")
# IDs written after a label (股份代号：2658, 代号：6789, access code 4471 902, Policy brief No. 14)
# and Chinese document numbers (国数发〔2024〕7号, 〔2023〕第188号): the whole ID, never a quantity.
_ID_DIGITS = r"[ ]?[0-9][0-9 -]*[0-9]"
_DOCUMENT_WORDS = (
    "brief report paper issue vol volume series bulletin circular order decree notice "
    "resolution case patent form directive"
).split()
_LABELLED_IDS = (
    [
        f"{label}[:：]?{_ID_DIGITS}"
        for label in ("股份代号", "股票代码", "证券代码", "包号", "code", "Code")
    ]
    + [f"{label}[:：]{_ID_DIGITS}" for label in ("代号", "代码", "编号")]
    + [rf"{c}[0-9]{{4}}[〕\]]第?[0-9]+号" for c in ("〔", r"\[")]
    + [rf"{w}{rest} No\.? ?[0-9]+" for word in _DOCUMENT_WORDS
       for w, rest in ((word[0], word[1:]), (word[0].upper(), word[1:]))]
)
# A footnote marker as ``is_marker`` reads one (【注 1】, [ 2 ]): its bracket at most four
# characters before a one- or two-digit number, and a blank at most before the closing bracket.
_FOOTNOTES = [
    rf"{b}(?:\s{{0,3}}|注\s{{0,2}}|\s注\s?|\s\s注)[0-9]{{1,2}}(?: \s*)?[】\]]"
    for b in ("【", r"\[")
]


def _join_by_first(alternatives: list[str]) -> str:
    """Return one alternation of ``alternatives`` (each led by one literal character, perhaps
    escaped) grouped by that character, in order within each group.

    The engine then skips ahead in C to a possible first character and tries only the group it
    leads: a hundred alternatives tried one by one at every 一, c or [ cost twice as much. Order
    between groups cannot matter, as two groups never match at the same place.
    """
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        first = alt[:2] if alt.startswith("\\") else alt[:1]
        groups.setdefault(first, []).append(alt[len(first) :])
    return "|".join(
        f"{first}(?:{'|'.join(rests)})" if len(rests) > 1 else first + rests[0]
        for first, rests in groups.items()
    )


_EXCLUDED_RE = re.compile(
    _join_by_first(
        [
            r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+",
            r"www\.[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+",
            *_IDIOMS,
            *_LABELLED_IDS,
            "ISBN",
            "DOI",
            "doi:",
            # arXiv:2505.01234 and pass@1, Recall@10 (a metric's name, as 5-shot is a setting),
            # led by their rare character: one led by a or p would be tried at every a or p
            r"X(?<=[aA]rX)iv:[ ]?[0-9]{4}\.[0-9]{4,5}(?:v[0-9]+)?",
            "@(?<=[A-Za-z]@)[0-9]+",
            r"\[[0-9]{1,3}(?:[-–,][ ]?[0-9]{1,3})*\]",
            *_FOOTNOTES,
            *"¹²³⁴⁵⁶⁷⁸⁹⁰",
            # a page's comment counter: Comments (2), 评论(12)
            r"Comments?[ ]?\([0-9]+\)",
            "评论[(（][0-9]+[)）]",
        ]
    )
)
_ID_AFTER = re.compile(
    r"(?:ISBN|DOI|doi:)[- :]*(?:[0-9][- ]?){9,12}[0-9Xx]|(?:DOI|doi:)[ ]*10\.\S+"
)
# Telephone numbers, matched where a digit run starts: +86 10 6275 1234, 010-62751234,
# 0571-8765 4321, (650) 253-0000, (852) 2345 6789, 138 0013 8000, and eight digits after a
# label (查询热线: 2123 4567, Tel: 2123 4567).
_PHONE_LABELS = "|".join(
    f"(?<={label}{blank})"
    for label in ("热线:", "电话:", "查询:", "热线", "电话", "Tel:", r"Tel\.")
    for blank in ("", "[ ]")
)  # a blank as [ ]: patterns that embed this one are verbose
PHONE_PATTERN = (
    r"(?<![0-9.,$-])(?:(?<=\+)[0-9]{1,3}[ -]?(?:\(?[0-9]{1,4}\)?[ -]?){1,3}[0-9]{3,4}[ -]?[0-9]{4}"
    r"|0[0-9]{2,3}\)?-(?:[0-9]{7,8}|[0-9]{3,4}[ -][0-9]{4})|[0-9]{3}\)?[ .-][0-9]{3}-[0-9]{4}"
    r"|[0-9]{3}\)[ ]?[0-9]{4}[ -]?[0-9]{4}"
    r"|1[3-9][0-9](?:[ -]?[0-9]{4}){2}"
    rf"|(?:{_PHONE_LABELS})[0-9]{{4}}[ -]?[0-9]{{4}})(?![0-9-])"
)
PHONE = re.compile(PHONE_PATTERN)
# A time of day: 14:05, 22:01:30, 9点45分, 10时30分 (an hour, then minutes; 3:1 and 16:9 are
# ratios). Each pattern is led by one literal character, which the scan finds fastest; the
# digits and the 点 or 时 before it are added to the span by ``find_excluded_spans``.


def _after_hour(tail: str) -> str:
    """Return lookbehinds: an hour (one or two digits), then ``tail`` (fixed width), ends here."""
    return "|".join(f"(?<=(?<![0-9.:]){h}{tail})" for h in ("[0-9]", "[01][0-9]", "2[0-4]"))


_CLOCK_COLON_RE = re.compile(
    rf":(?:{_after_hour('.')})[0-5][0-9](?::[0-5][0-9])?(?![0-9]|[.:][0-9])"
)
_CLOCK_MINUTE_RE = re.compile(
    rf"分(?:{_after_hour('[点时][0-9]分')}|{_after_hour('[点时][0-5][0-9]分')})(?:[0-5]?[0-9]秒)?"
)
_BRACKET_RANGE = re.compile(r"\[([0-9]+)[-–]([0-9]+)\]")
_CITATION_SPAN = 30
_EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_FOOTNOTE_BEFORE = re.compile(r"[【\[]\s*注?\s*$")
_FOOTNOTE_AFTER = re.compile(r"\s*[】\]]")
# Where a line starts (blanks allowed): list markers and section numbers stand there.
LINE_START = re.compile(r"(?:^|\n)[^\S\n]*$")
_ITEM_START = re.compile(r"(?:^|\n|[：:；;。])[^\S\n]*$")
_MARKER_AFTER = frozenset("】] .、)）")
_LABEL_LEAD = frozenset("(（见如 ")
_REFERENCE_LAST = frozenset(" .\u00a0§")
_DASH_CHAIN_RE = re.compile(r"-[0-9]+-[0-9A-Za-z]")
# The code after a title number in a U.S. legal citation (its section number is a reference).
_LEGAL_TITLE_AFTER = re.compile(rf"[ \u00a0](?:{LEGAL_CODES})\.?[ \u00a0]?§?[ ]?[0-9]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z]*)[ \u00a0]$")
_CLAUSE_START = re.compile(r"(?:^|\n|[-•*.:] )$")


def find_excluded_spans(t: str) -> list[tuple[int, int]]:
    """Return spans of ``t`` that hold no numbers: URLs, e-mail, phones, citations, idioms,
    times of day."""
    spans = []
    for m in _EXCLUDED_RE.finditer(t):
        ids = _ID_AFTER.match(t, m.start()) if m.group() in ("ISBN", "DOI", "doi:") else None
        if m.group()[0] == "[" and _is_interval(m.group()):
            continue
        spans.append(ids.span() if ids else m.span())
    if "@" in t:
        spans += [m.span() for m in _EMAIL_RE.finditer(t)]
    for m in _CLOCK_COLON_RE.finditer(t):
        spans.append((_find_hour_start(t, m.start()), m.end()))
    for m in _CLOCK_MINUTE_RE.finditer(t):
        sep = m.start() - 1
        while t[sep] not in "点时":
            sep -= 1
        spans.append((_find_hour_start(t, sep), m.end()))
    return spans


def _find_hour_start(t: str, sep: int) -> int:
    """Return where the one or two digits of an hour end at ``sep`` start."""
    return sep - (2 if t[sep - 2 : sep - 1].isdigit() else 1)


def _is_interval(bracketed: str) -> bool:
    """Return True for [610–770], an interval: a citation range spans a handful of references."""
    pair = _BRACKET_RANGE.fullmatch(bracketed)
    return pair is not None and int(pair.group(2)) - int(pair.group(1)) > _CITATION_SPAN


def _is_ascii_alnum(ch: str) -> bool:
    """Return True for an ASCII letter or digit."""
    return ch.isascii() and ch.isalnum()


def is_after_name_word(t: str, start: int) -> bool:
    """Return True when a capitalized word that names a product stands before (Windows 11)."""
    if start < 2 or t[start - 1] not in " \u00a0" or not t[start - 2].isascii():
        return False
    m = _WORD_BEFORE.search(t, max(0, start - 30), start)
    if m is None:
        return False
    word = m.group(1)
    if word.lower() in NAME_EXCEPTIONS or word in CURRENCY_CODES:
        return False  # About 30%, In 2023, USD 5 (but CSI 300 is a name)
    if word.endswith("ed") and _CLAUSE_START.search(t, max(0, m.start() - 2), m.start()):
        return False  # "- Repurchased 229,000 shares": a verb capitalized as a line starts
    return not word.islower() or word in ("version", "ver", "gen")


def is_glued_left(t: str, start: int) -> bool:
    """Return True when a letter, or a letter or digit and -._/, touches a number's start (A100)."""
    before = t[start - 1] if start else ""
    if before.isascii() and before.isalpha():
        return not is_fiscal_year(t, start)
    if not (before and before in "-._/" and start >= 2 and _is_ascii_alnum(t[start - 2])):
        return False
    if before == "/":
        return not _is_slash_pair(t, start - 1)
    return not (before == "-" and _is_prefixed_year(t, start))


# Two counts written with thousands separators on either side of a slash (4,411/5,464: a
# table's two columns in one cell); 1.2/3 or 2024/9/19 stay glued.
_SLASH_PAIR = re.compile(r"(?<=[0-9],[0-9]{3})/[0-9]{1,3}(?:,[0-9]{3})+(?![0-9./])")


def _is_slash_pair(t: str, slash: int) -> bool:
    """Return True when the / at ``slash`` separates two counts with thousands separators."""
    return _SLASH_PAIR.match(t, slash) is not None


def is_fiscal_year(t: str, start: int) -> bool:
    """Return True for the year of FY2024 (a fiscal year, not part of a name)."""
    if start < 2 or t[start - 2 : start] != "FY" or _YEAR.match(t, start) is None:
        return False
    return start == 2 or not t[start - 3].isalnum()


_YEAR_PREFIX = re.compile(r"(?i)(?<![A-Za-z])(?:mid|early|late|pre|post|end|start)-$")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}(?![0-9])")


def _is_prefixed_year(t: str, start: int) -> bool:
    """Return True for a year after mid-, late-, post- … (mid-2025): not part of a name."""
    if _YEAR.match(t, start) is None:
        return False
    return _YEAR_PREFIX.search(t, max(0, start - 6), start) is not None


def is_glued_right(t: str, end: int) -> bool:
    """Return True when a letter or digit (or -._/ and one) follows a number's end (5G, 4-0613)."""
    after = t[end] if end < len(t) else ""
    if after and _is_ascii_alnum(after):
        return True
    nxt = t[end + 1 : end + 2]
    if not after or after not in "-_./" or not nxt.isascii() or not nxt.isalnum():
        return False
    if nxt.isdigit():
        if after == "/":
            return not _is_slash_pair(t, end)
        return after != "-" or _is_dash_chain(t, end)  # 10-20 is a range, 1.2.3 a version
    if after == "-":  # 10-year, 10-fold and a 10-choice format are quantities
        return _COMPOUND_RE.match(t, end) is None and match_hyphen_noun(t, end) is None
    return after != "/"  # $5/month


def is_glued_to_name(t: str, s: str, start: int, end: int, left: bool = True) -> bool:
    """Return True when an Arabic number at [start, end) is part of a name (GPT-4o, A100, R1)."""
    if not s[:1].isdigit():
        return False
    return (left and is_glued_left(t, start)) or is_glued_right(t, end)


_COMPOUND_RE = re.compile(
    r"-(?:fold|plus|years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|quarters?|percent"
    rf"|million|billion|trillion|{MEASURES}|point(?=[ \u00a0](?:{SCORE_GAPS})))"
    r"(?![A-Za-z0-9])"
)


def _is_dash_chain(t: str, end: int) -> bool:
    """Return True for digits joined by two or more hyphens (GPT-4-0613, 978-7-111): an ID."""
    return _DASH_CHAIN_RE.match(t, end) is not None


def is_figure_label(t: str, start: int) -> bool:
    """Return True for the number of a table's or figure's label: 表1 at the start of a line,
    (图1), 见表2, 如图3."""
    if start < 1 or t[start - 1] not in "表图":
        return False
    lead = t[start - 2 : start - 1]
    return lead in _LABEL_LEAD or LINE_START.search(t, max(0, start - 9), start - 1) is not None


def is_marker(t: str, s: str, start: int, end: int) -> bool:
    """Return True for an ID, a footnote (【注 1】), a list marker (1. or (3)) or a reference."""
    before = t[start - 1 : start]
    if before in _REFERENCE_LAST and REFERENCE_BEFORE.search(t, max(0, start - 12), start):
        return True  # Figure 3, Table 2.1, Article 12, ref. 3, § 734.9
    if is_figure_label(t, start):
        return True
    if t[end : end + 1] in (" ", "\u00a0") and _LEGAL_TITLE_AFTER.match(t, end):
        return True  # 15 CFR 744.21, 90 FR 12873: the title of a legal citation
    if not s.isdigit():
        return False
    if len(s) >= 12:
        return True  # an ID such as id=1800065560409438485
    if len(s) > 2:
        return False
    after = t[end : end + 1]
    if after not in _MARKER_AFTER:
        return False
    if after in "】] " and _FOOTNOTE_AFTER.match(t, end):
        return _FOOTNOTE_BEFORE.search(t, max(0, start - 4), start) is not None
    if before in ("(", "（") and after in (")", "）"):
        return _ITEM_START.search(t, max(0, start - 9), start - 1) is not None
    if after not in (".", "、", ")", "）") or (after == "." and t[end + 1 : end + 2].isdigit()):
        return False  # 1.5 is a decimal
    # A Chinese item may also start after a full stop or a colon (注：1.本公报…。2.算力…)
    item_start = _ITEM_START if after == "." and t[end + 1 : end + 2] >= "\u2e80" else LINE_START
    return item_start.search(t, max(0, start - 8), start) is not None
