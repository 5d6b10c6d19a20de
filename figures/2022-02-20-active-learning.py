"""Figures of the post 2022-02-20-active-learning: the best case for querying, and how BALD separates two kinds of uncertainty."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2022-02-20-active-learning"


def threshold() -> None:
    """Learning a threshold on [0, 1]: random labels against bisection, noise-free."""
    n = np.arange(1, 31)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    # random uniform queries: the threshold sits in a gap between order statistics;
    # the expected length of the gap that contains it is 2/(n+2), and a midpoint guess errs by a quarter of it on average
    ax.plot(n, 0.5 / (n + 2), color=PALETTE[1], marker="o", markersize=3.5, label="random queries, expected error")
    # bisection: the interval halves with each label
    ax.plot(n, 0.25 * 0.5 ** n, color=PALETTE[0], marker="s", markersize=3.5, label="bisection (active), expected error")
    ax.set_yscale("log")
    ax.set_xlabel("number of labels bought $n$")
    ax.set_ylabel("expected error of the threshold")
    ax.legend(loc="lower left")
    save(fig, SLUG, "threshold")


def entropy(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return -(p * np.log(p) + (1 - p) * np.log(1 - p))


def bald() -> None:
    """A five-member committee of logistic models on a 1-D input: total, expected and mutual-information terms."""
    x = np.linspace(-6, 6, 241)
    # all members agree where the data were (x < 1), including on the ambiguous point x = -1,
    # and extrapolate differently to the right of the data
    bends = np.array([2.0, 1.0, 0.0, -2.5, -4.0])
    logits = 1.5 * (x[None, :] + 1) + bends[:, None] * np.maximum(x[None, :] - 1, 0)
    members = 1 / (1 + np.exp(-logits))
    mean = members.mean(0)
    total = entropy(mean)
    expected = entropy(members).mean(0)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for m in members:
        ax.plot(x, m, color="0.75", linewidth=1.0)
    ax.plot([], [], color="0.75", linewidth=1.0, label="committee members $p(y=1 \\mid x, \\omega)$")
    ax.plot(x, total, color=PALETTE[0], label="entropy of the mean prediction")
    ax.plot(x, expected, color=PALETTE[2], linestyle="--", label="mean entropy of members")
    ax.plot(x, total - expected, color=PALETTE[1], label="BALD score (difference)")
    ax.set_xlabel("input $x$")
    ax.set_ylabel("probability or nats")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="upper left", fontsize=8.5)
    save(fig, SLUG, "bald")


def main() -> None:
    threshold()
    bald()


if __name__ == "__main__":
    main()
