"""Tests for the rules added after scoring against the independent passages gold (issue 13).

Each case is a sentence written for this test; the passages themselves are scored by
tests/test_gold.py-style checks in the bench, not here.
"""


import pytest
from mention_check import check, find_one

from helpers.numbers import find_mentions

# (text, surface, value, high, kind, unit, currency, approx)
CASES = [
    # Chinese units the tables lacked; 千 before 瓦 belongs to the unit, not the numeral
    ("新增装机约300万千瓦", "约300万千瓦", 3e6, None, "count", "千瓦", None, "约"),
    ("年发电近80亿千瓦时", "近80亿千瓦时", 8e9, None, "count", "千瓦时", None, "近"),
    ("时延不超过5毫秒", "不超过5毫秒", 5, None, "duration", "毫秒", None, "不超过"),
    ("月产能新增约8万片", "约8万片", 80000, None, "count", "片", None, "约"),
    ("采用8英寸晶圆", "8英寸", 8, None, "count", "英寸", None, None),
    ("国产模型占据3席", "3席", 3, None, "count", "席", None, None),
    ("共覆盖2,400道题", "2,400道", 2400, None, "count", "道", None, None),
    ("建成5万卡集群", "5万卡", 50000, None, "count", "卡", None, None),
    ("训练千亿参数模型", "千亿参数", 1e11, None, "count", "参数", None, None),
    ("京津冀三地合计", "三地", 3, None, "count", "地", None, None),
    ("佔地約20公頃", "約20公頃", 20, None, "count", "公頃", None, "約"),
    ("35歲以上的員工", "35歲以上", 35, None, "count", "歲", None, "以上"),
    ("採用2奈米製程", "2奈米", 2, None, "count", "奈米", None, None),
    ("每20萬人口中", "20萬", 200000, None, "count", None, None, None),
    # digits after 万 / 兆 with thousands separators; 兆 before more digits (Taiwan)
    ("員工超過2萬3,000人", "超過2萬3,000人", 23000, None, "count", "人", None, "超過"),
    ("全年營收2兆3,400億元", "2兆3,400億元", 2.34e12, None, "money", "元", "CNY", None),
    # hedges: 以内 (suffix), 最高 / 最多 / 正负 (prefix), 3倍多, and a range after a unit
    ("响应时间缩短至10秒以内", "10秒以内", 10, None, "duration", "秒", None, "以内"),
    ("每家最高200万元", "最高200万元", 2e6, None, "money", "元", "CNY", "最高"),
    ("可获最多5,000萬港元", "最多5,000萬港元", 5e7, None, "money", "港元", "HKD", "最多"),
    ("误差为正负2.1个百分点", "正负2.1个百分点", 2.1, None, "percent", "个百分点", None, "正负"),
    ("同比增长2倍多", "2倍多", 2, None, "multiple", "倍", None, "多"),
    ("营收在30亿元至35亿元之间", "30亿元至35亿元", 3e9, 3.5e9, "money", "元", "CNY", None),
    ("2015年至2022年间", "2015年至2022年", 2015, 2022, "year", None, None, None),
    ("3月1日至3月9日举行", "3月1日至3月9日", 301, 309, "date", "月日", None, None),
    ("招股價介乎HK$10.5至HK$12.8", "HK$10.5至HK$12.8", 10.5, 12.8, "money", "HK$", "HKD", None),
    # currency phrases after the number, as written
    ("收入4.2億元人民幣", "4.2億元人民幣", 4.2e8, None, "money", "元人民幣", "CNY", None),
    ("报价20万元人民币以上", "20万元人民币以上", 2e5, None, "money", "元人民币", "CNY", "以上"),
    # bounds and ranks
    ("前5家企业贡献了一半", "前5家", 5, None, "rank", "家", None, "前"),
    ("位于全球前5%", "前5%", 5, None, "percent", "%", None, "前"),
    ("这是第三轮融资", "第三轮", 3, None, "rank", "轮", None, None),
    ("前9个月营收增长", "9个月", 9, None, "duration", "个月", None, None),
    # periods and dates
    ("2024财年第三季度营收", "2024财年第三季度", 2024, None, "date", "Q3", None, None),
    ("营收在3季度回升", "3季度", 3, None, "date", "Q3", None, None),  # digits: crashed once
    ("下半年将推出新版", "下半年", 2, None, "date", "H2", None, None),
    ("对应2027财年的预期", "2027财年", 2027, None, "year", None, None, None),
    ("在2023-24年度预算中", "2023-24年度", 2023, 2024, "year", None, None, None),
    ("公司昨（9）日公布", "（9）日", 9, None, "date", "日", None, None),
    # shares, bare decimals, scores, signs, fractions
    ("调查：近八成上班族用过", "近八成", 80, None, "percent", "成", None, "近"),
    ("能效比降至1.3以下", "1.3以下", 1.3, None, "count", None, None, "以下"),
    ("模型A得分77.5，模型B为74.2；", "77.5", 77.5, None, "score", None, None, None),
    ("模型A得分77.5，模型B为74.2；", "74.2", 74.2, None, "score", None, None, None),
    ("| 乙公司 | -12% | 3% |", "-12%", -12, None, "percent", "%", None, None),
    ("收入同比（YoY +15%）", "+15%", 15, None, "percent", "%", None, None),
    ("价格约为对手的2/5", "2/5", 0.4, None, "other", None, None, None),
    # Latin units and hedges around Chinese numbers, and Chinese hedges around English units
    ("日均调用量达3,000亿tokens", "3,000亿tokens", 3e11, None, "count", "tokens", None, None),
    ("功耗可能达到2 GW以上", "2 GW以上", 2, None, "count", "GW", None, "以上"),
    ("capex预计在US$5bn左右", "US$5bn左右", 5e9, None, "money", "US$", "USD", "左右"),
    ("全年capex不低于RMB 800亿", "不低于RMB 800亿", 8e10, None, "money", "RMB", "CNY", "不低于"),
    ("| ~40 EFLOPS |", "~40 EFLOPS", 40, None, "count", "EFLOPS", None, "~"),
    ("利润率提升2.5 ppts", "2.5 ppts", 2.5, None, "percent", "ppts", None, None),
    # English
    ("Revenue for Second Quarter Fiscal 2026", "Second Quarter Fiscal 2026", 2026, None,
     "date", "Q2", None, None),
    ("Revenue is expected to be $12 billion, plus or minus 3%.", "plus or minus 3%", 3, None,
     "percent", "%", None, "plus or minus"),
    ("Margins of 61.5% to 63.0% are expected.", "61.5% to 63.0%", 61.5, 63, "percent", "%",
     None, None),
    ("papers in the top 5% by citations", "top 5%", 5, None, "percent", "%", None, "top"),
    ("invested £2 billion over three years", "three years", 3, None, "duration", "years", None,
     None),
    ("One 2GW site is planned", "2GW", 2, None, "count", "GW", None, None),
    ("use about 90 terawatt-hours", "about 90 terawatt-hours", 90, None, "count",
     "terawatt-hours", None, "about"),
    ("approval for a 500-megawatt plant", "500-megawatt", 500, None, "count", "megawatt", None,
     None),
    ("costs fell by 80% or more", "80% or more", 80, None, "percent", "%", None, "or more"),
    ("of which ¥2 trillion goes to research", "¥2 trillion", 2e12, None, "money", "¥", "CNY",
     None),
    ("its 200-plus engineers work remotely", "200-plus engineers", 200, None, "count",
     "engineers", None, "plus"),
    ("shipped roughly 2.5 million AI chips", "roughly 2.5 million", 2.5e6, None, "count", None,
     None, "roughly"),
    ("its fourth round of funding", "fourth", 4, None, "rank", None, None, None),
    ("a budget of USD 5.3 billion", "USD 5.3 billion", 5.3e9, None, "money", "USD", "USD", None),
    ("Japan set aside ¥3 trillion for chips.", "¥3 trillion", 3e12, None, "money", "¥", "JPY",
     None),
    ("a model with 7B parameters", "7B parameters", 7e9, None, "count", "parameters", None, None),
    # Forms found by scoring passages the extractor had never seen (2026-11-23)
    ("峰值算力达每秒100亿亿次", "100亿亿次", 1e18, None, "count", "次", None, None),
    ("每秒3,000千萬億次浮點運算", "3,000千萬億次", 3e18, None, "count", "次", None, None),
    ("共收到逾40宗申請", "逾40宗", 40, None, "count", "宗", None, "逾"),
    ("批出2幅地塊", "2幅", 2, None, "count", "幅", None, None),
    ("15个工作日内完成审核", "15个工作日", 15, None, "duration", "个工作日", None, None),
    ("停牌10个交易日", "10个交易日", 10, None, "duration", "个交易日", None, None),
    ("仅为对手的十分之一左右", "十分之一左右", 0.1, None, "other", "分之", None, "左右"),
    ("第三季EPS 5.86元", "5.86元", 5.86, None, "money", "元", "CNY", None),
    ("新建GPU 1万张", "1万张", 10000, None, "count", "张", None, None),
    ("ARR 1.2亿美元", "1.2亿美元", 1.2e8, None, "money", "美元", "USD", None),
    ("带宽为每平方毫米2GB/s", "2GB/s", 2, None, "count", "GB/s", None, None),
    ("网络带宽100Gbps", "100Gbps", 100, None, "count", "Gbps", None, None),
    ("在各地舉辦4場公聽會", "4場", 4, None, "count", "場", None, None),
    ("a context window of 128K tokens", "128K tokens", 128000, None, "count", "tokens", None,
     None),
    # Forms found by scoring passages 51-74, also written without the extractor's code
    ("光模块2,048只", "2,048只", 2048, None, "count", "只", None, None),
    ("全市场超4,100只个股上涨", "超4,100只", 4100, None, "count", "只", None, "超"),
    ("交货期为45个日历天", "45个日历天", 45, None, "duration", "个日历天", None, None),
    ("输入超过3万字时", "超过3万字", 30000, None, "count", "字", None, "超过"),
    ("上证指数报4127.36点", "4127.36点", 4127.36, None, "count", "点", None, None),
    ("或在4050—4200点区间震荡", "4050—4200点", 4050, 4200, "count", "点", None, None),
    ("較去年同期增加1.1百分點", "1.1百分點", 1.1, None, "percent", "百分點", None, None),
    ("发表任内第一份报告", "第一份", 1, None, "rank", "份", None, None),
    ("营收年增率可达五至八成", "五至八成", 50, 80, "percent", "成", None, None),
    ("我们打算用两三年时间", "两三年", 2, 3, "duration", "年", None, None),
    ("在两个基准上分别得分81.6和83.2", "83.2", 83.2, None, "score", None, None, None),
    ("总参数量为70B，", "70B", 7e10, None, "count", None, None, None),
    ("在约15万亿token的语料上", "约15万亿token", 1.5e13, None, "count", "token", None, "约"),
    ("典型功耗750W，", "750W", 750, None, "count", "W", None, None),
    ("rated at up to 1,000 W air-cooled", "up to 1,000 W", 1000, None, "count", "W", None,
     "up to"),
    ("the water table had fallen about 9 feet", "about 9 feet", 9, None, "count", "feet", None,
     "about"),
    ("We Were Two Years Late", "Two Years", 2, None, "duration", "Years", None, None),
    ("Promising 3x Faster Training", "3x", 3, None, "multiple", "x", None, None),
    ("lead times ranged from 26 to 40 weeks", "26 to 40 weeks", 26, 40, "duration", "weeks",
     None, None),
    # Chinese digits written one by one (Taiwan press), ○ as the zero inside them
    ("出口達一二八六億美元", "一二八六億美元", 1.286e11, None, "money", "美元", "USD", None),
    ("年增四二．七％", "四二．七％", 42.7, None, "percent", "％", None, None),
    ("股價下跌二．三％", "二．三％", 2.3, None, "percent", "％", None, None),
    ("投資約一○五億元", "約一○五億元", 1.05e10, None, "money", "元", "CNY", "約"),
    ("二○二四年營收創新高", "二○二四年", 2024, None, "year", None, None, None),
    ("毛利率為三十二.五%", "三十二.五%", 32.5, None, "percent", "%", None, None),
    ("出口達一二三四億元", "一二三四億元", 1.234e11, None, "money", "元", "CNY", None),
    ("季增約一○％", "約一○％", 10, None, "percent", "％", None, "約"),
    ("累計營收突破一兆元", "一兆元", 1e12, None, "money", "元", "CNY", None),
    # found on real articles: 兆 with a decimal or with 亿 after it, a digit run with 點
    ("全年營收三點四兆元", "三點四兆元", 3.4e12, None, "money", "元", "CNY", None),
    ("全年營收一點○八兆元", "一點○八兆元", 1.08e12, None, "money", "元", "CNY", None),
    ("資本支出二七八點五億元", "二七八點五億元", 2.785e10, None, "money", "元", "CNY", None),
    ("總投資約一兆三千億元", "約一兆三千億元", 1.3e12, None, "money", "元", "CNY", "約"),
    ("營收一兆二三四五億元", "一兆二三四五億元", 1.2345e12, None, "money", "元", "CNY", None),
    # a half after a duration; 或以上 after a number; a range of percentages in words
    ("工程歷時四年半", "四年半", 4.5, None, "duration", "年", None, None),
    ("研发用了近2年半", "近2年半", 2.5, None, "duration", "年", None, "近"),
    ("科技股升逾3%或以上", "逾3%或以上", 3, None, "percent", "%", None, "逾"),
    ("年满18岁或以上", "18岁或以上", 18, None, "count", "岁", None, "或以上"),
    ("利润率下降百分之二到四", "百分之二到四", 2, 4, "percent", "百分之", None, None),
    ("占比由百分之六至百分之九", "百分之六至百分之九", 6, 9, "percent", "百分之", None, None),
    # English, found on real articles: a spread "anywhere from", "a third of", "-placed",
    # a year after mid-/late-/post-, "score was"
    ("speedups anywhere from 4 to 60 times", "4 to 60 times", 4, 60, "multiple", "times",
     None, None),
    ("Labs won a third of the grants", "a third", 0.3333, None, "other", None, None, None),
    ("nearly A Quarter of firms", "nearly A Quarter", 0.25, None, "other", None, None, "nearly"),
    ("trailing fourth-placed Japan", "fourth", 4, None, "rank", None, None, None),
    ("Prices peaked in mid-2022.", "2022", 2022, None, "year", None, None, None),
    ("a post-2019 slump", "2019", 2019, None, "year", None, None, None),
    ("Its reasoning score was 61.4.", "61.4", 61.4, None, "score", None, None, None),
    ("ECONOMIC BULLETIN -- MARCH 2025", "MARCH 2025", 202503, None, "date", "年月", None, None),
    ("margins improved in FY2023 and", "2023", 2023, None, "year", None, None, None),
    # a second round of real articles: fiscal quarters, 个千分点, 亿 then 万 with commas
    ("苹果2024财年第四财季营收", "2024财年第四财季", 2024, None, "date", "Q4", None, None),
    ("预计第二财季毛利率回升", "第二财季", 2, None, "date", "Q2", None, None),
    ("出生率比上年下降0.42个千分点", "0.42个千分点", 0.42, None, "other", "个千分点", None, None),
    ("合併營收為2,318億6,500萬元", "2,318億6,500萬元", 231865000000, None, "money", "元",
     "CNY", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "surface", "value", "high", "kind", "unit", "currency", "approx"), CASES
)
def test_mention(text, surface, value, high, kind, unit, currency, approx):
    check(find_one(text, surface), value, kind, unit, approx, high, currency)


