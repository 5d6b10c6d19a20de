"""Typeset math from hostile .bib entries and front matter never becomes a link that runs script.

``tests/roots/test-hostile`` puts ``\\href{javascript:...}`` and
``\\mmlToken{mi}[href="javascript:..."]`` into .bib titles and venues and into a
post's title, tags, summary and update note. Those reach the post, the home
page, the tag pages, "What's new", the references page and the hover cards,
where MathJax typesets them. MathJax's safe mode (``site.make_math_safe``)
must drop every link that is not http or https: every page is opened, every
link MathJax made is checked and clicked, and any script run fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_tools import CARD, Pages, Server, serving, wait_for_math
from playwright.sync_api import Browser, Page, expect
from sphinx.cmd.build import build_main

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).resolve().parent.parent / "roots" / "test-hostile"
PAGES = ["", "posts/2024-01-10-hostile/", "posts/2024-04-01-mathlinks/", "posts/2024-03-01-plain/",
         "archive/", "tags/", "whats-new/", "references/", "tags/security/", "tags/href-javascript-alert-15-g/"]

#: Records every script a payload could run (they all call alert) and every link click,
#: letting a click on an http(s) link stop there instead of leaving the local site.
WATCH = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt"]) window[name] = (...args) => { window.__ran.push(name + args); };
window.__clicked = [];
document.addEventListener("click", event => {
  const link = event.target.closest("[href], [data-mjx-href]");
  if (!link) return;
  const href = link.getAttribute("href") || link.getAttribute("data-mjx-href") || "";
  const url = new URL(href, location.href);
  window.__clicked.push(url.href);
  if (/^https?:$/.test(url.protocol)) event.preventDefault();
}, true);
"""

#: MathJax 4 writes a link as ``<a data-mjx-href>`` and follows it from its own click handler.
LINKS_IN_MATH = "mjx-container a, mjx-container [href], mjx-container [data-mjx-href], mjx-container [*|href]"
MATH_LINKS = """selector => Array.from(document.querySelectorAll(selector), el => el.getAttribute("href")
  || el.getAttribute("data-mjx-href") || el.getAttributeNS("http://www.w3.org/1999/xlink", "href") || "")"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, node_modules: Path) -> Iterator[Server]:
    out = tmp_path_factory.mktemp("hostile-browser")
    status = build_main(["-b", "dirhtml", "-q", "-d", str(out / "doctrees"), str(HOSTILE), str(out / "html")])
    assert status == 0
    with serving(out / "html", node_modules, "hostile-server") as state:
        yield state


@pytest.fixture
def hostile_pages(browser: Browser, hostile_server: Server) -> Iterator[Pages]:
    opened = Pages(browser, hostile_server)
    yield opened
    opened.close()
    opened.check()


def open_watched(pages: Pages, path: str) -> Page:
    page = pages.open(None)
    page.add_init_script(WATCH)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(pages.server.url(path))
    wait_for_math(page)
    return page


@pytest.mark.parametrize("path", PAGES)
def test_math_links_are_http_only_and_clicking_them_runs_nothing(hostile_pages: Pages, path: str) -> None:
    page = open_watched(hostile_pages, path)
    assert wait_for_math(page) > 0, "the page should typeset the hostile math"
    links = page.evaluate(MATH_LINKS, LINKS_IN_MATH)
    bad = [href for href in links if not href.strip().lower().startswith(("http://", "https://"))]
    assert bad == [], f"MathJax made links to {bad} on {path}"
    for link in page.locator(LINKS_IN_MATH).all():
        link.click()
    # Plain text that MathJax typesets and link-shaped math that only biblog filters: click every formula.
    for formula in page.locator("mjx-container").all():
        formula.dispatch_event("click")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") == [], f"a payload ran on {path}"
    clicked = page.evaluate("window.__clicked")
    assert all(href.lower().startswith(("http://", "https://")) for href in clicked), clicked


def test_without_safe_mode_the_payloads_would_be_links(hostile_pages: Pages) -> None:
    """The test can fail: with the safe mode switched off, MathJax makes the javascript: links."""
    page = hostile_pages.open(None)
    page.add_init_script(WATCH)
    page.route("**/*", lambda route: route.fulfill(
        status=200, content_type="text/html",
        body=route.fetch().text().replace('"loader": {"load": ["ui/safe"]}', '"loader": {"load": []}'))
        if route.request.resource_type == "document" else route.fallback())
    page.goto(hostile_pages.server.url("posts/2024-04-01-mathlinks/"))
    wait_for_math(page)
    links = page.evaluate(MATH_LINKS, LINKS_IN_MATH)
    assert any(href.startswith("javascript:") for href in links), links
    page.locator("p > mjx-container [data-mjx-href]").first.click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran"), "clicking the link should have run its alert"


@pytest.mark.parametrize("path", ["posts/2024-04-01-mathlinks/", "posts/2024-01-10-hostile/"])
def test_hover_cards_with_hostile_math_make_no_script_link(hostile_pages: Pages, path: str) -> None:
    page = open_watched(hostile_pages, path)
    citations = page.locator("a.biblog-cite").all()
    assert citations
    for citation in citations:
        citation.hover()
        expect(page.locator(CARD)).to_be_visible()
        wait_for_math(page)
        links = page.evaluate(MATH_LINKS, CARD + " " + LINKS_IN_MATH.replace(", ", ", " + CARD + " "))
        assert all(href.lower().startswith(("http://", "https://")) for href in links), links
        for formula in page.locator(CARD + " mjx-container").all():
            formula.dispatch_event("click")
        page.mouse.move(0, 0)
    assert page.evaluate("window.__ran") == []
