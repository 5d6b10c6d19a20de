"""Figures of the post 2024-11-28-reward-hacking: overoptimization curves and heavy-tailed proxy error."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2024-11-28-reward-hacking"


def overoptimization() -> None:
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(8.6, 3.4))
    d = np.linspace(0.01, 10, 120)
    gold_bon = d * (1.0 - 0.09 * d)
    gold_rl = d * (1.0 - 0.35 * np.log(d))
    proxy = 0.9 * d
    ax.plot(d, gold_bon, color=PALETTE[0], label="gold, best-of-n form")
    ax.plot(d, gold_rl, color=PALETTE[1], label="gold, RL form")
    ax.plot(d, proxy, color=PALETTE[6], linestyle="--", label="proxy")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel(r"$d=\sqrt{\mathrm{KL}(\pi\,\|\,\pi_\mathrm{init})}$")
    ax.set_ylabel("reward gain (arbitrary units)")
    ax.set_ylim(-2, 9)
    ax.legend(fontsize=9, loc="upper left")
    n = np.unique(np.round(np.logspace(0, 4, 40)).astype(int))
    kl = np.log(n) - (n - 1) / n
    bx.plot(n, kl, color=PALETTE[2])
    bx.set_xscale("log")
    bx.set_xlabel("n (candidates)")
    bx.set_ylabel("KL of best-of-n (nats)")
    fig.tight_layout()
    save(fig, SLUG, "overoptimization")


def tails() -> None:
    rng = np.random.default_rng(0)
    ns = np.unique(np.round(np.logspace(0, 4, 13)).astype(int))
    trials = 400
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    errors = {
        "Gaussian error": lambda size: rng.standard_normal(size),
        "Student-t error, 3 d.o.f.": lambda size: rng.standard_t(3, size),
        "Student-t error, 1.5 d.o.f.": lambda size: rng.standard_t(1.5, size),
    }
    for (label, draw), color in zip(errors.items(), PALETTE):
        means = []
        for n in ns:
            u = rng.standard_normal((trials, n))
            s = u + draw((trials, n))
            means.append(u[np.arange(trials), s.argmax(axis=1)].mean())
        ax.plot(ns, means, marker="o", markersize=3, color=color, label=label)
    ax.set_xscale("log")
    ax.set_xlabel("n (candidates ranked by the proxy)")
    ax.set_ylabel("mean true quality of the pick")
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.legend(fontsize=9)
    save(fig, SLUG, "tails")


def main() -> None:
    overoptimization()
    tails()


if __name__ == "__main__":
    main()
