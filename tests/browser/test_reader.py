"""What a reader sees and does on the flagship site, in Debian's chromium (see conftest.py)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from browser_tools import CARD, Pages, contrast, horizontal_overflow, in_viewport, scrolls_into_view, wait_for_math
from bs4 import BeautifulSoup
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

CITED_POST = "posts/2020-04-07-the-transformer-family/"  # citations, works also cited elsewhere, an update note
MATH_POST = "posts/2023-01-27-the-transformer-family-v2/"  # the post with the most formulas
SEARCH_WORD = "antithetic"  # in the body of the evolution strategies post only
SEARCH_POST = "posts/2019-09-05-evolution-strategies/"
PHONE = {"width": 375, "height": 740}
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # the browser clock for relative ages
ATOM = "{http://www.w3.org/2005/Atom}"


def citation_with_other_posts(page: Page) -> Locator:
    """The first citation of the page whose work is also cited by another post."""
    index = page.evaluate("""() => {
        const links = Array.from(document.querySelectorAll("article a.biblog-cite"));
        return links.findIndex(link => {
            const entry = document.getElementById(decodeURIComponent(link.hash.slice(1)));
            return entry && Array.from(entry.querySelectorAll(".biblog-also a"))
                .some(a => a.pathname.includes("/posts/") && a.pathname !== location.pathname);
        });
    }""")
    assert index >= 0, f"no citation on {page.url} cites a work that other posts cite too"
    return page.locator("article a.biblog-cite").nth(index)


def entry_of(page: Page, link: Locator) -> Locator:
    href = link.get_attribute("href") or ""
    assert href.startswith("#ref-"), href
    return page.locator(f"li.biblog-reference[id='{href[1:]}']")


def expect_card_for(page: Page, link: Locator) -> Locator:
    """The hover card is open, next to `link`, and shows the entry the link points to."""
    card = page.locator(CARD)
    expect(card).to_be_visible()
    title = entry_of(page, link).locator(".biblog-title").inner_text()
    assert title
    expect(card.locator(".biblog-title")).to_have_text(title)
    expect(link).to_have_attribute("aria-describedby", "biblog-card-popup")
    card_box, link_box = card.bounding_box(), link.bounding_box()
    assert card_box
    assert link_box
    # Below the citation, or above it when there is no room below (test_look.py places both).
    link_bottom = link_box["y"] + link_box["height"]
    below = link_bottom - 1 <= card_box["y"] <= link_bottom + 40
    above = link_box["y"] - 40 <= card_box["y"] + card_box["height"] <= link_box["y"] + 1
    assert below or above, (card_box, link_box)
    width = page.evaluate("document.documentElement.clientWidth")
    assert card_box["x"] >= 0
    assert card_box["x"] + card_box["width"] <= width, (card_box, width)
    return card


def relative_age(iso: str, now: datetime) -> str:
    days = math.floor((now - datetime.fromisoformat(iso).replace(tzinfo=UTC)).total_seconds() / 86400)
    months = math.floor(days / 30.44)
    if months < 12:
        return "1 month ago" if months == 1 else f"{months} months ago"
    years = math.floor(days / 365.25)
    return "1 year ago" if years == 1 else f"{years} years ago"


# --------------------------------------------------------------------------- home page


def test_home_page_lists_posts_newest_first_with_ages(pages: Pages, repo_root: Path, site: Path,
                                                      artifacts: Path) -> None:
    posts = sorted((repo_root / "docs" / "posts").glob("*.md"))
    page = pages.open(None)
    page.context.clock.set_fixed_time(NOW)
    page.goto(pages.server.url(""))

    expect(page.locator(".biblog-postlist-heading")).to_have_text(f"Latest posts ({len(posts)})")
    cards = page.locator("article.biblog-card")
    expect(cards).to_have_count(min(len(posts), 20))  # blog_posts_per_page; older ones on page/2/...
    if len(posts) > 20:
        expect(page.locator(".biblog-pager a[rel=next]")).to_have_attribute("href", "page/2/")

    rows = page.evaluate("""() => Array.from(document.querySelectorAll("article.biblog-card")).map(card => ({
        iso: card.querySelector("time.biblog-date").getAttribute("datetime"),
        shown: card.querySelector("time.biblog-date").innerText,
        age: card.querySelector(".biblog-age").innerText,
        title: card.querySelector(".biblog-card-title a").innerText,
    }))""")
    dates = [row["iso"] for row in rows]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates), dates
    assert dates == sorted(dates, reverse=True), "posts are not newest first"
    assert dates[0] > dates[-1]

    # The script adds the age next to the date; the date itself stays as written.
    source = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    written = [t.get_text() for t in source.select("article.biblog-card time.biblog-date")]
    assert [row["shown"] for row in rows] == written
    for row in rows:
        assert str(date.fromisoformat(row["iso"]).year) in row["shown"], row
        assert row["age"] == f"({relative_age(row['iso'], NOW)})", row
    ages = " ".join(row["age"] for row in rows)
    assert "months ago" in ages
    assert "years ago" in ages
    expect(cards.first.locator("time.biblog-date")).to_be_visible()
    expect(cards.first.locator(".biblog-age")).to_be_visible()
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)

    # Follow a post link: the reader lands on that post.
    link = cards.nth(2).locator(".biblog-card-title a")
    href = link.get_attribute("href")
    assert href
    assert href.startswith("posts/"), href
    link.click()
    page.wait_for_url(pages.server.url(href))
    expect(page.get_by_role("heading", level=1, name=rows[2]["title"], exact=True)).to_be_visible()
    expect(page.locator(".biblog-post-meta time.biblog-date").first).to_have_attribute("datetime", rows[2]["iso"])
    pages.check()


# --------------------------------------------------------------------------- hover cards


def test_hover_shows_card_with_title_and_other_posts(pages: Pages, artifacts: Path) -> None:
    page = pages.open(CITED_POST)
    link = citation_with_other_posts(page)
    entry = entry_of(page, link)
    link.hover()
    card = expect_card_for(page, link)

    # "Also cited in" names another post, and the card drops the entry's back links.
    also = card.locator(".biblog-also")
    expect(also).to_contain_text("Also cited in")
    others = also.locator("a")
    assert others.count() >= 1
    expected = entry.locator(".biblog-also a")
    expect(others).to_have_text([expected.nth(i).inner_text() for i in range(expected.count())])
    assert "/posts/" in (others.first.evaluate("a => a.pathname"))
    expect(card.locator(".biblog-backlinks")).to_have_count(0)
    expect(card.locator("[id]")).to_have_count(0)
    page.screenshot(path=str(artifacts / "post-hover-card.png"))

    # The reader can move onto the card (to follow its links) without it closing ...
    card.hover()
    page.wait_for_timeout(400)
    expect(card).to_be_visible()
    # ... and it closes once the mouse has left both.
    page.mouse.move(2, 2)
    expect(card).to_be_hidden()
    assert link.get_attribute("aria-describedby") is None
    pages.check()


def test_keyboard_focus_opens_card_and_escape_closes_it(pages: Pages) -> None:
    page = pages.open(CITED_POST)
    first = page.locator("article a.biblog-cite").first
    # Start the Tab order at the paragraph of the first citation, as a reader clicking into the text would.
    paragraph = first.locator("xpath=ancestor::p[1]")
    paragraph.click(position={"x": 1, "y": 1})
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.biblog-cite')"):
            break
    else:
        pytest.fail("Tab never reached a citation")
    focused = page.locator("a.biblog-cite:focus")
    expect_card_for(page, focused)

    page.keyboard.press("Escape")
    expect(page.locator(CARD)).to_be_hidden()
    assert focused.get_attribute("aria-describedby") is None
    # Focus stays on the citation; Enter follows it to the entry.
    entry = entry_of(page, focused)
    href = focused.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_function("hash => location.hash === hash", arg=href)
    assert scrolls_into_view(entry), f"{href} is not scrolled into view"
    pages.check()


def test_tap_opens_card_and_second_tap_follows_the_link(pages: Pages) -> None:
    page = pages.open(CITED_POST, viewport=PHONE, has_touch=True, is_mobile=True)
    link = citation_with_other_posts(page)
    link.scroll_into_view_if_needed()
    link.tap()
    expect_card_for(page, link)
    assert page.evaluate("location.hash") == "", "the first tap must open the card, not follow the link"

    page.keyboard.press("Escape")
    expect(page.locator(CARD)).to_be_hidden()

    link.tap()
    expect_card_for(page, link)
    page.locator("article h1").first.tap()  # tapping elsewhere closes it
    expect(page.locator(CARD)).to_be_hidden()

    link.tap()
    expect(page.locator(CARD)).to_be_visible()
    link.tap()  # a second tap on the open card's citation follows it
    href = link.get_attribute("href")
    page.wait_for_function("hash => location.hash === hash", arg=href)
    assert scrolls_into_view(entry_of(page, link)), f"{href} is not scrolled into view"
    pages.check()


def test_click_goes_to_the_entry_in_the_references(pages: Pages) -> None:
    page = pages.open(CITED_POST)
    link = citation_with_other_posts(page)
    href = link.get_attribute("href") or ""
    entry = entry_of(page, link)
    assert not in_viewport(entry)
    link.click()
    page.wait_for_function("hash => location.hash === hash", arg=href)
    assert page.url == pages.server.url(CITED_POST) + href
    assert scrolls_into_view(entry), f"{href} is not scrolled into view"
    assert entry.evaluate("el => el.matches(':target') && !!el.closest('section.biblog-references')")
    # The card does not stay behind, open under the citation that scrolled away.
    expect(page.locator(CARD)).to_be_hidden()
    pages.check()


# --------------------------------------------------------------------------- dark mode


def assert_readable(rows: list[dict[str, Any]], what: str) -> None:
    assert rows, f"no text found in {what}"
    low = [row for row in rows if row["ratio"] < 4.5]
    assert not low, f"text in {what} below WCAG AA contrast 4.5:\n" + "\n".join(map(str, low))


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_card_and_update_notes_readable(pages: Pages, artifacts: Path, theme: str) -> None:
    page = pages.open(CITED_POST, theme="auto" if theme == "dark" else theme)
    if theme == "dark":
        # The reader switches with furo's toggle: auto -> dark -> light -> auto (the emulated scheme is light).
        page.locator(".theme-toggle:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-theme", theme)
    assert page.evaluate("localStorage.getItem('theme')") == theme

    citation_with_other_posts(page).hover()
    expect(page.locator(CARD)).to_be_visible()
    card = contrast(page, CARD)
    notes = contrast(page, ".biblog-updates")
    assert any(row["tag"] == "a" for row in notes), "the update note of this post links to its rewrite"
    if theme == "dark":
        assert card[0]["bgLuminance"] < 0.1, f"the card is not dark in dark mode: {card[0]}"
        assert notes[0]["bgLuminance"] < 0.1, f"the update notes are not dark in dark mode: {notes[0]}"
        page.screenshot(path=str(artifacts / "dark-mode.png"))
    assert_readable(card, f"the hover card ({theme})")
    assert_readable(notes, f"the update notes ({theme})")

    # Following the citation highlights its entry in the references; that stays readable too.
    link = citation_with_other_posts(page)
    link.click()
    entry = entry_of(page, link)
    assert scrolls_into_view(entry)
    assert entry.evaluate("el => el.matches(':target')")
    assert_readable(contrast(page, f"li.biblog-reference[id='{entry.get_attribute('id')}']"),
                    f"the highlighted reference ({theme})")
    pages.check()


# --------------------------------------------------------------------------- phones


@pytest.mark.parametrize("path", ["", MATH_POST], ids=["home", "math-post"])
def test_no_horizontal_scrolling_on_a_phone(pages: Pages, artifacts: Path, path: str) -> None:
    page = pages.open(path, viewport=PHONE, has_touch=True, is_mobile=True)
    if path == MATH_POST:
        assert wait_for_math(page) > 50
        formula = page.locator("mjx-container[display='true']").nth(2)
        formula.scroll_into_view_if_needed()
        expect(formula).to_be_visible()
        page.screenshot(path=str(artifacts / "phone-math-post.png"))
    measured = horizontal_overflow(page)
    assert measured["scrollWidth"] <= measured["clientWidth"], measured
    assert not measured["sticking_out"], "sideways scrolling on a phone:\n" + "\n".join(measured["sticking_out"][:15])
    pages.check()


# --------------------------------------------------------------------------- search, feed, 404


def test_search_finds_the_only_post_with_a_word(pages: Pages, site: Path) -> None:
    having = []
    for html in sorted((site / "posts").glob("*/index.html")):
        body = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").select_one("article")
        for section in body.select(".biblog-references, .biblog-cite-this, .biblog-post-nav"):
            section.decompose()
        if SEARCH_WORD in body.get_text().lower():
            having.append(html.parent.name)
    assert having == [SEARCH_POST.split("/")[1]], having

    page = pages.open(f"search/?q={SEARCH_WORD}")
    results = page.locator("#search-results ul.search li a")
    expect(page.locator("#search-results .search-summary")).to_contain_text("found")
    hrefs = [results.nth(i).evaluate("a => a.href") for i in range(results.count())]
    assert pages.server.url(SEARCH_POST) in hrefs, hrefs
    pages.check()


@pytest.mark.parametrize("path", ["", CITED_POST], ids=["home", "post"])
def test_atom_feed_link_resolves(pages: Pages, path: str, repo_root: Path) -> None:
    page = pages.open(path)
    link = page.locator("head link[rel='alternate'][type='application/atom+xml']")
    expect(link).to_have_count(1)
    url = link.evaluate("l => l.href")
    assert url == pages.server.url("atom.xml"), url
    response = page.request.get(url)
    assert response.status == 200
    root = ET.fromstring(response.body())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    assert len(entries) <= len(list((repo_root / "docs" / "posts").glob("*.md")))
    assert all(entry.find(f"{ATOM}link") is not None for entry in entries)
    pages.check()


@pytest.mark.parametrize("path", ["/some/deep/missing/page/", "/en/latest/posts/no-such-post/really/"])
def test_not_found_page_at_a_deep_url(pages: Pages, path: str) -> None:
    url = pages.server.origin + path
    pages.expected_missing.add(url)
    page = pages.open(None)
    assets: dict[str, int] = {}
    page.on("response", lambda r: assets.setdefault(r.url, r.status) if r.url != url else None)
    response = page.goto(url)
    assert response is not None
    assert response.status == 404
    expect(page.locator("article h1")).to_contain_text("not found", ignore_case=True)

    # Every stylesheet loaded and applies: furo's layout is there, not a bare page.
    sheets = page.evaluate("""() => Array.from(document.querySelectorAll("link[rel=stylesheet]")).map(l => ({
        href: l.href, rules: l.sheet ? l.sheet.cssRules.length : 0 }))""")
    assert len(sheets) >= 3, sheets
    for sheet in sheets:
        assert assets.get(sheet["href"]) == 200, (sheet, assets)
        assert sheet["rules"] > 0, sheet
    assert "biblog.css" in " ".join(sheet["href"] for sheet in sheets)
    assert page.evaluate("getComputedStyle(document.querySelector('.sidebar-drawer')).display") != "inline"
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"

    # No broken asset or navigation link: each one answers 200.
    targets = page.evaluate("""() => Array.from(new Set([
        ...Array.from(document.querySelectorAll("link[href], script[src], img[src], a[href]"))
            .map(el => el.href || el.src)
    ])).filter(u => u.startsWith(location.origin + "/"))""")
    targets = sorted({t.split("#")[0] for t in targets} - {url})
    assert len(targets) > 10, targets
    broken = [(t, status) for t in targets if (status := page.request.get(t).status) != 200]
    assert not broken, broken
    pages.check()
