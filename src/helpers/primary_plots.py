"""Charts of the open (primary) data in the report's style: China and the US in their fixed
colours, keys below the plot, counts from zero, training compute on a log scale."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from helpers.narrative import format_scientific
from helpers.plots import apply_style, color_for, country_patch, place_legend

BAR_WIDTH = 0.38
FILLED_CONFIDENCE = ("Confident", "Likely")  # the producer's surer estimates are drawn solid


def plot_models_per_year(table: pd.DataFrame, titles: dict, labels: dict) -> plt.Figure:
    """Draw models per year side by side for each country: all models (left) and notable ones
    (right); a year the snapshot covers only in part is hatched.

    ``table`` has year, country, models, notable_models, is_partial; ``titles`` the two panel
    titles (``models``, ``notable_models``) and the figure's (``title``); ``labels`` the
    y-axis (``axis``), the partial-year key (``partial``) and the country names by code.
    """
    apply_style()
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=False)
    years = sorted(table["year"].unique())
    positions = {year: i for i, year in enumerate(years)}
    countries = list(dict.fromkeys(table["country"]))
    for ax, column in zip(axes, ("models", "notable_models"), strict=True):
        for k, country in enumerate(countries):
            rows = table[table["country"] == country]
            offset = (k - (len(countries) - 1) / 2) * BAR_WIDTH
            x = [positions[y] + offset for y in rows["year"]]
            bars = ax.bar(x, rows[column], BAR_WIDTH, color=color_for(country))
            for bar, partial in zip(bars, rows["is_partial"], strict=True):
                if partial:
                    bar.set_hatch("//")
                    bar.set_edgecolor("white")
        ax.set_xticks(range(len(years)), [str(y) for y in years])
        ax.set_ylim(0, None)  # counts start at zero
        ax.set_title(titles[column])
        ax.set_ylabel(labels["axis"])
    fig.suptitle(titles["title"], y=1.04)  # above the panels' own titles
    handles = [country_patch(c, labels[c]) for c in countries]
    if table["is_partial"].any():
        handles.append(Patch(facecolor="#bbbbbb", hatch="//", label=labels["partial"]))
    place_legend(axes[0], handles)
    return fig


def format_power(value: float, _position=None) -> str:
    """Return a log-axis tick as text: 1e24 → 10²⁴ (other values in scientific notation)."""
    return format_scientific(value).removeprefix("1×")


def plot_largest_compute(table: pd.DataFrame, title: str, labels: dict) -> plt.Figure:
    """Draw each year's largest training compute per country on a log scale; a point is solid
    when the producer is confident or finds it likely, hollow when speculative or unknown.

    ``table`` has year, country, training_compute_flop, confidence; ``labels`` the y-axis
    (``axis``), the two marker keys (``solid``, ``hollow``) and the country names by code.
    """
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 4.6))
    for country, rows in table.groupby("country", sort=True):
        color = color_for(country)
        ax.plot(rows["year"], rows["training_compute_flop"], color=color, alpha=0.6, zorder=2)
        solid = rows["confidence"].isin(FILLED_CONFIDENCE)
        ax.scatter(rows["year"][solid], rows["training_compute_flop"][solid], s=70, color=color)
        ax.scatter(
            rows["year"][~solid],
            rows["training_compute_flop"][~solid],
            s=70,
            facecolors="white",
            edgecolors=color,
            linewidths=1.8,
            zorder=3,
        )
    ax.set_yscale("log")
    # powers of ten as text (10²⁴): the report's style turns mathtext off, so matplotlib's own
    # log labels would print their TeX source
    ax.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
    ax.yaxis.set_major_formatter(FuncFormatter(format_power))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(sorted(table["year"].unique()))
    ax.set_ylabel(labels["axis"])
    ax.set_title(title)
    handles = [country_patch(c, labels[c]) for c in dict.fromkeys(sorted(table["country"]))]
    handles += [
        Line2D([], [], marker="o", linestyle="", color="#555555", label=labels["solid"]),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            color="#555555",
            label=labels["hollow"],
        ),
    ]
    place_legend(ax, handles)
    return fig


def plot_frontier(frontier: pd.DataFrame, end: pd.Timestamp, title: str, labels: dict):
    """Draw each country's Capabilities Index frontier as a step line up to ``end`` (the
    index's last scored release), with a point at each record.

    ``frontier`` has release_date, country, eci_score; ``labels`` the y-axis (``axis``) and the
    country names by code. Scores are an index, not counts: the axis spans the data.
    """
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 4.6))
    for country, rows in frontier.groupby("country", sort=True):
        color = color_for(country)
        dates = list(rows["release_date"]) + [end]
        scores = list(rows["eci_score"]) + [rows["eci_score"].iloc[-1]]
        ax.step(dates, scores, where="post", color=color, linewidth=2)
        ax.scatter(rows["release_date"], rows["eci_score"], s=40, color=color, zorder=3)
    low, high = frontier["eci_score"].min(), frontier["eci_score"].max()
    pad = max(1.0, (high - low) * 0.08)
    ax.set_ylim(np.floor(low - pad), np.ceil(high + pad))  # no point clipped
    ax.set_ylabel(labels["axis"])
    ax.set_title(title)
    place_legend(ax, [country_patch(c, labels[c]) for c in sorted(frontier["country"].unique())])
    fig.autofmt_xdate()
    return fig
