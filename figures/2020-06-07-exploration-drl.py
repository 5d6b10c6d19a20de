"""Figures of the post 2020-06-07-exploration-drl: the cost of dithering on a combination lock, and how exploration bonuses behave on deterministic and noisy states."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2020-06-07-exploration-drl"


def lock() -> None:
    """Expected steps to first reach the end of an N-state combination lock."""
    n = np.arange(2, 31)
    random_walk = 2.0 ** (n + 1) - 2  # uniform random actions, a wrong action resets to the start
    systematic = 0.75 * n * (n + 1)  # walk to the frontier, try an untested action, repeat
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(n, random_walk, color=PALETTE[1], label="uniformly random actions")
    ax.plot(n, systematic, color=PALETTE[0], label="systematic: go to the frontier, try something new")
    ax.set_yscale("log")
    ax.set_xlabel("length of the combination lock N")
    ax.set_ylabel("expected steps to reach the end")
    ax.legend(loc="upper left", fontsize=9)
    save(fig, SLUG, "lock")


def bonuses() -> None:
    """Bonus after n visits for a deterministic state and for a noisy-TV state."""
    n = np.arange(1, 201)
    noise = 0.5  # variance of the unpredictable part of the noisy state's next observation
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.4), sharey=True)
    for ax, s2, name in [(axes[0], 0.0, "deterministic state"), (axes[1], noise, "noisy-TV state")]:
        count = 1 / np.sqrt(n)
        pred_error = s2 + 1.0 / n  # irreducible noise plus estimation error of the mean
        disagreement = 1.0 / n  # spread of ensemble means shrinks whether or not there is noise
        ax.plot(n, count, color=PALETTE[0], label="count bonus 1/√n")
        ax.plot(n, pred_error, color=PALETTE[1], label="prediction error")
        ax.plot(n, disagreement, color=PALETTE[2], linestyle="--", label="ensemble disagreement")
        ax.set_xscale("log")
        ax.set_xlabel(f"visits to the {name}")
    axes[0].set_ylabel("exploration bonus")
    axes[1].legend(loc="upper right", fontsize=9)
    save(fig, SLUG, "bonuses")


def main() -> None:
    lock()
    bonuses()


if __name__ == "__main__":
    main()
