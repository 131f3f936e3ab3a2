"""Tests for helpers.entities: the lexicon, country detection and its validation errors."""

import pytest

from helpers.entities import load_lexicon
from helpers.errors import UserError

REGIONS_34 = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
).split()


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def test_all_34_provincial_divisions_are_regions_of_cn(lexicon):
    assert len(REGIONS_34) == 34
    for name in REGIONS_34:
        found = lexicon.entities_in(f"属地为{name}。")
        assert [(e[0], e[1], e[2]) for e in found] == [(name, "region", "CN")], name


def test_countries_in_seed_sentences(lexicon):
    assert lexicon.countries_in("中美两国在人工智能领域的竞争") == ("CN", "US")
    assert lexicon.countries_in("其中沙特阿拉伯的阿美公司是主要投资者") == ("SA",)
    assert lexicon.countries_in("4家美国企业,2家日本企业") == ("JP", "US")
    assert lexicon.countries_in("只有OpenAI的GPT-4o以81分处于第一的位置") == ("US",)
    assert lexicon.countries_in("国内累计已有130个大模型问世") == ("CN",)
    assert lexicon.countries_in("今天天气很好") == ()


def test_single_character_abbreviations_need_company(lexicon):
    # 中 in 其中 is not China; 日本 is matched as a whole word
    assert lexicon.countries_in("其中日本企业") == ("JP",)
    assert lexicon.countries_in("中心") == ()
    assert lexicon.countries_in("在中英双语基准测试中") == ()
    assert lexicon.countries_in("中日韩") == ("CN", "JP", "KR")
    # 日 after a day number and 中 in 其中 end words; they are not Japan or China
    assert lexicon.countries_in("10月26日中国发布") == ("CN",)
    assert lexicon.countries_in("26日中美会谈") == ("CN", "US")


def test_traditional_and_english_aliases(lexicon):
    assert lexicon.countries_in("美國與中國") == ("CN", "US")
    assert lexicon.countries_in("Google and Microsoft in the United States") == ("US",)


def test_longest_name_wins_and_ascii_names_need_word_edges(lexicon):
    found = lexicon.entities_in("中国科学院、清华大学和GPT-4o,Metaverse")
    assert [(e[0], e[1]) for e in found] == [
        ("中国科学院", "org"),
        ("清华大学", "org"),
        ("GPT-4o", "model"),
    ]
    text = "阿里开源的Qwen2-72B"
    name, typ, country, start, end = lexicon.entities_in(text)[1]
    assert (name, typ, country, text[start:end]) == ("Qwen2-72B", "model", "CN", "Qwen2-72B")


def test_model_spans_include_version_tags(lexicon):
    text = "百度发布文心大模型4.0,阿里云发布通义千问2.5"
    assert [text[s:e] for s, e in lexicon.model_spans(text)] == ["文心大模型4.0", "通义千问2.5"]


def test_benchmark_and_person_types(lexicon):
    types = {e[0]: e[1] for e in lexicon.entities_in("SuperCLUE上,薛澜表示")}
    assert types == {"SuperCLUE": "benchmark", "薛澜": "person"}


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("美国,United States,美國,nation,US", "type"),
        ("美国,United States,美國,country,usa", "country"),
        (",United States,美國,country,US", "name"),
        ("美国,United States,美國,country", "fields"),
    ],
)
def test_bad_rows_name_file_line_and_field(tmp_path, row, field):
    path = tmp_path / "lexicon.csv"
    path.write_text(
        f"name,name_en,aliases,type,country\n中国,China,中國,country,CN\n{row}\n", encoding="utf-8"
    )
    with pytest.raises(UserError) as info:
        load_lexicon(path)
    message = str(info.value)
    assert message.startswith("lexicon.csv:3:")
    assert field in message
    assert "\n" not in message


