"""Tests for English, mixed and newly covered Chinese forms (passages written for these tests)."""


import pytest
from mention_check import check, find_one

from helpers.numbers import find_mentions

CASES = [
    (
        "The company spent $100 billion on data centres.",
        "$100 billion",
        1e11,
        None,
        "money",
        "$",
        "USD",
        None,
    ),
    (
        "Revenue rose to US$5 billion last year.",
        "US$5 billion",
        5e9,
        None,
        "money",
        "US$",
        "USD",
        None,
    ),
    (
        "China plans 380 billion yuan in subsidies.",
        "380 billion yuan",
        3.8e11,
        None,
        "money",
        "yuan",
        "CNY",
        None,
    ),
    ("Capex hit $3bn in the quarter.", "$3bn", 3e9, None, "money", "$", "USD", None),
    (
        "a market worth 1.2tn dollars",
        "1.2tn dollars",
        1.2e12,
        None,
        "money",
        "dollars",
        "USD",
        None,
    ),
    ("Funding of €2.5 billion was agreed.", "€2.5 billion", 2.5e9, None, "money", "€", "EUR", None),
    ("RMB 50 billion was raised.", "RMB 50 billion", 5e10, None, "money", "RMB", "CNY", None),
    ("USD 7 million in grants", "USD 7 million", 7e6, None, "money", "USD", "USD", None),
    (
        "The cluster draws 10 gigawatts of power.",
        "10 gigawatts",
        10,
        None,
        "count",
        "gigawatts",
        None,
        None,
    ),
    (
        "It serves 8 million households.",
        "8 million households",
        8e6,
        None,
        "count",
        "households",
        None,
        None,
    ),
    ("The system reaches 90 EFLOPS.", "90 EFLOPS", 90, None, "count", "EFLOPS", None, None),
    ("Its share is 30% today.", "30%", 30, None, "percent", "%", None, None),
    ("Over 80% of firms agree.", "Over 80%", 80, None, "percent", "%", None, "over"),
    ("Some 62 percent said yes.", "Some 62 percent", 62, None, "percent", "percent", None, "some"),
    (
        "The share fell 3 percentage points.",
        "3 percentage points",
        3,
        None,
        "percent",
        "percentage points",
        None,
        None,
    ),
    ("Chips are 4x faster.", "4x", 4, None, "multiple", "x", None, None),
    ("It is four times larger.", "four times", 4, None, "multiple", "times", None, None),
    ("Output doubled: twice the rate.", "twice", 2, None, "multiple", None, None, None),
    ("a tenfold rise", "tenfold", 10, None, "multiple", "fold", None, None),
    ("a 10-fold rise", "10-fold", 10, None, "multiple", "fold", None, None),
    ("between 5 and 10 models", "between 5 and 10 models", 5, 10, "count", "models", None, None),
    ("It will take 5 to 10 years.", "5 to 10 years", 5, 10, "duration", "years", None, None),
    ("Prices of 5–10 dollars", "5–10 dollars", 5, 10, "money", "dollars", "USD", None),
    (
        "nearly 300 companies",
        "nearly 300 companies",
        300,
        None,
        "count",
        "companies",
        None,
        "nearly",
    ),
    (
        "more than 8 million households",
        "more than 8 million households",
        8e6,
        None,
        "count",
        "households",
        None,
        "more than",
    ),
    ("at least 12 GPUs", "at least 12 GPUs", 12, None, "count", "GPUs", None, "at least"),
    (
        "fewer than 20 researchers",
        "fewer than 20 researchers",
        20,
        None,
        "count",
        "researchers",
        None,
        "fewer than",
    ),
    ("up to 40%", "up to 40%", 40, None, "percent", "%", None, "up to"),
    ("about 1,200 papers", "about 1,200 papers", 1200, None, "count", "papers", None, "about"),
    ("ranked second among peers", "second", 2, None, "rank", None, None, None),
    ("the second-largest economy", "second", 2, None, "rank", None, None, None),
    ("China is No. 2 in patents", "No. 2", 2, None, "rank", None, None, None),
    ("It ranked 5th in the index", "5th", 5, None, "rank", None, None, None),
    ("among the top 10 models", "top 10", 10, None, "rank", None, None, "top"),
    ("a top-10 university", "top-10", 10, None, "rank", None, None, "top"),
    ("a three-year plan", "three-year", 3, None, "duration", "year", None, None),
    ("three companies joined", "three companies", 3, None, "count", "companies", None, None),
    ("spent $5bn over two years", "two years", 2, None, "duration", "years", None, None),
    ("for over two years", "over two years", 2, None, "duration", "years", None, "over"),
    ("two billion users", "two billion users", 2e9, None, "count", "users", None, None),
    ("only one company", "one company", 1, None, "count", "company", None, None),
    ("in 2023 the index", "2023", 2023, None, "year", None, None, None),
    ("published (2024)", "2024", 2024, None, "year", None, None, None),
    ("in December 2022, OpenAI", "December 2022", 202212, None, "date", "年月", None, None),
    ("on 19 September 2024 the", "19 September 2024", 20240919, None, "date", "年月日", None, None),
    (
        "on September 19, 2024 the",
        "September 19, 2024",
        20240919,
        None,
        "date",
        "年月日",
        None,
        None,
    ),
    ("on August 26 the", "August 26", 826, None, "date", "月日", None, None),
    ("released 2024-09-19.", "2024-09-19", 20240919, None, "date", "年月日", None, None),
    ("in the first half of 2024", "first half of 2024", 2024, None, "date", "H1", None, None),
    ("in H1 2024 revenue", "H1 2024", 2024, None, "date", "H1", None, None),
    ("in Q1 2024 revenue", "Q1 2024", 2024, None, "date", "Q1", None, None),
    ("the first quarter of 2024", "first quarter of 2024", 2024, None, "date", "Q1", None, None),
    ("in the first quarter sales", "first quarter", 1, None, "date", "Q1", None, None),
    ("since the 1990s", "1990s", 1990, None, "date", "s", None, None),
    ("It scored 88.7 on MMLU", "88.7", 88.7, None, "score", None, None, None),
    ("with 88.7 points on MMLU", "88.7 points", 88.7, None, "score", "points", None, None),
    ("one third of firms", "one third", 0.3333, None, "other", None, None, None),
    ("10 large language models", "10", 10, None, "count", None, None, None),
    ("300 million people", "300 million people", 3e8, None, "count", "people", None, None),
    ("20 or more firms", "20 or more", 20, None, "count", None, None, "or more"),
    # Chinese
    ("共发表2万5000篇论文", "2万5000篇", 25000, None, "count", "篇", None, None),
    ("共13万5000篇", "13万5000篇", 135000, None, "count", "篇", None, None),
    ("九成用户表示满意", "九成", 90, None, "percent", "成", None, None),
    ("三成企业", "三成", 30, None, "percent", "成", None, None),
    ("七成多的受访者", "七成多", 70, None, "percent", "成", None, "多"),
    ("2024年第一季度营收", "2024年第一季度", 2024, None, "date", "Q1", None, None),
    ("第一季度营收增长", "第一季度", 1, None, "date", "Q1", None, None),
    ("今年上半年发布", "上半年", 1, None, "date", "H1", None, None),
    ("下半年将发布", "下半年", 2, None, "date", "H2", None, None),
    ("排名前10的企业", "前10", 10, None, "rank", None, None, "前"),
    ("前二的位置", "前二", 2, None, "rank", None, None, "前"),
    ("约3万亿元", "约3万亿元", 3e12, None, "money", "元", "CNY", "约"),
    ("¥2.5万亿的投资", "¥2.5万亿", 2.5e12, None, "money", "¥", "CNY", None),
    ("增长了将近30%", "将近30%", 30, None, "percent", "%", None, "将近"),
    ("大约500家左右", "大约500家左右", 500, None, "count", "家", None, "大约"),
    ("市场规模达到100亿美元以上", "100亿美元以上", 1e10, None, "money", "美元", "USD", "以上"),
    ("2023-2024年度", "2023-2024年", 2023, 2024, "year", None, None, None),
    ("2023-2024的数据", "2023-2024", 2023, 2024, "year", None, None, None),
    ("中文語料佔比不足1%", "不足1%", 1, None, "percent", "%", None, "不足"),
    ("共有兩萬五千家企業", "兩萬五千家", 25000, None, "count", "家", None, None),
    ("２０２４年第３季營收", "２０２４年第３季", 2024, None, "date", "Q3", None, None),
    ("今年前三季營收", "前三季", 1, 3, "date", "Q", None, None),
    ("佔比約三成五", "約三成五", 35, None, "percent", "成", None, "約"),
    ("百分之三十五點五", "百分之三十五點五", 35.5, None, "percent", "百分之", None, None),
    ("逾百家企業", "逾百家", 100, None, "count", "家", None, "逾"),
    ("三点五亿元", "三点五亿元", 350000000, None, "money", "元", "CNY", None),
    ("佔全球的七成左右", "七成左右", 70, None, "percent", "成", None, "左右"),
    ("營收成長兩成至三成", "兩成至三成", 20, 30, "percent", "成", None, None),
    ("市值1.2兆元", "1.2兆元", 1.2e12, None, "money", "元", "CNY", None),
    ("營收達新台幣300億元", "300億元", 3e10, None, "money", "元", "TWD", None),
]


