"""Patterns and unit tables for numbers in Chinese text (matched on the normalized copy)."""

from __future__ import annotations

import re

from helpers.notnumbers import PHONE_PATTERN
from helpers.patterns_en import PERIOD_CODE

ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
# A Chinese numeral; 百 and 千 may lead (逾百家, 千亿), and 点 writes decimals (三十五点五).
CNSEQ = (
    r"(?:数[十百千万亿]|几|[零〇一二两三四五六七八九十]|百(?=[家个款名位人亿万余多])"
    r"|千(?=[亿家个人名]))(?:[零〇一二两三四五六七八九十百万亿多余几]|千(?![瓦米克])"
    r"|兆(?=[元美日港欧英台]|[零〇一二两三四五六七八九十百千]{1,8}亿))*"
    r"(?:[点.][零〇一二三四五六七八九]+(?:[万亿]|兆(?=[元美日港欧英台]))*)?"
)
# Arabic digits with Chinese scale characters; after 万/亿/兆 more digits may follow (2万5000,
# 1万8,000, 1兆5,120亿). 兆 is 10^12 only before a currency or more digits (Taiwan usage); 千
# before 瓦/米/克 is the unit's own prefix (500万千瓦).
_ARABIC_CN = (
    rf"{ARABIC}(?:[多余]?(?:[十万亿]|百(?!分[点之])|千(?![瓦米克])"
    r"|兆(?=[元美日港欧英台]|[0-9][0-9,]*[亿万]))+"
    r"(?:(?<=[万亿兆])(?:[0-9],[0-9]{3}|[0-9]{1,4})(?![0-9.年月日号A-Za-z])"
    r"(?:[十百万亿]|千(?![瓦米克]))*)?)?[多余]?"
)
NUM = rf"(?>{_ARABIC_CN}|{CNSEQ})"
_NOT_AFTER_CN = r"(?<![零〇一二两三四五六七八九十百千万亿数几])"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DAY_TO = "[-~—–至到]"  # 9月19-20日: days of one month
# 第一季度, 一季度, 第3季 (Taiwan), 第二财季: a quarter; a bare 三季 without 第 is not one.
_QUARTER = r"第?(?P<{0}>[一二三四1-4])(?:财季|季(?:度|(?<=第.季)))"

_DATE = rf"""
    (?P<date>
        (?<![0-9])(?P<y>(?:1[89]|20)[0-9][0-9]|[〇零一二三四五六七八九]{{4}}
                       |(?<![.,])[0-9][0-9](?=年{_MONTH}月))
            (?:(?:财年|年度?)(?!代)|(?=[上下]半年))
            (?:(?P<m>{_MONTH})月份?(?:(?P<d>{_DAY})(?:{_DAY_TO}(?P<db>{_DAY}))?[日号])?
               |(?P<half>[上下])半年
               |{_QUARTER.format("q")}|Q(?P<yq>[1-4])(?![0-9]))?
      | (?<![0-9零〇一二两三四五六七八九十上下])(?P<m2>{_MONTH})
        (?:[-~—–至到](?P<m2b>{_MONTH}))?月份?
        (?:(?P<d2>{_DAY})(?:{_DAY_TO}(?P<d2b>{_DAY}))?[日号])?
      | (?<![0-9.])(?P<iy>(?:19|20)[0-9][0-9])(?P<sep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=sep)
        (?P<id>3[01]|[12][0-9]|0?[1-9])(?![0-9]|[.-][0-9])
      | (?<![0-9.])(?P<ym>(?:19|20)[0-9][0-9])-(?P<ymm>1[0-2]|0[1-9])(?![0-9]|-[0-9])
      | (?<![0-9月])(?P<d3>3[01]|[12][0-9]|0?[1-9])[日号](?![本元报期均常益子内前后])
      | (?<=[今昨明]\()(?P<d4>3[01]|[12][0-9]|0?[1-9])\)日
      | (?<![0-9.])(?P<fy>(?:19|20)[0-9][0-9])[-/](?P<fy2>[0-9][0-9])(?:财年|年度|年)
    )"""
