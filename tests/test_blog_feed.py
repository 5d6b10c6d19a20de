"""The Atom feed, parsed back with feedparser, and its link in every page's head."""

from __future__ import annotations

from pathlib import Path

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
def test_sitemap_lists_every_page_and_survives_incremental_builds(app, make_app) -> None:
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
    app.cleanup()
    again = make_app("dirhtml", srcdir=app.srcdir)
    again.build()
    assert sitemap_of(again) == first


def descriptions(app, page: str) -> tuple[list[str], list[str]]:
    head = page_at(app, page).head
    return ([m["content"] for m in head.select('meta[name="description"]')],
            [m["content"] for m in head.select('meta[property="og:description"]')])


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-descriptions")
def test_pages_are_described_by_what_the_blog_knows(app) -> None:
    app.build()
    # A post: its front-matter summary, once, in both tags.
    assert descriptions(app, "posts/2024-01-10-first/index.html") == (
        ["The first post of the test blog."], ["The first post of the test blog."])
    # Without one: its first paragraph, with citations left out.
    meta, og = descriptions(app, "posts/2024-03-05-second/index.html")
    assert meta == og == ["The second post also cites in its opening paragraph, which is long enough to become "
                          "the summary of the post."]
    # The home page: the blog's description, escaped once in the HTML and read back as the text.
    assert descriptions(app, "index.html") == (["Notes on <adaptive> computation & friends."],
                                               ["Notes on <adaptive> computation & friends."])
    assert 'content="Notes on &lt;adaptive&gt; computation &amp; friends."' in (
        Path(app.outdir, "index.html").read_text(encoding="utf-8"))
    meta, _og = descriptions(app, "tags/beta/index.html")  # no doctree: sphinxext-opengraph skips the page
    assert len(meta) == 1
    assert meta[0].startswith("Posts tagged “beta”: Fourth post; Second post; First post")


def open_graph(app, page: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in page_at(app, page).head.select("meta[property]"):
        found.setdefault(tag["property"], []).append(tag["content"])
    return found


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-open-graph")
def test_link_previews_know_posts_are_articles_and_tag_pages_exist(app) -> None:
    app.build()
    post = open_graph(app, "posts/2024-03-05-second/index.html")
    assert post["og:type"] == ["article"]
    assert post["og:url"] == ["https://blog.example.org/posts/2024-03-05-second/"]
    assert post["article:published_time"] == ["2024-03-05"]
    assert post["article:modified_time"] == ["2024-06-01"]  # the latest update note
    assert post["article:tag"] == ["beta"]
    assert post["article:author"] == ["Ada Author"]
    assert "article:modified_time" not in open_graph(app, "posts/2024-01-10-first/index.html")
    assert open_graph(app, "index.html")["og:type"] == ["website"]
    assert not any(name.startswith("article:") for name in open_graph(app, "index.html"))
    tag_page = open_graph(app, "tags/beta/index.html")
    assert tag_page["og:title"] == ["Posts tagged “beta”"]
    assert tag_page["og:type"] == ["website"]
    assert tag_page["og:url"] == ["https://blog.example.org/tags/beta/"]
    assert tag_page["og:site_name"] == ["Test blog"]
    assert tag_page["og:description"][0].startswith("Posts tagged “beta”: Fourth post; Second post")