@pytest.mark.parametrize(
    ("text", "surface", "value", "high", "kind", "unit", "currency", "approx"), CASES
)
def test_mention(text, surface, value, high, kind, unit, currency, approx):
    check(find_one(text, surface), value, kind, unit, approx, high, currency)


# Forms found by scoring English passages the extractor had never seen (2026-11-23)
CASES += [
    ("Northgate to Build $18 Billion AI Campus", "$18 Billion", 1.8e10, None, "money", "$", "USD",
     None),
    ("It raised $4.5 Bn in May.", "$4.5 Bn", 4.5e9, None, "money", "$", "USD", None),
    ("now 3 MILLION users", "3 MILLION users", 3e6, None, "count", "users", None, None),
    ("exports reached NT$1.1 trillion", "NT$1.1 trillion", 1.1e12, None, "money", "NT$", "TWD",
     None),
    ("a fund of A$2 billion", "A$2 billion", 2e9, None, "money", "A$", "AUD", None),
    ("EBITDA of between $1.45 billion and $1.55 billion.",
     "between $1.45 billion and $1.55 billion", 1.45e9, 1.55e9, "money", "$", "USD", None),
    ("a loss of between €1bn and €2bn", "between €1bn and €2bn", 1e9, 2e9, "money", "€", "EUR",
     None),
    ("its third-quarter fiscal 2025 call", "third-quarter fiscal 2025", 2025, None, "date", "Q3",
     None, None),
    ("will report fourth-quarter results", "fourth-quarter", 4, None, "date", "Q4", None, None),
    ("and in Tokyo 6% lower", "6%", 6, None, "percent", "%", None, None),
    ("A 12% rise followed.", "12%", 12, None, "percent", "%", None, None),
    ("A 100-megawatt request", "100-megawatt", 100, None, "count", "megawatt", None, None),
    ("We shipped over 310,000 Atlas units.", "over 310,000", 310000, None, "count", None, None,
     "over"),
    ("It ranks first among open models and second overall.", "second", 2, None, "rank", None,
     None, None),
    ("The gap between first and fifth place narrowed.", "first", 1, None, "rank", None, None,
     None),
]  # fmt: skip

