"""Split document text into sentences, and find the bounded context around a span."""

import re

# A sentence runs up to and including its terminator and any closing quotes/brackets after it;
# a line break always ends a sentence.
_SENTENCE = re.compile(r"[^\n。！？!?；;]*(?:[。！？!?；;]+[”’」』)）\]】\"']*|(?=\n)|$)")
_CLOSERS = "”’」』)）]】\"'"
# The last sentence end before a span (greedy: backtracks to the last one), and the next after.
_LAST_END = re.compile(r"(?s).*(?:[\n。！？!?；;]|\.(?=\s))[”’」』)）\]】\"']*")
_NEXT_END = re.compile(r"\n|[。！？!?；;]+|\.(?=\s)")

CONTEXT_WINDOW = 120


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences in ``text``, without surrounding whitespace."""
    spans = []
    for m in _SENTENCE.finditer(text):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def find_context(text: str, start: int, end: int, window: int = CONTEXT_WINDOW) -> tuple[int, int]:
    """Return the span of the sentence around [start, end), cut to ``window`` characters each side.

    A sentence ends at 。！？!?；; (with closing quotes), a line break, or ". " in English; so a
    document without punctuation gives each span at most 2 × ``window`` characters of context.
    """
    lo = max(0, start - window)
    last = _LAST_END.match(text, lo, start)
    s = last.end() if last else lo
    hi = min(len(text), end + window)
    nxt = _NEXT_END.search(text, end, hi)
    e = hi
    if nxt:
        e = nxt.end() if nxt.group() != "\n" else nxt.start()
        while e < hi and text[e] in _CLOSERS:
            e += 1
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e
