"""Figures of the post 2019-09-05-evolution-strategies: Gaussian smoothing of a rugged objective, and what adapting scale and shape buys."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2019-09-05-evolution-strategies"


def rugged(x):
    return -0.5 * x**2 + 0.6 * np.cos(6 * x) + 0.3 * np.sin(17 * x)


def smoothing() -> None:
    """f_sigma(x) = E[f(x + sigma * eps)], computed in closed form for each term."""
    x = np.linspace(-3, 3, 300)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(x, rugged(x), color=PALETTE[6], linewidth=1.2, label="objective f")
    for i, s in enumerate([0.15, 0.4, 1.0]):
        # E[x+se]^2 = x^2 + s^2; E cos(a(x+se)) = cos(ax) exp(-a^2 s^2 / 2), same for sin
        fs = (-0.5 * (x**2 + s**2) + 0.6 * np.cos(6 * x) * np.exp(-18 * s**2)
              + 0.3 * np.sin(17 * x) * np.exp(-144.5 * s**2))
        ax.plot(x, fs, color=PALETTE[i], label=f"smoothed, σ = {s}")
    ax.set_xlabel("parameter x")
    ax.set_ylabel("fitness")
    ax.legend(loc="lower center", fontsize=9, ncol=2)
    save(fig, SLUG, "smoothing")


def _es_run(kind, f, n, iters, seed, lam=12):
    rng = np.random.default_rng(seed)
    m = np.full(n, 3.0)
    sigma = 1.0
    mu = lam // 2
    w = np.log(mu + 0.5) - np.log(np.arange(1, mu + 1))
    w /= w.sum()
    mueff = 1 / np.sum(w**2)
    C = np.eye(n)
    ps, pc = np.zeros(n), np.zeros(n)
    cs = (mueff + 2) / (n + mueff + 5)
    ds = 1 + 2 * max(0, np.sqrt((mueff - 1) / (n + 1)) - 1) + cs
    cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n)
    c1 = 2 / ((n + 1.3) ** 2 + mueff)
    cmu = min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) ** 2 + mueff))
    chi = np.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n**2))
    best = []
    for _ in range(iters):
        if kind == "cma":
            vals, vecs = np.linalg.eigh(C)
            B, D = vecs, np.sqrt(np.maximum(vals, 1e-20))
            z = rng.standard_normal((lam, n))
            y = (z * D) @ B.T
        else:
            z = rng.standard_normal((lam, n))
            y = z
        xs = m + sigma * y
        fx = np.array([f(v) for v in xs])
        order = np.argsort(fx)[:mu]
        yw = w @ y[order]
        m = m + sigma * yw
        if kind == "fixed":
            pass
        elif kind == "step":
            ps = (1 - cs) * ps + np.sqrt(cs * (2 - cs) * mueff) * yw
            sigma *= np.exp(cs / ds * (np.linalg.norm(ps) / chi - 1))
        else:
            invsqrt = B @ np.diag(1 / D) @ B.T
            ps = (1 - cs) * ps + np.sqrt(cs * (2 - cs) * mueff) * invsqrt @ yw
            pc = (1 - cc) * pc + np.sqrt(cc * (2 - cc) * mueff) * yw
            rank_mu = (y[order].T * w) @ y[order]
            C = (1 - c1 - cmu) * C + c1 * np.outer(pc, pc) + cmu * rank_mu
            sigma *= np.exp(cs / ds * (np.linalg.norm(ps) / chi - 1))
        best.append(f(m))
    return np.array(best)


def adaptation() -> None:
    """Distance to the optimum on an ill-conditioned quadratic for three levels of adaptation."""
    n = 10
    scales = 10 ** np.linspace(0, 3, n)  # condition number 1e6

    def f(x):
        return float(np.sum((scales * x) ** 2))

    iters = 600
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    labels = {"fixed": "mean only (fixed σ)", "step": "mean + step size",
              "cma": "mean + step size + covariance"}
    for i, kind in enumerate(["fixed", "step", "cma"]):
        runs = np.array([_es_run(kind, f, n, iters, seed) for seed in range(5)])
        med = np.median(runs, axis=0)[::10]
        ax.plot(np.arange(0, iters, 10), np.maximum(med, 1e-12), color=PALETTE[i], label=labels[kind])
    ax.set_yscale("log")
    ax.set_xlabel("generation (12 samples each)")
    ax.set_ylabel("objective at the mean (lower is better)")
    ax.legend(loc="lower left", fontsize=9)
    save(fig, SLUG, "adaptation")


def main() -> None:
    smoothing()
    adaptation()


if __name__ == "__main__":
    main()