# The compact period codes of broker notes and earnings reports (a year in two digits is 19yy
# from 69 on, else 20yy), and a year then a quarter written apart
CASES += [
    ("公司2Q24毛利率回升", "2Q24", 2024, None, "date", "Q2", None, None),
    ("持续改善，3Q25归母净利润增长", "3Q25", 2025, None, "date", "Q3", None, None),
    ("其 23Q1 大面积铺货", "23Q1", 2023, None, "date", "Q1", None, None),
    ("英伟达 FY2023Q3 电话会", "FY2023Q3", 2023, None, "date", "Q3", None, None),
    ("数据见2025Q3报表", "2025Q3", 2025, None, "date", "Q3", None, None),
    ("guidance for 1H2025 sales", "1H2025", 2025, None, "date", "H1", None, None),
    ("unlike 98Q4 sales", "98Q4", 1998, None, "date", "Q4", None, None),
    ("margins in Q3'25 rose", "Q3'25", 2025, None, "date", "Q3", None, None),
    ("Q4 FY25 revenue", "Q4 FY25", 2025, None, "date", "Q4", None, None),
    ("in FY24 Q2 the", "FY24 Q2", 2024, None, "date", "Q2", None, None),
    ("in FY24 the company", "FY24", 2024, None, "year", None, None, None),
    ("in 2024 Q2 the", "2024 Q2", 2024, None, "date", "Q2", None, None),
    ("in FY2024 H1 the", "2024 H1", 2024, None, "date", "H1", None, None),
    # percentage points written glued to the number, as broker notes do
    ("毛利率同比提升2.3pct，", "2.3pct", 2.3, None, "percent", "pct", None, None),
    ("margin rose 2.1pp in", "2.1pp", 2.1, None, "percent", "pp", None, None),
    ("fell 1.5ppts last year", "1.5ppts", 1.5, None, "percent", "ppts", None, None),
    # a hedge before the currency word of the amount
    ("营收约人民币300亿元", "约人民币300亿元", 3e10, None, "money", "元", "CNY", "约"),
    ("营收約新台幣300億元", "約新台幣300億元", 3e10, None, "money", "元", "TWD", "約"),
    ("耗资超过人民币500元", "超过人民币500元", 500, None, "money", "元", "CNY", "超过"),
]  # fmt: skip

