"""A post's furniture: header, update banner, "Cite this post", neighbours."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from blog_support import content, warning_lines

SECOND = "posts/2024-03-05-second"


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-posts-header")
def test_header_shows_dates_reading_time_and_tag_links(app) -> None:
    app.build()
    assert warning_lines(app) == []
    meta = content(app, SECOND).select_one("div.biblog-post-meta")
    assert meta.select_one("time.biblog-date")["datetime"] == "2024-03-05"
    assert meta.select_one("time.biblog-date").get_text() == "March 5, 2024"
    updated = meta.select_one(".biblog-updated")
    assert updated.get_text(" ", strip=True) == "Updated June 1, 2024"
    assert updated.time["datetime"] == "2024-06-01"
    assert meta.select_one(".biblog-reading-time").get_text() == "1 min read"
    assert [(a.get_text(), a["href"]) for a in meta.select("a.biblog-tag")] == [("beta", "../../tags/beta/")]


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-posts-banner")
def test_update_banner_newest_first_with_resolved_doc_link(app) -> None:
    app.build()
    notes = content(app, SECOND).select(".biblog-updates p.biblog-update")
    assert [n.get_text(strip=False) for n in notes] == [
        "[Updated on 2024-06-01: Fixed a typo in the method.]",
        "[Updated on 2024-04-01: Added a link back to First post.]",
    ]
    assert notes[0].strong.get_text() == "the method"
    link = notes[1].select_one("a.reference.internal")
    assert link["href"] == "../2024-01-10-first/"
    assert link.get_text() == "First post"


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-posts-cite")
def test_cite_this_post_line_and_bibtex(app) -> None:
    app.build()
    cite = content(app, SECOND).select_one(".biblog-cite-this")
    url = "https://blog.example.org/posts/2024-03-05-second/"
    assert cite.select_one(".biblog-cite-line").get_text() == (
        f'Ada Author. (Mar 2024). "Second post". Test blog. {url}')
    bib = parse_string(cite.select_one("pre.biblog-bibtex").get_text(), "bibtex")
    (key, entry), = bib.entries.items()
    assert key == "author2024second"
    assert entry.type == "article"
    assert [str(p) for p in entry.persons["author"]] == ["Author, Ada"]
    assert {k: entry.fields[k] for k in ("title", "journal", "year", "url")} == {
        "title": "Second post", "journal": "Test blog", "year": "2024", "url": url}
    assert entry.fields["month"] == "March"


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-posts-nav")
def test_previous_and_next_links_follow_the_catalog(app) -> None:
    app.build()

    def nav(docname: str) -> dict[str, tuple[str, str]]:
        links = content(app, docname).select(".biblog-post-nav a")
        return {a["rel"][0]: (a["href"], a.get_text(" ", strip=True)) for a in links}

    assert nav(SECOND) == {
        "prev": ("../2024-01-10-first/", "Previous post First post"),
        "next": ("../2024-05-20-third/", "Next post Third post"),
    }
    assert set(nav("posts/2023-11-20-origins")) == {"next"}
    assert set(nav("posts/2025-06-30-fifth")) == {"prev"}