def test_bad_header_and_conflicting_alias(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text("name,type\n中国,country\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"lexicon.csv:1: header"):
        load_lexicon(path)
    path2 = tmp_path / "other" / "lexicon.csv"
    path2.parent.mkdir()
    path2.write_text(
        "name,name_en,aliases,type,country\n中国,China,中华,country,CN\n中华,,,org,TW\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match=r"lexicon.csv:3: field 'aliases'"):
        load_lexicon(path2)


def test_countries_per_span_are_those_inside_each_span():
    from helpers.entities import load_lexicon

    lexicon = load_lexicon()
    text = "美国公司很多。中国和日本也有。"
    assert lexicon.list_countries_per_span(text, [(0, len(text))]) == [lexicon.countries_in(text)]
    assert lexicon.list_countries_per_span(text, [(0, 7), (7, len(text))]) == [
        ("US",),
        ("CN", "JP"),
    ]
    assert lexicon.list_countries_per_span("美国和中国", [(0, 4), (2, 5)]) == [("US",), ("CN",)]
    assert lexicon.list_countries_per_span("中美合作，日本", [(0, 4), (2, 7)]) == [
        ("CN", "US"),
        ("JP",),
    ]


def test_countries_within_take_only_entities_wholly_inside():
    from helpers.entities import _list_countries_within

    found = [(0, 2, "US"), (3, 5, "CN"), (4, 9, ""), (6, 8, "JP"), (8, 12, "CN")]
    starts = [f[0] for f in found]
    assert _list_countries_within(found, starts, 0, 12) == ("CN", "JP", "US")
    assert _list_countries_within(found, starts, 3, 8) == ("CN", "JP")
    assert _list_countries_within(found, starts, 1, 11) == ("CN", "JP")
    assert _list_countries_within(found, starts, 9, 12) == ()


def test_countries_of_many_touching_sentences_are_each_sentence_s():
    from helpers.entities import load_lexicon

    lexicon = load_lexicon()
    sentence = "中国发布的论文数量为12450篇。美国略少。"
    text = sentence * 50  # one run of touching spans: each keeps only its own entities
    spans = [(i, i + 16) for i in range(0, len(text), len(sentence))]
    spans += [(i + 16, i + len(sentence)) for i in range(0, len(text), len(sentence))]
    spans.sort()
    expected = [("CN",), ("US",)] * 50
    assert lexicon.list_countries_per_span(text, spans) == expected


def test_countries_of_apart_spans_equal_those_of_each_span_text():
    from helpers.entities import load_lexicon

    lexicon = load_lexicon()
    text = "中美两国与日本。The US and China, 中日韩合作；美国、欧盟与英国。中美AI竞争"
    spans = [(0, 7), (8, 30), (31, len(text))]
    expected = [lexicon.countries_in(text[lo:hi]) for lo, hi in spans]
    assert lexicon.list_countries_per_span(text, spans) == expected
    assert all(expected)


def test_country_spans_are_what_the_alias_pattern_finds(tmp_path):
    from helpers.entities import load_lexicon

    path = tmp_path / "lexicon.csv"
    path.write_text(
        "name,name_en,aliases,type,country\n"
        "英伟达,Nvidia,NV|NVIDIA,org,US\n"
        "英伟达中国,,,org,CN\n"
        "伟达,,,org,JP\n"
        "AI Index,,AI Index Report,benchmark,US\n"
        "AIX,,,org,GB\n"
        "中国,China,,country,CN\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(path)
    texts = [
        "英伟达中国区与英伟达中,伟达",
        "NVIDIA and NVX, the AI Index Report; AIX AIXY",
        "NV中国",
    ]
    for text in texts:
        assert lexicon.list_countries_per_span(text, [(0, len(text))]) == [
            lexicon.countries_in(text)
        ]
    text = texts[0]
    matches = lexicon._automaton.find_matches_as_indexes(text)
    assert lexicon._list_country_spans(text, matches) == [
        (0, 5, "CN"),
        (7, 10, "US"),
        (12, 14, "JP"),
    ]
    assert lexicon._list_countries(text, matches) == ("CN", "JP", "US")
    assert lexicon._list_countries("AIXY", lexicon._automaton.find_matches_as_indexes("AIXY")) == ()


def test_ascii_alias_ends_must_not_touch_ascii_letters_or_digits():
    from helpers.entities import _is_ascii_bounded

    assert _is_ascii_bounded("OpenAI", 0, 6)
    assert _is_ascii_bounded("中OpenAI了", 1, 7)
    assert not _is_ascii_bounded("xOpenAI", 1, 7)
    assert not _is_ascii_bounded("OpenAI5", 0, 6)
    assert _is_ascii_bounded("OpenAI 5", 0, 6)


def test_lexicon_survives_pickling_for_worker_processes():
    import pickle

    from helpers.entities import load_lexicon

    lexicon = load_lexicon()
    copy = pickle.loads(pickle.dumps(lexicon))
    text = "美国公司很多。中国和日本也有。"
    assert copy.rows == lexicon.rows
    assert copy.list_countries_per_span(text, [(0, len(text))]) == [lexicon.countries_in(text)]


def test_is_after_model_at_the_name_or_one_blank_or_hyphen_after_it(lexicon):
    for text, after in (("ChatGPT 4次", True), ("ChatGPT-5次", True), ("ChatGPT5次", True),
                        ("ChatGPT  6次", False), ("开放5次", False), ("5次", False)):  # fmt: skip
        pos = next(i for i, ch in enumerate(text) if ch.isdigit())
        assert lexicon.is_after_model(text, pos) is after, text
