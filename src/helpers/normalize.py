"""Build a matching copy of a document: Simplified script, ASCII width, raw offsets kept."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import opencc

# Full-width ASCII (U+FF01..U+FF5E) folds to ASCII; the ideographic space to a space.
# Every replacement is one character for one character, so offsets do not move.
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update(
    {
        0x3000: 0x20,  # ideographic space
        0x2212: 0x2D,  # minus sign
        0x2010: 0x2D,  # hyphen
        0x2011: 0x2D,  # non-breaking hyphen
        0x2013: 0x2D,  # en dash
        0xFE6A: 0x25,  # small percent sign
    }
)


_WIDE_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_WIDTH_TABLE)) + "]")
_WIDTH_CHARS = {chr(cp): chr(to) for cp, to in _WIDTH_TABLE.items()}


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized copy of ``raw``: ``text[i]`` stands for ``raw[to_raw(i)]``.

    The copy always has the same length as the raw text: width folding is one character for one
    character, and OpenCC ``tw2sp`` is applied per line only when it keeps that line's length;
    a line whose length would change (a Taiwan phrase such as 記憶體 → 内存) is converted one
    character at a time instead, keeping the character conversion but not the phrase mapping.
    So ``to_raw`` is the identity, and a span [s, e) of ``text`` is the span [s, e) of ``raw``.
    """

    raw: str
    text: str

    def to_raw(self, i: int) -> int:
        """Return the raw-text offset of normalized offset ``i`` (also valid for i == len)."""
        if i < 0 or i > len(self.text):
            raise IndexError(f"offset {i} outside 0..{len(self.text)}")
        return i

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw-text span of the normalized span [start, end)."""
        return self.to_raw(start), self.to_raw(end)


@lru_cache(maxsize=2)
def _get_converter(config: str) -> opencc.OpenCC:
    """Return a cached OpenCC converter for ``config``."""
    return opencc.OpenCC(config)


def fold_width(text: str, pos: int = 0) -> str:
    """Return ``text`` with full-width ASCII and the ideographic space folded to ASCII.

    ``pos``: no wide character comes before it. A text holds few distinct wide characters
    (，（）％ …), so each is replaced in one C pass as it is found; much faster than a callback
    per run or ``str.translate`` on non-ASCII text.
    """
    m = _WIDE_RE.search(text, pos)
    while m is not None:
        wide = m.group()
        text = text.replace(wide, _WIDTH_CHARS[wide])
        m = _WIDE_RE.search(text, m.start())
    return text


def _convert_chars(line: str, conv: opencc.OpenCC) -> str:
    """Return ``line`` converted one character at a time (length always preserved)."""
    parts = conv.convert("\n".join(line)).split("\n")
    if len(parts) != len(line):
        return line
    return "".join(p if len(p) == 1 else c for p, c in zip(parts, line, strict=True))


@lru_cache(maxsize=1)
def _get_traditional_chars() -> re.Pattern[str]:
    """Return a character class of every CJK character that OpenCC ``t2s`` changes by itself."""
    chars = [chr(cp) for cp in (*range(0x3400, 0xA000), *range(0xF900, 0xFB00))]
    converted = _get_converter("t2s").convert("\n".join(chars)).split("\n")
    changed = [a for a, b in zip(chars, converted, strict=True) if a != b]
    return re.compile("[" + "".join(re.escape(c) for c in changed) + "]")


@lru_cache(maxsize=1)
def _get_changed_chars() -> re.Pattern[str]:
    """Return a character class of every character that ``normalize_text`` may change."""
    wide, traditional = _WIDE_RE.pattern[1:-1], _get_traditional_chars().pattern[1:-1]
    return re.compile(f"[{wide}{traditional}○]")


def is_traditional(text: str) -> bool:
    """Return True when ``text`` holds a character that OpenCC ``t2s`` would change."""
    return _get_traditional_chars().search(text) is not None


def convert_to_simplified(text: str, config: str = "tw2sp") -> str:
    """Return ``text`` in Simplified script with exactly the same length (see ``Normalized``).

    Text without a single Traditional character is returned as it is (fast path): the
    vocabulary-only mappings of ``tw2sp`` (滑鼠 → 鼠标) are then skipped, which never affects
    numbers.
    """
    traditional = _get_traditional_chars()
    if not traditional.search(text):
        return text
    conv = _get_converter(config)
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    # Convert only the lines that hold a Traditional character (one 幷 in a Simplified article
    # must not cost a whole-document conversion); lines are independent for OpenCC.
    marked = {bisect.bisect_right(starts, m.start()) - 1 for m in traditional.finditer(text)}
    for i in sorted(marked):
        line = lines[i]
        conv_line = conv.convert(line)
        lines[i] = conv_line if len(conv_line) == len(line) else _convert_chars(line, conv)
    return "\n".join(lines)


# A full-width comma after a half-width digit separates two numbers (分别为300，500家); it is
# kept, so that it cannot read as a thousands separator. Between full-width digits (１，２００)
# it folds with them. Written comma first, so that the engine searches for it in C.
_LIST_COMMA = re.compile("，(?<=[0-9]，)(?=[0-9０-９])")


# Taiwan press writes zero in digit-by-digit numerals as a white circle (二○二四年, 一○五億元);
# inside such a run it reads as 〇. A run of circles alone (○○公司) is a placeholder, not a zero.
_CIRCLE_RUN = re.compile("[〇○零一二三四五六七八九]*○[〇○零一二三四五六七八九]*")
_NONZERO_DIGIT = re.compile("[一二三四五六七八九]")


def _fold_circle_zero(text: str) -> str:
    """Return ``text`` with ○ as 〇 inside runs of Chinese digits that hold a nonzero digit."""
    if "○" not in text:
        return text
    return _CIRCLE_RUN.sub(
        lambda m: m.group().replace("○", "〇") if _NONZERO_DIGIT.search(m.group()) else m.group(),
        text,
    )


def normalize_text(text: str) -> Normalized:
    """Return the matching copy of ``text``: width-folded, Simplified, same length as ``text``."""
    first = _get_changed_chars().search(text)  # one scan; most documents need no change
    if first is None:
        return Normalized(raw=text, text=text)
    folded = _fold_circle_zero(fold_width(text, first.start()))
    kept = [m.start() for m in _LIST_COMMA.finditer(text)]
    if kept:
        pieces = [folded[a + 1 : b] for a, b in zip([-1, *kept], [*kept, len(folded)], strict=True)]
        folded = "，".join(pieces)
    return Normalized(raw=text, text=convert_to_simplified(folded))
