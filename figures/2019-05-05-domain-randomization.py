"""Figures of the post 2019-05-05-domain-randomization: robust versus adaptive policies as the randomization widens, and the feedback loop of guided randomization."""
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch
from figures.style import PALETTE, save

SLUG = "2019-05-05-domain-randomization"
M_REAL = 1.3  # the real object's mass; the simulator's nominal mass is 1


def _returns(w: float):
    """Push-to-target toy: return -(u/m - 1)^2, mass m ~ U[1 - w, 1 + w] in simulation."""
    m = np.linspace(1 - w, 1 + w, 401) if w > 0 else np.array([1.0])
    u_robust = np.mean(1 / m) / np.mean(1 / m**2)  # maximizes the average return without knowing m
    robust_real = -(u_robust / M_REAL - 1) ** 2
    robust_train = np.mean(-(u_robust / m - 1) ** 2)
    # the adaptive policy identifies m but only within the range it was trained on
    u_adaptive = np.clip(M_REAL, 1 - w, 1 + w)
    adaptive_real = -(u_adaptive / M_REAL - 1) ** 2
    return robust_real, robust_train, adaptive_real


def robust_vs_adaptive() -> None:
    ws = np.linspace(0, 0.8, 81)
    vals = np.array([_returns(w) for w in ws])
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(ws, vals[:, 0], color=PALETTE[0], label="robust policy, on the real system")
    ax.plot(ws, vals[:, 1], color=PALETTE[0], linestyle=":", label="robust policy, averaged over training")
    ax.plot(ws, vals[:, 2], color=PALETTE[1], label="adaptive policy, on the real system")
    ax.axvline(M_REAL - 1, color=PALETTE[6], linewidth=1, linestyle="--")
    ax.text(M_REAL - 1 + 0.01, -0.1, "range first covers\nthe real mass", fontsize=9)
    ax.set_xlabel("randomization half-width w (mass drawn from [1 - w, 1 + w])")
    ax.set_ylabel("return (0 is perfect)")
    ax.legend(loc="lower left", fontsize=9)
    save(fig, SLUG, "robust-vs-adaptive")


def loop() -> None:
    """Guided randomization as a loop, with the three sources of feedback."""
    fig, ax = plt.subplots(figsize=(7.6, 3.6))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 5)
    ax.axis("off")

    def box(x, y, w, h, text, c):
        ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.06", fc="none", ec=PALETTE[c], lw=1.6))
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=9)

    box(0.2, 3.3, 2.4, 1.2, "randomization\ndistribution P_φ(ξ)", 0)
    box(3.8, 3.3, 2.4, 1.2, "simulators e_ξ\nsampled from P_φ", 0)
    box(7.4, 3.3, 2.4, 1.2, "policy or model\ntrained on them", 0)
    ax.add_patch(FancyBboxPatch((0.2, 0.3), 9.6, 1.7, boxstyle="round,pad=0.06", fc="none", ec=PALETTE[6], lw=1.2))
    ax.text(0.5, 1.65, "feedback used to update φ:", fontsize=9, fontweight="bold", va="center")
    ax.text(0.5, 1.15, "match to real data (real rollouts, real images)", fontsize=9, color=PALETTE[1], va="center")
    ax.text(0.5, 0.65, "the model's failures (discriminator, adversary)", fontsize=9, color=PALETTE[2], va="center")
    ax.text(6.9, 1.15, "score of the trained model", fontsize=9, color=PALETTE[3], va="center")
    ax.text(6.9, 0.65, "on a real validation set", fontsize=9, color=PALETTE[3], va="center")
    arrow = dict(arrowstyle="->", lw=1.4, color=PALETTE[6])
    ax.annotate("", xy=(3.8, 3.9), xytext=(2.6, 3.9), arrowprops=arrow)
    ax.annotate("", xy=(7.4, 3.9), xytext=(6.2, 3.9), arrowprops=arrow)
    ax.annotate("", xy=(8.6, 2.05), xytext=(8.6, 3.3), arrowprops=arrow)
    ax.annotate("", xy=(1.4, 3.3), xytext=(1.4, 2.05), arrowprops=arrow)
    ax.text(8.75, 2.65, "evaluate", fontsize=9, style="italic", va="center")
    ax.text(1.55, 2.65, "update", fontsize=9, style="italic", va="center")
    save(fig, SLUG, "loop")


def main() -> None:
    robust_vs_adaptive()
    loop()


if __name__ == "__main__":
    main()
