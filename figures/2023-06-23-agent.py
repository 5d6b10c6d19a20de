"""Figures of the post 2023-06-23-agent: compounding errors over steps, and the agent loop with its three design decisions."""
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch, FancyArrowPatch
from figures.style import PALETTE, save

SLUG = "2023-06-23-agent"


def compounding() -> None:
    n = np.arange(1, 51)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for p, color in ((0.99, PALETTE[2]), (0.95, PALETTE[0]), (0.90, PALETTE[1])):
        ax.plot(n, p ** n, color=color, label=f"per-step success {p:.2f}")
    eps, d = 0.05, 0.5
    ax.plot(n, (1 - (eps * (1 - d) + eps * eps * d)) ** n, color=PALETTE[0], linestyle="--",
            label="0.95, half of errors caught and retried")
    ax.axhline(0.5, color="0.7", linewidth=0.8)
    ax.set_xlabel("number of dependent steps")
    ax.set_ylabel("P(task completed)")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=9)
    save(fig, SLUG, "compounding")


def box(ax, x, y, w, h, text, color):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.08",
                                facecolor="none", edgecolor=color, linewidth=1.6))
    ax.text(x, y, text, ha="center", va="center", fontsize=10)


def arrow(ax, a, b, color="0.25", rad=0.0, style="-|>"):
    ax.add_patch(FancyArrowPatch(a, b, arrowstyle=style, mutation_scale=14, color=color,
                                 linewidth=1.3, connectionstyle=f"arc3,rad={rad}"))


def loop() -> None:
    fig, ax = plt.subplots(figsize=(8.0, 4.6))
    box(ax, 1.0, 3.0, 1.6, 0.7, "context $c_t$", PALETTE[6])
    box(ax, 4.0, 3.0, 1.8, 0.7, r"model $\pi_\theta$", PALETTE[0])
    box(ax, 7.0, 3.0, 1.8, 0.7, "tools and\nenvironment", PALETTE[6])
    box(ax, 7.0, 0.9, 1.8, 0.7, r"observation $o_t$", PALETTE[1])
    box(ax, 4.0, 0.9, 1.8, 0.7, "update $U$", PALETTE[2])
    box(ax, 1.0, 0.9, 1.6, 0.7, "external\nstore", PALETTE[2])
    arrow(ax, (1.8, 3.0), (3.1, 3.0))
    arrow(ax, (4.9, 3.0), (6.1, 3.0))
    ax.text(5.5, 3.15, "action $a_t$", ha="center", va="bottom", fontsize=9)
    arrow(ax, (7.0, 2.65), (7.0, 1.25))
    arrow(ax, (6.1, 0.9), (4.9, 0.9))
    arrow(ax, (3.3, 1.25), (1.5, 2.65), rad=-0.15)
    arrow(ax, (3.1, 0.9), (1.8, 0.9), style="<|-|>")
    ax.text(4.0, 4.05, "CONTROL: who picks the next step\n(free text, fixed program, search, planner)",
            ha="center", va="center", fontsize=9, color=PALETTE[0])
    ax.text(8.55, 1.95, "FEEDBACK:\nenvironment,\nself-evaluation,\ncheckers,\ntraining data",
            ha="center", va="center", fontsize=9, color=PALETTE[1])
    ax.text(2.5, -0.1, "STATE: what persists (context, store, lessons, weights)",
            ha="center", va="center", fontsize=9, color=PALETTE[2])
    ax.set_xlim(-0.1, 9.6)
    ax.set_ylim(-0.4, 4.5)
    ax.set_axis_off()
    save(fig, SLUG, "loop")


def main() -> None:
    compounding()
    loop()


if __name__ == "__main__":
    main()
