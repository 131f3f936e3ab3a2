"""Split document text into sentences, and find the bounded context around a span."""

import re

# A sentence runs up to and including its terminator and any closing quotes/brackets after it;
# a line break always ends a sentence.
_SENTENCE = re.compile(r"[^\n。！？!?；;]*(?:[。！？!?；;]+[”’」』)）\]】\"']*|(?=\n)|$)")
_CLOSERS = "”’」』)）]】\"'"
# The end of a sentence, for ``find_contexts``: \n, a full stop before whitespace, or a run of
# 。！？!?；; with the closing quotes after it. Written with one character class first, which the
# regex engine searches for in C (an alternation would be tried at every position: twice as
# slow); a \n is taken with it and stripped as trailing whitespace.
_CONTEXT_END = re.compile(
    r"[\n。！？!?；;.](?:(?<=\n)|(?<=\.)(?=\s)|(?<=[^\n.])[。！？!?；;]*[”’」』)）\]】\"']*)"
)
# One sentence-ending character (a full stop only before whitespace) for the reversed window
# before a span (a full stop followed by a blank is preceded by it there), so that the last
# sentence end before the span is the first match, found in C. A full stop right before the span
# has no blank in the window, as its blank is not before the span: it ends nothing.
_END_CHAR_BACK = re.compile(r"[\n。！？!?；;.](?:(?<!\.)|(?<=\s\.))")

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
    return find_contexts(text, [(start, end)], window)[0]


def find_contexts(text: str, spans, window: int = CONTEXT_WINDOW) -> list[tuple[int, int]]:
    """Return ``find_context(text, start, end, window)`` for each (start, end, …) of ``spans``.

    Two regex searches per span (one in the reversed window before it), no per-document index of
    sentence ends: cheaper when the spans are few per sentence end, as numbers are.
    """
    n = len(text)
    search_back, search = _END_CHAR_BACK.search, _CONTEXT_END.search
    contexts = []
    for span in spans:
        start, end = span[0], span[1]
        s = lo = start - window if start > window else 0
        m = search_back(text[lo:start][::-1])
        if m is not None:
            s = start - m.start()
            while s < start and text[s] in _CLOSERS:
                s += 1
        e = hi = end + window if end + window < n else n
        m = search(text, end, hi)  # ``hi`` hides the blank a full stop at hi - 1 needs
        if m is not None:
            e = m.end()
        while s < start and text[s].isspace():
            s += 1
        while e > end and text[e - 1].isspace():
            e -= 1
        contexts.append((s, e))
    return contexts
