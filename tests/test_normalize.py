"""Tests for helpers.normalize: width folding, Simplified script, offsets into the raw text."""

from helpers.normalize import convert_to_simplified, fold_width, normalize_text


def test_full_width_digits_letters_and_signs_fold_to_ascii():
    assert fold_width("１８００億，ＧＰＴ－４ｏ　４７％") == "1800億,GPT-4o 47%"


def test_traditional_becomes_simplified_with_same_length():
    raw = "數據顯示，2022年中國產生了全球47%的一流AI研究人員"
    norm = normalize_text(raw)
    assert norm.text == "数据显示,2022年中国产生了全球47%的一流AI研究人员"
    assert len(norm.text) == len(raw)


def test_taiwan_phrase_changing_length_keeps_offsets():
    raw = "記憶體價格上漲12%\n軟體產業"
    norm = normalize_text(raw)
    assert len(norm.text) == len(raw)
    i = norm.text.index("12%")
    start, end = norm.raw_span(i, i + 3)
    assert raw[start:end] == "12%"
    # the untouched line still gets the Taiwan vocabulary mapping (軟體 → 软件)
    assert norm.text.endswith("软件产业")


def test_to_raw_is_valid_at_the_end_and_rejects_outside():
    norm = normalize_text("中國")
    assert norm.to_raw(2) == 2
    try:
        norm.to_raw(3)
    except IndexError:
        pass
    else:  # pragma: no cover
        raise AssertionError("expected IndexError")


def test_simplified_text_is_unchanged():
    text = "中国目前是全球AI研究出版物的领导者"
    assert convert_to_simplified(text) == text


def test_empty_text():
    assert normalize_text("").text == ""


def test_changed_chars_are_the_wide_and_the_traditional_ones():
    from helpers.normalize import _WIDTH_TABLE, _get_changed_chars

    changed = _get_changed_chars()
    assert all(changed.fullmatch(chr(cp)) for cp in _WIDTH_TABLE)
    assert all(changed.fullmatch(ch) for ch in "國際經濟與")
    assert not any(changed.fullmatch(ch) for ch in "国际经济与a1,。％"[:-1])


def test_width_folding_from_a_position_does_not_scan_before_it():
    assert fold_width("ab，Ｂ２，", 2) == "ab,B2,"
    assert fold_width("Ａ１,Ｂ", 2) == "Ａ１,B"  # the caller promises no wide character before


def test_white_circle_is_zero_only_among_chinese_digits():
    text = "二○二四年，一○五億元，○○公司，○號"
    normalized = normalize_text(text).text
    assert normalized == "二〇二四年,一〇五亿元,○○公司,○号"
    assert len(normalized) == len(text)
