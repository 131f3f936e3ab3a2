"""Tests for helpers.sentences.split_sentences."""

import random
import re

from helpers.sentences import (
    find_context,
    find_contexts,
    split_sentences,
)

# The rule written as two plain scans (the form it had before find_contexts): the oracle the
# fast searches are checked against. The last sentence end before a span (greedy: backtracks to
# the last one), and the next after.
_LAST_END = re.compile(r"(?s).*(?:[\n。！？!?；;]|\.(?=\s))[”’」』)）\]】\"']*")
_NEXT_END = re.compile(r"\n|[。！？!?；;]+|\.(?=\s)")
_CLOSERS = "”’」』)）]】\"'"


def _scan_context(text, start, end, window):
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


def _split(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_on_chinese_and_ascii_terminators_and_newlines():
    text = "中国排名第一。美国呢？好!\n第二行；第三句;end"
    assert _split(text) == ["中国排名第一。", "美国呢？", "好!", "第二行；", "第三句;", "end"]


def test_closing_quote_stays_with_its_sentence():
    text = "他说：“永远没办法商业落地。”他认为一定要找到新的架构。"
    assert _split(text) == ["他说：“永远没办法商业落地。”", "他认为一定要找到新的架构。"]


def test_offsets_point_into_the_text_without_surrounding_space():
    text = "  第一句。 \n\n  第二句  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["第一句。", "第二句"]
    assert spans[0][0] == 2


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_context_is_the_sentence_when_it_is_short():
    from helpers.sentences import find_context

    text = "第一句。中国有5家公司！第三句"
    s, e = find_context(text, text.index("5家"), text.index("5家") + 2)
    assert text[s:e] == "中国有5家公司！"


def test_context_is_cut_to_the_window_without_punctuation():
    from helpers.sentences import find_context

    text = "字" * 1000 + "12家" + "字" * 1000
    s, e = find_context(text, 1000, 1003, window=120)
    assert (s, e) == (880, 1123)


def test_contexts_of_many_spans_equal_the_scanning_one():
    rng = random.Random(11)
    alphabet = list("ab 。！？!?；;.\n”）】'\"x1")
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 50)))
        spans = []
        for _ in range(rng.randint(1, 4)):
            start = rng.randint(0, len(text) - 1)
            spans.append((start, rng.randint(start + 1, len(text))))
        window = rng.choice([3, 8, 120])
        expected = [_scan_context(text, s, e, window) for s, e in spans]
        assert find_contexts(text, spans, window) == expected, (text, spans, window)
        assert [find_context(text, s, e, window) for s, e in spans] == expected


def test_context_ends_take_enders_and_closers_up_to_the_window():
    text = "好！？”）后"
    assert find_contexts(text, [(0, 1)]) == [(0, 5)]
    assert find_contexts(text, [(0, 1)], window=2) == [(0, 3)]
    assert find_contexts("a. ”b", [(0, 1)]) == [(0, 2)]
    assert find_contexts("a.”b. c", [(0, 1)]) == [(0, 5)]


def test_context_starts_after_the_closers_of_the_sentence_before():
    assert find_contexts("好。”）坏", [(4, 5)]) == [(4, 5)]
    assert find_contexts("好。” 坏", [(4, 5)]) == [(4, 5)]
    assert find_contexts("好。”）坏", [(4, 5)], window=1) == [(3, 5)]
    assert find_contexts("a. b", [(3, 4)]) == [(3, 4)]
    assert find_contexts("a. b", [(2, 4)]) == [(0, 4)]  # the blank is not before the span
