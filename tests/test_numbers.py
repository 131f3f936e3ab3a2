"""Tests for helpers.numbers.find_mentions on real sentences from the seed documents."""

from decimal import Decimal

import opencc
import pytest
from mention_check import check, find_one

from helpers import paths
from helpers.numbers import find_mentions, parse_numeral

S2T = opencc.OpenCC("s2t")


# (sentence from a seed, surface, value, high, kind, unit, approx, currency)
CASES = [
    (
        "8月26日,美国著名非营利科技智库ITIF在官网发布了",
        "8月26日",
        826,
        None,
        "date",
        "月日",
        None,
        None,
    ),
    ("只有OpenAI的GPT-4o以81分处于第一的位置", "81分", 81, None, "score", "分", None, None),
    ("只有OpenAI的GPT-4o以81分处于第一的位置", "第一", 1, None, "rank", None, None, None),
    (
        "数据显示,2022年中国产生了全球47%的一流AI研究人员",
        "47%",
        47,
        None,
        "percent",
        "%",
        None,
        None,
    ),
    (
        "数据显示,2022年中国产生了全球47%的一流AI研究人员",
        "2022年",
        2022,
        None,
        "year",
        None,
        None,
        None,
    ),
    ("中国一直是全球AI专利的最大来源国,是美国的4倍", "4倍", 4, None, "multiple", "倍", None, None),
    (
        "截止到2023年,中国发布的论文数量为12450篇,略领先美国的12030篇。",
        "12450篇",
        12450,
        None,
        "count",
        "篇",
        None,
        None,
    ),
    ("前5名当中4家是中国企业,只有IBM排名第五。", "前5名", 5, None, "rank", "名", "前", None),
    ("前5名当中4家是中国企业,只有IBM排名第五。", "第五", 5, None, "rank", None, None, None),
    ("在申请专利排名前20的企业中,14家来自中国", "前20", 20, None, "rank", None, "前", None),
    ("目前已有117款生成式人工智能服务通过备案。", "117款", 117, None, "count", "款", None, None),
    ("为王延峰领衔15位市人大代表联名提交一份建议", "15位", 15, None, "count", "位", None, None),
    ("但200多个大模型很快就会进入收敛期", "200多个", 200, None, "count", "个", "多", None),
    ("未来可能只会剩下10-20个大模型", "10-20个", 10, 20, "count", "个", None, None),
    (
        "当参数到达六七百亿时,尺度定律的边际效益会下降",
        "六七百亿",
        60000000000,
        70000000000,
        "count",
        None,
        None,
        None,
    ),
    ("该大模型包含近1800亿个参数", "近1800亿个", 180000000000, None, "count", "个", "近", None),
    (
        "为ChatGPT提供了一台由超过1万枚英伟达A100 GPU芯片的AI计算集群",
        "超过1万枚",
        10000,
        None,
        "count",
        "枚",
        "超过",
        None,
    ),
    ("拥有超过1万枚GPU的企业不超过5家。", "不超过5家", 5, None, "count", "家", "不超过", None),
    ("我国与之差距至少在两年以上", "两年以上", 2, None, "duration", "年", "以上", None),
    (
        "将为全球经济带来每年2.6万亿至4.4万亿美元的增长",
        "2.6万亿至4.4万亿美元",
        2600000000000,
        4400000000000,
        "money",
        "美元",
        None,
        "USD",
    ),
    ("今年6月,ChatGPT访问量环比下滑9.7%", "9.7%", 9.7, None, "percent", "%", None, None),
    (
        "生成式AI将占到所有生成数据的10%,但目前这个比例还不足1%。",
        "不足1%",
        1,
        None,
        "percent",
        "%",
        "不足",
        None,
    ),
    (
        "在2024年上半年对16个具代表性的大语言模型进行了中英文表现的比较",
        "2024年上半年",
        2024,
        None,
        "date",
        "H1",
        None,
        None,
    ),
    (
        "(本文同时于二零二四年九月十九日载于《FT中文网》“明德商论”专栏)",
        "二零二四年九月十九日",
        20240919,
        None,
        "date",
        "年月日",
        None,
        None,
    ),
    (
        "2022年12月,微软投资的AI创业公司OpenAI推出对话式AI ChatGPT",
        "2022年12月",
        202212,
        None,
        "date",
        "年月",
        None,
        None,
    ),
    (
        "附件:生成式人工智能服务已备案信息(2024年3月)",
        "2024年3月",
        202403,
        None,
        "date",
        "年月",
        None,
        None,
    ),
    (
        "清华大学苏世民书院院长薛澜2月份在中国数字经济发展和治理学术年会(2024)上表示",
        "2月份",
        2,
        None,
        "date",
        "月",
        None,
        None,
    ),
    (
        "清华大学苏世民书院院长薛澜2月份在中国数字经济发展和治理学术年会(2024)上表示",
        "2024",
        2024,
        None,
        "year",
        None,
        None,
        None,
    ),
    (
        "“大模型一投入都是数十亿、数百亿,你必须把价值链整个打通",
        "数十亿",
        2000000000,
        9000000000,
        "count",
        None,
        "数",
        None,
    ),
    (
        "几个月前,中国人民大学与伊利诺伊大学香槟分校的研究揭露了大模型评测中的漏洞",
        "几个月",
        2,
        9,
        "duration",
        "个月",
        "几",
        None,
    ),
    (
        "“过去一年多,中国的大部分模型还是基于美国的一些开源开放模型进行微调",
        "一年多",
        1,
        None,
        "duration",
        "年",
        "多",
        None,
    ),
    ("世界三大尖端技术", "三", 3, None, "count", None, None, None),
    ("上海人工智能实验室领军科学家乔宇表示有两条路径", "两条", 2, None, "count", "条", None, None),
    ("文心一言用户规模已达4500万。", "4500万", 45000000, None, "count", None, None, None),
    ("中文语料在全球数据集中的比例低(仅占1.3%)", "1.3%", 1.3, None, "percent", "%", None, None),
    ("据赛迪顾问调研数据显示:从今年3月16日", "3月16日", 316, None, "date", "月日", None, None),
]
SYNTHETIC = [
    ("全球AI研究人员的百分之四十七", "百分之四十七", 47, None, "percent", "百分之", None, None),
    ("2008-2024年的数据", "2008-2024年", 2008, 2024, "year", None, None, None),
    ("发布日期为2025-03-06。", "2025-03-06", 20250306, None, "date", "年月日", None, None),
    ("共有十余家企业参与", "十余家", 10, None, "count", "家", "余", None),
    (
        "投资约1,234.5亿元人民币",
        "约1,234.5亿元人民币",
        123450000000,
        None,
        "money",
        "元人民币",
        "约",
        "CNY",
    ),
    ("营收２５２３亿美元", "２５２３亿美元", 252300000000, None, "money", "美元", None, "USD"),
    ("至少3家公司", "至少3家", 3, None, "count", "家", "至少", None),
    ("下降3个百分点", "3个百分点", 3, None, "percent", "个百分点", None, None),
    ("一百零五个样本", "一百零五个", 105, None, "count", "个", None, None),
    ("一亿二千万用户", "一亿二千万", 120000000, None, "count", None, None, None),
    ("市场规模达$120", "$120", 120, None, "money", "$", None, "USD"),
    ("1-6月累计销售", "1-6月", 1, 6, "date", "月", None, None),
    ("约占全国的三分之一", "三分之一", "0.3333", None, "other", "分之", None, None),
    ("20世纪90年代", "90年代", 90, None, "date", "年代", None, None),
    ("接待2.5万人次", "2.5万人次", 25000, None, "count", "人次", None, None),
    ("占比20%-30%", "20%-30%", 20, 30, "percent", "%", None, None),
    ("下跌3.2%至2,345.67点", "3.2%", 3.2, None, "percent", "%", None, None),
    ("超过2000人", "超过2000人", 2000, None, "count", "人", "超过", None),
    ("约2000", "约2000", 2000, None, "count", None, "约", None),
]


