"""The Atom feed, parsed back with feedparser, and its link in every page's head."""

from __future__ import annotations

import pytest

from blog_support import feed_of, page_at


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-feed")
def test_feed_has_one_clean_entry_per_post(app) -> None:
    app.build()
    feed = feed_of(app)
    assert not feed.bozo
    assert feed.feed.title == "Test blog"
    assert feed.feed.updated == "2025-06-30T00:00:00Z"
    entries = {e.title: e for e in feed.entries}
    assert [e.title for e in feed.entries] == ["Fifth post", "Fourth post", "Third post", "Second post",
                                               "First post", "Origins of adaptive computation"]
    second = entries["Second post"]
    assert second.link == "https://blog.example.org/posts/2024-03-05-second/"
    assert second.id == second.link
    assert second.published == "2024-03-05T00:00:00Z"
    assert second.updated == "2024-06-01T00:00:00Z"
    assert [t.term for t in second.tags] == ["beta"]
    assert second.summary == (
        "The second post also cites in its opening paragraph, which is long enough to become the "
        "summary of the post. [Updated on 2024-06-01: Fixed a typo in the method.]")
    assert entries["First post"].updated == entries["First post"].published
    for entry in feed.entries:
        assert entry.link.startswith("https://blog.example.org/posts/")
        assert not any(mark in entry.summary for mark in ("<", "`", "{", "*", "graves2016", "wei2022"))


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-feed-links")
def test_every_page_links_the_feed(app) -> None:
    app.build()
    for page, href in [("index.html", "atom.xml"), ("posts/2024-01-10-first/index.html", "../../atom.xml"),
                       ("tags/beta/index.html", "../../atom.xml"), ("archive/index.html", "../atom.xml")]:
        links = page_at(app, page).head.select('link[rel=alternate][type="application/atom+xml"]')
        assert [(link["href"], link["title"]) for link in links] == [(href, "Test blog")], page


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-feed-length",
                    confoverrides={"blog_feed_length": 2})
def test_feed_length_keeps_the_newest_posts(app) -> None:
    app.build()
    assert [e.title for e in feed_of(app).entries] == ["Fifth post", "Fourth post"]


def sitemap_of(app) -> dict[str, str]:
    """loc -> lastmod ("" when absent) of the built sitemap.xml."""
    from xml.etree import ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(app.outdir / "sitemap.xml").getroot()
    return {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", default="", namespaces=ns)
            for url in root.findall("s:url", ns)}


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-sitemap")
def test_sitemap_lists_every_page_and_survives_incremental_builds(app) -> None:
    from sphinx.testing.util import SphinxTestApp

    app.build()
    first = sitemap_of(app)
    base = "https://blog.example.org/"
    assert first[base] == ""
    assert first[base + "posts/2024-03-05-second/"] == "2024-06-01"  # its latest update note
    assert first[base + "posts/2024-01-10-first/"] == "2024-01-10"
    assert base + "tags/beta/" in first
    assert base + "archive/" in first
    assert len([loc for loc in first if "/posts/" in loc]) == 6
    # A rebuild that writes nothing (or one page) still lists the whole site.
    again = SphinxTestApp("dirhtml", srcdir=app.srcdir)
    try:
        again.build()
        assert sitemap_of(again) == first
    finally:
        again.cleanup()
