"""Rebuilds without a clean build, and parallel builds, give the same site as a fresh one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from blog_support import card_titles, content, feed_of, tag_page, tag_page_exists, warning_lines
from cite_helpers import edit

NEW_POST = """---
title: Sixth post
date: 2025-08-01
tags: [beta, delta]
summary: A post added between two builds.
---

A post added between two builds, read without reading the others again.
"""


def rebuild(make_app, app, written: list[str] | None = None):
    """A new Sphinx run over the same sources and output, as ``sphinx-build`` would do.

    ``written``, when given, collects the name of every page the run writes.
    """
    app.cleanup()  # as between two processes: Sphinx's global docutils registrations are undone
    again = make_app(app.builder.name, srcdir=app.srcdir)
    if written is not None:
        again.connect("html-page-context", lambda _app, name, *_args: written.append(name))
    again.build()
    assert warning_lines(again) == []
    return again


def snapshot(app) -> dict[str, object]:
    return {
        "home": card_titles(content(app, "index")),
        "archive": [[a.get_text() for a in y.select("li a")]
                    for y in content(app, "archive").select("section.biblog-year")],
        "beta": card_titles(tag_page(app, "beta")),
        "tags": [a.get_text() for a in content(app, "tags").select(".biblog-tag-cloud a")],
        "feed": [(e.title, e.updated) for e in feed_of(app).entries],
    }


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-incremental-add")
def test_adding_a_post(app, make_app) -> None:
    app.build()
    Path(app.srcdir, "posts", "2025-08-01-sixth.md").write_text(NEW_POST, encoding="utf-8")
    again = snapshot(rebuild(make_app, app))
    assert again["home"][:2] == ["Sixth post", "Fifth post"]
    assert again["archive"][0] == ["Sixth post", "Fifth post", "Fourth post"]
    assert again["beta"] == ["Sixth post", "Fourth post", "Second post", "First post"]
    assert "delta (1)" in again["tags"]
    assert card_titles(tag_page(app, "delta")) == ["Sixth post"]
    assert again["feed"][0] == ("Sixth post", "2025-08-01T00:00:00Z")
    fifth = content(app, "posts/2025-06-30-fifth").select(".biblog-post-nav a[rel=next]")
    assert [a.get_text(" ", strip=True) for a in fifth] == ["Next post Sixth post"]


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-incremental-edit")
def test_editing_an_update_note(app, make_app) -> None:
    app.build()
    source = Path(app.srcdir, "posts", "2024-03-05-second.md")
    source.write_text(source.read_text(encoding="utf-8").replace(
        "  - date: 2024-06-01\n    note: Fixed a typo in **the method**.",
        "  - date: 2025-07-01\n    note: Rewrote the conclusion."), encoding="utf-8")
    rebuilt = rebuild(make_app, app)
    expected = "Updated July 1, 2025: Rewrote the conclusion."
    for region in (content(app, "index"), tag_page(app, "beta")):
        card = next(c for c in region.select(".biblog-card") if "Second post" in c.h3.get_text())
        assert card.select_one(".biblog-card-update").get_text() == expected
    events = content(app, "whats-new").select("li.biblog-event")
    assert " ".join(events[0].get_text().split()) == "2025-07-01 Updated Second post: Rewrote the conclusion."
    entry = next(e for e in feed_of(rebuilt).entries if e.title == "Second post")
    assert entry.updated == "2025-07-01T00:00:00Z"
    in_post = "[Updated on 2025-07-01: Rewrote the conclusion.]"
    assert entry.summary.endswith(in_post)
    assert content(app, "posts/2024-03-05-second").select_one(".biblog-update").get_text() == in_post


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-incremental-delete")
def test_deleting_a_post(app, make_app) -> None:
    app.build()
    assert tag_page_exists(app, "machine-learning")
    Path(app.srcdir, "posts", "2024-05-20-third.md").unlink()
    again = snapshot(rebuild(make_app, app))
    assert "Third post" not in again["home"]
    assert again["archive"][1] == ["Second post", "First post"]
    assert card_titles(tag_page(app, "gamma")) == ["Fourth post"]
    assert again["tags"] == ["alpha (2)", "beta (3)", "gamma (1)"]
    assert not tag_page_exists(app, "machine-learning")
    assert "Third post" not in [title for title, _ in again["feed"]]
    nav = content(app, "posts/2024-03-05-second").select_one(".biblog-post-nav a[rel=next]")
    assert nav.get_text(" ", strip=True) == "Next post Fourth post"


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-parallel", parallel=2)
def test_parallel_build_matches_serial(app, make_app, rootdir) -> None:
    app.build()
    assert warning_lines(app) == []
    app.cleanup()
    serial_src = Path(app.srcdir).parent / "blog-parallel-serial"
    shutil.copytree(rootdir / "test-blog", serial_src, dirs_exist_ok=True)
    serial = make_app("dirhtml", srcdir=serial_src, parallel=0)
    serial.build()
    assert snapshot(app) == snapshot(serial)
    assert str(content(app, "index")) == str(content(serial, "index"))
    assert str(tag_page(app, "beta")) == str(tag_page(serial, "beta"))
    assert Path(app.outdir, "atom.xml").read_bytes() == Path(serial.outdir, "atom.xml").read_bytes()


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-incremental-tag-pages")
def test_tag_pages_are_written_only_when_they_may_have_changed(app, make_app) -> None:
    app.build()
    beta = Path(app.outdir, "tags", "beta", "index.html")
    before = beta.stat().st_mtime_ns
    written: list[str] = []
    rebuild(make_app, app, written)
    assert [name for name in written if name.startswith("tags/")] == []
    assert beta.stat().st_mtime_ns == before
    # A missing page is written again, alone.
    beta.unlink()
    written.clear()
    rebuild(make_app, app, written)
    assert beta.is_file()
    assert [name for name in written if name.startswith("tags/")] == ["tags/beta"]
    # A post read again but unchanged (as after an edit of a .bib entry it cites) shows the same.
    first = Path(app.srcdir, "posts", "2024-01-10-first.md")
    edit(first, first.read_text(encoding="utf-8"))
    written.clear()
    rebuild(make_app, app, written)
    assert "posts/2024-01-10-first" in written
    assert [name for name in written if name.startswith("tags/")] == []
    # A post's new summary shows on its own tags' pages, the only ones written again.
    first = Path(app.srcdir, "posts", "2024-01-10-first.md")
    edit(first, first.read_text(encoding="utf-8").replace("summary: ", "summary: Revised. ", 1))
    written.clear()
    rebuild(make_app, app, written)
    assert sorted(name for name in written if name.startswith("tags/")) == ["tags/alpha", "tags/beta"]
    assert "Revised." in tag_page(app, "beta").get_text()
    # A post's new title shows on its tag pages.
    first = Path(app.srcdir, "posts", "2024-01-10-first.md")
    edit(first, first.read_text(encoding="utf-8").replace("title: First post", "title: First post, renamed"))
    written.clear()
    again = rebuild(make_app, app, written)
    assert "First post, renamed" in card_titles(tag_page(again, "beta"))