@pytest.mark.parametrize(
    ("text", "surface", "value", "high", "kind", "unit", "approx", "currency"), CASES + SYNTHETIC
)
def test_mention_values(text, surface, value, high, kind, unit, approx, currency):
    m = find_one(text, surface)
    check(m, value, kind, unit, approx, high, currency)


@pytest.mark.parametrize(
    ("text", "surface", "value", "high", "kind", "unit", "approx", "currency"), CASES
)
def test_traditional_script_versions_keep_offsets(
    text, surface, value, high, kind, unit, approx, currency
):
    trad = S2T.convert(text)
    assert len(trad) == len(text)
    start = text.index(surface)
    trad_surface = trad[start : start + len(surface)]
    m = [x for x in find_mentions(trad) if x.start == start][0]
    assert (m.end, m.surface) == (start + len(surface), trad_surface)
    # units and hedges are kept as written: 個, 超過
    if unit and (i := surface.rfind(unit)) >= 0:
        unit = trad_surface[i : i + len(unit)]
    if approx and (i := surface.find(approx)) >= 0:
        approx = trad_surface[i : i + len(approx)]
    check(m, value, kind, unit, approx, high, currency)


NOT_NUMBERS = [
    "阿里巴巴的Qwen1.5和智谱AI的ChatGLM3等模型",
    "阿里开源的Qwen2-72B 指令微调模型",
    "与知名闭源模型Anthropic的Claude-3.5-Sonnet-200K并列",
    "超过了Llama-3-70B指令微调、Phi-3-mini等知名美国开源模型",
    "也优于谷歌的Gemma系列和Meta的Llama2系列",
    "而Gemini Pro和Llama 2则分别位列",
    "中国的文心一言4(ERNIE Bot 4)是英文测试中表现最佳的国产模型",
    "略高于Claude 2和GPT-3.5 Turbo,唯未能超越GPT-4【注 5】",
    "百度发布文心大模型4.0",
    "阿里云发布通义千问2.5",
    "合作推出“浦医2.0”(OpenMEDLab2.0)医疗多模态基础模型群",
    "如英伟达A10",
    "如Rabbit R1新型终端、雷鸟Rayneo AI眼镜X2Lite、AI助手WeHead和RT2机器人",
    "从Web 2.0到DeepSeek-R1",
    "链接: http://baijiahao.baidu.com/s?id=1800065560409438485&wfr=spider&for=pc",
    "【注 2】:http://arxiv.org/abs/2302.04023",
    "联系 editor2024@example.com 获取",
    "在这一背景下,一带一路,一些,一种新架构,又往前推进了一步",
    "最具选择性的会议之一,中国一直是,统一,唯一,一方面",
    "中国零一万物开源的YI系列性能也非常不错",
    "大模型“百模大战”一触即发,百花齐放",
    "要相信第一性原理",
    "万亿参数联盟",
    "几乎每天都能看到,寥寥无几",
    "此外,中国移动备案了一款“九天自然语言交互大模型”",
    "ID 12345678901234",
    "这十分重要",
    "重大事件摘要: 包括：\n\n1. **全球大模型竞争加剧**\n2、国内",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text):
    assert [m.surface for m in find_mentions(text)] == []


