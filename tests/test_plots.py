"""Tests for helpers.plots: Chinese glyphs render from the shipped font, PNGs are stable."""

import warnings

import matplotlib.pyplot as plt
import pandas as pd

from helpers import plots
from helpers.plots import FONT_FILE, FONT_NAME, apply_style, render_png


def test_font_ships_with_its_licence():
    assert FONT_FILE.is_file()
    licence = (FONT_FILE.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_chinese_text_renders_without_missing_glyphs():
    apply_style()
    fig, ax = plt.subplots()
    ax.set_title("中美生成式人工智能：论文数量 −12,450 篇（繁體：數據與國際）")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_png(fig)
    assert not [w for w in caught if "Glyph" in str(w.message)], [str(w.message) for w in caught]


def test_font_family_is_the_shipped_font():
    apply_style()
    import matplotlib

    assert matplotlib.rcParams["font.family"][0] == FONT_NAME


def test_png_is_byte_identical_across_renders():
    apply_style()
    images = []
    for _ in range(2):
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_title("中国 vs 美国")
        images.append(render_png(fig))
    assert images[0] == images[1]
    assert b"Software" not in images[0]


# ------------------------------------------------ chart functions: check tables, not pixels
def _bars_table():
    import pandas as pd

    return pd.DataFrame(
        {
            "label": ["中国科学院", "GPT-4o", "日本企业"],
            "value": [14.0, 4.0, 2.0],
            "country": ["CN", "US", "JP"],
            "display": ["14家", "4家", "2家"],
        }
    )


def _ranks_table():
    import pandas as pd

    return pd.DataFrame(
        {
            "entity": ["GPT-4o", "Qwen2-72B", "Claude-3.5", "文心一言4", "GPT-4o"],
            "ranking": ["SuperCLUE", "SuperCLUE", "SuperCLUE", "港大英文", "港大英文"],
            "rank": [1, 2, 2, 5, 1],
            "country": ["US", "CN", "US", "CN", "US"],
        }
    )


def test_country_bars_use_the_country_colours():
    import pytest
    from matplotlib.colors import to_rgba

    from helpers.plots import COUNTRY_COLORS, plot_country_bars

    fig = plot_country_bars(_bars_table(), "专利申请前20名企业", "家")
    ax = fig.axes[0]
    colours = [patch.get_facecolor() for patch in ax.patches]
    plt.close(fig)
    assert len(colours) == 3
    assert colours[0] == pytest.approx(to_rgba(COUNTRY_COLORS["CN"]))
    assert colours[1] == pytest.approx(to_rgba(COUNTRY_COLORS["US"]))
    assert colours[2] == pytest.approx(to_rgba(COUNTRY_COLORS["other"]))


def test_country_bars_show_values_labels_and_titles():
    from helpers.plots import plot_country_bars

    fig = plot_country_bars(_bars_table(), "专利申请前20名企业", "家")
    ax = fig.axes[0]
    assert [p.get_width() for p in ax.patches] == [14.0, 4.0, 2.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["中国科学院", "GPT-4o", "日本企业"]
    assert [t.get_text() for t in ax.texts] == [" 14家", " 4家", " 2家"]
    assert [t.xy[0] for t in ax.texts] == [14.0, 4.0, 2.0]
    assert ax.get_title() == "专利申请前20名企业" and ax.get_xlabel() == "家"
    plt.close(fig)


def test_country_bars_annotate_each_row_with_its_own_value():
    """Two rows with one label (two sources, one entity and period) must not be averaged."""
    import pandas as pd

    from helpers.plots import plot_country_bars

    table = pd.DataFrame(
        {
            "label": ["中国", "中国", "美国"],
            "value": [10.0, 2.0, 5.0],
            "country": ["CN", "CN", "US"],
            "display": ["10", "2", "5"],
        }
    )
    fig = plot_country_bars(table, "t", "x")
    ax = fig.axes[0]
    shown = [(t.get_text().strip(), t.xy[0]) for t in ax.texts]
    widths = sorted(p.get_width() for p in ax.patches)
    plt.close(fig)
    assert sorted(shown) == [("10", 10.0), ("2", 2.0), ("5", 5.0)]
    assert widths == [2.0, 5.0, 10.0]


def test_ranks_put_rank_one_on_top_with_integer_ticks():
    from helpers.plots import plot_ranks

    fig = plot_ranks(_ranks_table(), "排名", "名次（1 = 最好）")
    ax = fig.axes[0]
    bottom, top = ax.get_ylim()
    assert bottom > top  # inverted: 1 at the top
    assert bottom > 5 and top < 1
    assert list(ax.get_yticks()) == [1, 2, 3, 4, 5]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["SuperCLUE", "港大英文"]
    assert ax.get_ylabel() == "名次（1 = 最好）" and ax.get_title() == "排名"
    plt.close(fig)


def test_ranks_tied_entities_share_one_annotation():
    from helpers.plots import plot_ranks

    fig = plot_ranks(_ranks_table(), "排名", "名次")
    ax = fig.axes[0]
    labels = {(round(t.xy[0], 2), t.xy[1]): t.get_text() for t in ax.texts}
    plt.close(fig)
    assert len(labels) == 4  # five rows, one tie
    assert labels[(-0.04, 2)] == "Qwen2-72B / Claude-3.5"  # at the middle of the tied pair
    assert labels[(0, 1)] == "GPT-4o"
    assert labels[(1, 5)] == "文心一言4"
    assert labels[(1, 1)] == "GPT-4o"


def _points(ax) -> dict:
    """Return every scatter point of an axes as {(x, y): rgba}, from all its collections."""
    found = {}
    for collection in ax.collections:
        colours = collection.get_facecolors()
        for i, (x, y) in enumerate(collection.get_offsets()):
            found[(round(float(x), 3), round(float(y), 3))] = tuple(colours[i % len(colours)])
    return found


def test_ranks_colour_points_and_lines_by_country():
    import pytest
    from matplotlib.colors import to_rgba

    from helpers.plots import COUNTRY_COLORS, plot_ranks

    fig = plot_ranks(_ranks_table(), "排名", "名次")
    ax = fig.axes[0]
    lines = {tuple(line.get_ydata()): line.get_color() for line in ax.lines}
    by_point = _points(ax)
    plt.close(fig)
    assert to_rgba(lines[(1, 1)]) == to_rgba(COUNTRY_COLORS["US"])  # GPT-4o in both rankings
    assert len(by_point) == 5  # one point per row, the tied pair included
    assert by_point[(1.0, 5.0)] == pytest.approx(to_rgba(COUNTRY_COLORS["CN"]))
    assert by_point[(0.0, 1.0)] == pytest.approx(to_rgba(COUNTRY_COLORS["US"]))
    assert by_point[(1.0, 1.0)] == pytest.approx(to_rgba(COUNTRY_COLORS["US"]))


def test_a_tie_of_a_chinese_and_a_us_entity_draws_both_in_their_colours():
    import pytest
    from matplotlib.colors import to_rgba

    from helpers.plots import COUNTRY_COLORS, plot_ranks

    fig = plot_ranks(_ranks_table(), "排名", "名次")
    tied = {xy: c for xy, c in _points(fig.axes[0]).items() if xy[1] == 2.0}
    plt.close(fig)
    assert len(tied) == 2  # Qwen2-72B (CN) and Claude-3.5 (US) share rank 2 in SuperCLUE
    (left, cn), (right, us) = sorted(tied.items())  # spread side by side, CN first
    assert left[0] < 0 < right[0] and right[0] - left[0] == pytest.approx(0.08)
    assert cn == pytest.approx(to_rgba(COUNTRY_COLORS["CN"]))
    assert us == pytest.approx(to_rgba(COUNTRY_COLORS["US"]))


def test_spread_ties_moves_only_tied_entities():
    from helpers.plots import spread_ties

    table = _ranks_table().assign(x=[0, 0, 0, 1, 1])
    assert [round(v, 3) for v in spread_ties(table)] == [0.0, -0.04, 0.04, 1.0, 1.0]


def _over_time():
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-07-01", "2023-11-01", "2023-11-01"]),
            "value": [130.0, 200.0, 50.0],
            "source": ["hundred_models", "thepaper_filings", "thepaper_filings"],
            "country": ["CN", "CN", "US"],
            "display": ["130个", "逾200个", "50个"],
        }
    )