# Found by scoring a third round of English pages the extractor had never seen (2026-11-23)
CASES += [
    ("(Wire, 03/Mar/2023)", "03/Mar/2023", 20230303, None, "date", "年月日", None, None),
    ("the model (Nov/2023) led", "Nov/2023", 202311, None, "date", "年月", None, None),
    ("the 1980s/1990s boom", "1990s", 1990, None, "date", "s", None, None),
    ("income rose to $ 48,500 last year", "$ 48,500", 48500, None, "money", "$", "USD", None),
    ("paid US$ 5 billion", "US$ 5 billion", 5e9, None, "money", "US$", "USD", None),
    ("it thought for 212 seconds", "212 seconds", 212, None, "duration", "seconds", None, None),
    ("a 30-second spot", "30-second", 30, None, "duration", "second", None, None),
    ("kept its place as the number one maker", "number one", 1, None, "rank", None, None, None),
    ("a 12-item scale", "12-item", 12, None, "count", "item", None, None),
    ("in a 4-option format", "4-option", 4, None, "count", "option", None, None),
]  # fmt: skip

# Found by scoring a fourth round of English pages the extractor had never seen (2026-11-23)
CASES += [
    ("cost more than INR 3 million", "more than INR 3 million", 3e6, None, "money", "INR", "INR",
     "more than"),
    ("a bid of AUD 2.5 billion", "AUD 2.5 billion", 2.5e9, None, "money", "AUD", "AUD", None),
    ("Reports Full Year 2018 Results", "2018", 2018, None, "year", None, None, None),
    ("- Repurchased 229,000 shares", "229,000 shares", 229000, None, "count", "shares", None,
     None),
    ("at 12x 2yr forward earnings", "2yr", 2, None, "duration", "yr", None, None),
]  # fmt: skip

