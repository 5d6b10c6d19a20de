"""Figures of the post 2021-05-31-contrastive: where InfoNCE puts its gradient, and margin losses versus their soft versions."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2021-05-31-contrastive"


def temperature() -> None:
    """Share of the repulsive gradient each negative receives, as a function of its similarity."""
    rng = np.random.default_rng(0)
    # 255 negatives with cosine similarities spread like those of a half-trained encoder
    sims = np.sort(np.clip(rng.normal(0.1, 0.25, 255), -1, 1))
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for tau, colour in [(0.05, PALETTE[1]), (0.2, PALETTE[0]), (1.0, PALETTE[2])]:
        logits = np.concatenate([[0.8], sims]) / tau  # positive at similarity 0.8
        w = np.exp(logits - logits.max())
        w /= w.sum()
        share = w[1:] / w[1:].sum()
        ax.plot(sims, np.cumsum(share[::-1])[::-1], color=colour, label=rf"$\tau = {tau}$")
    ax.set_xlabel("similarity of a negative to the anchor")
    ax.set_ylabel("share of repulsion on negatives\nat least this similar")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower left")
    save(fig, SLUG, "temperature")


def margins() -> None:
    """Hinge losses against their log-sum-exp relatives, as a function of the similarity gap."""
    gap = np.linspace(-1.5, 1.5, 200)  # s(x, x-) - s(x, x+)
    eps = 0.3
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(gap, np.maximum(0, gap + eps), color=PALETTE[6], label=rf"triplet hinge, margin {eps}")
    for tau, colour in [(1.0, PALETTE[2]), (0.3, PALETTE[0]), (0.1, PALETTE[1])]:
        ax.plot(gap, tau * np.logaddexp(0, (gap + eps) / tau), color=colour,
                label=rf"$\tau\,\log(1 + e^{{(\Delta+\epsilon)/\tau}})$, $\tau = {tau}$")
    ax.axvline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel(r"similarity gap $\Delta = s(x, x^-) - s(x, x^+)$")
    ax.set_ylabel("loss")
    ax.set_ylim(0, 2.0)
    ax.legend(loc="upper left", fontsize=9)
    save(fig, SLUG, "margins")


def main() -> None:
    temperature()
    margins()


if __name__ == "__main__":
    main()