OVER_TIME_LABELS = {"source": "来源", "CN": "中国", "US": "美国"}


def test_points_over_time_annotate_every_point():
    from helpers.plots import plot_points_over_time

    fig = plot_points_over_time(_over_time(), "大模型数量", "个", OVER_TIME_LABELS)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    ys = [t.xy[1] for t in ax.texts]
    (legend,) = fig.legends
    assert texts == [" 130个", " 逾200个", " 50个"] and ys == [130.0, 200.0, 50.0]
    assert legend.get_title().get_text() == "来源"
    assert [t.get_text() for t in legend.get_texts()] == [
        "中国",
        "美国",
        "hundred_models",
        "thepaper_filings",
    ]
    assert ax.get_title() == "大模型数量" and ax.get_ylabel() == "个"
    plt.close(fig)


def test_points_over_time_are_coloured_by_country_not_by_source():
    import pytest
    from matplotlib.colors import to_rgba

    from helpers.plots import COUNTRY_COLORS, plot_points_over_time

    fig = plot_points_over_time(_over_time(), "t", "y", OVER_TIME_LABELS)
    ax = fig.axes[0]
    colours = [tuple(c.get_facecolors()[0]) for c in ax.collections]
    markers = [c.get_paths()[0].vertices.tobytes() for c in ax.collections]
    plt.close(fig)
    cn, us = to_rgba(COUNTRY_COLORS["CN"]), to_rgba(COUNTRY_COLORS["US"])
    # two CN points from two sources share the CN colour; the US point of the same source differs
    assert colours[0] == pytest.approx(cn) and colours[1] == pytest.approx(cn)
    assert colours[2] == pytest.approx(us)
    assert markers[0] != markers[1] and markers[1] == markers[2]  # the shape is the source