# Found by scoring a fourth round of Chinese pages the extractor had never seen (2026-11-23)
CASES += [
    ("毛利率同比变化-3.25%，", "-3.25%", -3.25, None, "percent", "%", None, None),
    ("分别为5.1%、-7.8%", "-7.8%", -7.8, None, "percent", "%", None, None),
    ("2024上半年营收", "2024上半年", 2024, None, "date", "H1", None, None),
    ("举办第135届广交会", "第135届", 135, None, "rank", "届", None, None),
    ("10亿元-20亿元的区间", "10亿元-20亿元", 1e9, 2e9, "money", "元", "CNY", None),
]  # fmt: skip

# Found by scoring a third round of Chinese pages the extractor had never seen (2026-11-23)
CASES += [
    ("全县牛存栏3120万头，", "3120万头", 3.12e7, None, "count", "头", None, None),
    ("推出三档会员方案", "三档", 3, None, "count", "档", None, None),
    ("利差收窄50至80個基點", "50至80個基點", 50, 80, "other", "個基點", None, None),
    ("经营现金流为-1.25亿元，", "-1.25亿元", -1.25e8, None, "money", "元", "CNY", None),
    ("募资净额約為12.6億港元", "約為12.6億港元", 1.26e9, None, "money", "港元", "HKD", "約"),
    ("签约额约达8.8亿元", "约达8.8亿元", 8.8e8, None, "money", "元", "CNY", "约"),
    ("首字延迟低于 300ms", "300ms", 300, None, "duration", "ms", None, None),
    ("发行价\n|\n港元 38.2000\n|", "港元 38.2000", 38.2, None, "money", "港元", "HKD", None),
    ("每股面值美元0.0005", "美元0.0005", 0.0005, None, "money", "美元", "USD", None),
]  # fmt: skip

# Ranges of days within one month, and of ranks (written for known misses, 2026-11-23)
_YMD, _NO = "年月日", (None, None)
CASES += [
    ("It runs September 19-20 here.", "September 19-20", 919, 920, "date", "月日", None, None),
    ("Met Sept. 19-20, 2024 here.", "Sept. 19-20, 2024", 20240919, 20240920, "date", _YMD, *_NO),
    ("Ran 19–20 September 2024.", "19–20 September 2024", 20240919, 20240920, "date", _YMD, *_NO),
    ("The fair opens 3-5 June.", "3-5 June", 603, 605, "date", "月日", None, None),
    ("It met on 19 September. Then", "19 September", 919, None, "date", "月日", None, None),
    ("会议于9月19日至20日举行", "9月19日至20日", 919, 920, "date", "月日", None, None),
    ("展会将于9月19-20日举办", "9月19-20日", 919, 920, "date", "月日", None, None),
    ("2024年9月19日-21日举行", "2024年9月19日-21日", 20240919, 20240921, "date", _YMD, None, None),
    ("将于2024年3月2至6日挂牌", "2024年3月2至6日", 20240302, 20240306, "date", _YMD, None, None),
    ("排名第7至第10名的公司", "第7至第10名", 7, 10, "rank", "名", None, None),
    ("位列第3到5位", "第3到5位", 3, 5, "rank", "位", None, None),
    ("排名第3到5家的企业", "第3到5家", 3, 5, "rank", "家", None, None),
]  # fmt: skip

