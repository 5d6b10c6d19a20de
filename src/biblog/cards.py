"""Hover cards and the small client-side parts of the blog: static assets.

The card shows the citation's entry in the post's own reference list (title,
authors, venue, links, "also cited in"), so no data is duplicated into the
page. Assets are added for HTML builders only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("biblog.css")
        app.add_js_file("biblog.js", loading_method="defer")


def setup_cards(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
