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
