"""Read numbers written with a blank between digits and Chinese (500 亿美元, 2026 年 3 月, 约 30%):
the readers see a copy without those blanks, and their offsets are mapped back to the text."""

from __future__ import annotations

import bisect
import re

from helpers import patterns_zh
from helpers.reading import Reading

# What a blank may stand between: digits and the scale, unit or date word after them (500 亿,
# 15 万家, 2026 年 3 月); a hedge, rank, range or date word and the digits after it (约 30%,
# 约为 25.6, 第 3, 至 2023); digits, a date or % and the 至 or 到 of a range (5 至 10 年,
# 2019 年 至 2023 年). Other blanks next to digits are left alone: 表2 主要结果 is a table's
# label, 北京  120 a table's columns.
_AFTER_DIGITS = sorted(
    {u[0] for u in patterns_zh.UNIT_KIND if u[0] >= "\u3400"}
    | set("万亿千百十兆多余年月日号季成财")
)
_BEFORE_DIGITS = "过近少于足到约逾超高多负第前至年月为达"
_BLANKS = " \u00a0\u2009\u202f"  # space, no-break, thin and narrow no-break space


def _build_blank(lead: str) -> str:
    """Return the pattern of a blank to drop, led by the character class ``lead``: the blank
    comes first, so that the scan stops only at blanks (a lookbehind first is slow)."""
    return (
        rf"{lead}(?:(?<=[0-9%].)(?=[{''.join(_AFTER_DIGITS)}])"
        rf"|(?<=[{_BEFORE_DIGITS}].)(?=[0-9])"
        rf"|(?:(?<=[0-9%][年月日%].)|(?<=[0-9][{_BLANKS}][年月日].)|(?<=[0-9].))"
        rf"(?=[至到][{_BLANKS}]?[0-9]))"
    )


# A plain space found first is faster still than a class of blanks, so the rarer blanks get
# their own pattern, used only in a text that has one.
_BLANK_RE = re.compile(_build_blank(f"[{_BLANKS}]"))
_SPACE_RE = re.compile(_build_blank(" "))
_RARE_BLANKS = _BLANKS[1:]


def squeeze_blanks(t: str) -> tuple[str, list[int]] | None:
    """Return ``t`` without the blanks between digits and Han characters, and the sorted keys
    that ``restore_offsets`` needs; None when ``t`` has no such blank."""
    rare = any(b in t for b in _RARE_BLANKS)
    drops = [m.start() for m in (_BLANK_RE if rare else _SPACE_RE).finditer(t)]
    if not drops:
        return None
    pieces, last = [], 0
    for d in drops:
        pieces.append(t[last:d])
        last = d + 1
    pieces.append(t[last:])
    # The j-th dropped blank sat just before what is now offset drops[j] - j of the copy.
    return "".join(pieces), [d - j for j, d in enumerate(drops)]


def restore_offsets(r: Reading, keys: list[int]) -> Reading:
    """Return ``r`` (offsets in the squeezed copy) with the offsets of the text it came from."""
    start = r.start + bisect.bisect_right(keys, r.start)
    end = r.end - 1 + bisect.bisect_right(keys, r.end - 1) + 1
    return r._replace(start=start, end=end)
