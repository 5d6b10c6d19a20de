"""Any theme: the blog pages render inside the theme's content region under alabaster and pydata-sphinx-theme.

Each theme builds the blog test root; furo (the flagship's theme) is covered by the site tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from blog_support import warning_lines

STATIC = Path(__file__).resolve().parent.parent / "src" / "biblog" / "static"
#: each theme's content region: the blog's parts must be inside it, not beside the theme's layout
MAIN = {"alabaster": "div.body[role=main]", "pydata_sphinx_theme": "article.bd-article"}
POST = "posts/2024-01-10-first"


def page(app, docname: str) -> BeautifulSoup:
    path = Path(app.outdir, docname, "index.html") if docname != "index" else Path(app.outdir, "index.html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def main_region(app, docname: str, theme: str) -> Tag:
    region = page(app, docname).select_one(MAIN[theme])
    assert region is not None, f"{docname}: no {MAIN[theme]} under {theme}"
    return region


def check_pages(app, theme: str) -> None:
    assert warning_lines(app) == []
    home = main_region(app, "index", theme)
    assert len(home.select(".biblog-card")) == 6
    assert home.select_one(".biblog-card .biblog-post-meta time.biblog-date")
    post = main_region(app, POST, theme)
    assert post.select_one(".biblog-post-meta .biblog-reading-time")
    assert post.select_one("a.biblog-cite")["title"]
    assert post.select(".biblog-reference-list .biblog-reference")
    assert post.select_one(".biblog-cite-this .biblog-bibtex")
    assert post.select_one(".biblog-post-nav a[rel=next]")
    assert main_region(app, "archive", theme).select(".biblog-archive .biblog-year")
    assert main_region(app, "tags", theme).select(".biblog-tag-index .biblog-tag-section")
    assert main_region(app, "whats-new", theme).select(".biblog-whatsnew li")
    assert main_region(app, "references", theme).select(".biblog-site-references .biblog-reference")
    head = page(app, POST).head
    stylesheets = [link["href"] for link in head.select("link[rel=stylesheet]")]
    assert any(re.search(r"biblog-theme\.css(\?|$)", href) for href in stylesheets)
    assert any(re.search(r"biblog\.css(\?|$)", href) for href in stylesheets)
    assert any("biblog.js" in script.get("src", "") for script in page(app, POST).select("script"))


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="theme-alabaster",
                    confoverrides={"html_theme": "alabaster"})
def test_blog_pages_under_alabaster(app) -> None:
    app.build()
    check_pages(app, "alabaster")


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="theme-pydata",
                    confoverrides={"html_theme": "pydata_sphinx_theme"})
def test_blog_pages_under_pydata_sphinx_theme(app) -> None:
    app.build()
    check_pages(app, "pydata_sphinx_theme")


def test_theme_bridge_defines_every_variable_biblog_css_reads() -> None:
    used = set(re.findall(r"var\((--color-[a-z0-9-]+)\)", (STATIC / "biblog.css").read_text()))
    defined = set(re.findall(r"(--color-[a-z0-9-]+):", (STATIC / "biblog-theme.css").read_text()))
    assert used <= defined, f"biblog-theme.css lacks {sorted(used - defined)}"
