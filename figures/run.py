"""Run every figure script: ``python -m figures.run`` (what ``make figures`` does).

A script is named after its post (``figures/2021-07-11-diffusion-models.py``), which is not a
module name, so each runs as a file, as ``python figures/<slug>.py`` would.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_SCRIPTS = {"__init__", "style", "run"}


def main() -> int:
    for script in sorted(p for p in HERE.glob("*.py") if p.stem not in NOT_SCRIPTS):
        runpy.run_path(str(script), run_name="__main__")
        print(f"figures/{script.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
