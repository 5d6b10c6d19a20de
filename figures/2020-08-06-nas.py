"""Figures of the post 2020-08-06-nas: reported search costs over time, and how far relaxed architecture choices are from discrete ones."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2020-08-06-nas"

# GPU-days of search reported by (or directly computed from) each paper, CIFAR-10 unless noted
COSTS = [
    ("NAS, RL over layers", 2016.85, 22400, 0, (6, 4)),
    ("NASNet, RL over cells", 2017.55, 2000, 0, (6, -12)),
    ("AmoebaNet, evolution", 2018.1, 3150, 1, (6, 6)),
    ("ENAS, weight sharing", 2018.15, 0.45, 2, (6, -4)),
    ("DARTS, gradient", 2018.45, 4, 3, (6, -12)),
    ("ProxylessNAS (ImageNet)", 2018.9, 8.3, 3, (-20, 8)),
]


def costs() -> None:
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for name, year, gpu_days, c, offset in COSTS:
        ax.scatter([year], [gpu_days], color=PALETTE[c], s=40, zorder=3)
        ax.annotate(name, (year, gpu_days), xytext=offset, textcoords="offset points", fontsize=9)
    ax.set_yscale("log")
    ax.set_xlim(2016.6, 2019.8)
    ax.set_ylim(0.1, 1e5)
    ax.set_xticks([2017, 2018, 2019])
    ax.set_xticklabels(["2017", "2018", "2019"])
    ax.set_xlabel("approximate date of the preprint")
    ax.set_ylabel("search cost (GPU-days)")
    save(fig, SLUG, "search-cost")


def relaxation() -> None:
    """Weight of the strongest operation on one edge: softmax mixture versus Gumbel-softmax samples."""
    rng = np.random.default_rng(0)
    logits = np.log(np.array([0.4, 0.3, 0.2, 0.1]))  # preferences over four candidate operations
    temps = np.geomspace(0.05, 5, 30)
    g = -np.log(-np.log(rng.uniform(size=(4000, 4))))
    mean_max = []
    for lam in temps:
        z = (logits + g) / lam
        z = np.exp(z - z.max(axis=1, keepdims=True))
        z /= z.sum(axis=1, keepdims=True)
        mean_max.append(z.max(axis=1).mean())
    softmax = np.exp(logits) / np.exp(logits).sum()
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(temps, mean_max, color=PALETTE[0], label="Gumbel-softmax sample (SNAS)")
    ax.axhline(softmax.max(), color=PALETTE[1], linestyle="--", label="softmax mixture (DARTS)")
    ax.axhline(1.0, color=PALETTE[6], linewidth=1, linestyle=":")
    ax.text(1.2, 1.01, "discrete choice", fontsize=9, va="bottom")
    ax.set_xscale("log")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("temperature λ")
    ax.set_ylabel("weight of the largest operation")
    ax.legend(loc="lower left", fontsize=9)
    save(fig, SLUG, "relaxation")


def main() -> None:
    costs()
    relaxation()


if __name__ == "__main__":
    main()
