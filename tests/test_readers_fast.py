"""The fast reader of the common complete mention gives exactly what the full reader gives."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import patterns_zh
from helpers.entities import load_lexicon
from helpers.readers_fast import read_fast
from helpers.readers_quantity import read_quantity

NUMBER = re.compile(patterns_zh._NUMBER, re.VERBOSE)
PIECES = [
    *"0123456789.,", "12", "2024", "3.5", "1,234", *"个款家人元分年月日号%‰倍天位名台条",
    "美元", "元人民币", "个百分点", "百分点", "千瓦", "千瓦时", "个月", "季度", "个季度", "年代",
    *"多以上下左右开外至到-~—–+ $¥/._", "以上", "左右", "之", "钟", "工", "素",
    *"超过约近逾的在是,，。（(“\n", "新台币", "文心一言", "GPT-", "A", "v", "Q", "H", "万", "亿",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join)
LEXICON = load_lexicon()


def _check(text: str) -> None:
    for pos, ch in enumerate(text):
        if not ch.isdigit():
            continue
        m = patterns_zh.CORE_DIGIT.match(text, pos)
        if m is None or m.lastgroup != "fz":
            continue
        full = read_quantity(text, NUMBER.match(text, pos), LEXICON)
        assert read_fast(text, m, LEXICON) == full, (text, pos)


@settings(max_examples=400)
@given(texts)
def test_fast_reading_equals_full_reading(text):
    _check(text)


def test_examples_take_the_fast_path_and_agree():
    fast = ("共有117款模型", "超过400个", "占比47%的", "约1500元", "新台币300元", "提高3个百分点")
    for text in fast:
        pos = next(i for i, c in enumerate(text) if c.isdigit())
        assert patterns_zh.CORE_DIGIT.match(text, pos).lastgroup == "fz", text
        _check(text)
    for text in ("2024年", "3季度", "30%至40%", "3倍多", "3百分点", "10个以上", "GPT-4个"):
        pos = next(i for i, c in enumerate(text) if c.isdigit())
        assert patterns_zh.CORE_DIGIT.match(text, pos).lastgroup != "fz", text
