"""The references page at scale, in Debian's chromium: the filter searches every work, not
only the first page's, and a ``#ref-key`` link reaches a work the page did not hold (issue 18).

The flagship has more works than ``blog_references_per_page`` (100), so its page is paged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_tools import Pages, scrolls_into_view
from playwright.sync_api import Browser, Route, expect

pytestmark = pytest.mark.browser

PER_PAGE = 100


def works_of(site: Path) -> list[list[str]]:
    text = (site / "_biblog" / "works-references.js").read_text(encoding="utf-8")
    return json.loads(text.split("] = ", 1)[1].rstrip().removesuffix(";"))


def test_flagship_has_works_past_the_first_page(site: Path) -> None:
    assert len(works_of(site)) > 2 * PER_PAGE


def test_filter_searches_every_work(pages: Pages, site: Path) -> None:
    works = works_of(site)
    word = "learning"
    expected = [w[0] for w in works if word in w[1]]
    assert len(expected) > 0
    assert any(index >= PER_PAGE for index, w in enumerate(works) if word in w[1])  # one past page 1
    page = pages.open("references/")
    page.fill("#biblog-filter-input", word)
    expect(page.locator(".biblog-filter-status")).to_have_text(f"{len(expected)} of {len(works)} works")
    shown = page.locator(".biblog-site-references > li")
    expect(shown).to_have_count(min(PER_PAGE, len(expected)))
    ids = shown.evaluate_all("items => items.map(li => li.id)")
    assert ids == expected[:PER_PAGE]
    # Two words: both must match, in any order.
    page.fill("#biblog-filter-input", f"{word} 2017")
    both = [w[0] for w in works if word in w[1] and "2017" in w[1]]
    expect(page.locator(".biblog-filter-status")).to_have_text(f"{len(both)} of {len(works)} works")
    page.fill("#biblog-filter-input", "")
    expect(page.locator(".biblog-filter-status")).to_have_text("")
    expect(shown).to_have_count(PER_PAGE)
    assert shown.first.get_attribute("id") == works[0][0]
    pages.check()


def test_pager_turns_to_the_next_works(pages: Pages, site: Path) -> None:
    works = works_of(site)
    page = pages.open("references/")
    where = page.locator(".biblog-works-where")
    expect(where).to_have_text(f"Works 1–{PER_PAGE} of {len(works)}")
    page.click(".biblog-works-older")
    expect(where).to_have_text(f"Works {PER_PAGE + 1}–{min(2 * PER_PAGE, len(works))} of {len(works)}")
    assert page.locator(".biblog-site-references > li").first.get_attribute("id") == works[PER_PAGE][0]
    page.click(".biblog-works-newer")
    expect(where).to_have_text(f"Works 1–{PER_PAGE} of {len(works)}")
    pages.check()


def test_a_work_past_the_first_page_is_reached_by_its_anchor(pages: Pages, site: Path) -> None:
    works = works_of(site)
    anchor = works[PER_PAGE + 5][0]
    page = pages.open(f"references/#{anchor}")
    entry = page.locator(f"li[id='{anchor}']")
    expect(entry).to_be_visible()
    assert scrolls_into_view(entry)  # the page scrolls there once the works are loaded (and smoothly)
    # A link followed on the page itself (hashchange) reaches another one.
    later = works[-1][0]
    page.evaluate(f"location.hash = '#{later}'")
    expect(page.locator(f"li[id='{later}']")).to_be_visible()
    pages.check()


def test_a_work_past_the_first_page_is_reached_from_disk(browser: Browser, site: Path) -> None:
    works = works_of(site)
    anchor = works[PER_PAGE + 5][0]
    page = browser.new_page()

    def offline(route: Route) -> None:
        route.continue_() if route.request.url.startswith("file://") else route.abort()

    page.route("**/*", offline)
    try:
        page.goto((site / "references" / "index.html").as_uri() + f"#{anchor}")
        entry = page.locator(f"li[id='{anchor}']")
        expect(entry).to_be_visible()
        link = entry.locator(".biblog-citing-places a").first
        assert re.search(r"/index\.html#", link.get_attribute("href") or ""), "links from disk name index.html"
    finally:
        page.close()


def test_reader_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    """``python -m benchmarks.reader`` end to end, small: it reports, and this test times nothing.

    In its own process: the session's Playwright already runs here."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "benchmarks.reader", "--posts", "25", "--entries", "300",
                             "--corpus", str(tmp_path), "--jobs", "1"],
                            cwd=repo, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    for line in ("home page ", "home page 2 ", "references page ", "works script (on demand) ",
                 "filter keystroke ", "#ref-key of the last work "):
        assert f"\n  {line}" in result.stdout, line
