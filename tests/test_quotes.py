"""Tests for helpers.quotes: finding quotes in their source and the numbers inside them."""

from dataclasses import dataclass

from helpers.quotes import find_quote_spans, mentions_within


def test_quote_matches_after_normalization():
    text = "中國發布的論文數量為１２４５０篇"
    at = text.index("１")
    assert find_quote_spans("１２４５０篇", text) == [(at, at + 6)]
    assert find_quote_spans("12450篇", text) == [(at, at + 6)]
    assert find_quote_spans("中国发布", text) == [(0, 4)]
    assert find_quote_spans("99篇", text) == []


def test_mentions_within_agrees_with_the_obvious_scan():
    from hypothesis import given
    from hypothesis import strategies as st

    @dataclass(frozen=True)
    class M:
        start: int
        end: int

    spans_st = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12)
    mentions_st = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=30)

    @given(mentions_st, spans_st)
    def check(raw_mentions, raw_spans):
        mentions = [M(s, s + n) for s, n in raw_mentions]
        spans = [(s, s + n) for s, n in raw_spans]
        naive = {m for m in mentions for s, e in spans if s <= m.start and m.end <= e}
        found = mentions_within(mentions, spans)
        assert set(found) == naive
        assert found == sorted(found, key=lambda m: (m.start, m.end))

    check()


def test_a_quote_repeated_many_times_is_checked_once_per_place():
    from helpers.numbers import find_mentions

    sentence = "中国发布的论文数量为12450篇。"
    text = sentence * 2000
    mentions = find_mentions(text, "doc")
    spans = find_quote_spans(sentence, text)
    assert len(spans) == 2000
    assert len(mentions_within(mentions, spans)) == len(mentions) == 2000
