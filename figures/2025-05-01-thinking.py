"""Figures of the post 2025-05-01-thinking: coverage against majority-vote selection, and GRPO's group-normalized advantages."""
import numpy as np
import matplotlib.pyplot as plt
from math import lgamma
from figures.style import PALETTE, save

SLUG = "2025-05-01-thinking"
A, B = 0.5, 1.0


def betaln(a: float, b: np.ndarray) -> np.ndarray:
    return np.array([lgamma(a) + lgamma(float(x)) - lgamma(a + float(x)) for x in np.atleast_1d(b)])


def binom_pmf(k: int, p: np.ndarray) -> np.ndarray:
    """Probabilities of 0..k successes, one row per success count."""
    j = np.arange(k + 1)[:, None]
    logc = np.array([lgamma(k + 1) - lgamma(i + 1) - lgamma(k - i + 1) for i in range(k + 1)])[:, None]
    with np.errstate(divide="ignore"):
        return np.exp(logc + j * np.log(p) + (k - j) * np.log1p(-p))


def coverage() -> None:
    ks = np.unique(np.round(np.logspace(0, 3, 25)).astype(int))
    pass_k = 1 - np.exp(betaln(A, B + ks) - betaln(A, B))
    # majority vote between the correct answer and one wrong alternative, ties split evenly,
    # averaged over the Beta distribution of per-problem solve rates (midpoint rule in p)
    edges = np.linspace(0, 1, 2001)
    mids = 0.5 * (edges[1:] + edges[:-1])
    w = np.diff(edges ** A)  # Beta(A, 1) has distribution function p**A
    maj = []
    for k in ks:
        pmf = binom_pmf(int(k), mids)
        win = pmf[k // 2 + 1:].sum(axis=0)
        tie = pmf[k // 2] if k % 2 == 0 else 0.0
        maj.append(float((w * (win + 0.5 * tie)).sum()))
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(ks, pass_k, color=PALETTE[0], label="coverage (pass@k)")
    ax.plot(ks, maj, color=PALETTE[1], label="majority vote")
    ax.axhline(1 - 0.5 ** A, color=PALETTE[1], linestyle=":", linewidth=1.2,
               label="share of problems with p > 1/2")
    ax.set_xscale("log")
    ax.set_xlabel("samples per problem k")
    ax.set_ylabel("fraction of problems solved")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=9, loc="upper left")
    save(fig, SLUG, "coverage")


def grpo_advantage() -> None:
    G = 8
    q = np.arange(1, G) / G
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(q, np.sqrt((1 - q) / q), marker="o", color=PALETTE[2], label="correct sample")
    ax.plot(q, -np.sqrt(q / (1 - q)), marker="o", color=PALETTE[1], label="incorrect sample")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel("fraction of the group that is correct, q (G = 8)")
    ax.set_ylabel("advantage")
    ax.legend(fontsize=9)
    save(fig, SLUG, "grpo-advantage")


def main() -> None:
    coverage()
    grpo_advantage()


if __name__ == "__main__":
    main()
