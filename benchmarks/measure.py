"""Run one command in a fresh process and record its wall time and peak memory.

``python -m benchmarks.measure RESULT.json LOG -- CMD...`` runs CMD with its
output in LOG, then writes ``{"seconds", "returncode", "maxrss_kb"}`` to
RESULT.json. Being a fresh process, its ``RUSAGE_CHILDREN`` maximum resident
set size is that of this one build (the largest process of it: with ``-j`` the
parent or one worker, not their sum).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    result, log, sep, *command = argv
    if sep != "--" or not command:
        raise SystemExit("usage: python -m benchmarks.measure RESULT.json LOG -- CMD...")
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        returncode = subprocess.call(command, stdout=out, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    if sys.platform == "darwin":
        maxrss //= 1024  # bytes on macOS
    with open(result, "w", encoding="utf-8") as f:
        json.dump({"seconds": seconds, "returncode": returncode, "maxrss_kb": maxrss}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
