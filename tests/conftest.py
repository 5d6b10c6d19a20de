"""Shared fixtures: Sphinx's own testing fixtures over the small projects in tests/roots/.

A test uses ``@pytest.mark.sphinx("dirhtml", testroot="cite")`` and the
``app`` fixture; each root is copied to a temporary directory first, so tests
may edit sources and rebuild.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

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


def html_of(app, docname: str) -> BeautifulSoup:  # noqa: ANN001 (Sphinx test app)
    """The parsed HTML page of ``docname`` in a dirhtml or html build."""
    path = Path(app.outdir, app.builder.get_target_uri(docname) or "", "index.html")
    if not path.is_file():
        path = Path(app.outdir, docname + ".html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def article(soup: BeautifulSoup):  # noqa: ANN201
    """The content region of a furo or basic page."""
    return soup.select_one("article[role=main]") or soup.select_one("div.body") or soup.body


def warnings_of(app) -> str:  # noqa: ANN001
    return app.warning.getvalue()
