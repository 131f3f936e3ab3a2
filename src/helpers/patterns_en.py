"""Patterns and unit tables for numbers in English text (matched on the normalized copy)."""

from __future__ import annotations

import re

from helpers.numerals_en import CARDINAL_WORDS, ORDINALS

# Units of measure, also written after a hyphen as an adjective (a 300-megawatt site).
MEASURES = (
    r"(?:kilo|mega|giga|tera)watt(?:-hours?|s)?|nanomet(?:re|er)s?|kilomet(?:re|er)s?"
    r"|hectares?|acres?|inch(?:es)?|feet|foot|qubits?|(?:peta|exa)flops?"
)
_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_SP = r"[ \u00a0]"
# Currency codes, before or after an amount (USD 5.3, 300 CAD); RMB is the renminbi's CNY.
_CODES = "USD RMB CNY EUR GBP JPY HKD TWD KRW INR AUD CAD SGD CHF".split()
_CODE_ALTERNATION = "|".join(_CODES)
_CARD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five"
    r"|six|seven|eight|nine)(?![a-z]))?|" + "|".join(sorted(CARDINAL_WORDS, key=len, reverse=True))
)
_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
# "a third of", "a quarter of": a fraction with the article for its numerator.
_A_FRACTION_WORDS = "(?i:third|quarter|fifth|tenth)"


def _build_a_fraction(words: str) -> str:
    """Return the lookahead that follows the "a" of "a third of" (``words``: the fraction's)."""
    return rf"(?=[ \u00a0]{words}[ \u00a0]of(?![a-z]))"


_A_FRACTION = _build_a_fraction(f"(?P<aden>{_A_FRACTION_WORDS})")
WORD = re.compile(
    rf"""(?i)
    (?P<fold>(?:two|three|four|five|ten|hundred)fold)(?![a-z])
    | (?P<twice>twice)(?![a-z])
    | (?P<ord>{_ORD})(?![a-z])
    | (?P<card>{_CARD})(?![a-z])
    | (?P<afrac>a){_A_FRACTION}
    """,
    re.VERBOSE,
)
WORD_ALTERNATION = "(?i:" + "|".join(["twofold", "twice", _ORD, _CARD]) + ")"


