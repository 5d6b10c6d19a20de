"""Figures of the post 2021-09-25-train-large: the pipeline bubble and per-device memory under ZeRO sharding."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2021-09-25-train-large"


def bubble() -> None:
    """Idle fraction (d - 1) / (m + d - 1), and the interleaved variant with v chunks per device."""
    m = np.arange(1, 65)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for d, colour in zip([4, 8, 16], PALETTE):
        ax.plot(m, (d - 1) / (m + d - 1), color=colour, label=f"{d} stages")
    d, v = 8, 4
    ax.plot(m, (d - 1) / v / (m + (d - 1) / v), color=PALETTE[1], ls="--",
            label="8 stages, 4 interleaved chunks")
    ax.set_xlabel("micro-batches per batch, m")
    ax.set_ylabel("fraction of time idle")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper right")
    save(fig, SLUG, "bubble")


def zero_memory() -> None:
    """Per-device model-state memory (GB) of a 7.5B-parameter model under the ZeRO stages."""
    psi = 7.5e9
    n = np.array([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024])
    stages = [
        ("plain data parallelism", 16 * psi + 0 * n),
        ("stage 1: optimizer states", 4 * psi + 12 * psi / n),
        ("stage 2: + gradients", 2 * psi + 14 * psi / n),
        ("stage 3: + parameters", 16 * psi / n),
    ]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for (label, mem), colour in zip(stages, PALETTE):
        ax.plot(n, mem / 1e9, color=colour, marker="o", ms=3, label=label)
    ax.axhline(80, color=PALETTE[6], lw=1, ls=":")
    ax.text(300, 90, "80 GB device", fontsize=9)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("data-parallel degree $N_d$")
    ax.set_ylabel("model-state memory per device (GB)")
    ax.legend(loc="lower left", fontsize=9)
    save(fig, SLUG, "zero-memory")


def main() -> None:
    bubble()
    zero_memory()


if __name__ == "__main__":
    main()
