"""Tests for helpers.plots: Chinese glyphs render from the shipped font, PNGs are stable."""

import warnings

import matplotlib.pyplot as plt

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
