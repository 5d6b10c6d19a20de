"""Figures of the post 2020-01-29-curriculum-rl: where the learning signal lives, and a toy student under four task schedulers."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2020-01-29-curriculum-rl"


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def frontier() -> None:
    """Success curves of five tasks of rising difficulty and their learning progress."""
    t = np.linspace(0, 10, 400)
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(6.4, 4.8), sharex=True)
    for k, d in enumerate([1.5, 3.5, 5.5, 7.5, 9.5]):
        p = sigmoid(2.0 * (t - d))
        ax1.plot(t, p, color=PALETTE[k], label=f"task {k + 1}")
        ax2.plot(t, 2.0 * p * (1 - p), color=PALETTE[k])
    ax1.axhspan(0.1, 0.9, color=PALETTE[5], alpha=0.12, linewidth=0)
    ax1.text(0.05, 0.5, "intermediate\nsuccess band", fontsize=9, va="center")
    ax1.set_ylabel("success rate")
    ax1.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    ax2.set_ylabel("learning progress\n(d success / dt)")
    ax2.set_xlabel("training time (arbitrary units)")
    save(fig, SLUG, "frontier")


def schedulers() -> None:
    """A student with one latent skill and eight tasks; success on the hardest task over time."""
    K, steps, eta = 8, 8000, 0.02
    diffs = np.arange(1, K + 1, dtype=float)

    def run(kind, seed):
        rng = np.random.default_rng(seed)
        theta = 0.0
        last = np.full(K, np.nan)
        prog = np.zeros(K)
        out = []
        for s in range(steps):
            p = sigmoid(3.0 * (theta - diffs))
            if kind == "target only":
                k = K - 1
            elif kind == "uniform":
                k = rng.integers(K)
            elif kind == "closest to 50%":
                k = int(np.argmin(np.abs(p - 0.5)))
            else:  # learning-progress teacher with epsilon exploration
                k = rng.integers(K) if rng.random() < 0.2 else int(np.argmax(prog))
            # a noisy update whose expected size is the logistic slope of the chosen task
            theta += eta * 3.0 * p[k] * (1 - p[k]) * (0.5 + rng.random())
            if kind == "progress teacher":
                newp = sigmoid(3.0 * (theta - diffs[k]))
                est = newp - (last[k] if not np.isnan(last[k]) else p[k])
                prog[k] = 0.7 * prog[k] + 0.3 * abs(est) * 100
                last[k] = newp
            out.append(sigmoid(3.0 * (theta - diffs[-1])))
        return np.array(out)

    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for i, kind in enumerate(["target only", "uniform", "progress teacher", "closest to 50%"]):
        curves = np.array([run(kind, seed) for seed in range(5)])
        med = np.median(curves, axis=0)[::80]
        ax.plot(np.arange(0, steps, 80), med, color=PALETTE[i], label=kind)
    ax.set_xlabel("training episodes")
    ax.set_ylabel("success rate on the hardest task")
    ax.set_ylim(-0.02, 1.02)
    ax.legend(loc="center right", fontsize=9)
    save(fig, SLUG, "schedulers")


def main() -> None:
    frontier()
    schedulers()


if __name__ == "__main__":
    main()
