"""Figures of the post 2022-04-15-data-gen: how mixup's alpha shapes the mixing weights, and how generalized cross-entropy limits the pull of doubtful labels."""
from math import lgamma

import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2022-04-15-data-gen"


def beta_pdf(x: np.ndarray, a: float) -> np.ndarray:
    return np.exp((a - 1) * (np.log(x) + np.log1p(-x)) + lgamma(2 * a) - 2 * lgamma(a))


def mixing() -> None:
    """Density of the mixing weight lambda ~ Beta(alpha, alpha) for several alpha."""
    lam = np.linspace(0.005, 0.995, 199)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for alpha, colour in [(0.2, PALETTE[1]), (1.0, PALETTE[0]), (4.0, PALETTE[2])]:
        ax.plot(lam, beta_pdf(lam, alpha), color=colour, label=rf"$\alpha = {alpha}$")
    ax.set_xlabel(r"mixing weight $\lambda$ of the first example")
    ax.set_ylabel("probability density")
    ax.set_ylim(0, 3.2)
    ax.legend(loc="upper center")
    save(fig, SLUG, "mixing")


def robust_loss() -> None:
    """Generalized cross-entropy: loss and per-example gradient weight against the probability of the given label."""
    p = np.linspace(0.01, 1, 200)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.0, 3.4))
    curves = [(None, PALETTE[6], "cross-entropy ($q \\to 0$)"), (0.3, PALETTE[0], "$q = 0.3$"),
              (0.7, PALETTE[2], "$q = 0.7$"), (1.0, PALETTE[1], "MAE-like ($q = 1$)")]
    for q, colour, label in curves:
        loss = -np.log(p) if q is None else (1 - p ** q) / q
        weight = np.ones_like(p) if q is None else p ** q  # gradient relative to cross-entropy's
        left.plot(p, loss, color=colour, label=label)
        right.plot(p, weight, color=colour, label=label)
    left.set_xlabel("model probability of the given label $f_y(x)$")
    left.set_ylabel("loss")
    left.set_ylim(0, 4)
    right.set_xlabel("model probability of the given label $f_y(x)$")
    right.set_ylabel("gradient weight relative\nto cross-entropy")
    right.set_ylim(0, 1.05)
    left.legend(loc="upper right", fontsize=8.5)
    fig.tight_layout()
    save(fig, SLUG, "robust-loss")


def main() -> None:
    mixing()
    robust_loss()


if __name__ == "__main__":
    main()
