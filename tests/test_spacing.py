"""A blank between digits and Chinese (500 亿美元, 2026 年 3 月, 约 30%): read as if it were not
there, with offsets into the text as written."""

import pytest
from mention_check import check, find_one

from helpers.numbers import find_mentions
from helpers.reading import Reading
from helpers.spacing import restore_offsets, squeeze_blanks

SPACED = [
    # (text, surface, value, kind, unit, approx, high, currency)
    ("计划投入 300 亿元建设", "300 亿元", 3e10, "money", "元", None, None, "CNY"),
    ("市场规模约 5,000 亿美元", "约 5,000 亿美元", 5e11, "money", "美元", "约", None, "USD"),
    ("服务超过 15 万家企业", "超过 15 万家", 150000, "count", "家", "超过", None, None),
    ("新规将于 2026 年 3 月 15 日施行", "2026 年 3 月 15 日", 20260315, "date", "年月日", None,
     None, None),
    ("自 2019 年起", "2019 年", 2019, "year", None, None, None, None),
    ("从 2019 年 至 2023 年", "2019 年 至 2023 年", 2019, "year", None, None, 2023, None),
    ("市占率升至约 30%", "约 30%", 30, "percent", "%", "约", None, None),
    ("增速 5% 至 8%", "5% 至 8%", 5, "percent", "%", None, 8, None),
    ("位列第 3 名", "第 3 名", 3, "rank", "名", None, None, None),
    ("效率提升 2.5 倍", "2.5 倍", 2.5, "multiple", "倍", None, None, None),
    # a no-break space and a thin space count as blanks too
    ("营收 12\u00a0亿元", "12\u00a0亿元", 1.2e9, "money", "元", None, None, "CNY"),
    ("共 40\u2009篇论文", "40\u2009篇", 40, "count", "篇", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "surface", "value", "kind", "unit", "approx", "high", "cur"),
                         SPACED)  # fmt: skip
def test_a_blank_between_digits_and_chinese_is_read_through(
    text, surface, value, kind, unit, approx, high, cur
):
    check(find_one(text, surface), value, kind, unit, approx, high, cur)


def test_other_blanks_next_to_digits_are_left_alone():
    # a table's label, columns set apart by two blanks, a model's name before Chinese
    assert [m.surface for m in find_mentions("说明\n表2 主要结果")] == []
    assert [m.surface for m in find_mentions("北京  120  上海  95")] == ["120", "95"]
    assert [m.surface for m in find_mentions("GPT-4 发布后 3 个月")] == ["3 个月"]


def test_squeeze_and_restore_map_every_reading_back_to_the_text():
    t = "投入约 300 亿元，近 30%"
    compact, keys = squeeze_blanks(t)
    assert compact == "投入约300亿元，近30%"
    for surface in ("约300亿元", "近30%"):
        s = compact.index(surface)
        r = restore_offsets(Reading(s, s + len(surface), 1, None, None, None, "count", None), keys)
        assert t[r.start : r.end].replace(" ", "") == surface
    assert squeeze_blanks("投入300亿元") is None