def test_year_without_unit_and_bare_large_number():
    text = "根据斯坦福大学发布的《2024人工智能指数报告》"
    check(find_one(text, "2024"), 2024, "year")


def test_document_order_offsets_sentence_and_countries():
    text = (paths.SEEDS_DIR / "000_19624ce7a458252b.txt").read_text(encoding="utf-8")
    mentions = find_mentions(text, doc="000")
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        assert m.surface in m.sentence
        assert m.doc == "000"
    m = _find_first(mentions, "47%")
    assert m.sentence == (
        "数据显示,2022年中国产生了全球47%的一流AI研究人员,而在2019年这一比例仅为29%。"
    )
    assert m.countries == ("CN",)
    assert _find_first(mentions, "14家").countries == ("CN", "JP", "US")


def _find_first(mentions, surface):
    return next(m for m in mentions if m.surface == surface)


def test_boilerplate_section():
    text = (paths.SEEDS_DIR / "004_57cee5672ad075ba.txt").read_text(encoding="utf-8")
    mentions = find_mentions(text)
    assert all(m.section == "body" for m in mentions)
    boiler = "正文说有3家公司。\n图片来源:2024年摄\n(举报)"
    found = find_mentions(boiler)
    assert [(m.surface, m.section) for m in found] == [("3家", "body"), ("2024年", "boilerplate")]


def test_to_record_is_json_ready():
    m = find_one("仅占1.3%,共4500万", "1.3%")
    record = m.to_record()
    assert record["value"] == 1.3 and isinstance(record["value"], float)
    assert record["high"] is None
    assert record["countries"] == []
    whole = find_one("仅占1.3%,共4500万", "4500万").to_record()
    assert whole["value"] == 45000000 and isinstance(whole["value"], int)
    assert list(record) == [
        "doc",
        "start",
        "end",
        "surface",
        "value",
        "high",
        "unit",
        "currency",
        "kind",
        "approx",
        "sentence",
        "countries",
        "section",
    ]


def test_parse_numeral():
    assert parse_numeral("2.6万亿") == (Decimal("2.6E12"), None, None)
    assert parse_numeral("六七百亿")[:2] == (Decimal("6E10"), Decimal("7E10"))
    assert parse_numeral("二十多万") == (Decimal(200000), None, "多")
    assert parse_numeral("一二") is None


def test_empty_and_whitespace_text():
    assert find_mentions("") == []
    assert find_mentions(" \n\t") == []


def test_context_is_bounded_on_a_document_without_punctuation():
    # 20 KB with no sentence end: each mention carries at most 120 characters each side.
    text = "数据显示共有12家企业和30个模型参与评测" * 1000
    mentions = find_mentions(text)
    assert len(mentions) == 2000
    assert max(len(m.sentence) for m in mentions) <= 2 * 120 + max(len(m.surface) for m in mentions)
    assert all(m.surface in m.sentence for m in mentions)
    size = sum(len(m.sentence) for m in mentions)
    assert size <= 260 * len(mentions)  # linear in the number of mentions, not quadratic


def test_context_stops_at_the_nearer_sentence_end():
    text = "前一句很长很长。这一句有5家公司参与！后一句也很长。"
    m = find_mentions(text)[0]
    assert m.sentence == "这一句有5家公司参与！"
    english = "Intro text here. The firm hired 300 engineers. More text follows."
    assert find_mentions(english)[0].sentence == "The firm hired 300 engineers."
