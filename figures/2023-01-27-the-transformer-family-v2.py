"""Figures of the post 2023-01-27-the-transformer-family-v2: ALiBi's distance penalties and the cost of attention families."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2023-01-27-the-transformer-family-v2"


def alibi() -> None:
    """Additive logit penalty -m * distance for the slopes of an 8-head model."""
    heads = 8
    slopes = 2.0 ** (-8.0 * np.arange(1, heads + 1) / heads)
    distance = np.arange(0, 65)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for h in [0, 2, 4, 7]:
        ax.plot(distance, -slopes[h] * distance, color=PALETTE[[0, 2, 4, 7].index(h)],
                label=f"head {h + 1}, slope 1/{int(round(1 / slopes[h]))}")
    ax.set_xlabel("distance i - j to the attended key (tokens)")
    ax.set_ylabel("bias added to the logit")
    ax.legend(loc="lower left", fontsize=9)
    save(fig, SLUG, "alibi")


def cost() -> None:
    """Score entries computed per head and layer as sequence length grows, with typical constants."""
    length = np.logspace(np.log10(256), np.log10(131072), 40)
    window, features, rank, hashes, chunk = 512, 256, 256, 4, 128
    curves = [
        ("full attention, $L^2$", length ** 2),
        ("sliding window, $Lw$ (w = 512)", length * np.minimum(window, length)),
        ("LSH buckets, 4 rounds of 2 chunks of 128", hashes * length * 2 * chunk),
        ("low rank / random features, $Lk$ (k = 256)", length * np.minimum(features, length)),
    ]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for (label, y), colour in zip(curves, PALETTE):
        ax.plot(length, y, color=colour, label=label)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("sequence length L (tokens)")
    ax.set_ylabel("score entries per head and layer")
    ax.legend(loc="upper left", fontsize=8.5)
    save(fig, SLUG, "cost")


def main() -> None:
    alibi()
    cost()


if __name__ == "__main__":
    main()
