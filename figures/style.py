"""Shared look of the flagship's figures: one place for fonts, colours and deterministic SVG.

Every ``figures/<post-slug>.py`` script draws its figures with matplotlib and saves them with
``save``, which writes ``docs/figures/<post-slug>/<name>.svg``. The SVGs are committed, so
building the site never needs matplotlib; ``make figures`` regenerates them.

The SVGs have transparent backgrounds and keep text as text (the page's font). biblog's
stylesheet inverts figure images in dark mode, so dark strokes on a transparent background
read well in both themes; the palette is chosen to survive that inversion.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("svg")

import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "figures"

#: colour-blind-safe palette (Okabe-Ito), readable on white and after inversion
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

plt.rcParams.update({
    "svg.hashsalt": "biblog",  # stable ids: the same script writes the same file
    "svg.fonttype": "none",  # text stays text, in the page's font
    "font.family": "sans-serif",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
})


def save(fig: plt.Figure, slug: str, name: str) -> Path:
    """Write ``docs/figures/<slug>/<name>.svg`` without a date, so reruns change nothing."""
    folder = OUT / slug
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.svg"
    fig.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return path
