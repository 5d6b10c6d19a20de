"""Figures of the post 2021-12-05-semi-supervised: schedules that delay trust, and what a confidence threshold buys."""
from math import lgamma

import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2021-12-05-semi-supervised"


def schedules() -> None:
    """The sigmoid-shaped consistency ramp-up and UDA's training-signal-annealing thresholds."""
    t = np.linspace(0, 1, 200)  # fraction of training (of the ramp for the first curve)
    k = 10  # classes
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(t, np.exp(-5 * (1 - t) ** 2), color=PALETTE[6], label=r"ramp-up $\mu(t)/\mu_{\max} = e^{-5(1-t)^2}$")
    alphas = {
        "log": 1 - np.exp(-5 * t),
        "linear": t,
        "exp": np.exp(5 * (t - 1)),
    }
    for (name, a), colour in zip(alphas.items(), [PALETTE[0], PALETTE[2], PALETTE[1]]):
        ax.plot(t, a * (1 - 1 / k) + 1 / k, color=colour, linestyle="--",
                label=f"TSA threshold, {name} schedule ($K={k}$)")
    ax.set_xlabel("fraction of training elapsed")
    ax.set_ylabel("weight or threshold")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="upper left", fontsize=8.5)
    save(fig, SLUG, "schedules")


def beta_pdf(x: np.ndarray, a: float, b: float) -> np.ndarray:
    return np.exp((a - 1) * np.log(x) + (b - 1) * np.log1p(-x) + lgamma(a + b) - lgamma(a) - lgamma(b))


def threshold() -> None:
    """For a calibrated model, coverage and pseudo-label accuracy as the threshold rises."""
    k = 10
    c = np.linspace(1 / k + 1e-4, 1 - 1e-4, 2000)  # top-class confidence
    taus = np.linspace(0.1, 0.99, 90)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for (a, b), colour, stage in [((2.0, 3.0), PALETTE[1], "early"), ((6.0, 1.2), PALETTE[0], "late")]:
        u = (c - 1 / k) / (1 - 1 / k)
        density = beta_pdf(u, a, b)
        density /= np.trapezoid(density, c)
        coverage, accuracy = [], []
        for tau in taus:
            keep = c >= tau
            mass = np.trapezoid(density * keep, c)
            coverage.append(mass)
            accuracy.append(np.trapezoid(density * keep * c, c) / max(mass, 1e-12))
        ax.plot(taus, coverage, color=colour, label=f"share kept, {stage} in training")
        ax.plot(taus, accuracy, color=colour, linestyle="--", label=f"accuracy of kept labels, {stage}")
    ax.axvline(0.95, color="0.6", linewidth=0.8)
    ax.text(0.94, 0.05, r"$\tau = 0.95$", ha="right", fontsize=9, color="0.35")
    ax.set_xlabel(r"confidence threshold $\tau$")
    ax.set_ylabel("fraction")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower left", fontsize=8.5)
    save(fig, SLUG, "threshold")


def main() -> None:
    schedules()
    threshold()


if __name__ == "__main__":
    main()
