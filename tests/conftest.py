"""Shared fixtures: Sphinx's own testing fixtures over the small projects in tests/roots/.

A test uses ``@pytest.mark.sphinx("dirhtml", testroot="cite")`` and the
``app`` fixture; each root is copied to a temporary directory first, so tests
may edit sources and rebuild.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.fail(f"the shared data folder is missing: expected {SHARED}/data beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The flagship site, built once per test session with -W --keep-going -n; its html folder."""
    out = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "sphinx", "-b", "dirhtml", "-c", ".", "-d", str(out / "doctrees"),
               "-W", "--keep-going", "-n", "-q", "docs", str(out / "html")]
    result = subprocess.run(command, cwd=repo_root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert "ERROR" not in result.stderr, result.stderr
    assert result.stdout == "", result.stdout  # -q: nothing but problems, and there are none
    return out / "html"


@pytest.fixture
def minimal_blog(tmp_path: Path) -> Path:
    """A copy of the root ``test-minimal`` to run the command line on (it may be edited)."""
    import shutil

    root = tmp_path / "blog"
    shutil.copytree(Path(__file__).parent / "roots" / "test-minimal", root)
    return root
