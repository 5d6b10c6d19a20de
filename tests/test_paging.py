"""Pages that stay small at any size: the home page in pages, the references page's
first works with the rest in a script, the feed's newest posts (issue 18)."""

from __future__ import annotations

import json
import marshal
import re
from pathlib import Path

import pytest

from blog_support import card_titles, content, feed_of, page_at, warning_lines
from cite_helpers import edit
from sitehelpers import article

NEWEST_FIRST = ["Fifth post", "Fourth post", "Third post", "Second post", "First post",
                "Origins of adaptive computation"]
SMALL_PAGES = {"blog_posts_per_page": 2, "blog_references_per_page": 2}


def home_page(app, number: int):
    return article(page_at(app, "index.html" if number == 1 else f"page/{number}/index.html"))


def pager_links(region) -> dict[str, str]:
    return {a["rel"][0]: a["href"] for a in region.select(".biblog-pager a[rel]")}


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="paging-home", confoverrides=SMALL_PAGES)
def test_home_pages_hold_every_post_once_in_order(app) -> None:
    app.build()
    assert warning_lines(app) == []
    pages = [home_page(app, n) for n in (1, 2, 3)]
    assert [card_titles(p) for p in pages] == [NEWEST_FIRST[0:2], NEWEST_FIRST[2:4], NEWEST_FIRST[4:6]]
    assert pages[0].select_one(".biblog-postlist-heading").get_text() == "Latest posts (6)"
    assert pages[1].select_one(".biblog-postlist-heading").get_text() == "Posts, page 2 of 3"
    assert pager_links(pages[0]) == {"next": "page/2/"}
    assert pager_links(pages[1]) == {"prev": "../../", "next": "../3/"}
    assert pager_links(pages[2]) == {"prev": "../2/"}
    assert pages[1].select_one(".biblog-card-title a")["href"] == "../../posts/2024-05-20-third/"
    assert not Path(app.outdir, "page", "4").exists()
    head = page_at(app, "page/2/index.html").head
    assert head.select_one('meta[name="description"]')["content"] == "Posts, page 2: Third post; Second post."
    sitemap = Path(app.outdir, "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"<loc>https://blog.example.org/page/{n}/</loc>" in sitemap for n in (2, 3))


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="paging-one-page")
def test_a_short_blog_has_one_home_page_and_no_pager(app) -> None:
    app.build()
    home = content(app, "index")
    assert card_titles(home) == NEWEST_FIRST
    assert home.select(".biblog-pager") == []
    assert not Path(app.outdir, "page").exists()


def rebuild(make_app, app):
    app.cleanup()
    again = make_app(app.builder.name, srcdir=app.srcdir, confoverrides=SMALL_PAGES)
    again.build()
    assert warning_lines(again) == []
    return again


NEW_POST = "---\ntitle: Sixth post\ndate: 2025-08-01\n---\n\nA post added between two builds.\n"


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="paging-incremental", confoverrides=SMALL_PAGES)
def test_a_new_post_shifts_every_home_page_and_a_deleted_one_removes_the_last(app, make_app) -> None:
    app.build()
    new = Path(app.srcdir, "posts", "2025-08-01-sixth.md")
    new.write_text(NEW_POST, encoding="utf-8")
    again = rebuild(make_app, app)
    titles = ["Sixth post", *NEWEST_FIRST]
    assert [card_titles(home_page(again, n)) for n in (1, 2, 3, 4)] == [
        titles[0:2], titles[2:4], titles[4:6], titles[6:7]]
    assert pager_links(home_page(again, 3)) == {"prev": "../2/", "next": "../4/"}
    assert home_page(again, 1).select_one(".biblog-postlist-heading").get_text() == "Latest posts (7)"
    new.unlink()
    last = rebuild(make_app, again)
    assert [card_titles(home_page(last, n)) for n in (1, 2, 3)] == [
        NEWEST_FIRST[0:2], NEWEST_FIRST[2:4], NEWEST_FIRST[4:6]]
    assert pager_links(home_page(last, 3)) == {"prev": "../2/"}
    assert not Path(last.outdir, "page", "4").exists()


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="paging-edit-one-page", confoverrides=SMALL_PAGES)
def test_a_post_edit_that_keeps_its_place_rewrites_only_its_home_page(app, make_app) -> None:
    app.build()
    first = Path(app.srcdir, "posts", "2024-01-10-first.md")
    edit(first, first.read_text(encoding="utf-8").replace("summary: ", "summary: Revised. ", 1))
    written: list[str] = []
    app.cleanup()
    again = make_app(app.builder.name, srcdir=app.srcdir, confoverrides=SMALL_PAGES)
    again.connect("html-page-context", lambda _app, name, *_args: written.append(name))
    again.build()
    assert warning_lines(again) == []
    assert [name for name in written if name.startswith("page/")] == ["page/3"]
    assert any("Revised." in p.get_text() for p in home_page(again, 3).select(".biblog-summary"))