def build_word_start() -> str:
    """Return a pattern that, matched AFTER a first letter, says an English number word starts.

    Written as ``(?<=[Tt])(?:wo|hree|…)`` per first letter, so a scan can begin with a plain
    character class (which the regex engine searches in C) and check the rest afterwards.
    """
    words = [*CARDINAL_WORDS, *ORDINALS, "twice", "hundred"]
    by_first: dict[str, set[str]] = {}
    for w in words:
        by_first.setdefault(w[0], set()).add(w[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        alternation = "|".join(sorted(rests, key=lambda r: (-len(r), r)))
        parts.append(f"(?<=[{first}{first.upper()}])(?i:{alternation})")
    parts.append(f"(?<=[aA]){_build_a_fraction(_A_FRACTION_WORDS)}")
    return r"(?<![A-Za-z].)(?:" + "|".join(parts) + ")"


WORD_FIRST = "".join(
    sorted({w[0] for w in (*CARDINAL_WORDS, *ORDINALS, "twice", "hundred", "a")})
)
WORD_START = WORD_FIRST + WORD_FIRST.upper()

# A scale word after a number: 3bn, 1.2tn, 10m, "8 million", and in headlines "$18 Billion",
# "$4.5 Bn", "3 MILLION" (single letters only as written; a capital one only where
# ``readers_en.has_english_suffix`` allows it: $3B, 128K tokens, but not 8K or 405B alone).
SCALE = re.compile(
    rf"(?:(?P<sc>{_SP}?(?i:bn|tn|trn|mn|mln)|[kmbtKMBT])|[ \u00a0-](?P<sc2>(?i:hundred|thousand"
    rf"|million|billion|trillion)))(?![A-Za-z0-9])"
)
# One unit after a number (and its scale word). Group names say the kind.
# Units of measure written right after a number (90 EFLOPS, 10GW, 3nm); also what may follow a
# number glued to it without making a name (``readers_en.has_english_suffix``).
SI_UNITS = r"[EPTG]?FLOPS|[GMTk]?Wh?|[kM]?V|[KMGTPE]B(?:/s)?|[KMGT]bps|nm|mm|cm|km|kg|[GM]?Hz"
# What a gap of points is called after "a 15-point": a score's difference, not a count of points
# (a 10-point plan).
SCORE_GAPS = (
    "gap|lead|margin|jump|drop|rise|gain|increase|decrease|decline|fall|difference|advantage"
    "|deficit|swing|improvement|boost|lift|edge|surge|slide|climb|spread|leap|dip|slump"
)
UNIT = re.compile(
    rf"""
      (?P<pct>{_SP}?%|{_SP}(?:percentage{_SP}points?|percent|per{_SP}cent|pct|ppts?|pps?)(?![a-z])
              |(?:pcts?|ppts?|pp)(?![A-Za-z0-9]))
    | (?P<mult>[xX×](?![A-Za-z0-9])|{_SP}times(?![a-z])|-fold(?![a-z]))
    | {_SP}(?P<cur>US{_SP}dollars|dollars|yuan|renminbi|euros|pounds|yen|{_CODE_ALTERNATION})
      (?![A-Za-z])
    | [ \u00a0-](?P<time>(?i:years?|months?|weeks?|days?|hours?|minutes?|(?:milli)?seconds?|decades?
      |quarters?))
      (?![a-z])
    | {_SP}(?P<pts>points?|basis{_SP}points)(?![a-z])
    | -(?P<hpts>point)(?={_SP}(?:{SCORE_GAPS})(?![a-z]))
    | {_SP}(?P<century>century|centuries)(?![a-z])
    | {_SP}?(?P<ms>ms|yrs?)(?![A-Za-z0-9])
    | {_SP}?(?P<si>°[CF]|℃|{SI_UNITS})
      (?![A-Za-z0-9])
    | [ \u00a0-](?P<meas>{MEASURES})(?![a-z])
    | {_SP}(?P<noun>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z]+)?)(?![A-Za-z0-9])
    """,
    re.VERBOSE,
)
CURRENCY_WORDS = {
    "us dollars": "USD", "dollars": "USD", "yuan": "CNY", "renminbi": "CNY", "euros": "EUR",
    "pounds": "GBP", "yen": "JPY",
    **{code.lower(): "CNY" if code == "RMB" else code for code in _CODES},
}  # fmt: skip
# A currency written before the number, perhaps with a blank between: symbol or code ($5, $ 5,
# RMB 5). Longest first.
CURRENCY_PREFIX = re.compile(
    rf"(?:(?P<sym>US\$|HK\$|NT\$|A\$|C\$|S\$|\$|€|£|¥|￥)"
    rf"|(?P<code>{_CODE_ALTERNATION}))"
    rf"{_SP}?$"
)
CURRENCY_SYMBOLS = {
    "US$": "USD", "$": "USD", "HK$": "HKD", "NT$": "TWD", "A$": "AUD", "C$": "CAD",
    "S$": "SGD", "€": "EUR", "£": "GBP", "¥": "CNY", "￥": "CNY",
}  # fmt: skip
HEDGE = re.compile(
    rf"(?i)(?<![A-Za-z])(?P<h>just{_SP}over|just{_SP}under|more{_SP}than|fewer{_SP}than"
    rf"|less{_SP}than|at{_SP}least|up{_SP}to|nearly|almost|about|around|approximately|roughly"
    rf"|plus{_SP}or{_SP}minus|some|over|under){_SP}$"
)
POST_HEDGE = re.compile(rf"{_SP}or{_SP}more(?![a-z])|(?:-|{_SP})plus(?![a-z])|\+(?![0-9])")
RANGE = re.compile(
    rf"(?:{_SP}?[–—]{_SP}?|-|{_SP}(?:to|and){_SP})(?P<cur2>US\$|HK\$|\$|€|£|¥)?(?P<n2>{_NUMBER})"
)
# "top" before a bound: top 10, top-10, and glued as Chinese reports write it (TOP10, Top5), but
# not in an identifier (superclue_top3).
TOP = re.compile(r"(?i)(?<![A-Za-z_])top[- \u00a0]?$")
_NO = rf"(?<![A-Za-z])Nos?\.?{_SP}?"
RANK_NO = re.compile(rf"{_NO}$")
# The later items of a list of ranks: No 3, 6, and 9; Nos. 2 and 4.
RANK_NO_LIST = re.compile(
    rf"{_NO}[0-9]{{1,3}}(?:,{_SP}[0-9]{{1,3}})*,?{_SP}(?:(?:and|or|&){_SP})?$"
)
_RANKED = rf"(?<![a-z])(?:rank(?:ed|s|ing)?|placed|came|finished|comes|is){_SP}(?:in{_SP})?"
RANKED = re.compile(rf"(?i){_RANKED}$")
RANK_AFTER = re.compile(
    rf"(?i)(?:-|{_SP})(?:largest|biggest|highest|lowest|most|least|fastest|strongest|best"
    rf"|worst|place|placed|position|spot|rank|ranked|richest|smallest|leading|greatest|round"
    rf"|overall)"
    rf"(?![a-z])"
)
# An ordinal after a copula ranks only where a ranking's words or the clause's end follow (was
# second with 15.8 percent, is third among …; not "was first introduced", "second to none").
COPULA = re.compile(rf"(?i)(?<![a-z])(?:was|were|are|remains?|remained|stands?|stood){_SP}$")
COPULA_RANK_AFTER = re.compile(
    rf"(?i)(?:{_SP}(?:with|among|behind|after|overall|globally|worldwide|only{_SP}to)(?![a-z])"
    r"|[,.;:)]|$)"
)
# The later ordinals of a list that began with a ranked one: ranked seventh, eighth, and ninth.
RANKED_LIST = re.compile(
    rf"(?i){_RANKED}(?:{_ORD})(?:,{_SP}(?:{_ORD}))*,?{_SP}(?:(?:and|or){_SP})?$"
)
# An ordinal joined to a second one (between first and fifth place): the pair shares what follows.
ORD_PAIR = re.compile(rf"(?i){_SP}(?:and|or|to){_SP}(?:{_ORD})(?![a-z])")
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z0-9])")
EDITION = re.compile(rf"{_SP}(?:ed\.|edn\b|edition\b)")
# A month's name; only an abbreviation takes a full stop (Sept. 19, not the one ending
# "met on 19 September.").
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER"
    r"|DECEMBER|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
