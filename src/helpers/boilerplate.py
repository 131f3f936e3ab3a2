"""Recognize web boilerplate in news text: share prompts, credits, read-more, scraper headers."""

import bisect
import re

_C = r"[:：]"  # ASCII or full-width colon

# Whole lines that are boilerplate wherever they appear.
_LINE_PATTERNS = [
    r"[(（]\s*举报\s*[)）]",
    r"发表评论\s*取消回复",
    r"(?:图片|图源|图片来源|资料来源|来源|题图|封面图片|头图)\s*" + _C + r".{0,80}",
    r"继续阅读",
    r"阅读原文",
    r"往期推荐",
    r"(?:点击)?(?:阅读|查看)更多.{0,20}",
    r"(?:如)?有侵权请?联系(?:我们|小编)?删除.{0,10}",
    r"(?:免责)?声明\s*" + _C + r".*",
    r"(?:本文|文章)(?:来自|来源|转载自|转自).*(?:授权|转载).*",
    r"(?:点赞|分享|收藏|在看|评论|转发)(?:\s*[|/、，,]?\s*(?:点赞|分享|收藏|在看|评论|转发))+",
    r"(?:扫码|长按)(?:关注|识别).{0,40}",
    r"(?:标题|链接|原文链接)\s*" + _C + r".*",
    r"[【\[]\s*注\s*\d+\s*[】\]]\s*" + _C + r"?\s*(?:https?://|www\.)\S*",
    r"\[\d+\]\s*(?:https?://|www\.)\S*",
]
# English read-more labels: a line "Read more: …" or "Related: …", and the list of headlines
# after such a label ("Read More on MSFT:" then "- Microsoft Reports Strong Q1 2026 Results").
_MORE_LABEL = (
    r"(?i:read more|related(?: articles| stories| news| coverage)?|more from|see also"
    r"|recommended(?: reading| stories)?|you (?:may|might) also like)"
)
_LINE_PATTERNS += [r"(?i:read more)\b.{0,100}", _MORE_LABEL + r"[^\n:]{0,40}:.{0,100}"]
_LINE_RE = re.compile(r"(?m)^[^\S\n]*(?:" + "|".join(_LINE_PATTERNS) + r")[^\S\n]*$")
_MORE_LIST_RE = re.compile(
    rf"[^\S\n]*{_MORE_LABEL}\b[^\n]{{0,60}}\n(?:[^\S\n]*[-•·*][^\n]*(?:\n|$))+"
)

# A byline (editor/author credits) runs from its label, blanks and a colon to the end of its line.
# No label ends another.
_BYLINE_LABELS = (
    *("栏目主编", "责任编辑", "本文作者", "文字编辑", "美术编辑"),
    *("校对", "审核", "编审"),
)

# A scraper's summary block at the end: from the first label line to the end of the text.
_TRAILER_RE = re.compile(
    r"(?m)^[^\S\n]*(?:关键词|关键字|AI技术|行业|标签|重大事件摘要|摘要)\s*" + _C
)

# A scraper's summary line at the start; a long one holds the article itself, so only its label.
_SUMMARY_RE = re.compile(r"(?m)^[^\S\n]*(?:总结|摘要)\s*" + _C + r"[ \t]*")
_SHORT_SUMMARY = 200

# Every line the patterns above can match starts (after blanks) with one of these characters.
# Finding such line starts (the scan jumps from line break to line break) and trying the line
# patterns only there is much cheaper than anchoring them at every line of the text.
_FIRST_CHARS = "(（发图资来题封头继阅往点查如有免声本文分收在评转扫长标链原【[关A行重摘总RrMmSsYy"
_LINE_START_RE = re.compile(r"\n[^\S\n]*[" + re.escape(_FIRST_CHARS) + "]")


def _merge(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return ``spans`` sorted, merging spans that overlap or are separated by whitespace only."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and (start <= out[-1][1] or not text[out[-1][1] : start].strip()):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _list_candidate_lines(text: str) -> list[int]:
    """Return the starts of the lines that may be boilerplate (see ``_FIRST_CHARS``)."""
    return [0, *(m.start() + 1 for m in _LINE_START_RE.finditer(text))]


def _find_colons(text: str) -> list[int]:
    """Return the sorted offsets of the ASCII and full-width colons in ``text``."""
    found = []
    for colon in ":：":
        i = text.find(colon)
        while i >= 0:
            found.append(i)
            i = text.find(colon, i + 1)
    return sorted(found)


def _find_bylines(text: str) -> list[tuple[int, int]]:
    """Return the spans of the bylines of ``text``, in order, as a left-to-right regex scan for
    label, whitespace, colon, rest of line finds them."""
    # Colons are rare and str.find skips to them in C: much cheaper than a regex that stops at
    # every 文 or 本 to try the labels.
    spans = []
    end = 0  # where the last byline ended: a label must start at or after it
    for colon in _find_colons(text):
        if colon < end:
            continue
        i = colon
        while i > end and text[i - 1].isspace():
            i -= 1
        if not text.endswith(_BYLINE_LABELS, end, i):
            continue
        start = next(i - len(w) for w in _BYLINE_LABELS if text.endswith(w, end, i))
        end = text.find("\n", colon)
        end = len(text) if end < 0 else end
        spans.append((start, end))
    return spans


def find_boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Return sorted, merged (start, end) spans of ``text`` that are web boilerplate."""
    lines = _list_candidate_lines(text)
    spans = [m.span() for s in lines if (m := _LINE_RE.match(text, s))]
    spans += [m.span() for s in lines if (m := _MORE_LIST_RE.match(text, s))]
    spans += _find_bylines(text)
    trailer = next((m for s in lines if (m := _TRAILER_RE.match(text, s))), None)
    if trailer and trailer.start() > len(text) // 2:
        spans.append((trailer.start(), len(text)))
    for m in (m for s in lines if (m := _SUMMARY_RE.match(text, s))):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if m.start() < len(text) // 4 or line_end - m.end() > _SHORT_SUMMARY:
            short = line_end - m.end() <= _SHORT_SUMMARY
            spans.append((m.start(), line_end if short else m.end()))
    return _merge(text, [s for s in spans if s[0] < s[1]])


def is_in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Return True when [start, end) overlaps one of the sorted, merged ``spans``."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end