def works_of(app) -> list[list[str]]:
    """The works script of the references page, read as the browser would assign it."""
    text = Path(app.outdir, "_biblog", "works-references.js").read_text(encoding="utf-8")
    match = re.fullmatch(r'\(window\.biblogWorks = window\.biblogWorks \|\| \{\}\)\["references"\] = (.*);\n',
                         text, re.DOTALL)
    assert match is not None
    return json.loads(match.group(1))


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="paging-references", confoverrides=SMALL_PAGES)
def test_references_page_holds_its_first_works_and_a_script_holds_all(app) -> None:
    app.build()
    page = content(app, "references")
    works = works_of(app)
    box = page.select_one(".biblog-works")
    assert box["data-works"] == "../_biblog/works-references.js"
    assert box["data-per-page"] == "2"
    assert int(box["data-total"]) == len(works) > 2
    shown = page.select(".biblog-site-references > li")
    assert [li["id"] for li in shown] == [w[0] for w in works[:2]]
    # Each work of the script is the list item the page would show, in the page's order.
    assert [str(li) for li in shown] == [
        str(article_item) for article_item in (page_item(w[2]) for w in works[:2])]
    assert len({w[0] for w in works}) == len(works)
    assert all(w[0].startswith("ref-") for w in works)
    # The words the filter matches: authors, title, year (with its letter) and the key.
    graves = next(w for w in works if w[0] == "ref-graves2016adaptive")
    assert all(word in graves[1] for word in ("graves", "adaptive computation time", "2016"))
    assert page.select_one(".biblog-works-note").get_text().startswith(f"The first 2 of {len(works)} works")


def page_item(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "lxml").select_one("li")


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="paging-feed")
def test_feed_defaults_to_the_newest_twenty_and_zero_means_every_post(app, make_app) -> None:
    app.build()
    assert app.config.blog_feed_length == 20
    assert [e.title for e in feed_of(app).entries] == NEWEST_FIRST
    app.cleanup()
    short = make_app("dirhtml", srcdir=app.srcdir, confoverrides={"blog_feed_length": 0})
    short.build()
    assert len(feed_of(short).entries) == 6


@pytest.mark.sphinx("html", testroot="blog", srcdir="paging-html-builder", confoverrides=SMALL_PAGES)
def test_paging_with_the_html_builder(app) -> None:
    app.build()
    assert warning_lines(app) == []
    home = article(page_at(app, "index.html"))
    assert pager_links(home) == {"next": "page/2.html"}
    second = article(page_at(app, "page/2.html"))
    assert card_titles(second) == NEWEST_FIRST[2:4]
    assert pager_links(second) == {"prev": "../index.html", "next": "3.html"}
    box = article(page_at(app, "references.html")).select_one(".biblog-works")
    assert box["data-works"] == "_biblog/works-references.js"


@pytest.mark.parametrize("setting", ["blog_posts_per_page", "blog_references_per_page"])
def test_a_page_size_must_be_positive(make_app, rootdir, tmp_path, setting) -> None:
    import shutil

    from sphinx.errors import ConfigError

    shutil.copytree(rootdir / "test-blog", tmp_path / "src")
    with pytest.raises(ConfigError, match=f"{setting} must be a positive whole number"):
        make_app("dirhtml", srcdir=tmp_path / "src", confoverrides={setting: 0})


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="paging-works-cache", confoverrides=SMALL_PAGES)
def test_rewriting_the_references_page_renders_again_only_the_works_that_changed(app, make_app) -> None:
    app.build()
    cache = Path(app.doctreedir, "biblog-works-references.marshal")
    stamp, written, docs, order, cached = marshal.loads(cache.read_bytes())
    assert set(cached) == {w[0].removeprefix("ref-") for w in works_of(app)}
    # Mark the cached description of a work the edit below leaves alone, and of the one it changes.
    for key in ("ho2022classifier", "graves2016adaptive"):
        cached[key] = (*cached[key][:3], "from the cache")
    cache.write_bytes(marshal.dumps((stamp, written, docs, order, cached)))
    first = Path(app.srcdir, "posts", "2024-01-10-first.md")
    edit(first, first.read_text(encoding="utf-8").replace("Thinking longer helps", "Thinking much longer helps"))
    again = rebuild(make_app, app)
    works = {w[0]: w[2] for w in works_of(again)}
    described = {key: work[3] for key, work in marshal.loads(cache.read_bytes())[4].items()}
    assert described["ho2022classifier"] == "from the cache"
    assert described["graves2016adaptive"] != "from the cache"
    assert "Thinking much longer helps" in works["ref-graves2016adaptive"]
    # A cache from another version of biblog, or whose works script was edited since, is not used.
    stamp, written, docs, order, cached = marshal.loads(cache.read_bytes())
    cache.write_bytes(marshal.dumps((("another", "version"), written, docs, order, cached)))
    edit(first, first.read_text(encoding="utf-8").replace("Thinking much longer helps", "Thinking longer helps"))
    last = rebuild(make_app, again)
    assert "from the cache" not in {work[3] for work in marshal.loads(cache.read_bytes())[4].values()}
    stamp, written, docs, order, cached = marshal.loads(cache.read_bytes())
    cache.write_bytes(marshal.dumps((stamp, written, docs, order, {**cached, "ho2022classifier": (
        *cached["ho2022classifier"][:3], "from the cache")})))
    script = Path(last.outdir, "_biblog", "works-references.js")
    script.write_bytes(script.read_bytes().replace(b"Thinking longer helps", b"Thinking longer helps!"))
    edit(first, first.read_text(encoding="utf-8").replace("Thinking longer helps", "Thinking much longer helps"))
    last = rebuild(make_app, last)
    assert "from the cache" not in {work[3] for work in marshal.loads(cache.read_bytes())[4].values()}
    assert "Thinking longer helps!" not in script.read_text(encoding="utf-8")