def test_counts_start_at_zero():
    from helpers.plots import plot_country_bars, plot_points_over_time

    far = _over_time().assign(value=[1300.0, 2000.0, 1500.0])
    fig = plot_points_over_time(far, "t", "y", OVER_TIME_LABELS)
    bottom, top = fig.axes[0].get_ylim()
    plt.close(fig)
    assert bottom == 0 and top >= 2000  # no point clipped
    fig = plot_country_bars(_bars_table().assign(value=[140.0, 120.0, 110.0]), "t", "x")
    left, right = fig.axes[0].get_xlim()
    plt.close(fig)
    assert left == 0 and right > 140


def _legend_clear_of_axes(fig) -> bool:
    """Return True when every colour key of ``fig`` lies outside its axes once drawn."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    assert legends, "no colour key drawn"
    boxes = [ax.get_tightbbox(renderer) for ax in fig.axes]
    return all(
        not legend.get_window_extent(renderer).overlaps(box) for legend in legends for box in boxes
    )


def test_colour_keys_never_cover_the_axes():
    from helpers.plots import plot_country_bars, plot_points_over_time, plot_ranks

    names = {"CN": "中国", "US": "美国", "other": "其他"}
    figures = [
        plot_country_bars(_bars_table(), "t", "x", legend=names),
        plot_ranks(_ranks_table(), "t", "y", legend={"CN": "中国", "US": "美国"}),
        plot_points_over_time(_over_time(), "t", "y", OVER_TIME_LABELS),
    ]
    clear = [_legend_clear_of_axes(fig) for fig in figures]
    for fig in figures:
        plt.close(fig)
    assert clear == [True, True, True]


def test_new_charts_have_no_missing_glyphs():
    from helpers.plots import plot_country_bars, plot_points_over_time, plot_ranks

    over_time = _over_time().assign(source=["赛迪顾问", "澎湃新闻", "澎湃新闻"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        images = [
            render_png(plot_country_bars(_bars_table(), "通过备案的生成式人工智能服务", "款")),
            render_png(plot_ranks(_ranks_table(), "排名：港大经管学院", "名次（1 = 最好）")),
            render_png(plot_points_over_time(over_time, "大模型数量", "个", OVER_TIME_LABELS)),
        ]
    assert all(image.startswith(b"\x89PNG") for image in images)
    assert not [w for w in caught if "Glyph" in str(w.message)], [str(w.message) for w in caught]


def test_new_charts_are_byte_identical_across_renders():
    from helpers.plots import plot_country_bars, plot_ranks

    bars = [render_png(plot_country_bars(_bars_table(), "标题", "家")) for _ in range(2)]
    ranks = [render_png(plot_ranks(_ranks_table(), "标题", "名次")) for _ in range(2)]
    assert bars[0] == bars[1]
    assert ranks[0] == ranks[1]


def test_dollar_signs_in_labels_are_text_not_math():
    import matplotlib

    table = pd.DataFrame(
        {"label": ["US$5 to US$6"], "value": [5.0], "country": ["US"], "display": ["US$5 to US$6"]}
    )
    fig = plots.plot_country_bars(table, "Spend in US$ and $", "US$")
    assert matplotlib.rcParams["text.parse_math"] is False
    texts = [t for t in fig.axes[0].texts if "US$" in t.get_text()]
    assert texts and all(not t.get_parse_math() for t in texts)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["US$5 to US$6"]
    plots.render_png(fig)  # mathtext would fail or eat the dollars; plain text renders
