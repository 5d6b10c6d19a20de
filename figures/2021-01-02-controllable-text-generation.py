"""Figures of the post 2021-01-02-controllable-text-generation: how nucleus size adapts to the distribution, and the reward-KL trade-off of KL-regularized control."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2021-01-02-controllable-text-generation"


def nucleus() -> None:
    """Number of tokens in the top-p nucleus of Zipf-shaped next-token distributions."""
    vocab = 50000
    ranks = np.arange(1, vocab + 1)
    p_values = np.linspace(0.5, 0.99, 50)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for s, colour, label in [(1.0, PALETTE[0], "flat (Zipf exponent 1.0)"),
                             (1.3, PALETTE[2], "moderate (exponent 1.3)"),
                             (2.0, PALETTE[1], "peaked (exponent 2.0)")]:
        probs = ranks ** (-s)
        probs /= probs.sum()
        cumulative = np.cumsum(probs)
        sizes = [int(np.searchsorted(cumulative, p) + 1) for p in p_values]
        ax.plot(p_values, sizes, color=colour, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("nucleus threshold p")
    ax.set_ylabel("tokens kept in the nucleus")
    ax.legend(loc="upper left", fontsize=9)
    save(fig, SLUG, "nucleus")


def reward_kl() -> None:
    """Optimal KL-regularized policy pi = rho exp(r / beta) / Z on a toy space of outputs."""
    rng = np.random.default_rng(0)
    n = 400
    logits = rng.normal(0, 2.0, n)
    rho = np.exp(logits) / np.exp(logits).sum()
    rewards = {"reward independent of the base model": rng.normal(0, 1, n),
               "reward partly agreeing with the base model": 0.5 * logits / logits.std() + 0.5 * rng.normal(0, 1, n)}
    betas = np.logspace(-1.3, 1.5, 40)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for (label, r), colour in zip(rewards.items(), [PALETTE[0], PALETTE[1]]):
        kls, gains = [], []
        for beta in betas:
            w = rho * np.exp((r - r.max()) / beta)
            pi = w / w.sum()
            kls.append(float(np.sum(pi * np.log(pi / rho))))
            gains.append(float(np.sum(pi * r) - np.sum(rho * r)))
        ax.plot(kls, gains, color=colour, marker="o", ms=2.5, label=label)
    ax.set_xlabel(r"KL divergence from the base model (nats)")
    ax.set_ylabel("expected reward gain")
    ax.legend(loc="lower right", fontsize=9)
    save(fig, SLUG, "reward-kl")


def main() -> None:
    nucleus()
    reward_kl()


if __name__ == "__main__":
    main()
