"""Property tests: find_mentions never raises and its spans always match the text."""

from hypothesis import given
from hypothesis import strategies as st

from helpers.numbers import find_mentions

PIECES = [
    *"0123456789０１２３４５６７８９",
    *"零〇一二两三四五六七八九十百千万亿数几多余半",
    "百分之",
    "第",
    "前",
    "近",
    "约",
    "超过",
    "不超过",
    "至少",
    "不足",
    "以上",
    "左右",
    *"%％.,，-~—至到年月日号个款篇位家项枚种名倍分元",
    "美元",
    "人民币",
    "个百分点",
    "上半年",
    "下半年",
    "个月",
    "季度",
    "季",
    "成",
    "分之",
    "天",
    "$",
    "¥",
    *"萬億兩個歲數幾參與國們",  # Traditional characters
    "GPT-4o",
    "Qwen2-72B",
    "A100",
    "【注 1】",
    "http://x.cn/a?id=123",
    "a@b.cn",
    "\n",
    " ",
    "　",
    "。",
    "！",
    "？",
    "；",
    "“",
    "”",
    "中美",
    "图片来源:",
    "(举报)",
    "关键词: ",
    *("宗", "幅", "个工作日", "港元", "香港", "NT$", " Billion", " between ", " and ", "pass@"),
    *("arXiv:", "third-quarter", " overall", " Atlas units", "3.1 405B ", "Gbps", "GB/s"),
]

numberish = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
mixed = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join)


def _check(text: str) -> None:
    mentions = find_mentions(text, doc="p")
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
        assert m.start >= previous_end
        previous_end = m.end
        assert m.section in ("body", "boilerplate")
        assert m.high is None or m.high >= m.value
        m.to_record()


@given(st.text())
def test_arbitrary_text(text):
    _check(text)


@given(numberish)
def test_number_like_text(text):
    _check(text)


@given(mixed)
def test_mixed_text(text):
    _check(text)


EN_PIECES = [
    *"0123456789",
    " ",
    " ",
    ",",
    ".",
    "-",
    "–",
    "%",
    "$",
    "€",
    "£",
    "¥",
    "(",
    ")",
    "[",
    "]",
    "\n",
    "US$",
    "RMB ",
    "USD ",
    "million",
    "billion",
    "bn",
    "tn",
    "m",
    "k",
    "x",
    " times",
    "-fold",
    "percent",
    " percentage points",
    " points",
    "over ",
    "more than ",
    "nearly ",
    "about ",
    "up to ",
    "at least ",
    "fewer than ",
    " or more",
    "-plus",
    " to ",
    " and ",
    "between ",
    "from ",
    "top ",
    "No. ",
    "ranked ",
    "th",
    "st",
    "s",
    " years",
    "-year",
    " GPUs",
    " households",
    " EFLOPS",
    " companies",
    "one",
    "two",
    "three",
    "twenty",
    "-five",
    "first",
    "second",
    "third",
    "twice",
    "tenfold",
    " half",
    " quarter",
    " of ",
    "Q",
    "H",
    "FY",
    "January ",
    "Sept. ",
    "May ",
    "the ",
    "GPT-4o",
    "Qwen2-72B",
    "Windows 11",
    "H100",
    "5G",
    "(650) 253-0000",
    "+86 10 6275 1234",
    "ISBN ",
    "https://x.org/1",
    "[1]",
    "one of the",
]
english = st.lists(st.sampled_from(EN_PIECES), max_size=40).map("".join)
mixed_scripts = st.lists(st.sampled_from(EN_PIECES + PIECES), max_size=40).map("".join)


@given(english)
def test_english_text(text):
    _check(text)


@given(mixed_scripts)
def test_mixed_english_and_chinese_text(text):
    _check(text)
