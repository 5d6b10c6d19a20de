"""Figures of the post 2024-02-05-human-data-quality: when majority votes get better with more raters, and a synthetic data map."""
from math import comb

import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2024-02-05-human-data-quality"


def majority(n: int, p: float) -> float:
    """Probability that a strict majority of n independent raters, each right with probability p, is right (n odd)."""
    return sum(comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n // 2 + 1, n + 1))


def jury() -> None:
    """Accuracy of a majority vote against the number of raters, with independent and partly shared errors."""
    ns = np.arange(1, 42, 2)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    cases = [
        (0.7, 0.0, PALETTE[0], "-", "each right 70%, independent"),
        (0.7, 0.3, PALETTE[0], "--", "each right 70%, 30% shared errors"),
        (0.55, 0.0, PALETTE[2], "-", "each right 55%, independent"),
        (0.45, 0.0, PALETTE[1], "-", "each right 45%, independent"),
    ]
    for p, rho, colour, style, label in cases:
        # with probability rho all raters copy one common judgement; otherwise they vote independently
        acc = [rho * p + (1 - rho) * majority(int(n), p) for n in ns]
        ax.plot(ns, acc, color=colour, linestyle=style, marker="o", markersize=3, label=label)
    ax.set_xlabel("number of raters per item (odd)")
    ax.set_ylabel("accuracy of the majority label")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower left", fontsize=8.5)
    save(fig, SLUG, "jury")


def data_map() -> None:
    """Confidence and variability of the gold-label probability over ten epochs, for three kinds of synthetic example."""
    rng = np.random.default_rng(7)
    epochs = np.arange(1, 11)
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    mu = np.linspace(0, 1, 200)
    ax.plot(np.sqrt(mu * (1 - mu)), mu, color="0.6", linewidth=1.0, label="largest possible variability")
    groups = [
        ("easy: learned early", PALETTE[0], "o", lambda: 1 / (1 + np.exp(-(rng.uniform(1.5, 3.0) * (epochs - rng.uniform(0.5, 2.0)))))),
        ("ambiguous: flips between epochs", PALETTE[2], "s", lambda: np.clip(0.5 + rng.uniform(0.15, 0.4) * np.sign(rng.standard_normal(10)) + rng.normal(0, 0.08, 10), 0.02, 0.98)),
        ("likely mislabeled: never learned", PALETTE[1], "^", lambda: np.clip(rng.uniform(0.03, 0.25) + rng.normal(0, 0.04, 10), 0.005, 0.6)),
    ]
    for label, colour, marker, draw in groups:
        pts = np.array([(t.std(), t.mean()) for t in (draw() for _ in range(45))])
        ax.scatter(pts[:, 0], pts[:, 1], s=14, color=colour, marker=marker, label=label, alpha=0.85, linewidths=0)
    ax.set_xlabel(r"variability $\hat\sigma_i$ (std. of gold-label probability)")
    ax.set_ylabel(r"confidence $\hat\mu_i$")
    ax.set_xlim(0, 0.52)
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize=8.5)
    save(fig, SLUG, "data-map")


def main() -> None:
    jury()
    data_map()


if __name__ == "__main__":
    main()
