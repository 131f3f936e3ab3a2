"""Tests for helpers.primary_plots on the real snapshots: what the charts draw, read back from
the matplotlib figure (labels, limits, colours), not from pixels."""

import matplotlib.pyplot as plt
from matplotlib.colors import to_rgb

from helpers import primary_plots as plots
from helpers import primary_views as pv
from helpers.plots import color_for

LABELS = {"axis": "FLOP", "solid": "solid", "hollow": "hollow", "CN": "China", "US": "US"}


def test_power_ticks_read_as_text():
    assert plots.format_power(1e24) == "10²⁴"
    assert plots.format_power(1e18) == "10¹⁸"


def test_compute_axis_labels_are_powers_of_ten_not_tex(models):
    fig = plots.plot_largest_compute(pv.build_largest_compute(models), "title", LABELS)
    fig.canvas.draw()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "10²⁴" in labels
    assert not any("$" in label or "mathdefault" in label for label in labels)
    low, high = ax.get_ylim()
    table = pv.build_largest_compute(models)
    assert (
        low < table["training_compute_flop"].min() and high > table["training_compute_flop"].max()
    )
    plt.close(fig)


def test_models_bars_start_at_zero_in_the_country_colours(models):
    table = pv.build_models_per_year(models)
    titles = {"title": "t", "models": "all", "notable_models": "notable"}
    labels = {"axis": "n", "partial": "partial", "CN": "China", "US": "US"}
    fig = plots.plot_models_per_year(table, titles, labels)
    for ax in fig.axes[:2]:
        assert ax.get_ylim()[0] == 0
        colours = {tuple(bar.get_facecolor()[:3]) for bar in ax.patches}
        assert len(colours) == 2
    first = fig.axes[0].patches[0].get_facecolor()[:3]
    assert first in {to_rgb(color_for("CN")), to_rgb(color_for("US"))}
    plt.close(fig)
