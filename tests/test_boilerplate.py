"""Tests for helpers.boilerplate.find_boilerplate_spans on seed-like and generic text."""

from helpers import paths
from helpers.boilerplate import find_boilerplate_spans, is_in_spans


def _find(text):
    return [text[s:e] for s, e in find_boilerplate_spans(text)]


def test_comment_prompts_and_report_link():
    text = "正文在这里。\n(举报)\n发表评论取消回复"
    assert _find(text) == ["(举报)\n发表评论取消回复"]


def test_image_credit_and_read_more_lines():
    text = "正文。\n图片来源:Unsplash\n更多正文。\n 往期推荐 \n继续阅读\n阅读原文"
    found = _find(text)
    assert "图片来源:Unsplash" in found
    assert any("往期推荐" in f for f in found)
    assert any("阅读原文" in f for f in found)
    assert "更多正文。" not in "".join(found)


def test_english_read_more_lines_and_headline_lists():
    text = (
        "Revenue rose 12% in the quarter.\nRead more: Chipmaker lifts its 2026 forecast\n"
        "Analysts expect 3% growth.\nRelated Stories:\n- Rival reports Q3 2025 results\n"
        "- Exports fall 4%\nThe company has 900 staff."
    )
    found = _find(text)
    assert found == [
        "Read more: Chipmaker lifts its 2026 forecast",
        "Related Stories:\n- Rival reports Q3 2025 results\n- Exports fall 4%\n",
    ]


def test_related_words_in_body_text_are_not_boilerplate():
    text = "Related companies rose 5% in March.\nMore from the survey shows 40% agree."
    assert _find(text) == []


def test_statement_sources_and_takedown_notice():
    text = (
        "声明:本文来自于微信公众号 某某,作者:某某,授权某站转载发布。\n正文。\n"
        "资料来源:极客公园、钛媒体\n有侵权请联系删除"
    )
    found = _find(text)
    assert found[0].startswith("声明:本文来自")
    assert "资料来源:极客公园、钛媒体\n有侵权请联系删除" in found


def test_footnote_url_lines():
    text = "正文【注 1】。\n【注 1】:https://example.org/a/2024/05/report.pdf\n[2] http://x.org/1"
    found = _find(text)
    assert found == ["【注 1】:https://example.org/a/2024/05/report.pdf\n[2] http://x.org/1"]


def test_scraper_header_byline_and_trailer():
    body = "整个五月，全球科技圈异常热闹。" * 30
    text = (
        "标题: 某标题\n链接: http://example.com/s?id=1800065560409438485\n总结: "
        + body
        + "栏目主编：张三本文作者：李四\n关键词: 大模型\nAI技术: GPT-4o\n"
        + "重大事件摘要: 包括：\n\n1. 事件"
    )
    spans = find_boilerplate_spans(text)
    found = [text[s:e] for s, e in spans]
    assert found[0].startswith("标题: 某标题\n链接:")
    assert found[0].endswith("总结: ")  # a long summary line is the article: only its label
    # byline and trailer are separated by a line break only, so they merge into one span
    assert found[1].startswith("栏目主编：张三本文作者：李四\n关键词:")
    assert found[1].endswith("1. 事件") and len(found) == 2
    body_at = text.index("整个五月")
    assert not is_in_spans(spans, body_at, body_at + 4)


def test_plain_news_has_no_boilerplate():
    text = (paths.SEEDS_DIR / "001_dd538295f9f3217a.txt").read_text(encoding="utf-8")
    assert find_boilerplate_spans(text) == []


def test_is_in_spans_overlap():
    spans = [(5, 10), (20, 30)]
    assert is_in_spans(spans, 5, 6)
    assert is_in_spans(spans, 8, 12)
    assert is_in_spans(spans, 18, 21)
    assert not is_in_spans(spans, 10, 20)
    assert not is_in_spans([], 0, 1)


def test_colons_are_found_in_order_whether_ascii_or_full_width():
    from helpers.boilerplate import _find_colons

    assert _find_colons("a:b：c:") == [1, 3, 5]
    assert _find_colons("无冒号") == []


def test_bylines_run_from_label_over_blanks_and_colon_to_the_line_end():
    from helpers.boilerplate import _find_bylines

    text = "正文：好\n责任编辑 ：张三 校对：李四\n审核\n:王五\n编审：赵六"
    assert _find_bylines(text) == [(5, 19), (20, 26), (27, 32)]
    assert _find_bylines("编辑：张三\n") == []