NOT_NUMBERS = [
    "据国发〔2023〕12号文件",
    "晶片廠（代號：2330）公布",
    "股份代號：1234",
    "研究员毕业于“211”高校",
    "进入世界500强",
    "据第一财经报道",
    "业内人士总结了几个特点",
    "价格为每千tokens",
    "零部件和零售",
    "刊于《学报》第4期",
    "下一步：第一，稳增长；第二，促改革。",
    "查詢：(852) 2123 4567",
    "电话 0755-8888 1234",
    "dial-in access code 5521 330",
    "the CSI 300 index rose",
    "Policy brief No. 7 | Technology",
    "Llama 3.1 70B and the 910B chip",
    "version numbers (v1.5, 2.1, 4o) differ",
    "Economics (3rd ed.), ISBN 978-0-00-000000-0",
    "HumanEval的pass@1和pass@10",
    "see arXiv:2505.01234v2 and ArXiv: 2312.12345",
    "Windows 11中文版随iPhone 15上市",
    "釋出繁體中文大模型「晴川2.0」",
    "查詢熱線：2123 4567。",
    "Tel: 2123 4567 or Tel. 2123-4567",
    "under 15 CFR 744.21 and 90 FR 12873",
    "see 15 U.S.C. 4801 and 15 C.F.R. § 734.9",
    "第一作者来自北京",
    "it supports 8K screens",
    "鼎衡電子（6195）今日公布",
    "沪深300与科创50走强",
    "营业收入（百万元）",
    "较上一交易日放量",
    "年度报告披露日前上一月末",
    "注：1.本公报数据为初步统计。2.算力按FP16计",
    "表1\u3000主要指标",
    "包号01：训练服务器",
    "可致電熱線 2188 6600查詢",
    "据21世纪经济报道",
    "下午3点开会",
    # times of day; the names of more stock indices
    "更新于 22:01",
    "截至上午9點45分",
    "会议于14时30分开始",
    "The call starts at 09:30:15 sharp",
    "标普500与纳斯达克100收涨",
    "罗素2000和日经225指数",
    "the GPT-2024 preview and Model-1999",
    "a quarter earlier",
    "its Pass@1 and Recall@10 rose",
    "第一产业和第三产业协调发展，三次产业结构优化",
    "搭载麒麟9010与天璣9400晶片",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text):
    assert [m.surface for m in find_mentions(text)] == []


