"""Hover cards and the blog's chips under alabaster and pydata-sphinx-theme, in Debian's chromium.

The build tests (tests/test_themes.py) check the markup; this checks what a reader sees: the card
opens on hover with an opaque background and a border, and tags keep their chip look.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent / "roots" / "test-blog"
POST = "posts/2024-01-10-first/index.html"
TRANSPARENT = "rgba(0, 0, 0, 0)"


def build(theme: str, out: Path) -> Path:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "dirhtml", "-W", "-D", f"html_theme={theme}",
               str(ROOT), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


def offline(route: Route) -> None:
    if route.request.url.startswith("file://"):
        route.continue_()
    else:
        route.abort()


@pytest.mark.parametrize("theme", ["alabaster", "pydata_sphinx_theme"])
def test_hover_card_and_tags_look_right(browser: Browser, tmp_path: Path, theme: str) -> None:
    site = build(theme, tmp_path / theme)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.route("**/*", offline)
    page.goto((site / POST).as_uri())
    link = page.locator("a.biblog-cite").first
    link.hover()
    card = page.locator(".biblog-card-popup")
    expect(card).to_be_visible()
    style = card.evaluate("e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderTopWidth,"
                          " s.borderTopColor, s.position]; }")
    assert style[0] != TRANSPARENT, f"{theme}: the card has no background"
    assert style[1] != "0px", f"{theme}: the card has no border"
    assert style[2] != TRANSPARENT, f"{theme}: the card's border is invisible"
    assert style[3] == "absolute"
    box = card.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 1200
    tag = page.locator(".biblog-post-meta a.biblog-tag").first
    assert tag.evaluate("e => getComputedStyle(e).borderTopColor") != TRANSPARENT
    page.close()
