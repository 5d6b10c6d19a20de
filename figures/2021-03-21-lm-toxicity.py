"""Figures of the post 2021-03-21-lm-toxicity: how sampling budget inflates toxicity metrics, and self-debiasing's rescaling."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2021-03-21-lm-toxicity"


def sampling_budget() -> None:
    """P(at least one of k samples is toxic) = 1 - (1 - p)^k for several per-sample rates p."""
    k = np.arange(1, 101)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for p, colour in zip([0.005, 0.02, 0.05, 0.15], PALETTE):
        ax.plot(k, 1 - (1 - p) ** k, color=colour, label=f"per-sample rate {p:g}")
    ax.axvline(25, color=PALETTE[6], lw=1, ls=":")
    ax.text(26.5, 0.04, "k = 25", fontsize=9)
    ax.set_xlabel("continuations sampled per prompt, k")
    ax.set_ylabel("toxicity probability")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="center right", fontsize=9)
    save(fig, SLUG, "sampling-budget")


def debias_scaling() -> None:
    """Self-debiasing factor alpha(delta) = 1 for delta >= 0, exp(lambda delta) otherwise."""
    delta = np.linspace(-0.2, 0.05, 200)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for lam, colour in zip([10, 50, 100], PALETTE):
        alpha = np.where(delta >= 0, 1.0, np.exp(lam * np.minimum(delta, 0)))
        ax.plot(delta, alpha, color=colour, label=f"decay constant {lam}")
    ax.axvline(0, color=PALETTE[6], lw=1, ls=":")
    ax.set_xlabel(r"$\Delta(w) = p(w \mid x) - p(w \mid \mathrm{sdb}(x))$")
    ax.set_ylabel(r"scaling factor $\alpha(\Delta)$")
    ax.legend(loc="upper left", fontsize=9)
    save(fig, SLUG, "debias-scaling")


def main() -> None:
    sampling_budget()
    debias_scaling()


if __name__ == "__main__":
    main()
