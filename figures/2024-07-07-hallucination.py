"""Figures of the post 2024-07-07-hallucination: the incentive to guess, and the F1@K long-form factuality score."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2024-07-07-hallucination"


def guessing() -> None:
    c = np.linspace(0, 1, 21)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.axhline(0, color=PALETTE[6], linestyle="--", label="abstain")
    for lam, color in zip((0, 1, 3), PALETTE):
        ax.plot(c, c - lam * (1 - c), color=color, label=f"answer, penalty {lam}")
        ax.plot([lam / (1 + lam)], [0], marker="o", color=color, markersize=5)
    ax.set_xlabel("probability that the answer is correct, c")
    ax.set_ylabel("expected score")
    ax.set_ylim(-3.1, 1.1)
    ax.legend(fontsize=9, loc="lower right")
    save(fig, SLUG, "guessing")


def f1k() -> None:
    K = 64
    s = np.linspace(0, 100, 51)
    n = np.linspace(0, 40, 41)
    S, N = np.meshgrid(s, n)
    prec = np.where(S + N > 0, S / np.maximum(S + N, 1e-9), 0)
    rec = np.minimum(S / K, 1)
    f = np.where(S > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-9), 0)
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    cs = ax.contour(S, N, f, levels=[0.2, 0.4, 0.6, 0.7, 0.8, 0.9], colors=[PALETTE[0]], linewidths=1.4)
    ax.clabel(cs, fmt="%.1f", fontsize=9)
    ax.axvline(K, color=PALETTE[1], linestyle="--", linewidth=1.2)
    ax.text(K + 1.5, 2, "S = K", color=PALETTE[1], fontsize=9, va="bottom")
    ax.set_xlabel("supported facts S(y)")
    ax.set_ylabel("unsupported facts N(y)")
    save(fig, SLUG, "f1k")


def main() -> None:
    guessing()
    f1k()


if __name__ == "__main__":
    main()
