"""Helpers for build tests: parsed pages, content regions, warnings."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors


def html_of(app, docname: str) -> BeautifulSoup:
    """The parsed HTML page of ``docname`` in a dirhtml or html build."""
    path = Path(app.outdir, app.builder.get_target_uri(docname) or "", "index.html")
    if not path.is_file():
        path = Path(app.outdir, docname + ".html")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def article(soup: BeautifulSoup):
    """The content region of a furo or basic page."""
    return soup.select_one("article[role=main]") or soup.select_one("div.body") or soup.body


def warnings_of(app) -> str:
    return app.warning.getvalue()


def without_colours(text: str) -> str:
    """Sphinx's output without the terminal colour codes it adds to warnings."""
    return strip_colors(text)