MONTH_BEFORE = re.compile(rf"(?<![A-Za-z])(?P<mon>{_MONTH}){_SP}$")
# Dates written with slashes around a month's name (17/Sep/2024, Sep/2024): the month and the
# year after a day, or the month before a year.
MONTH_SLASH_AFTER = re.compile(rf"/(?P<mon>{_MONTH})/(?P<y>(?:19|20)[0-9][0-9])(?![0-9])")
MONTH_SLASH_BEFORE = re.compile(rf"(?<![A-Za-z0-9/])(?P<mon>{_MONTH})/$")
MONTH_AFTER = re.compile(
    rf"(?:st|nd|rd|th)?{_SP}(?:of{_SP})?(?P<mon>{_MONTH})(?![A-Za-z])"
    rf"(?:,?{_SP}(?P<y>(?:19|20)[0-9][0-9])(?![0-9]))?"
)
# The last day of a range within one month (September 19-20, 19–20 September), not a quantity.
DAY_TO = re.compile(
    rf"[-–—](?P<d>3[01]|[12][0-9]|0?[1-9])"
    rf"(?![0-9%]|[.,][0-9]|{_SP}?(?i:percent|per|million|billion|thousand|points?)(?![a-z]))"
)
DAY_YEAR = re.compile(rf"(?:st|nd|rd|th)?(?:,?{_SP}(?P<y>(?:19|20)[0-9][0-9])(?![0-9]))?")
PERIOD_BEFORE = re.compile(r"(?<![A-Za-z0-9])(?P<p>[QH])$")
# The year after a quarter or half: Q1 2024, Q4 FY2025, Q4 FY25, Q3'25 (two digits as
# ``numerals_zh.read_year`` reads them).
PERIOD_YEAR = re.compile(
    rf"(?:{_SP}(?:FY)?(?P<y>(?:19|20)[0-9][0-9])|(?:{_SP}FY|{_SP}?['’])(?P<yy>[0-9][0-9]))(?![0-9])"
)
# A quarter or half after a year: 2024 Q2, FY2024 H1.
YEAR_PERIOD = re.compile(rf"{_SP}(?P<p>[QH])(?P<n>[1-4])(?![0-9A-Za-z])")
# The compact quarter and half codes of financial reports, where a digit starts: 3Q25, 1H2024,
# 23Q1, 2025Q3, and after FY: FY2023Q3, FY23Q3, FY24 (a fiscal year in two digits).
PERIOD_CODE = (
    r"(?P<pcode>(?<![0-9])(?<![0-9][.,])(?:(?<![A-Za-z])|(?<=(?<![A-Za-z])FY))"
    r"(?:(?P<cn>[1-4])(?P<cp>[QH])(?P<cy>(?:19|20)?[0-9][0-9])"
    r"|(?P<cy2>(?:19|20)?[0-9][0-9])(?P<cp2>[QH])(?P<cn2>[1-4])"
    r"|(?<=FY)(?P<cfy>[0-9][0-9]))(?![0-9A-Za-z]))"
)
PERIOD_WORDS = re.compile(
    rf"(?i)[ \u00a0-](?P<what>half|quarter)(?![a-z])(?:(?:{_SP}of)?{_SP}(?:(?:fiscal|FY){_SP}?)?"
    rf"(?P<y>(?:19|20)[0-9][0-9])(?![0-9]))?"
)
DECADE = re.compile(r"s(?![A-Za-z0-9])")
# A reference to a part of a document: Figure 3, Table 2, Article 12, p. 5, ref. 3.
# The codes of U.S. legal citations (15 CFR 744.21, 90 FR 12873, 15 U.S.C. 4801): the number
# before one is a title, the number after it a section; neither is a quantity.
LEGAL_CODES = r"C\.?F\.?R|FR|U\.S\.C|USC|Stat"
REFERENCE_BEFORE = re.compile(
    rf"(?i)(?<![A-Za-z])(?:fig(?:ure)?s?|tables?|charts?|pages?|pp?|sections?|articles?|art"
    rf"|chapters?|exhibits?|appendix|annex|refs?|notes?|footnotes?|version|ver|step|item"
    rf"|rule|paragraph|para|clause|isbn|§|(?-i:{LEGAL_CODES})){_SP}?\.?{_SP}?$"
)
# Words that, capitalized before a number, do not make it a product name (About 30%, In 2023).
NAME_EXCEPTIONS = frozenset(
    """a an in about over some nearly almost around approximately roughly under since by from until
    of and the between just up at fewer less more than only top no to for with on as while
    each every all than after before during through q h fy or if when where its their our
    rose fell grew was were is are has have had reached hit totaled totalled one two three
    four five six seven eight nine ten year quarter fiscal""".split()
)
# Currency codes: a number after one is money (USD 5.3), not part of a name (CSI 300).
CURRENCY_CODES = frozenset(_CODES)

# Words after a number that are not what is counted (function words, verbs, adjectives).
NOT_UNIT = frozenset(
    """a an and are as at be been but by for from had has have he her his i if in into is it
    its of on or our she so than that the their them then there these they this those to
    us was we were which while who will with would yet per than also across always less
    perhaps plus versus via vs this its his has was is does thus whereas besides unless
    news series species goes comes makes takes says means remains seems needs includes
    becomes gives gets runs uses leads""".split()
)
KNOWN_UNITS = frozenset(
    """people children staff personnel police data equipment software hardware token""".split()
)
