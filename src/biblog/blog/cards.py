"""Hover cards and the small client-side parts of the blog: static assets.

The card shows the citation's entry in the post's own reference list (title,
authors, venue, links, "also cited in"), so no data is duplicated into the
page. Assets are added for HTML builders only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .site import add_static_folder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parents[1] / "static"


def add_static_path(app: Sphinx, config: Config) -> None:
    # On config-inited, not builder-inited: a change made after the environment
    # compared its configuration would count as a new configuration on the
    # next build and rewrite every page.
    add_static_folder(config, STATIC)


def add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("biblog.css")
        app.add_js_file("biblog.js", loading_method="defer")


def setup_cards(app: Sphinx) -> None:
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", add_assets)
