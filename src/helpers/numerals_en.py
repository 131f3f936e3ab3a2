"""Read English number words: cardinals (twenty-five), ordinals (second), scale words (bn)."""

from __future__ import annotations

from decimal import Decimal

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
# Scale words, spelled out or abbreviated as in financial reporting ($3bn, 1.2tn, 10m, 5k).
SCALES = {
    "hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9,
    "trillion": 10**12, "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9,
    "bn": 10**9, "t": 10**12, "tn": 10**12, "trn": 10**12,
}  # fmt: skip
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

CARDINAL_WORDS = tuple(ONES) + tuple(TENS)


def parse_cardinal(words: str) -> int | None:
    """Return the value of a spelled-out cardinal below 100 (seven, twenty-five, Forty two)."""
    parts = words.lower().replace("-", " ").split()
    if len(parts) == 1:
        w = parts[0]
        return ONES.get(w, TENS.get(w))
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ONES and 0 < ONES[parts[1]] < 10:
        return TENS[parts[0]] + ONES[parts[1]]
    return None


def get_scale(word: str | None) -> Decimal | None:
    """Return the multiplier of a scale word (billion → 1e9, bn → 1e9), or None."""
    if not word:
        return None
    factor = SCALES.get(word.lower())
    return None if factor is None else Decimal(factor)


def get_month(word: str) -> int | None:
    """Return the month number of an English month name or abbreviation (Sept. → 9)."""
    return MONTHS.get(word[:3].lower())
