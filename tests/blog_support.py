"""Helpers shared by the test_blog*.py build tests (parsed HTML, the feed, warnings)."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup, Tag

from sitehelpers import article, html_of, without_colours

#: Sphinx's warning lines, with the absolute source directory cut to "SRC/"
WARNING = re.compile(r"^(?P<where>\S+?): WARNING: (?P<message>.*)$", re.MULTILINE)


def content(app, docname: str) -> Tag:
    return article(html_of(app, docname))


def page_at(app, relative: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, relative).read_text(encoding="utf-8"), "lxml")


def warning_lines(app) -> list[str]:
    text = app.warning.getvalue().replace(str(app.srcdir) + "/", "SRC/")
    return [without_colours(line) for line in text.splitlines() if "WARNING" in line]


def card_titles(region: Tag) -> list[str]:
    return [a.get_text(strip=True) for a in region.select(".biblog-card-title a")]


def feed_of(app):
    return feedparser.parse(Path(app.outdir, "atom.xml").read_bytes())


def tag_page(app, slug: str) -> Tag:
    """A generated tag page's content region, in dirhtml or html output."""
    path = Path(app.outdir, "tags", slug, "index.html")
    if not path.is_file():
        path = Path(app.outdir, "tags", f"{slug}.html")
    return article(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml"))


def tag_page_exists(app, slug: str) -> bool:
    return Path(app.outdir, "tags", slug, "index.html").is_file() or Path(
        app.outdir, "tags", f"{slug}.html").is_file()
