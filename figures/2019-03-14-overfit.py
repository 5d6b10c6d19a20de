"""Figures of the post 2019-03-14-overfit: a two-part code over polynomial degree and a double-descent curve."""
import numpy as np
import matplotlib.pyplot as plt
from figures.style import PALETTE, save

SLUG = "2019-03-14-overfit"


def two_part_code() -> None:
    """Bits to state a polynomial plus bits to state the data given it, by degree."""
    rng = np.random.default_rng(0)
    n = 40
    x = np.linspace(-1, 1, n)
    y = np.sin(2.5 * x) + 0.5 * x**2 + rng.normal(0, 0.15, n)
    degrees = np.arange(0, 21)
    bits_per_coef = 0.5 * np.log2(n) + 4.0  # precision grows with n, plus a fixed header
    model_bits, data_bits = [], []
    for k in degrees:
        coef = np.polynomial.legendre.legfit(x, y, k)
        resid = y - np.polynomial.legendre.legval(x, coef)
        s2 = max(np.mean(resid**2), 1e-6)
        # Gaussian code length of the residuals at a fixed quantisation of 0.01
        data_bits.append(n * (0.5 * np.log2(2 * np.pi * np.e * s2) - np.log2(0.01)))
        model_bits.append((k + 1) * bits_per_coef)
    model_bits, data_bits = np.array(model_bits), np.array(data_bits)
    total = model_bits + data_bits
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(degrees, model_bits, color=PALETTE[0], label="L(H): describe the polynomial")
    ax.plot(degrees, data_bits, color=PALETTE[1], label="L(D | H): describe the residuals")
    ax.plot(degrees, total, color=PALETTE[6], linestyle="--", label="total description length")
    best = degrees[np.argmin(total)]
    ax.axvline(best, color=PALETTE[2], linewidth=1, linestyle=":")
    ax.annotate(f"shortest total code\n(degree {best})", xy=(best, total.min()),
                xytext=(best + 5, total.min() - 110), arrowprops=dict(arrowstyle="->", lw=1))
    ax.set_xticks(range(0, 21, 4))
    ax.set_xlabel("polynomial degree")
    ax.set_ylabel("code length (bits)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    save(fig, SLUG, "two-part-code")


def double_descent() -> None:
    """Test error of minimum-norm least squares as the number of used features grows."""
    rng = np.random.default_rng(1)
    n, total_d, trials, noise = 40, 120, 60, 0.5
    beta = 1.0 / np.sqrt(1 + np.arange(total_d))  # decaying signal across features
    beta *= 2.0 / np.linalg.norm(beta)
    ps = np.unique(np.concatenate([np.arange(2, 36, 3), np.arange(36, 46, 1), np.arange(46, 121, 6)]))
    risk = []
    for p in ps:
        errs = []
        for _ in range(trials):
            X = rng.normal(size=(n, total_d))
            y = X @ beta + rng.normal(0, noise, n)
            w = np.linalg.pinv(X[:, :p]) @ y  # minimum-norm solution when p > n
            Xt = rng.normal(size=(400, total_d))
            yt = Xt @ beta
            errs.append(np.mean((Xt[:, :p] @ w - yt) ** 2))
        risk.append(np.median(errs))
    risk = np.array(risk)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(ps, risk, marker="o", markersize=3, color=PALETTE[0])
    ax.axvline(n, color=PALETTE[1], linestyle="--", linewidth=1)
    ax.text(n + 1.5, risk.max() * 0.6, "interpolation\nthreshold (p = n)", color=PALETTE[1], fontsize=9)
    ax.set_yscale("log")
    ax.set_xlabel("number of features used by the model, p (n = 40 training points)")
    ax.set_ylabel("test mean squared error")
    save(fig, SLUG, "double-descent")


def main() -> None:
    two_part_code()
    double_descent()


if __name__ == "__main__":
    main()
