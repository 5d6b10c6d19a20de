"""Figures of the post 2022-09-08-ntk: the limiting kernels of ReLU networks by angle, and how little the empirical kernel moves in wide networks."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2022-09-08-ntk"


def _relu_step(sig_xx, sig_yy, sig_xy):
    """One layer of the ReLU recursions: E[phi(u)phi(v)] and E[phi'(u)phi'(v)]."""
    rho = np.clip(sig_xy / np.sqrt(sig_xx * sig_yy), -1, 1)
    th = np.arccos(rho)
    k = np.sqrt(sig_xx * sig_yy) / (2 * np.pi) * (np.sin(th) + (np.pi - th) * np.cos(th))
    kdot = (np.pi - th) / (2 * np.pi)
    return k, kdot, sig_xx / 2  # for ReLU, E[phi(u)^2] = var / 2


def kernels() -> None:
    """NNGP and NTK of a bias-free ReLU network for unit inputs at angle gamma."""
    gamma = np.linspace(0, np.pi, 200)
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.4), sharex=True)
    for i, depth in enumerate([1, 2, 4, 8]):
        s_xx = np.ones_like(gamma)
        s_xy = np.cos(gamma)
        theta = s_xy.copy()
        for _ in range(depth):
            k, kdot, s_new = _relu_step(s_xx, s_xx, s_xy)
            theta = theta * kdot + k
            s_xy, s_xx = k, s_new
        axes[0].plot(gamma, s_xy / s_xx, color=PALETTE[i], label=f"{depth} hidden layer{'s' if depth > 1 else ''}")
        axes[1].plot(gamma, theta / theta[0], color=PALETTE[i])
    axes[0].set_ylabel("normalized kernel value")
    axes[0].set_xlabel("angle between inputs (NNGP)")
    axes[1].set_xlabel("angle between inputs (NTK)")
    for ax in axes:
        ax.set_xticks([0, np.pi / 2, np.pi])
        ax.set_xticklabels(["0", "π/2", "π"])
    axes[0].legend(loc="lower left", fontsize=9)
    save(fig, SLUG, "kernels")


def kernel_motion() -> None:
    """Relative change of the empirical NTK Gram matrix after training a two-layer ReLU net."""
    rng = np.random.default_rng(0)
    n, d = 12, 4
    X = rng.normal(size=(n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    y = np.sin(3 * X[:, 0]) + X[:, 1]
    widths = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096]

    def gram(W, a, m):
        pre = X @ W.T  # n x m
        act = np.maximum(pre, 0)
        gate = (pre > 0).astype(float)
        ja = act / np.sqrt(m)  # d f / d a
        # d f / d W_j = a_j * gate * x / sqrt(m): inner products factor through x x^T
        jw_inner = ((gate * a) @ (gate * a).T) * (X @ X.T) / m
        return ja @ ja.T + jw_inner

    def f(W, a, m):
        return np.maximum(X @ W.T, 0) @ a / np.sqrt(m)

    changes = []
    for m in widths:
        runs = []
        for seed in range(4):
            r = np.random.default_rng(100 + seed)
            W = r.normal(size=(m, d))
            a = r.normal(size=m)
            K0 = gram(W, a, m)
            lr = 0.5
            for _ in range(400):
                pre = X @ W.T
                act = np.maximum(pre, 0)
                res = f(W, a, m) - y
                grad_a = act.T @ res / np.sqrt(m) / n
                grad_W = ((res[:, None] * (pre > 0) * a[None, :]).T @ X) / np.sqrt(m) / n
                a -= lr * grad_a
                W -= lr * grad_W
            K1 = gram(W, a, m)
            runs.append(np.linalg.norm(K1 - K0) / np.linalg.norm(K0))
        changes.append(np.mean(runs))
    changes = np.array(changes)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(widths, changes, marker="o", color=PALETTE[0], label="measured after 400 steps")
    ref = changes[0] * np.sqrt(widths[0] / np.array(widths))
    ax.plot(widths, ref, color=PALETTE[1], linestyle="--", label="reference slope 1 / √width")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("hidden width m")
    ax.set_ylabel("relative change of the kernel")
    ax.legend(loc="upper right", fontsize=9)
    save(fig, SLUG, "kernel-motion")


def main() -> None:
    kernels()
    kernel_motion()


if __name__ == "__main__":
    main()