# Found by scoring a fifth round of pages the extractor had never seen (AI topics, 2026-11-23)
CASES += [
    ("won by a 15-point margin", "15-point", 15, None, "score", "point", None, None),
    ("a 0.7-point gap on the test", "0.7-point", 0.7, None, "score", "point", None, None),
    ("chips run 2-4x faster", "2-4x", 2, 4, "multiple", "x", None, None),
    ("- Apple's $20B Quarter: servers", "$20B", 2e10, None, "money", "$", "USD", None),
    ("racks run at 60°C under load", "60°C", 60, None, "count", "°C", None, None),
    ("spent it in just one quarter.", "one quarter", 1, None, "duration", "quarter", None, None),
    ("one quarter of the market", "one quarter", 0.25, None, "other", None, None, None),
    ("placed No 2, 5, and 8 in the survey", "8", 8, None, "rank", None, None, None),
    ("placed No 2, 5, and 8 in the survey", "5", 5, None, "rank", None, None, None),
    ("Nos. 3 and 4 fell", "Nos. 3", 3, None, "rank", None, None, None),
    ("该基金共完成投资42起，", "42起", 42, None, "count", "起", None, None),
    ("披露了五起并购交易", "五起", 5, None, "count", "起", None, None),
    ("采用四阶段推进方案", "四阶段", 4, None, "count", "阶段", None, None),
    ("报告显示,Top5企业合计", "Top5", 5, None, "rank", None, None, "top"),
    ("总参数为236B,每次推理仅激活21B。", "21B", 2.1e10, None, "count", None, None, None),
    ("采用405B总参数的设计", "405B", 4.05e11, None, "count", None, None, None),
]  # fmt: skip

# Found by scoring a sixth round of pages the extractor had never seen (technology beyond
# language models: chips, batteries, talent, 2026-11-23)
_RANK = (None, "rank", None, None, None)
CASES += [
    ("The firm was second with a 15.8 percent share.", "second", 2, *_RANK),
    ("CATL was sixth.", "sixth", 6, *_RANK),
    ("Japan remained fifth among exporters", "fifth", 5, *_RANK),
    ("Sunwoda ranked seventh, eighth, ninth, and tenth.", "eighth", 8, *_RANK),
    ("Sunwoda ranked seventh, eighth, ninth, and tenth.", "tenth", 10, *_RANK),
    ("They award more than 77,000 STEM Ph.D. degrees", "more than 77,000", 77000, None, "count",
     None, None, "more than"),
    ("the Top 10 AI Labs list", "Top 10", 10, None, "rank", None, None, "top"),
    ("市占率约一成半", "约一成半", 15, None, "percent", "成", None, "约"),
    ("两成半导体企业亏损", "两成", 20, None, "percent", "成", None, None),
    ("The startup has 10K employees", "10K employees", 1e4, None, "count", "employees", *_NO),
    ("trained on 2.5K GPUs", "2.5K GPUs", 2500, None, "count", "GPUs", None, None),
    ("25年1月美国强化管制", "25年1月", 202501, None, "date", "年月", None, None),
    ("98年3月他去了北京", "98年3月", 199803, None, "date", "年月", None, None),
    ("支出预计约为 25.6 亿美元", "约为 25.6 亿美元", 2.56e9, None, "money", "美元", "USD", "约"),
    ("迫使其在未來 5 至 10 年內", "5 至 10 年", 5, 10, "duration", "年", None, None),
    ("华为 中国 4,411/5,464", "4,411", 4411, None, "count", None, None, None),
    ("华为 中国 4,411/5,464", "5,464", 5464, None, "count", None, None, None),
    ("营收已连续三季度下滑", "三季度", 3, None, "duration", "季度", None, None),
    ("连续第三季度增长", "第三季度", 3, None, "date", "Q3", None, None),
    ("GDP增速5.0，高于预期", "5.0", 5, None, "count", None, None, None),
    ("性能提升10X，", "10X", 10, None, "multiple", "X", None, None),
]  # fmt: skip

