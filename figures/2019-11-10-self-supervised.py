"""Figures of the post 2019-11-10-self-supervised: the InfoNCE ceiling and momentum-encoder memory."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2019-11-10-self-supervised"


def ceiling() -> None:
    """log N caps the mutual information InfoNCE can certify, whatever the true value."""
    n = np.logspace(0.3, 6, 60)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(n, np.log(n), color=PALETTE[0], label=r"ceiling $\log N$")
    for mi, colour in [(4.0, PALETTE[1]), (10.0, PALETTE[2])]:
        ax.axhline(mi, color=colour, linestyle="--", linewidth=1.4)
        # the bound can never exceed either the true value or log N
        ax.plot(n, np.minimum(np.log(n), mi), color=colour, linewidth=1.6,
                label=f"largest reachable bound, true MI = {mi:.0f} nats")
    for k, label in [(4096, "batch of 4k"), (65536, "queue of 65k")]:
        ax.axvline(k, color="0.6", linewidth=0.8)
        ax.text(k * 1.1, 0.4, label, fontsize=9, color="0.35", rotation=90, va="bottom")
    ax.set_xscale("log")
    ax.set_xlabel("number of candidates $N$ (one positive, $N-1$ negatives)")
    ax.set_ylabel("mutual information (nats)")
    ax.set_ylim(0, 14)
    ax.legend(loc="upper left", fontsize=9)
    save(fig, SLUG, "ceiling")


def momentum() -> None:
    """How far back an exponential moving average of weights remembers."""
    k = np.arange(0, 3001)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for m, colour in [(0.9, PALETTE[1]), (0.99, PALETTE[0]), (0.999, PALETTE[2])]:
        mass = 1 - m ** (k + 1)  # share of the target made of the last k+1 online snapshots
        ax.plot(k, mass, color=colour, label=f"$m = {m}$ (half-life {np.log(0.5) / np.log(m):.0f} steps)")
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlabel("number of most recent training steps $k$")
    ax.set_ylabel("share of target weights from them")
    ax.set_ylim(0, 1.02)
    ax.legend(loc="lower right", fontsize=9)
    save(fig, SLUG, "momentum")


def main() -> None:
    ceiling()
    momentum()


if __name__ == "__main__":
    main()
