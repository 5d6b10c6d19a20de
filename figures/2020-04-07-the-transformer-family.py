"""Figures of the post 2020-04-07-the-transformer-family: adaptive-span masks and how far Transformer-XL can look back."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2020-04-07-the-transformer-family"


def span_mask() -> None:
    """Soft mask m_z(x) = clip((R + z - x) / R, 0, 1) for several learned spans z."""
    ramp = 32
    x = np.linspace(0, 400, 400)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for z, colour in zip([40, 150, 300], PALETTE):
        m = np.clip((ramp + z - x) / ramp, 0, 1)
        ax.plot(x, m, color=colour, label=f"span z = {z}")
    ax.set_xlabel("distance x between query and key (tokens)")
    ax.set_ylabel(r"mask value $m_z(x)$")
    ax.set_ylim(-0.03, 1.08)
    ax.legend(loc="upper right")
    save(fig, SLUG, "span-mask")


def reach() -> None:
    """Longest dependency that can reach the current token, as a function of depth."""
    segment = 512
    layers = np.arange(1, 25)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(layers, np.full(layers.shape, segment), color=PALETTE[1], marker="o", ms=3,
            label="independent segments")
    ax.plot(layers, layers * segment, color=PALETTE[0], marker="o", ms=3,
            label="cached previous segment (Transformer-XL)")
    ax.set_xlabel("number of layers N")
    ax.set_ylabel("longest reachable dependency (tokens)")
    ax.legend(loc="upper left")
    save(fig, SLUG, "reach")


def main() -> None:
    span_mask()
    reach()


if __name__ == "__main__":
    main()