_QTR = rf"(?P<qtr>{_NOT_AFTER_CN}{_QUARTER.format('qn')}|前(?P<qn2>[二三])季度?)"
_HALF = r"(?P<half2>(?<=[上下])半年)"
_PCT = rf"(?P<pct>百分之)(?P<pn>{NUM})"
_FRACTION = rf"{_NOT_AFTER_CN}(?P<fd>{CNSEQ}|[0-9]+)分之(?P<fn>{NUM})"
# 1/3, 2/5: a fraction of one (a date needs its year: 2024/9/19).
_SLASH = r"(?P<sf>(?<![0-9/.,])(?P<sfa>[1-9])/(?P<sfb>[2-9]|10)(?![0-9/.]|,[0-9]))"
_SHARE = (
    rf"{_NOT_AFTER_CN}(?P<share>(?P<sn>[一二两三四五六七八九十几]{{1,2}}|[1-9])"
    r"(?:[至到](?P<sn3>[一二两三四五六七八九十]|[1-9]))?成"
    r"(?:(?P<sd>[一二三四五六七八九]|半(?![导岛径]))(?![十百千万亿年月日个人家]))?(?P<sm>多)?)"
    r"(?![员本果功立为长熟都型品交绩就分语像效年不千])"
)
# What a rank may count after 第N or 前N (第五位, 前5名), and after the second end of a range of
# ranks (第3到5位).
RANK_UNITS = ("名", "位", "家", "个", "款", "所", "轮", "份", "届")
# 前N is a bound (前10家, 前1%), except before a time unit: 前11个月 is a period of 11 months.
_RANK = (
    rf"(?P<rank>第(?P<rn>{NUM})(?!性|时间|方|手|作者)"
    rf"|(?<![目此之以提当眼年月日天面向空])前(?!{NUM}(?:个?月|个?小时|个?星期|年|天|周|日|号|季|分钟))"
    rf"(?P<rn2>{NUM}))(?P<ru>{'|'.join(RANK_UNITS)}|%)?"
)
_BIG = rf"{_NOT_AFTER_CN}(?P<big>[二两三四五六七八九十])大(?![学型量小致多概部家人会])"
_NUMBER = rf"(?P<num>{NUM})"
# The alternatives, in order of preference; a match's ``lastgroup`` names the reader to use.
# A digit can start fewer of them, so digits get their own, shorter pattern.
CORE = re.compile(
    "|".join((_DATE, _QTR, _HALF, _PCT, _FRACTION, _SHARE, _RANK, _BIG, _NUMBER)), re.VERBOSE
)

CURRENCY = {
    "美元": "USD",
    "美金": "USD",
    "元": "CNY",
    "人民币": "CNY",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "港元": "HKD",
    "港币": "HKD",
    "元人民币": "CNY",
    "新台币": "TWD",
    "台币": "TWD",
}
TIME_UNITS = (
    "个多月", "个月", "个小时", "小时", "分钟", "个星期", "星期", "个季度", "季度", "年", "天",
    "周", "秒", "毫秒", "微秒", "个工作日", "工作日", "个交易日", "交易日", "个日历天", "日历天",
)  # fmt: skip
COUNT_UNITS = (
    "个", "款", "篇", "位", "家", "项", "枚", "种", "名", "人", "次", "台", "条", "部", "所",
    "件", "张", "份", "届", "座", "类", "批", "轮", "块", "颗", "辆", "架", "艘", "户", "页",
    "套", "组", "层", "股", "笔", "例", "间", "人次", "片", "席", "道", "卡", "柜", "地", "参数",
    "宗", "幅", "场", "场次", "只", "字",
    # an index level (4127.36点); ``readers_quantity`` drops 点 under 100 (下午3点 is a time)
    "点",
    # measures: what is measured is counted in its unit (3纳米, 10吉瓦, 20岁); 奈米 is Taiwan's 纳米
    "纳米", "奈米", "毫米", "厘米", "公里", "千米", "公斤", "吨", "兆瓦", "吉瓦", "千瓦", "瓦",
    "千瓦时", "兆瓦时", "平方米", "平方公里", "公顷", "亩", "字节", "英寸", "岁",
    # livestock (43163万头), tiers (四档), stages (四阶段) and cases or deals (投资42起)
    "头", "档", "阶段", "起",
)  # fmt: skip
UNIT_KIND: dict[str, str] = {
    "%": "percent",
    "‰": "other",
    "个百分点": "percent",
    "百分点": "percent",
    "个千分点": "other",
    "千分点": "other",
    "个基点": "other",  # as "basis points" in English
    "基点": "other",
    "倍": "multiple",
    "分": "score",
    "世纪": "date",
    "年代": "date",
}
UNIT_KIND.update({u: "money" for u in CURRENCY})
UNIT_KIND.update({u: "duration" for u in TIME_UNITS})
UNIT_KIND.update({u: "count" for u in COUNT_UNITS})
UNIT_RE = re.compile(
    "(?:" + "|".join(re.escape(u) for u in sorted(UNIT_KIND, key=lambda u: (-len(u), u))) + ")"
)
# A unit character that starts another word is not a unit: 分析, 人工智能, 名字, 台湾 …
UNIT_NOT_BEFORE = {
    "分": "之钟别析为享布类化配工散裂成解支行销公局会红期批子",
    "人": "工才员类大民们士物力脸形机体格选群口",
    "名": "字称义单额声誉",
    "位": "于置数列居",
    "台": "湾阶上",
    "部": "分门署长",
    "所": "有以在谓属长示述列",
    "条": "件例款约",
    "项": "目",
    "股": "东份权票市",
    "层": "面次",
    "份": "额",
    "起": "来步飞点始见草诉源码航跑义",
    "家": "庭族乡属",
    "间": "接",
    "周": "边围期",
    "天": "然才下使空",
    "元": "素宇年",
    "片": "刻面段",
    "道": "路理德具歉",
    "卡": "片通车",
    "地": "区方产图址位点域",
    "席": "位",
    "宗": "教旨族师",
    "幅": "度员",
    "场": "景所合地面域馆",
    "只": "是有能要会需在不用因占为好得剩把怕",
    "字": "样母符段体幕典",
    "点": "钟半整多零一二三四五六七八九十0123456789",
    "头": "部脑条像号等发版衔顶盔",
    "档": "案期次位",
}
SHARE_RANGE_RE = re.compile(r"[至到~—–-](?P<sn2>[一二两三四五六七八九十]|[1-9])成")
RANGE_RE = re.compile(rf"(?P<pct1>%)?(?:至|到|-|~|—|–)(?P<n2>{NUM})(?P<pct2>%)?")
# The second end of a range of percentages in words: 百分之三到五, 百分之三至百分之五.
PERCENT_WORDS_RANGE_RE = re.compile(rf"[至到~—–-](?:百分之)?(?P<n2>{CNSEQ})(?![分个%])")
POST_RE = re.compile(r"或以上|或以下|以上|以下|以内|左右|上下|开外")
PRE_RE = re.compile(
    r"(?:不超过|超过|将近|接近|至少|不少于|不低于|不足|不到|大约|约|逾|超|近|最高|最多|正负|±|~)$"
)
# 元 after these is not the renminbi: 新台币300亿元 is in TWD.
YUAN_OF = {"新台币": "TWD", "台币": "TWD", "港币": "HKD", "澳门币": "MOP"}
# Currency words that may stand before an amount, with their codes: after a hedge (约人民币300亿元)
# or as the unit of an amount that has none after it (a table's 港元 94.6); a blank may follow.
CURRENCY_BEFORE = {
    word: code
    for word, code in {**CURRENCY, **YUAN_OF}.items()
    if len(word) > 1 and word[0] != "元"
}
CURRENCY_BEFORE_RE = re.compile(
    "(?P<w>" + "|".join(sorted(CURRENCY_BEFORE, key=len, reverse=True)) + ")[ ]?$"
)
CURRENCY_BEFORE_LAST = frozenset([*(word[-1] for word in CURRENCY_BEFORE), " "])
# Units after which 多 still belongs to the number: 一年多, 两个多月, 3倍多.
TIME_POST_MULTI = ("年", "天", "小时", "个小时", "周", "个月", "倍")
# 第3章, 第5节, 第5页, 第6期: references to a part or an issue of a document, not ranks.
RANK_NOT_BEFORE = "章节页期卷版辑"
BIG_TAIL_RE = re.compile(r"[万亿]+$")
HAS_BIG_RE = re.compile(r"[万亿]")
HAS_SMALL_RE = re.compile(r"[十百千]")


