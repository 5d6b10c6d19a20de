"""Fixtures for the real-browser tests: the built site on a local server, Debian's chromium, and pages.

The site comes from the session fixture ``site`` (tests/conftest.py); it is
served from a thread on 127.0.0.1 (see browser_tools.py for the server and the
offline router). The tests carry the ``browser`` marker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_tools import CHROMIUM, CHROMIUM_ARGS, NODE_MODULES, Pages, Server, serving
from playwright.sync_api import Browser, Playwright, expect, sync_playwright

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent.parent / "test-artifacts"

expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def server(site: Path, node_modules: Path) -> Iterator[Server]:
    """The built flagship site on http://127.0.0.1:<port>/en/latest/, from a thread."""
    with serving(site, node_modules, "site-server") as state:
        yield state


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """The npm packages of tests/browser/package-lock.json (MathJax for the CDN routes, axe-core)."""
    for package in ("mathjax", "axe-core", "@mathjax/mathjax-newcm-font"):
        if not (NODE_MODULES / package / "package.json").is_file():
            pytest.fail(f"{NODE_MODULES / package} is missing: run `make test`, or `npm ci --prefix tests/browser`")
    return NODE_MODULES


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's chromium, once per session. Playwright never downloads a browser here."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def pages(browser: Browser, server: Server) -> Iterator[Pages]:
    """Opens pages of the served site; at the end, fails on any console error or stray request."""
    opened = Pages(browser, server)
    yield opened
    opened.close()
    opened.check()
