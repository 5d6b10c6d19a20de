"""Figures of the post 2019-06-23-meta-rl: how the value of exploring depends on the trial length, and a map of what the outer loop learns."""
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch
from figures.style import PALETTE, save

SLUG = "2019-06-23-meta-rl"


def explore_then_commit(k: int, horizon: int) -> float:
    """Expected reward per pull: k pulls of an unknown arm (uniform prior), then commit.

    The other arm pays 0.5 for sure. With a uniform prior, every success count s = 0..k
    is equally likely, and the posterior mean of the unknown arm is (s + 1) / (k + 2).
    """
    s = np.arange(k + 1)
    commit_value = np.mean(np.maximum((s + 1) / (k + 2), 0.5))
    return (0.5 * k + (horizon - k) * commit_value) / horizon


def exploration_value() -> None:
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for i, horizon in enumerate([10, 30, 100, 300]):
        ks = np.arange(0, min(horizon, 60) + 1)
        vals = np.array([explore_then_commit(int(k), horizon) for k in ks])
        ax.plot(ks, vals, color=PALETTE[i], label=f"trial of {horizon} pulls")
        best = ks[np.argmax(vals)]
        ax.plot([best], [vals.max()], marker="o", color=PALETTE[i], markersize=5)
    ax.axhline(0.5, color=PALETTE[6], linewidth=1, linestyle=":")
    ax.text(1, 0.503, "never explore", fontsize=9)
    ax.set_xlabel("pulls spent on the unknown arm before committing")
    ax.set_ylabel("expected reward per pull")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    save(fig, SLUG, "exploration-value")


def spectrum() -> None:
    """Methods placed by how much of the learning algorithm the outer loop controls."""
    fig, ax = plt.subplots(figsize=(8.4, 3.4))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 4.2)
    ax.axis("off")
    ax.annotate("", xy=(9.8, 0.55), xytext=(0.2, 0.55),
                arrowprops=dict(arrowstyle="->", lw=1.5, color=PALETTE[6]))
    ax.text(0.2, 0.15, "outer loop tunes a few numbers", fontsize=9, ha="left")
    ax.text(9.8, 0.15, "outer loop shapes the whole learner", fontsize=9, ha="right")
    boxes = [
        (0.3, "hyper-\nparameters", "population based\ntraining; meta-\ngradients on γ, λ", 0),
        (2.3, "objective", "evolved policy\ngradients (loss\nnetwork)", 1),
        (4.3, "exploration\nprior", "MAESN (latent\nspace adapted\nby gradients)", 2),
        (6.3, "entire\nupdate rule", "RL², learning\nto reinforcement-\nlearn (recurrent\nstate)", 3),
        (8.3, "+ lasting\nmemory", "episodic recall,\nneural episodic\ncontrol", 4),
    ]
    for x, head, body, c in boxes:
        ax.add_patch(FancyBboxPatch((x, 1.0), 1.5, 2.7, boxstyle="round,pad=0.05",
                                    fc="none", ec=PALETTE[c], lw=1.6))
        ax.text(x + 0.75, 3.25, head, ha="center", va="center", fontsize=9, fontweight="bold")
        ax.text(x + 0.75, 1.95, body, ha="center", va="center", fontsize=8)
    save(fig, SLUG, "spectrum")


def main() -> None:
    exploration_value()
    spectrum()


if __name__ == "__main__":
    main()
