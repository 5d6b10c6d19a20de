"""Figures of the post 2024-04-12-diffusion-video: attention cost against clip length, and layouts of generation in time."""
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle
from figures.style import PALETTE, save

SLUG = "2024-04-12-diffusion-video"


def attention_cost() -> None:
    N = 1024
    F = np.unique(np.round(np.logspace(0, np.log10(512), 30)).astype(int)).astype(float)
    full = (F * N) ** 2
    fact = F * N ** 2 + N * F ** 2
    Fc, Nc = np.maximum(F / 4, 1), N / 4
    comp = (Fc * Nc) ** 2
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(F, full, color=PALETTE[1], label="full spacetime attention")
    ax.plot(F, fact, color=PALETTE[0], label="factorized (spatial + temporal)")
    ax.plot(F, comp, color=PALETTE[2], label="full, after 4x time and 2x2 space compression")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("frames F (1024 tokens per frame)")
    ax.set_ylabel("pairwise interactions per layer")
    ax.legend(fontsize=9)
    save(fig, SLUG, "attention-cost")


def strategies() -> None:
    F = 24
    rows = [
        ("joint generation", [[0] * F]),
        ("keyframes, then\ninterpolation", None),
        ("windowed\nextension", None),
        ("full frame rate, then\nwindowed super-res.", None),
    ]
    fig, ax = plt.subplots(figsize=(8.6, 3.8))
    h = 0.6
    def cell(x, y, color, alpha=1.0, hatch=None):
        ax.add_patch(Rectangle((x + 0.06, y), 0.88, h, facecolor=color, edgecolor="none", alpha=alpha, hatch=hatch))
    # row 0: all frames one stage
    y = 3
    for f in range(F):
        cell(f, y, PALETTE[0])
    # row 1: keyframes every 6th frame (stage 1), rest stage 2
    y = 2
    for f in range(F):
        cell(f, y, PALETTE[0] if f % 6 == 0 else PALETTE[1])
    # row 2: windows of 8 with overlap 2
    y = 1
    starts = [0, 6, 12, 18]
    for k, s in enumerate(starts):
        for f in range(s, min(s + 8, F) if k < 3 else F):
            if k > 0 and f < s + 2:
                continue
            cell(f, y, PALETTE[0] if k % 2 == 0 else PALETTE[5])
        if k > 0:
            ax.plot([s + 0.06, s + 1.94], [y + h + 0.08] * 2, color="0.3", linewidth=1.2)
    # row 3: one stage low-res, then overlapping super-res windows (drawn as bars above)
    y = 0
    for f in range(F):
        cell(f, y, PALETTE[0])
    for k, s in enumerate([0, 5, 10, 15]):
        e = min(s + 9, F)
        ax.plot([s + 0.1, e - 0.1], [y - 0.1 - 0.08 * (k % 2)] * 2, color=PALETTE[2], linewidth=2)
    for i, (label, _) in enumerate(rows):
        ax.text(-0.6, 3 - i + h / 2, label, ha="right", va="center", fontsize=9.5)
    ax.text(F / 2, -0.4, "time (frames)", ha="center", va="top", fontsize=10)
    handles = [Rectangle((0, 0), 1, 1, color=PALETTE[0]), Rectangle((0, 0), 1, 1, color=PALETTE[1]),
               Rectangle((0, 0), 1, 1, color=PALETTE[5]),
               plt.Line2D([0], [0], color="0.3"), plt.Line2D([0], [0], color=PALETTE[2], linewidth=2)]
    ax.legend(handles, ["first stage", "later stage", "next window", "conditioning overlap",
                        "super-resolution window"], fontsize=8.5, loc="upper center",
              bbox_to_anchor=(0.45, -0.08), ncol=5)
    ax.set_xlim(-6.5, F + 0.2)
    ax.set_ylim(-0.6, 3.8)
    ax.set_axis_off()
    save(fig, SLUG, "strategies")


def main() -> None:
    attention_cost()
    strategies()


if __name__ == "__main__":
    main()
