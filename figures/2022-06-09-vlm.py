"""Figures of the post 2022-06-09-vlm: three places where vision can meet a language model, and a per-image cross-attention mask for interleaved input."""
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from figures.style import PALETTE, save

SLUG = "2022-06-09-vlm"


def box(ax, x, y, w, h, text, colour, frozen=False, size=9):
    """A rounded box: filled when its weights are trained, outlined and dashed when frozen."""
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.06",
                                facecolor="none" if frozen else colour, alpha=0.22, linewidth=0))
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.06",
                                facecolor="none", edgecolor=colour, linewidth=1.5,
                                linestyle="--" if frozen else "-"))
    ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=size)


def arrow(ax, a, b):
    ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=11, color="0.25", linewidth=1.2))


def wiring() -> None:
    """Input-level prefix, cross-attention inside the stack, and text as the only interface."""
    fig, axes = plt.subplots(1, 3, figsize=(9.6, 4.0))
    blue, orange, green = PALETTE[0], PALETTE[1], PALETTE[2]
    titles = ["(a) visual tokens in the input", "(b) cross-attention inside", "(c) text as the interface"]
    for ax, title in zip(axes, titles):
        ax.set_xlim(0, 4)
        ax.set_ylim(0, 5.2)
        ax.axis("off")
        ax.text(2, 5.05, title, ha="center", va="top", fontsize=10)
    # (a) prefix: encoder -> mapper -> tokens prepended to words -> LM stack
    ax = axes[0]
    box(ax, 0.2, 0.3, 1.6, 0.6, "image\nencoder", blue, size=8)
    box(ax, 0.2, 1.3, 1.6, 0.5, "mapper", orange)
    box(ax, 0.2, 2.1, 1.6, 0.4, "visual tokens", orange, size=8)
    box(ax, 2.1, 2.1, 1.6, 0.4, "word tokens", "0.4", size=8)
    box(ax, 0.2, 2.9, 3.5, 1.5, "language model\n(self-attention over\nthe joint sequence)", green, frozen=True)
    arrow(ax, (1.0, 0.9), (1.0, 1.3))
    arrow(ax, (1.0, 1.8), (1.0, 2.1))
    arrow(ax, (1.0, 2.5), (1.0, 2.9))
    arrow(ax, (2.9, 2.5), (2.9, 2.9))
    # (b) cross-attention: LM blocks interleaved with new gated layers reading visual features
    ax = axes[1]
    box(ax, 0.1, 0.3, 1.3, 0.6, "image\nencoder", blue, frozen=True, size=8)
    box(ax, 0.1, 1.3, 1.3, 0.6, "resampler", orange, size=8)
    for i, y in enumerate([0.3, 1.3, 2.3, 3.3]):
        if i % 2 == 0:
            box(ax, 1.9, y, 1.9, 0.7, "LM block", green, frozen=True, size=8)
        else:
            box(ax, 1.9, y, 1.9, 0.7, "gated\ncross-attention", orange, size=8)
    for y in [1.0, 2.0, 3.0]:
        arrow(ax, (2.85, y), (2.85, y + 0.3))
    arrow(ax, (0.75, 0.9), (0.75, 1.3))
    arrow(ax, (1.4, 1.6), (1.9, 1.6))
    arrow(ax, (1.4, 1.75), (1.9, 3.55))
    ax.text(2.85, 0.05, "words enter at the bottom", ha="center", fontsize=8, color="0.35")
    # (c) text interface: vision model writes text, LM reads it
    ax = axes[2]
    box(ax, 0.2, 0.3, 3.5, 0.6, "vision-language model", blue, frozen=True, size=8)
    box(ax, 0.2, 1.4, 3.5, 0.7, "caption, tags, scores\n(plain text)", "0.4", size=8)
    box(ax, 0.2, 2.6, 3.5, 1.2, "large language model\n(prompted, few-shot)", green, frozen=True)
    arrow(ax, (1.95, 0.9), (1.95, 1.4))
    arrow(ax, (1.95, 2.1), (1.95, 2.6))
    ax.annotate("", xy=(3.8, 3.2), xytext=(3.8, 0.6),
                arrowprops=dict(arrowstyle="-|>", color="0.5", linestyle="--", connectionstyle="arc3,rad=0.3"))
    ax.text(2.0, 4.25, "or: image-text scores\nsteer each decoding step", ha="center", fontsize=8, color="0.35")
    fig.text(0.5, 0.02, "filled box: trained;  dashed outline: frozen", ha="center", fontsize=9, color="0.3")
    save(fig, SLUG, "wiring")


def mask() -> None:
    """Which image each text token may attend to in an interleaved sequence: only the latest preceding one."""
    sequence = ["<img A>", "a", "red", "kite", "<img B>", "two", "dogs", "<img C>", "this", "one", "shows"]
    images = [i for i, t in enumerate(sequence) if t.startswith("<img")]
    text_rows = [i for i, t in enumerate(sequence) if not t.startswith("<img")]
    m = np.zeros((len(text_rows), len(images)))
    for r, pos in enumerate(text_rows):
        preceding = [k for k, img in enumerate(images) if img < pos]
        if preceding:
            m[r, preceding[-1]] = 1.0
    fig, ax = plt.subplots(figsize=(4.6, 4.2))
    ax.imshow(m, cmap="Blues", vmin=0, vmax=1.25, aspect="auto")
    ax.set_xticks(range(len(images)), [sequence[i] for i in images])
    ax.set_yticks(range(len(text_rows)), [sequence[i] for i in text_rows])
    ax.set_xlabel("visual tokens of image")
    ax.set_ylabel("text token (in order)")
    for r in range(m.shape[0]):
        for c in range(m.shape[1]):
            ax.text(c, r, "attends" if m[r, c] else "masked", ha="center", va="center", fontsize=8,
                    color="white" if m[r, c] else "0.45")
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0)
    save(fig, SLUG, "mask")


def main() -> None:
    wiring()
    mask()


if __name__ == "__main__":
    main()
