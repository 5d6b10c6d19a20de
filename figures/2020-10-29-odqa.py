"""Figures of the post 2020-10-29-odqa: where knowledge lives in three ODQA designs, and how retrieval depth bounds accuracy."""
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch
from figures.style import PALETTE, save

SLUG = "2020-10-29-odqa"


def _box(ax, x, y, w, h, text, colour):
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.08",
                                fc="none", ec=colour, lw=1.6))
    ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=9.5)


def _arrow(ax, x0, y0, x1, y1):
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops=dict(arrowstyle="->", lw=1.3, color=PALETTE[6]))


def designs() -> None:
    """Three rows: retriever-reader, retriever-generator, closed-book generator."""
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    rows = [("retriever-reader (open book, extractive)", 3.1, "reader\n(extract span)"),
            ("retriever-generator (open book, generative)", 1.5, "generator\n(write answer)")]
    for label, y, last in rows:
        ax.text(0.0, y + 0.9, label, fontsize=9.5, ha="left", va="center", style="italic")
        _box(ax, 0.0, y, 1.2, 0.7, "question", PALETTE[6])
        _box(ax, 1.8, y, 1.4, 0.7, "retriever", PALETTE[0])
        _box(ax, 3.8, y, 1.5, 0.7, "top-k\npassages", PALETTE[2])
        _box(ax, 5.9, y, 1.9, 0.7, last, PALETTE[1])
        _arrow(ax, 1.2, y + 0.35, 1.8, y + 0.35)
        _arrow(ax, 3.2, y + 0.35, 3.8, y + 0.35)
        _arrow(ax, 5.3, y + 0.35, 5.9, y + 0.35)
    _box(ax, 8.2, 2.3, 1.3, 0.7, "corpus\nindex", PALETTE[5])
    ax.annotate("", xy=(2.5, 3.1), xytext=(8.2, 2.75),
                arrowprops=dict(arrowstyle="->", lw=1.0, color=PALETTE[5], ls="--",
                                connectionstyle="arc3,rad=0.15"))
    ax.annotate("", xy=(2.5, 2.2), xytext=(8.2, 2.55),
                arrowprops=dict(arrowstyle="->", lw=1.0, color=PALETTE[5], ls="--",
                                connectionstyle="arc3,rad=-0.15"))
    ax.text(0.0, 1.0, "closed book", fontsize=9.5, ha="left", va="center", style="italic")
    _box(ax, 0.0, 0.1, 1.2, 0.7, "question", PALETTE[6])
    _box(ax, 1.8, 0.1, 6.0, 0.7, "language model (knowledge in its weights)", PALETTE[3])
    _arrow(ax, 1.2, 0.45, 1.8, 0.45)
    ax.set_xlim(-0.1, 9.6)
    ax.set_ylim(0.0, 4.2)
    ax.axis("off")
    save(fig, SLUG, "designs")


def depth() -> None:
    """End-to-end accuracy = recall(k) x reader accuracy given the answer is among k passages."""
    k = np.arange(1, 201)
    recall = 1 - np.exp(-(k / 12.0) ** 0.6)
    reader_fragile = 0.75 / (1 + 0.12 * np.log(k))
    reader_fusion = 0.75 * np.ones_like(k, dtype=float)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(k, recall, color=PALETTE[2], ls="--", label="retrieval recall R(k)")
    ax.plot(k, recall * reader_fusion, color=PALETTE[0], label="reader unaffected by distractors")
    ax.plot(k, recall * reader_fragile, color=PALETTE[1], label="reader confused by distractors")
    ax.set_xscale("log")
    ax.set_xlabel("passages passed to the reader, k")
    ax.set_ylabel("fraction of questions")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=9)
    save(fig, SLUG, "depth")


def main() -> None:
    designs()
    depth()


if __name__ == "__main__":
    main()
