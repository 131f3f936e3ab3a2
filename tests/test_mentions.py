"""Tests for helpers.mentions: the JSON lines of mentions and the reading loop."""

import json

from helpers.mentions import find_mentions, format_jsonl

TEXTS = [
    "数据显示,2022年中国产生了全球47%的一流AI研究人员。",
    "Revenue rose 62% to $3bn, about one third of “peers”.\n图片来源:2024年摄",
    "营收1.5亿元，约占三分之一；\\ 引号\" 与\t制表",
]


def test_json_lines_are_what_json_writes():
    for text in TEXTS:
        mentions = find_mentions(text, doc='d"1')
        assert mentions
        expected = "".join(
            json.dumps(m.to_record(), ensure_ascii=False) + "\n" for m in mentions
        )
        assert format_jsonl(mentions) == expected


def test_encoded_fields_are_the_json_of_the_record_fields():
    from decimal import Decimal

    from helpers.mentions import _encode_fields

    cases = [
        ((Decimal("2.50"), None, "亿元", "CNY", "money", "约"), [2.5, None, "亿元", "CNY"]),
        ((Decimal("3"), Decimal("4.0"), None, None, "count", None), [3, 4, None, None]),
        ((Decimal("-0"), None, '"u', None, "other", None), [0, None, '"u', None]),
    ]
    keys = ("value", "high", "unit", "currency", "kind", "approx")
    for args, values in cases:
        text = _encode_fields(*args)
        assert text.endswith(", ")
        record = json.loads("{" + text[:-2] + "}")
        assert list(record) == list(keys)
        assert list(record.values()) == [*values, args[4], args[5]]
        assert all(type(v) is type(w) for v, w in zip(record.values(), values, strict=False))


def test_mentions_of_one_sentence_share_its_text_and_boilerplate_is_marked():
    text = "中美贸易额增长5%，达到3亿元。\n图片来源:2024年摄"
    mentions = find_mentions(text, doc="d")
    assert [m.surface for m in mentions] == ["5%", "3亿元", "2024年"]
    assert mentions[0].sentence is mentions[1].sentence
    assert mentions[0].countries == ("CN", "US")
    assert [m.section for m in mentions] == ["body", "body", "boilerplate"]


def test_sections_follow_the_boilerplate_spans_in_turn():
    text = "图片来源:2023年摄\n正文有5家。\n图片来源:2024年摄\n另有6家，¥7。"
    mentions = find_mentions(text, doc="d")
    assert [m.surface for m in mentions] == ["2023年", "5家", "2024年", "6家", "¥7"]
    assert [m.section for m in mentions] == ["boilerplate", "body", "boilerplate", "body", "body"]
