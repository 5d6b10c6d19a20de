"""axe-core on the pages a reader meets most, in the light and the dark theme.

No rule is disabled. axe's runs take a while on the long references page, so
all the (page, theme) runs start together in their own browser contexts and
are collected afterwards: chromium runs each page in its own process.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_tools import AXE_JS, CARD, Pages, Server, axe_violations, start_axe, wait_for_math
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
PAGES: dict[str, tuple[str, dict[str, int] | None]] = {
    "home": ("", None),
    # Citations (the hover card is opened for the run), display math, two tables, an update note.
    "post": ("posts/2020-04-07-the-transformer-family/", None),
    "references": ("references/", None),
    # On a phone, code, formulas and tables scroll inside their own boxes, which must take focus.
    "math-post-phone": ("posts/2023-01-27-the-transformer-family-v2/", PHONE),
}
THEMES = ("light", "dark")
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def audits(browser: Browser, server: Server) -> Iterator[dict[tuple[str, str], dict[str, Any]]]:
    """axe's violations and the state of the page, per (page, theme)."""
    pages = Pages(browser, server)
    opened = {}
    for name, (path, viewport) in PAGES.items():
        for theme in THEMES:
            options = {"viewport": viewport, "has_touch": True, "is_mobile": True} if viewport else {}
            opened[name, theme] = pages.open(path, theme=theme, **options)
    results: dict[tuple[str, str], dict[str, Any]] = {}
    try:
        for (name, _theme), page in opened.items():
            wait_for_math(page)
            if name == "post":
                page.locator("article a.biblog-cite").first.focus()
                page.locator(CARD).wait_for(state="visible")
            start_axe(page, AXE_JS)
        for (name, theme), page in opened.items():
            results[name, theme] = {
                "violations": axe_violations(page),
                "theme": page.evaluate("document.body.dataset.theme"),
                "card_open": page.evaluate(f"!!document.querySelector('{CARD}:not([hidden])')"),
                "background": page.evaluate("getComputedStyle(document.body).backgroundColor"),
            }
        yield results
    finally:
        pages.close()
    pages.check()


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:8]:
            lines.append(f"    {node['target']}\n      {node['html'][:200]}\n      {node['summary']}".rstrip())
    return "\n".join(lines)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(audits: dict[tuple[str, str], dict[str, Any]], name: str,
                                             theme: str) -> None:
    audit = audits[name, theme]
    # The run saw what it was meant to: the chosen theme, and on the post the open hover card.
    assert audit["theme"] == theme
    red, green, blue = (int(v) for v in re.findall(r"\d+", audit["background"])[:3])
    assert (red + green + blue < 150) == (theme == "dark"), f"page background {audit['background']} in {theme}"
    assert audit["card_open"] == (name == "post")
    blocking = [v for v in audit["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core on {name} ({theme}):\n{describe(blocking)}"
