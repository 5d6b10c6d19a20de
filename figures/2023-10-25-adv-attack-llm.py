"""Figures of the post 2023-10-25-adv-attack-llm: a map of attacks as searches, and the breach probability of repeated attempts."""
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch
from figures.style import PALETTE, save

SLUG = "2023-10-25-adv-attack-llm"

COLUMNS = ["edits of\nan input", "appended\ntoken suffix", "whole\nprompt", "content read\nfrom tools"]
ROWS = ["gradients\n(white-box)", "output scores,\nclassifiers", "human\njudgment"]
CELLS = {
    (0, 0): ["HotFlip", "GBDA"],
    (0, 1): ["universal triggers", "toxicity triggers", "ARCA", "GCG"],
    (1, 0): ["TextFooler", "BERT-Attack", "SEARs"],
    (1, 2): ["red-team LM", "FLIRT", "explore-establish-exploit", "RLPrompt"],
    (2, 0): ["tool-assisted rewriting"],
    (2, 2): ["jailbreak prompts", "Bot-Adversarial Dialogue", "crowd red teaming"],
    (2, 3): ["indirect injection"],
}


def search_map() -> None:
    fig, ax = plt.subplots(figsize=(9.0, 5.0))
    w, h = 1.0, 1.0
    for r in range(len(ROWS)):
        for c in range(len(COLUMNS)):
            ax.add_patch(FancyBboxPatch((c * w + 0.04, r * h + 0.04), w - 0.08, h - 0.08,
                                        boxstyle="round,pad=0.0,rounding_size=0.05",
                                        facecolor="none", edgecolor="0.75", linewidth=0.8))
            items = CELLS.get((r, c), [])
            n = len(items)
            for k, label in enumerate(items):
                y = r * h + h / 2 + (n - 1) / 2 * 0.22 - k * 0.22
                ax.text(c * w + w / 2, y, label, ha="center", va="center", fontsize=7.5,
                        color=PALETTE[r % 3])
    for c, label in enumerate(COLUMNS):
        ax.text(c * w + w / 2, -0.08, label, ha="center", va="top", fontsize=9.5)
    for r, label in enumerate(ROWS):
        ax.text(-0.08, r * h + h / 2, label, ha="right", va="center", fontsize=9.5)
    ax.annotate("", xy=(4.0, -0.62), xytext=(0.0, -0.62),
                arrowprops=dict(arrowstyle="->", color="0.3"))
    ax.text(2.0, -0.7, "search space, narrow to wide", ha="center", va="top", fontsize=9.5)
    ax.set_xlim(-1.3, 4.1)
    ax.set_ylim(-0.95, 3.05)
    ax.set_axis_off()
    save(fig, SLUG, "search-map")


def attempts() -> None:
    k = np.logspace(0, 5, 60)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for p, color in zip([1e-4, 1e-3, 1e-2, 1e-1], PALETTE):
        ax.plot(k, 1 - (1 - p) ** k, color=color, label=f"p = {p:g}")
    ax.set_xscale("log")
    ax.set_xlabel("number of attempts k")
    ax.set_ylabel("P(at least one success)")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=9, loc="upper left")
    save(fig, SLUG, "attempts")


def main() -> None:
    search_map()
    attempts()


if __name__ == "__main__":
    main()
