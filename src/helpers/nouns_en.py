"""English counted nouns: which word after a number names what it counts (GPUs, households,
a 12-item scale), shared by the readers and the not-number checks."""

from __future__ import annotations

import re

from helpers import patterns_en as P

_HYPHEN_NOUN = re.compile(r"-([a-z]{3,})(?![A-Za-z0-9-])")
# 5-shot is an evaluation's setting, not a count; 10-point may be a score
_NOT_HYPHEN_NOUNS = frozenset(("odd", "ish", "old", "something", "point", "plus", "shot"))


def match_hyphen_noun(t: str, end: int) -> re.Match[str] | None:
    """Return the match of a noun joined to a number by a hyphen, the count of a compound (a
    10-choice format, a 12-item scale: singular, as English compounds write it), else None."""
    m = _HYPHEN_NOUN.match(t, end)
    if m is None or m.group(1) in _NOT_HYPHEN_NOUNS or m.group(1) in P.NOT_UNIT:
        return None
    return m if is_counted_noun(m.group(1) + "s") else None


def is_counted_noun(word: str) -> bool:
    """Return True when ``word`` names what a number counts (GPUs, households, EFLOPS)."""
    lower = word.lower()
    if "-" in word:  # terawatt-hours, GPU-hours: the last part says what is counted
        head, _, lower = lower.rpartition("-")
        if not head.isalpha():
            return False
        word = word.rpartition("-")[2]
    if lower in P.NOT_UNIT:
        return False
    if lower in P.KNOWN_UNITS:
        return True
    if word[0].isupper() and any(c.isupper() for c in word[1:]):
        return True  # EFLOPS, GPUs, GW, TWh
    if len(word) <= 2 or not lower.endswith("s"):
        return False
    return not lower.endswith(("ss", "ous", "is", "us", "ics"))
