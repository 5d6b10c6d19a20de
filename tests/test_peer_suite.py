"""sphinxcontrib-bibtex's own test suite passes with biblog loaded, exactly as it does without.

The suite comes from the sdist of the pinned version (``make test`` downloads
it once into ``.cache/peer``). It runs twice in a copy: as published, and
with ``"biblog"`` appended to the extensions of every test root. Both runs
must end with the same counts and no failure or error: a project that uses
sphinxcontrib-bibtex today builds unchanged with biblog added.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

APPEND_BIBLOG = '\nextensions = [*globals().get("extensions", []), "biblog"]\n'
SUMMARY = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed|deselected)")


@pytest.fixture(scope="module")
def peer_suite(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from importlib.metadata import version

    sdist = Path(os.environ.get("BIBLOG_PEER_SDIST") or
                 repo_root / ".cache" / "peer" / f"sphinxcontrib_bibtex-{version('sphinxcontrib-bibtex')}.tar.gz")
    if not sdist.is_file():
        pytest.fail(f"{sdist} is missing: run `make test`, which downloads sphinxcontrib-bibtex's sdist once")
    out = tmp_path_factory.mktemp("peer")
    with tarfile.open(sdist) as archive:
        archive.extractall(out, filter="data")
    (folder,) = out.iterdir()
    return folder


def copy_of(suite: Path, destination: Path, with_biblog: bool) -> Path:
    import shutil

    shutil.copytree(suite, destination)
    if with_biblog:
        for conf in (destination / "test" / "roots").glob("*/conf.py"):
            conf.write_text(conf.read_text(encoding="utf-8") + APPEND_BIBLOG, encoding="utf-8")
    return destination


def run_suite(folder: Path) -> dict[str, int]:
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                             "test"], cwd=folder, capture_output=True, text=True, check=False)
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    counts = {kind.rstrip("s") if kind.startswith("error") else kind: int(n) for n, kind in SUMMARY.findall(last)}
    assert counts.get("passed"), f"the suite did not run:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return counts


def test_the_appended_extension_really_loads_biblog(peer_suite: Path, tmp_path: Path) -> None:
    roots = copy_of(peer_suite, tmp_path / "with", with_biblog=True) / "test" / "roots"
    conf = roots / "test-citation_mixed" / "conf.py"
    namespace: dict[str, object] = {}
    exec(compile(conf.read_text(encoding="utf-8"), str(conf), "exec"), namespace)
    assert namespace["extensions"] == ["sphinxcontrib.bibtex", "biblog"]


def test_sphinxcontrib_bibtex_suite_passes_the_same_with_biblog(peer_suite: Path, tmp_path: Path) -> None:
    without = run_suite(copy_of(peer_suite, tmp_path / "without", with_biblog=False))
    with_biblog = run_suite(copy_of(peer_suite, tmp_path / "with", with_biblog=True))
    assert without.get("failed", 0) == without.get("error", 0) == 0, without
    assert with_biblog == without
    assert with_biblog["passed"] >= 120
