"""Charts drawn once per content: a chart is its plotting function and arguments, and a build
keeps each one's PNG under a hash of them, so a rebuild redraws only the charts whose data,
labels or style changed (drawing is most of a chart-heavy chapter's time).

The build names the cache folder in ``CUAR_CHART_CACHE``: one folder per version of this
package and of every installed library, so a code or font change starts an empty folder.
Without it (JupyterLab, nbval, ``report --no-cache``) every chart is drawn.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ENV = "CUAR_CHART_CACHE"


@dataclass(frozen=True)
class Chart:
    """A chart to draw: a plotting function (returning a matplotlib figure) and its arguments."""

    plot: Callable
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    @classmethod
    def of(cls, plot: Callable, *args, **kwargs) -> Chart:
        """Return the chart ``plot(*args, **kwargs)`` would draw, not drawn yet."""
        return cls(plot, args, kwargs)

    def draw(self):
        """Return the figure (drawn now)."""
        return self.plot(*self.args, **self.kwargs)

    def compute_key(self) -> str | None:
        """Return a hash of the function's name, the arguments and matplotlib's settings, or
        None when an argument cannot be pickled (the chart is then always drawn)."""
        import matplotlib

        settings = sorted((k, repr(v)) for k, v in matplotlib.rcParams.items())
        try:
            payload = pickle.dumps(
                (
                    self.plot.__module__,
                    self.plot.__qualname__,
                    self.args,
                    sorted(self.kwargs.items()),
                    settings,
                ),
                protocol=5,
            )
        except (pickle.PicklingError, TypeError, AttributeError):
            return None
        return hashlib.sha256(payload).hexdigest()


def describe_figure(fig) -> str:
    """Return a figure's alt text: its titles (the figure's, then each axes'), joined."""
    titles = [fig.get_suptitle()] + [ax.get_title() for ax in fig.axes]
    return " / ".join(title for title in titles if title)


def render_fresh(chart: Chart) -> tuple[bytes, str]:
    """Draw the chart now; return its PNG and alt text."""
    from helpers.plots import render_png

    fig = chart.draw()
    alt = describe_figure(fig)
    return render_png(fig), alt


def read_entry(path: Path) -> tuple[bytes, str] | None:
    """Return a cache entry's PNG and alt text, or None when it is missing or unreadable."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        return base64.b64decode(entry["png"], validate=True), str(entry["alt"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_entry(path: Path, png: bytes, alt: str) -> None:
    """Write a cache entry atomically (a reader never sees half of one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    payload = {"alt": alt, "png": base64.b64encode(png).decode("ascii")}
    partial.write_text(json.dumps(payload), encoding="utf-8")
    partial.replace(path)


def render_chart(chart: Chart) -> tuple[bytes, str]:
    """Return the chart's PNG and alt text: from the build's cache when it holds them, else
    drawn now (and kept there when the build names a cache)."""
    folder = os.environ.get(ENV, "")
    key = chart.compute_key() if folder else None
    if key is None:
        return render_fresh(chart)
    path = Path(folder) / f"{key}.json"
    found = read_entry(path)
    if found is not None:
        return found
    png, alt = render_fresh(chart)
    try:
        write_entry(path, png, alt)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return png, alt