def test_list_marker_before_a_date_is_still_a_marker():
    found = [m.surface for m in find_mentions("头条。\n8、12月，应用月活增长")]
    assert found == ["12月"]


def test_citation_marker_and_interval_in_brackets():
    assert [m.surface for m in find_mentions("as shown [3-5] above")] == []
    found = find_mentions("an estimate of 690 [610–770]")
    assert [(m.surface, m.value, m.high) for m in found][-1] == ("610–770", 610, 770)


def test_from_to_change_is_two_numbers_but_a_period_is_one_range():
    assert [m.surface for m in find_mentions("份额从20%提升至30%")] == ["20%", "30%"]
    assert [m.surface for m in find_mentions("从2014年至2023年")] == ["2014年至2023年"]


def test_fullwidth_comma_after_halfwidth_digits_separates_two_numbers():
    found = find_mentions("新增分别为300，500家；营收１，２００亿元")
    assert [(m.surface, m.value) for m in found] == [
        ("300", 300),
        ("500家", 500),
        ("１，２００亿元", 120_000_000_000),
    ]


def test_stacked_scales_multiply_but_a_smaller_one_after_counts_in_it():
    values = [m.value for m in find_mentions("1亿亿次；1亿2000万人；2.6万亿元；1兆5,120亿元")]
    assert values == [10**16, 120_000_000, 2_600_000_000_000, 1_512_000_000_000]


