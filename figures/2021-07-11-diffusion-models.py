"""Figures of the post 2021-07-11-diffusion-models: noise schedules in log SNR and exact DDIM paths in 1-D."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2021-07-11-diffusion-models"
T = 1000


def linear_alpha_bar() -> np.ndarray:
    beta = np.linspace(1e-4, 0.02, T)
    return np.cumprod(1 - beta)


def cosine_alpha_bar(s: float = 0.008) -> np.ndarray:
    t = np.arange(T + 1) / T
    f = np.cos((t + s) / (1 + s) * np.pi / 2) ** 2
    ab = f / f[0]
    beta = np.clip(1 - ab[1:] / ab[:-1], 0, 0.999)
    return np.cumprod(1 - beta)


def snr() -> None:
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(8.6, 3.4))
    idx = np.unique(np.round(np.linspace(0, T - 1, 80)).astype(int))
    x = (idx + 1) / T
    for ab, label, color in ((linear_alpha_bar(), "linear", PALETTE[0]),
                             (cosine_alpha_bar(), "cosine", PALETTE[1])):
        ax.plot(x, np.log(ab[idx] / (1 - ab[idx])), label=label, color=color)
    ax.set_xlabel("t / T")
    ax.set_ylabel("log SNR(t)")
    ax.legend()
    ab = linear_alpha_bar()
    s = ab / (1 - ab)
    w = 0.5 * (s[:-1] / s[1:] - 1)  # weight of step t = 2..T
    w = w / w.mean()  # normalized to average one
    ts = np.unique(np.round(np.logspace(0, np.log10(T - 2), 40)).astype(int))
    bx.plot(ts + 2, w[ts], color=PALETTE[0], label="variational bound")
    bx.axhline(1.0, color=PALETTE[6], linestyle="--", label="simple loss (constant)")
    bx.set_xscale("log")
    bx.set_yscale("log")
    bx.set_xlabel("step t (linear schedule)")
    bx.set_ylabel("weight on noise error")
    bx.legend(fontsize=9)
    fig.tight_layout()
    save(fig, SLUG, "snr")


def ddim_paths() -> None:
    ab = cosine_alpha_bar()
    weights = np.array([0.3, 0.7])
    means = np.array([-2.0, 1.5])
    var = 0.05

    def eps_exact(x: np.ndarray, a: float) -> np.ndarray:
        m = np.sqrt(a) * means
        v = a * var + (1 - a)
        logp = np.log(weights) - 0.5 * (x[:, None] - m) ** 2 / v
        r = np.exp(logp - logp.max(axis=1, keepdims=True))
        r /= r.sum(axis=1, keepdims=True)
        score = (r * (m - x[:, None]) / v).sum(axis=1)
        return -np.sqrt(1 - a) * score

    steps = np.unique(np.round(np.linspace(T - 1, 0, 60)).astype(int))[::-1]
    x = np.sqrt(2) * np.array([-1.9, -1.5, -1.2, -1.0, -0.8, -0.6, -0.45, -0.3, -0.15, 0.0,
                               0.15, 0.3, 0.45, 0.6, 0.8, 1.0, 1.2, 1.5, 1.9]) * 0.8
    xs = [x.copy()]
    for i, t in enumerate(steps):
        a = ab[t]
        a_prev = ab[steps[i + 1]] if i + 1 < len(steps) else 1.0
        e = eps_exact(x, a)
        x0 = (x - np.sqrt(1 - a) * e) / np.sqrt(a)
        x = np.sqrt(a_prev) * x0 + np.sqrt(1 - a_prev) * e
        xs.append(x.copy())
    xs = np.array(xs)
    tau = np.concatenate([[0.0], 1 - steps / T])
    tau[-1] = 1.0
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for j in range(xs.shape[1]):
        color = PALETTE[0] if xs[-1, j] < 0 else PALETTE[1]
        ax.plot(tau, xs[:, j], color=color, linewidth=1.2)
    ax.set_xlabel("sampling progress (0 = pure noise, 1 = data)")
    ax.set_ylabel("x")
    save(fig, SLUG, "ddim-paths")


def main() -> None:
    snr()
    ddim_paths()


if __name__ == "__main__":
    main()
