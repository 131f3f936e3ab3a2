"""Split document text into sentences, keeping character offsets into that text."""

import re

# A sentence runs up to and including its terminator and any closing quotes/brackets after it;
# a line break always ends a sentence.
_SENTENCE = re.compile(r"[^\n。！？!?；;]*(?:[。！？!?；;]+[”’」』)）\]】\"']*|(?=\n)|$)")


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