def test_hong_kong_press_prices_bare_yuan_in_hong_kong_dollars():
    found = find_mentions("香港特區政府計劃總額50億港元，其中20億元用於算力。")
    assert [(m.surface, m.currency) for m in found] == [("50億港元", "HKD"), ("20億元", "HKD")]
    simplified = find_mentions("香港上市的腾讯股价380港元，营收1609亿元")
    assert [m.currency for m in simplified] == ["HKD", "CNY"]
    government = find_mentions("特區政府再撥款12億港元；每年電費約3億元。")
    assert [m.currency for m in government] == ["HKD", "HKD"]
    renminbi = find_mentions("香港市場：股價380港元，營收人民幣1609億元，淨利300億元")
    assert [m.currency for m in renminbi] == ["HKD", "CNY", "CNY"]


def test_traditional_market_reports_price_bare_yuan_in_their_own_dollars():
    taiwan = find_mentions("台股加權指數收漲；聯發科昨收1,250元，10月營收達430.5億元。")
    assert [(m.surface, m.currency) for m in taiwan] == [
        ("1,250元", "TWD"),
        ("10月", None),
        ("430.5億元", "TWD"),
    ]
    hong_kong = find_mentions("恒指收市升1.2%，港股主板成交額約1,580億元。")
    assert [m.currency for m in hong_kong if m.kind == "money"] == ["HKD"]
    # the same words in Simplified script, or with 人民幣 written, keep the renminbi
    simplified = find_mentions("恒指收市升1.2%，港股主板成交额约1,580亿元。")
    assert [m.currency for m in simplified if m.kind == "money"] == ["CNY"]
    renminbi = find_mentions("台股收漲；該公司在大陸營收人民幣80億元，淨利12億元。")
    assert [m.currency for m in renminbi] == ["CNY", "CNY"]
    neither = find_mentions("報告指出，該計畫預算為30億元。")
    assert [m.currency for m in neither] == ["CNY"]


def test_taiwan_article_prices_in_new_taiwan_dollars():
    found = find_mentions("營收新台幣500億元，每股賺2.5元。")
    assert [(m.surface, m.currency) for m in found] == [("500億元", "TWD"), ("2.5元", "TWD")]
