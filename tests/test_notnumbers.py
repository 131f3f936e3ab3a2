"""Tests for helpers.notnumbers: names, markers, references, IDs and phone numbers."""

import re

from helpers.notnumbers import (
    PHONE,
    _join_by_first,
    find_excluded_spans,
    is_after_name_word,
    is_glued_to_name,
    is_marker,
)


def _spans(text):
    return [text[s:e] for s, e in find_excluded_spans(text)]


def test_excluded_spans():
    text = "见[1][2]与[3-5]，链接 https://x.cn/a?id=1 ，一带一路，ISBN 978-7-111-12345-6¹"
    assert _spans(text) == ["[1]", "[2]", "[3-5]", "https://x.cn/a?id=1", "一带一路",
                            "ISBN 978-7-111-12345-6", "¹"]  # fmt: skip
    assert _spans("mail me@x.org") == ["me@x.org"]


def test_footnote_markers_are_excluded_as_is_marker_reads_them():
    text = "数据【注 1】与结论[ 12 ]及【注12】"
    assert _spans(text) == ["【注 1】", "[ 12 ]", "【注12】"]
    for digits in ("【注 1】", "[ 12 ]", "【注12】"):
        number = digits.strip("【注 []】")
        start = text.index(digits) + digits.index(number)
        assert is_marker(text, number, start, start + len(number))
    # not a footnote: the bracket too far before the number, a line break before the bracket,
    # three digits, or a scale after the digits
    for text in ("【 注  5】", "【注 5\n】", "【注 123】", "【注 5万】"):
        assert _spans(text) == [], text


def test_alternatives_joined_by_first_character_match_as_written():
    alternatives = ["一带一路", r"\[[0-9]+\]", "一二三", "code [0-9]+", r"\[注[0-9]\]", "7x24"]
    joined = _join_by_first(alternatives)
    assert joined == r"一(?:带一路|二三)|\[(?:[0-9]+\]|注[0-9]\])|code [0-9]+|7x24"
    text = "一二三与一带一路，[12]、[注3]、code 42, 7x24"
    plain = re.compile("|".join(alternatives))
    assert [m.span() for m in re.finditer(joined, text)] == [m.span() for m in plain.finditer(text)]


def test_phone_numbers_match_where_their_digits_start():
    for text, at in (("010-62751234", 0), ("+86 10 6275 1234", 1), ("(650) 253-0000", 1),
                     ("138 0013 8000", 0)):  # fmt: skip
        assert PHONE.match(text, at), text
    assert not PHONE.match("2023-2024", 0)
    assert not PHONE.match("10-20", 0)


def test_names_and_markers():
    text = "GPT-4o, A100 and 5G; Windows 11; over 80"
    assert is_glued_to_name(text, "4", 4, 5)
    assert is_glued_to_name(text, "100", 9, 12)
    assert is_glued_to_name(text, "5", 17, 18)
    assert is_after_name_word(text, text.index("11"))
    assert not is_after_name_word(text, text.index("80"))
    assert not is_glued_to_name("a 10-year plan", "10", 2, 4)
    assert is_glued_to_name("GPT-4-0613", "4", 4, 5)
    assert is_marker("1、算力", "1", 0, 1)
    assert is_marker("see Table 4.2", "4.2", 10, 13)
    assert is_marker("包括：(1)算力", "1", 4, 5)
    assert not is_marker("rose to 12 (12 in 2023)", "12", 12, 14)