NOT_NUMBERS = [
    "The Big Four hyperscalers kept spending.",
    "the Magnificent Seven stocks",
    "市场回顾\n2.3区域格局:东部占比最高",
    "gold_superclue_top3",
    "从“建起来”到“用起来”",
    "百度和千万不要",
    "四季如春",
    "前一句话",
    "GPT-4o and GPT-4 Turbo",
    "Qwen2-72B",
    "Llama 3 and Claude 3.5 Sonnet",
    "Windows 11 on iPhone 15",
    "Python 3.11 and v2.1",
    "5G and 4G",
    "H100 and A800 chips",
    "see [1][2] and [12]",
    "【注 1】",
    "Call +86 10 6275 1234 or 010-62751234 or (650) 253-0000.",
    "ISBN 978-7-111-12345-6",
    "https://example.com/a/2024/123",
    "one of the largest",
    "One day we will",
    "the G7 and Group of Seven",
    "十四五规划",
    "一带一路倡议",
    "1、算力\n2、数据",
    "一、总体要求",
    "(1) 算力；(2) 数据",
    "（二）数据",
    "file report_2024.pdf",
    "GPT-4-0613",
    "in May the",
    "for the first time",
    "Kestrel-2 70B trails the leader",
    "Llama 3.1 405B beats most rivals",
    "the study (arXiv:2505.01234) finds",
    "part 3H25 and 5Q7 and ABC2Q24",
    "meet at 5pm",
    "MMLU (5-shot) and a 2-for-1 offer",
    "问询函〔2024〕第57号",
    "港股賽晶(580)昨日",
    "a number of one-off costs",
    "就在这一年，那一天",
    "业绩公布（图2）",
    "如图3所示",
    "as shown (see 图2).",
    "The chip was first introduced then.",
    "Its service was second to none.",
    "We list the first, second and third items.",
    "Posted on a Monday  Comments (2)",
    "评论(12) 点赞",
    "It sold 8K screens and 4K TVs.",
    "特朗普2.0时代的管制",
    "Foundry 2.0（晶圓製造2.0）",
    "荣耀推出畅玩50X手机",
    "比例1.2/3",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text):
    assert [m.surface for m in find_mentions(text)] == []


def test_parenthesised_number_in_running_text_is_a_number():
    text = "rose to 12 (12 in 2023)"
    assert [m.surface for m in find_mentions(text)] == ["12", "12", "2023"]
    assert [m.surface for m in find_mentions("包括：(1)算力；(2)数据")] == []


def test_hyphen_between_unlike_numbers_is_not_a_range():
    m = find_mentions("2023-12 was busy")[0]
    assert (m.surface, m.value, m.high, m.kind, m.unit) == ("2023-12", 202312, None, "date", "年月")
    assert [m.surface for m in find_mentions("v2023-7 and 2023-7-9-1")] == []
    m = find_mentions("增长10-20个")[0]
    assert (m.surface, m.value, m.high) == ("10-20个", 10, 20)


def test_a_currency_word_before_an_exchange_rate_makes_no_amount():
    assert [m.kind for m in find_mentions("人民币兑美元6.9")] == ["count"]


def test_from_to_with_a_blank_after_the_symbol_is_two_amounts():
    found = find_mentions("It rose from $ 1,200 to $1,450.")
    assert [(m.surface, m.kind, m.currency, m.high) for m in found] == [
        ("$ 1,200", "money", "USD", None),
        ("$1,450", "money", "USD", None),
    ]


def test_from_to_is_two_numbers():
    found = [(m.surface, m.value) for m in find_mentions("It rose from 5% to 10% in a year.")]
    assert found == [("5%", 5), ("10%", 10)]


def test_ranks_and_days_that_are_no_range_stay_apart():
    found = [(m.surface, m.high) for m in find_mentions("排名从第3名升至第1名，又从第2名到第6名")]
    assert found == [("第3名", None), ("第1名", None), ("第2名", None), ("第6名", None)]
    assert [m.surface for m in find_mentions("9月20-19日")] == []
    found = [(m.surface, m.high) for m in find_mentions("On Nov 20-19 percent of voters")]
    assert found == [("Nov 20", None)]
