"""Any theme: under a theme other than furo, the colour variables biblog's CSS reads.

biblog.css is written on furo's CSS variables; ``biblog-theme.css`` defines
them from the theme's own variables (pydata-sphinx-theme's ``--pst-color-*``)
or from plain colours, so cards, tags, update notes and hover cards have a
background and a border under alabaster and the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: themes that define furo's colour variables themselves
FURO_LIKE = frozenset({"furo"})


def add_theme_bridge(app: Sphinx) -> None:
    if app.builder.format == "html" and app.config.html_theme not in FURO_LIKE:
        # Before biblog.css (priority 500), so that a site's own CSS can still redefine the variables.
        app.add_css_file("biblog-theme.css", priority=450)


def setup_themes(app: Sphinx) -> None:
    app.connect("builder-inited", add_theme_bridge)
