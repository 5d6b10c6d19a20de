"""Figures of the post 2023-03-15-prompt-engineering: contextual calibration for two labels, and plurality voting over sampled chains."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2023-03-15-prompt-engineering"


def calibration() -> None:
    p = np.linspace(0.001, 0.999, 60)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for c, color in zip((0.5, 0.7, 0.85), PALETTE):
        z = np.stack([p / c, (1 - p) / (1 - c)])
        q = np.exp(z[0]) / np.exp(z).sum(axis=0)
        ax.plot(p, q, color=color, label=f"content-free c = {c}")
    ax.axhline(0.5, color="0.7", linewidth=0.8)
    ax.set_xlabel("raw probability of the first label, p")
    ax.set_ylabel("calibrated probability")
    ax.legend(fontsize=9, loc="upper left")
    save(fig, SLUG, "calibration")


def vote_accuracy(probs: np.ndarray, m: int, rng: np.random.Generator, trials: int = 4000) -> float:
    counts = rng.multinomial(m, probs, size=trials)
    best = counts.max(axis=1, keepdims=True)
    winners = counts == best
    # ties are broken uniformly at random: credit 1/(number of tied answers) if answer 0 is among them
    return float((winners[:, 0] / winners.sum(axis=1)).mean())


def voting() -> None:
    rng = np.random.default_rng(0)
    ms = np.arange(1, 41, 2)
    cases = [
        ("p = 0.6, errors spread over 5", np.array([0.6] + [0.08] * 5)),
        ("p = 0.4, errors spread over 5", np.array([0.4] + [0.12] * 5)),
        ("p = 0.4, one wrong answer at 0.5", np.array([0.4, 0.5, 0.05, 0.05])),
    ]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for (label, probs), color in zip(cases, PALETTE):
        acc = [vote_accuracy(probs, int(m), rng) for m in ms]
        ax.plot(ms, acc, marker="o", markersize=3, color=color, label=label)
    ax.set_xlabel("number of sampled chains m")
    ax.set_ylabel("accuracy of the plurality vote")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=9, loc="center right")
    save(fig, SLUG, "voting")


def main() -> None:
    calibration()
    voting()


if __name__ == "__main__":
    main()
