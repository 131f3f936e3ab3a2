"""Tests for helpers.chartcache: a chart is drawn once per content and the cache changes nothing."""

import json

import matplotlib
import pandas as pd
import pytest

from helpers import chartcache, plots
from helpers.chartcache import Chart, render_chart, render_fresh

DRAWN = []


def plot_counted(table: pd.DataFrame, title: str):
    """Draw country bars and count the call."""
    DRAWN.append(title)
    return plots.plot_country_bars(table, title, "models", legend={"CN": "China", "US": "US"})


def unpicklable_plot(table, title, callback):
    """Draw bars; ``callback`` (a lambda) cannot be pickled into a key."""
    return plot_counted(table, title)


TABLE = pd.DataFrame({"label": ["A (CN)", "B (US)"], "value": [3.0, 5.0], "country": ["CN", "US"]})


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """Name a chart cache folder, as a build does; start the draw count at zero."""
    DRAWN.clear()
    monkeypatch.setenv(chartcache.ENV, str(tmp_path / "charts"))
    plots.apply_style()
    return tmp_path / "charts"


def test_a_chart_is_drawn_once_and_the_cached_png_is_the_fresh_one(cache):
    chart = Chart.of(plot_counted, TABLE, "Models")
    first = render_chart(chart)
    second = render_chart(Chart.of(plot_counted, TABLE.copy(), "Models"))
    assert DRAWN == ["Models"]
    assert first == second
    assert render_fresh(chart) == first  # byte for byte what drawing gives
    assert first[1] == "Models" and first[0].startswith(b"\x89PNG")
    assert len(list(cache.glob("*.json"))) == 1


def test_different_data_labels_or_style_are_drawn_again(cache):
    render_chart(Chart.of(plot_counted, TABLE, "Models"))
    render_chart(Chart.of(plot_counted, TABLE.assign(value=[3.0, 6.0]), "Models"))
    render_chart(Chart.of(plot_counted, TABLE, "Systems"))
    with matplotlib.rc_context({"axes.titlesize": 30}):
        render_chart(Chart.of(plot_counted, TABLE, "Models"))
    assert DRAWN == ["Models", "Models", "Systems", "Models"]
    assert len(list(cache.glob("*.json"))) == 4


def test_a_damaged_entry_is_drawn_again_and_replaced(cache):
    chart = Chart.of(plot_counted, TABLE, "Models")
    expected = render_chart(chart)
    (entry,) = cache.glob("*.json")
    entry.write_text('{"alt": "x", "png": "not base64!"}', encoding="utf-8")
    assert render_chart(chart) == expected
    assert json.loads(entry.read_text(encoding="utf-8"))["alt"] == "Models"
    assert DRAWN == ["Models", "Models"]


def test_without_a_cache_folder_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.delenv(chartcache.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    DRAWN.clear()
    render_chart(Chart.of(plot_counted, TABLE, "Models"))
    render_chart(Chart.of(plot_counted, TABLE, "Models"))
    assert DRAWN == ["Models", "Models"]
    assert list(tmp_path.iterdir()) == []


def test_a_chart_whose_arguments_cannot_be_keyed_is_always_drawn(cache):
    chart = Chart.of(unpicklable_plot, TABLE, "Models", lambda: None)
    assert chart.compute_key() is None
    render_chart(chart)
    render_chart(chart)
    assert DRAWN == ["Models", "Models"]
    assert not cache.exists()
