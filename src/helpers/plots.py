"""Seaborn charts in the report's style: shipped CJK font, fixed country colours, stable PNGs."""

import io
import warnings
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib import font_manager  # noqa: E402

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
