"""Seaborn charts in the report's style: shipped CJK font, fixed country colours, stable PNGs."""

import io
import textwrap
import warnings
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from helpers import paths  # noqa: E402

FONT_FILE = paths.FONTS_DIR / "NotoSansCJKsc-Regular-subset.otf"
FONT_NAME = "Noto Sans CJK SC"
COUNTRY_COLORS = {"CN": "#c8102e", "US": "#1f4e9a", "other": "#8c8c8c"}
SCRIPT_COLORS = ["#c8102e", "#1f4e9a", "#e0a100", "#8c8c8c"]
DPI = 110


def register_font() -> str:
    """Register the shipped Noto Sans CJK SC with matplotlib and return its family name."""
    if FONT_NAME not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(FONT_FILE))
    return FONT_NAME


def apply_style() -> None:
    """Set the seaborn theme with the CJK font first and DejaVu Sans as fallback."""
    family = register_font()
    sns.set_theme(style="whitegrid", context="notebook")
    matplotlib.rcParams.update(
        {
            "font.family": [family, "DejaVu Sans"],
            "axes.unicode_minus": True,
            "svg.hashsalt": "china-us-ai-report",
            # labels come from documents: "US$5 to US$6" is money, not mathtext
            "text.parse_math": False,
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
        }
    )
    pd.set_option("display.unicode.east_asian_width", True)


@contextmanager
def quiet_seaborn():
    """Silence only the known seaborn 0.13.2 deprecation warnings under matplotlib 3.11."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*vert.*", category=PendingDeprecationWarning)
        warnings.filterwarnings("ignore", message=".*vert.*", category=DeprecationWarning)
        warnings.filterwarnings(
            "ignore", message="\\s*Passing `palette` without", category=FutureWarning
        )
        yield


def render_png(fig) -> bytes:
    """Return the figure as PNG bytes with no varying metadata, and close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def plot_timeline(table: pd.DataFrame, title: str, labels: dict) -> "plt.Figure":
    """Draw publication dates, one row per document; hollow where only the month is known."""
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(table) + 1.6))
    order = list(dict.fromkeys(table["document"]))
    table = table.assign(document=pd.Categorical(table["document"], categories=order))
    exact = table["precision"] == labels["precision.day"]
    color = COUNTRY_COLORS["CN"]
    with quiet_seaborn():
        sns.scatterplot(data=table[exact], x="date", y="document", s=120, color=color, ax=ax)
        sns.scatterplot(
            data=table[~exact],
            x="date",
            y="document",
            s=120,
            facecolors="white",
            edgecolor=color,
            linewidth=1.8,
            ax=ax,
        )
    ax.set_title(title)
    ax.set_xlabel(labels["col.date"])
    ax.set_ylabel("")
    fig.autofmt_xdate()
    return fig


def plot_script_shares(table: pd.DataFrame, title: str, labels: dict) -> "plt.Figure":
    """Draw each document's share of Chinese, Latin, digit and other characters."""
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 0.6 * table["document"].nunique() + 1.8))
    with quiet_seaborn():
        sns.barplot(
            data=table,
            y="document",
            x="share",
            hue="script",
            palette=SCRIPT_COLORS[: table["script"].nunique()],
            orient="h",
            ax=ax,
        )
    ax.set_title(title)
    ax.set_xlabel(labels["col.share"])
    ax.set_ylabel("")
    ax.set_xlim(0, 100)
    ax.legend(title=labels["col.script"], loc="lower right")
    return fig


def color_for(country: str) -> str:
    """Return the fixed colour of a country (CN, US); every other country is grey."""
    return COUNTRY_COLORS.get(country, COUNTRY_COLORS["other"])


