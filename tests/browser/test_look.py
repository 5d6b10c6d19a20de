"""The flagship reads as a blog: listing, byline, figures, long equations, cards at the window's edge,
search snippets from the prose, related posts, and the site opened from disk (see conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_tools import CARD, Pages, horizontal_overflow, wait_for_math
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, Route, expect

pytestmark = pytest.mark.browser

DIFFUSION = "posts/2021-07-11-diffusion-models/"  # long display equations, figures
THINKING = "posts/2025-05-01-thinking/"  # related posts, citations shared with other posts
PHONE = {"width": 375, "height": 740}
FURNITURE = ("Copy BibTeX", "Previous post", "Next post", "Cite this post", "min read", "Related posts",
             "shares ")

# Each display equation's box: whether it is wider than it shows, and how it says so.
EQUATIONS_JS = """() => Array.from(document.querySelectorAll("article .math-wrapper")).map(box => ({
    overflows: box.scrollWidth > box.clientWidth + 1,
    marked: box.classList.contains("biblog-scrolls"),
    focusable: box.getAttribute("tabindex") === "0",
    overflowX: getComputedStyle(box).overflowX,
    shadows: (getComputedStyle(box).backgroundImage.match(/gradient/g) || []).length,
    right: box.getBoundingClientRect().right,
}))"""


def equations(page: Page) -> list[dict]:
    assert wait_for_math(page) > 20
    page.wait_for_timeout(300)  # the ResizeObserver marks boxes after MathJax's last layout
    return page.evaluate(EQUATIONS_JS)


def assert_scroll_cues(boxes: list[dict], width: int) -> int:
    wide = [box for box in boxes if box["overflows"]]
    for box in boxes:
        assert box["overflowX"] in ("auto", "scroll"), box
        assert box["right"] <= width + 1, f"an equation box widens the page: {box}"
    for box in wide:
        assert box["marked"], box
        assert box["focusable"], box
        assert box["shadows"] == 4, box
    return len(wide)


# --------------------------------------------------------------------------- home page and posts


def test_home_page_is_a_clean_listing(pages: Pages, artifacts: Path) -> None:
    page = pages.open("", viewport={"width": 1280, "height": 900})
    cards = page.locator("article.biblog-card")
    expect(cards.first).to_be_visible()
    offsets = page.evaluate("""() => Array.from(document.querySelectorAll("article.biblog-card")).map(card => {
        const left = el => card.querySelector(el).getBoundingClientRect().left;
        return [left(".biblog-card-title a"), left(".biblog-post-meta"), left(".biblog-summary")];
    })""")
    for title, meta, summary in offsets:
        assert abs(title - meta) < 1, (title, meta, summary)
        assert abs(meta - summary) < 1, (title, meta, summary)
    updated = page.locator("article.biblog-card p.biblog-card-update").first
    expect(updated).to_contain_text("Updated ")
    assert page.locator("article.biblog-card ul, article.biblog-card li").count() == 0
    nav = page.locator(".sidebar-tree a").all_inner_texts()
    for section in ("Archive", "Tags", "What’s new", "References", "About"):
        assert section in nav, nav
    expect(page.locator(".view-this-page")).to_have_count(0)
    page.screenshot(path=str(artifacts / "look-home.png"))
    pages.check()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_post_has_byline_numbered_figures_and_related_posts(pages: Pages, artifacts: Path, theme: str) -> None:
    page = pages.open(DIFFUSION, theme=theme)
    expect(page.locator("article .biblog-byline")).to_have_text("By The biblog authors")  # conf.py's author
    expect(page.locator(".view-this-page")).to_have_count(0)
    figure = page.locator("article figure").first
    figure.scroll_into_view_if_needed()
    expect(figure.locator("figcaption .caption-number")).to_have_text("Fig. 1 ")
    image = figure.locator("img")
    assert image.get_attribute("alt")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    box, article = image.bounding_box(), page.locator("article").bounding_box()
    assert box
    assert article
    assert box["width"] <= article["width"] + 1
    filter_ = image.evaluate("img => getComputedStyle(img).filter")
    if theme == "dark":
        assert "invert" in filter_, filter_  # dark strokes on a transparent ground, inverted
        page.screenshot(path=str(artifacts / "look-figure-dark.png"))
    else:
        assert filter_ == "none", filter_
    pages.check()


def test_related_posts_at_the_end_of_a_post(pages: Pages) -> None:
    page = pages.open(THINKING)
    wait_for_math(page)  # leaving the page while MathJax still loads aborts its requests
    items = page.locator(".biblog-related li")
    expect(items).to_have_count(3)
    shared = [int(text.split()[1]) for text in page.locator(".biblog-related .biblog-shared").all_inner_texts()]
    assert shared == sorted(shared, reverse=True), shared
    assert shared[0] > 1, shared
    link = items.first.locator("a")
    name = link.inner_text()
    link.click()
    expect(page.locator("article h1").first).to_contain_text(name.split(":")[0])
    pages.check()


# --------------------------------------------------------------------------- long equations


def test_long_equations_scroll_in_their_box_on_desktop(pages: Pages) -> None:
    page = pages.open(DIFFUSION, viewport={"width": 1280, "height": 900})
    width = page.evaluate("document.documentElement.clientWidth")
    assert_scroll_cues(equations(page), width)
    measured = horizontal_overflow(page)
    assert measured["scrollWidth"] <= measured["clientWidth"], measured
    pages.check()


def test_long_equations_scroll_in_their_box_on_a_phone(pages: Pages, artifacts: Path) -> None:
    page = pages.open(DIFFUSION, viewport=PHONE, has_touch=True, is_mobile=True)
    boxes = equations(page)
    wide = assert_scroll_cues(boxes, PHONE["width"])
    assert wide >= 3, f"only {wide} of {len(boxes)} equations are wider than a phone: the test proves nothing"
    measured = horizontal_overflow(page)
    assert measured["scrollWidth"] <= measured["clientWidth"], measured
    page.locator("article .math-wrapper.biblog-scrolls").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "look-phone-equation.png"))
    pages.check()


# --------------------------------------------------------------------------- hover cards


def test_card_near_the_bottom_opens_upward_with_post_titles(pages: Pages, artifacts: Path) -> None:
    page = pages.open(THINKING, viewport={"width": 1280, "height": 800})
    wait_for_math(page)
    index = page.evaluate("""() => Array.from(document.querySelectorAll("article a.biblog-cite")).findIndex(link => {
        const entry = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        return entry && entry.querySelector(".biblog-also a");
    })""")
    assert index >= 0
    link = page.locator("article a.biblog-cite").nth(index)
    # Put the citation 30 px above the window's bottom edge, then point at it.
    link.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 30)")
    link.hover()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card).to_have_attribute("data-side", "above")
    card_box, link_box = card.bounding_box(), link.bounding_box()
    assert card_box
    assert link_box
    assert card_box["y"] >= 0, card_box
    assert card_box["y"] + card_box["height"] <= link_box["y"] + 1, (card_box, link_box)
    for part in (".biblog-title", ".biblog-authors", ".biblog-venue", ".biblog-link", ".biblog-also a"):
        expect(card.locator(part).first).to_be_visible()
    others = card.locator(".biblog-also a").all_inner_texts()
    assert all("/" not in title and not title.startswith("posts") for title in others), others
    page.screenshot(path=str(artifacts / "look-card-open.png"))

    # Near the top, the same card opens below.
    link.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().top - 120)")
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    link.focus()
    expect(card).to_have_attribute("data-side", "below")
    assert card.bounding_box()["y"] >= link.bounding_box()["y"]
    pages.check()


# --------------------------------------------------------------------------- references, search


def test_references_page_typesets_quoted_math(pages: Pages, artifacts: Path) -> None:
    page = pages.open("references/")
    wait_for_math(page)
    contexts = page.locator(".biblog-context")
    raw = page.evaluate("""() => Array.from(document.querySelectorAll(".biblog-context"))
        .filter(c => /\\$[^$]+\\$/.test(c.textContent)).length""")
    assert raw == 0, f"{raw} quoted passages show raw TeX"
    typeset = page.locator(".biblog-context mjx-container")
    assert typeset.count() > 10, typeset.count()
    assert contexts.count() > 100
    typeset.first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "look-references.png"))
    pages.check()


def prose_text(site: Path, href: str) -> str:
    path = site / href.split("#")[0].split("?")[0] / "index.html"
    body = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one("article")
    for part in body.select(".no-search, .biblog-references"):
        part.decompose()
    return body.get_text(" ").lower()


def test_search_snippets_come_from_the_prose(pages: Pages, site: Path) -> None:
    page = pages.open("search/?q=diffusion")
    results = page.locator("#search-results ul.search li")
    expect(page.locator("#search-results .search-summary")).to_contain_text("found")
    count = results.count()
    assert count >= 5
    page.wait_for_function(f"document.querySelectorAll('#search-results ul.search li p.context').length >= {count}",
                           timeout=20_000)
    snippets = results.locator("p.context").all_inner_texts()
    leaks = [s for s in snippets if any(word in s for word in FURNITURE)]
    assert not leaks, leaks
    base = pages.server.url("")
    hrefs = [a.evaluate("a => a.href") for a in results.locator("a").all()]
    for href in {h for h in hrefs if h.startswith(base + "posts/")}:
        # "diffuses" counts: the search matches stems ("diffus").
        assert "diffus" in prose_text(site, href.removeprefix(base)), f"{href} matches through its furniture"
    pages.check()


# --------------------------------------------------------------------------- from disk


def test_the_site_works_opened_from_disk(browser: Browser, site: Path, artifacts: Path) -> None:
    context = browser.new_context()
    blocked: list[str] = []

    def only_local(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        link = page.locator("article.biblog-card .biblog-card-title a").nth(1)
        href = link.get_attribute("href")
        assert href
        assert href.endswith("/index.html"), href
        link.click()
        page.wait_for_load_state()
        assert page.url.endswith("/index.html"), page.url
        expect(page.locator("article .biblog-byline")).to_be_visible()
        # The sidebar's sections, the tags, the neighbours: each reaches a page, not a folder.
        for selector in (".sidebar-tree a", "article a.biblog-tag", ".biblog-post-nav a"):
            for anchor in page.locator(selector).all():
                target = anchor.get_attribute("href") or ""
                assert not target.split("#")[0].endswith("/"), (selector, target)
        page.locator(".sidebar-tree a", has_text="Archive").click()
        page.wait_for_load_state()
        expect(page.locator("article h1")).to_contain_text("Archive")
    finally:
        context.close()
