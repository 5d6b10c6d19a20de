"""Figures of the post 2023-01-10-inference-optimization: roofline of decoding and KV-cache growth."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2023-01-10-inference-optimization"


def roofline() -> None:
    """Attainable throughput of a d x d fp16 matmul as a function of batch size."""
    peak = 312.0  # TFLOP/s, dense fp16 of an A100-class accelerator
    bandwidth = 2.0  # TB/s of memory bandwidth
    batch = np.logspace(0, 3, 60)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for bytes_per_weight, label, colour in [(2.0, "16-bit weights", PALETTE[0]),
                                            (1.0, "8-bit weights", PALETTE[1]),
                                            (0.5, "4-bit weights", PALETTE[2])]:
        intensity = 2.0 * batch / bytes_per_weight  # FLOPs per byte of weight traffic
        attained = np.minimum(peak, bandwidth * intensity)
        ax.plot(batch, attained, color=colour, label=label)
    ax.axhline(peak, color=PALETTE[6], lw=1, ls=":")
    ax.text(1.2, peak * 1.06, "compute peak", fontsize=9)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("tokens decoded together (batch size)")
    ax.set_ylabel("attainable TFLOP/s")
    ax.set_ylim(2, 600)
    ax.legend(loc="lower right")
    save(fig, SLUG, "roofline")


def kv_cache() -> None:
    """KV-cache size of a 175B-class decoder against its weights, for MHA and MQA."""
    layers, heads, d_head, batch, nbytes = 96, 96, 128, 16, 2
    context = np.linspace(0, 8192, 50)
    mha = 2 * layers * batch * context * heads * d_head * nbytes / 1e9
    mqa = 2 * layers * batch * context * 1 * d_head * nbytes / 1e9
    weights = 175e9 * nbytes / 1e9
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(context, mha, color=PALETTE[0], label="KV cache, multi-head")
    ax.plot(context, mqa, color=PALETTE[2], label="KV cache, multi-query")
    ax.axhline(weights, color=PALETTE[1], ls="--", label="16-bit weights")
    ax.set_xlabel("context length (tokens), batch of 16")
    ax.set_ylabel("memory (GB)")
    ax.legend(loc="upper left")
    save(fig, SLUG, "kv-cache")


def main() -> None:
    roofline()
    kv_cache()


if __name__ == "__main__":
    main()