def _build_fast() -> str:
    """Return the pattern of the common complete mention: Arabic digits and a Chinese unit.

    It matches only where the full reading (``readers_quantity.read_quantity``) could do nothing
    but read the number and this unit, so ``readers_fast.read_fast`` needs no further checks:
    no letter, blank, sign, currency symbol or name joiner (-._/) before, at most 8 digits and 2
    decimals (no phone number or ID), the longest unit (atomic, as ``UNIT_RE`` takes it) that
    no character after makes another word, and after it nothing that a reader would add (多,
    以上, 左右, "or more", a range). Units read otherwise (年, 年代, 世纪, 季度, 3百分点) are left
    to the full readers.
    """
    units = "|".join(re.escape(u) for u in sorted(UNIT_KIND, key=lambda u: (-len(u), u)))
    not_before = "".join(
        f"(?!(?<={re.escape(u)})[{re.escape(chars)}])" for u, chars in UNIT_NOT_BEFORE.items()
    )
    return (
        r"(?P<fz>(?<![0-9A-Za-z.\-_/+$€£¥￥ \u00a0])(?P<fzn>[0-9]{1,8}(?:\.[0-9]{1,2})?)"
        rf"(?>(?P<fzu>{units}))(?<!年)(?<!年代)(?<!世纪)(?<!季度)(?<![0-9]百分点)(?<![0-9]点)"
        rf"{not_before}(?![多以左上开或\-+ \u00a0])(?!(?<=%)[至到~—–])"
        ")"
    )


# Where a digit starts: the common complete mention (``_build_fast``) first, then a phone number
# (not a quantity), the alternatives of ``CORE`` that a digit can start and the compact period
# codes of financial reports (3Q25, ``patterns_en.PERIOD_CODE``). The fast mention
# goes first because it is the most frequent, and no earlier alternative can match where it
# does: it ends in a unit, which no date, quarter, fraction, share or phone number ends in.
CORE_DIGIT = re.compile(
    "|".join(
        (_build_fast(), f"(?P<phone>{PHONE_PATTERN})", _DATE, PERIOD_CODE, _QTR, _FRACTION,
         _SLASH, _SHARE, _NUMBER)
    ),
    re.VERBOSE,
)