def make_unique(labels: list[str]) -> list[str]:
    """Return the labels with repeats numbered: ["中国", "中国"] → ["中国", "中国 (2)"]."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


def plot_country_bars(
    table: pd.DataFrame, title: str, xlabel: str, legend: dict[str, str] | None = None
) -> "plt.Figure":
    """Draw one horizontal bar per row (``label``, ``value``, ``country``), coloured by country.

    ``legend`` maps the country codes to show in a colour key to their names.
    """
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(table) + 1.5))
    # one bar per row: seaborn would average rows sharing a label into one bar
    table = table.assign(label=make_unique(list(table["label"])))
    order = list(table["label"])
    palette = {row.label: color_for(row.country) for row in table.itertuples()}
    with quiet_seaborn():
        sns.barplot(
            data=table,
            y="label",
            x="value",
            hue="label",
            order=order,
            hue_order=order,
            palette=palette,
            orient="h",
            legend=False,
            saturation=1,  # the fixed country colours, not seaborn's dulled ones
            ax=ax,
        )
    for patch, row in zip(ax.patches, table.itertuples(), strict=False):
        ax.annotate(
            f" {row.display}" if hasattr(row, "display") else f" {row.value:g}",
            (patch.get_width(), patch.get_y() + patch.get_height() / 2),
            va="center",
            fontsize=9,
        )
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.set_xlim(0, None)  # counts and amounts start at zero
    ax.margins(x=0.25)  # room for the value written after each bar
    if legend:
        place_legend(ax, [country_patch(code, name) for code, name in legend.items()])
    return fig


def country_patch(code: str, name: str) -> Patch:
    """Return a colour-key entry for a country."""
    return Patch(facecolor=color_for(code), label=name)


def place_legend(ax, handles: list, title: str | None = None) -> None:
    """Put the key below the axes and their labels, where it can cover neither data nor axis
    labels; call it once titles, labels and tick rotations are final."""
    fig = ax.figure
    # the x-axis label may hang below the figure's edge: anchor the key under the lowest text
    lowest = ax.get_tightbbox(fig.canvas.get_renderer()).transformed(fig.transFigure.inverted())
    fig.legend(
        handles=handles,
        title=title,
        loc="upper center",
        bbox_to_anchor=(0.5, min(lowest.y0, 0.0)),
        ncol=min(len(handles), 4),
        fontsize=9,
        frameon=False,
    )


def spread_ties(table: pd.DataFrame, width: float = 0.08) -> pd.Series:
    """Return x positions with entities tied at one rank side by side, so each keeps its colour."""
    offsets = pd.Series(0.0, index=table.index)
    for _key, rows in table.groupby(["x", "rank"], sort=True):
        if len(rows) > 1:
            shifts = [width * (i - (len(rows) - 1) / 2) for i in range(len(rows))]
            offsets[rows.sort_values(["country", "entity"]).index] = shifts
    return table["x"] + offsets


def plot_ranks(
    table: pd.DataFrame, title: str, ylabel: str, legend: dict[str, str] | None = None
) -> "plt.Figure":
    """Draw ordinal ranks as ranks: rank 1 on top, one column per ranking, a line per entity.

    Entities tied at a rank are drawn side by side in their countries' colours and share one
    label; ``legend`` maps country codes to names for the colour key.
    """
    apply_style()
    rankings = list(dict.fromkeys(table["ranking"]))
    fig, ax = plt.subplots(figsize=(3.6 + 2.6 * len(rankings), 0.42 * table["rank"].max() + 2.4))
    positions = {name: i for i, name in enumerate(rankings)}
    table = table.assign(x=table["ranking"].map(positions))
    table = table.assign(px=spread_ties(table))
    for _entity, rows in table.groupby("entity", sort=True):
        rows = rows.sort_values("x")
        ax.plot(rows["px"], rows["rank"], color=color_for(rows["country"].iloc[0]), alpha=0.5)
    for country, rows in table.groupby("country", sort=True):
        ax.scatter(rows["px"], rows["rank"], s=90, color=color_for(country), zorder=3)
    for (x, rank), rows in table.groupby(["x", "rank"], sort=True):
        side = -1 if x == 0 and len(rankings) > 1 else 1
        ax.annotate(
            " / ".join(rows["entity"]),  # tied entities share one label instead of overprinting
            (x + side * 0.08 * (len(rows) - 1) / 2, rank),
            xytext=(8 * side, 0),
            textcoords="offset points",
            ha="right" if side < 0 else "left",
            va="center",
            fontsize=9,
        )
    ax.set_xticks(range(len(rankings)), [textwrap.fill(r, 22) for r in rankings])
    ax.set_xlim(-1.1, len(rankings) + 0.1)
    top = int(table["rank"].max())
    ax.set_ylim(top + 0.7, 0.3)
    ax.set_yticks(range(1, top + 1))
    ax.set_ylabel(ylabel)
    ax.set_xlabel("")
    ax.set_title(title)
    if legend:
        place_legend(ax, [country_patch(code, name) for code, name in legend.items()])
    return fig


MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def plot_points_over_time(table: pd.DataFrame, title: str, ylabel: str, labels: dict):
    """Draw figures reported at several dates (``date``, ``value``): colour is the country,
    the marker shape is the source. ``labels`` holds the key's words: ``source`` and country
    names by code."""
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 4.6))
    sources = list(dict.fromkeys(table["source"]))
    shapes = {source: MARKERS[i % len(MARKERS)] for i, source in enumerate(sources)}
    for row in table.itertuples():
        ax.scatter(
            row.date,
            row.value,
            s=110,
            color=color_for(row.country),
            marker=shapes[row.source],
            zorder=3,
        )
        ax.annotate(f" {row.display}", (row.date, row.value), fontsize=9, va="bottom")
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel("")
    ax.set_ylim(0, table["value"].max() * 1.25)  # counts start at zero; room for labels
    ax.margins(x=0.12)
    handles = [country_patch(c, labels[c]) for c in dict.fromkeys(table["country"]) if c in labels]
    handles += [
        Line2D([], [], color="#555555", marker=shapes[s], linestyle="", label=s) for s in sources
    ]
    fig.autofmt_xdate()  # before the key: rotated dates hang lower
    place_legend(ax, handles, labels.get("source"))
    return fig
