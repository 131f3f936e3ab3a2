"""Tests for helpers.sentences.split_sentences."""

from helpers.sentences import split_sentences


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
