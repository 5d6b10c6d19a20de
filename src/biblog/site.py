"""The extensions a published blog needs, set up with defaults derived from ``blog_*``.

A blog's ``conf.py`` names only ``biblog``: MyST, sphinx-design, the sitemap,
OpenGraph metadata and the 404 page come with it, configured from one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

COMPANIONS = ("myst_parser", "sphinx_design", "sphinx_sitemap", "sphinxext.opengraph", "notfound.extension")
MYST_EXTENSIONS = ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]


def derive_settings(app: Sphinx, config: Config) -> None:
    """Fill companion settings the site did not set itself (priority 900: after validation)."""
    url = config.blog_url
    if url and not config.html_baseurl:
        config.html_baseurl = url
    if url and not config.ogp_site_url:
        config.ogp_site_url = url
    if not config.ogp_site_name:
        config.ogp_site_name = config.blog_title or config.project
    for extension in MYST_EXTENSIONS:
        if extension not in config.myst_enable_extensions:
            config.myst_enable_extensions = [*config.myst_enable_extensions, extension]
    config.myst_title_to_header = True
    # MyST would rewrite the MathJax settings on builder-inited, after the
    # environment compared its configuration, so that every incremental build
    # looked like a configuration change and rewrote every page. MathJax's own
    # defaults already typeset the \( \) and \[ \] that Sphinx writes.
    config.myst_update_mathjax = False
    if not config.ogp_social_cards:
        config.ogp_social_cards = {"enable": False}
    if config.sitemap_url_scheme == "{lang}{version}{link}":
        config.sitemap_url_scheme = "{link}"
    # Math appears in titles inside reference lists rendered at write time.
    app.set_html_assets_policy("always")


def setup_site(app: Sphinx) -> None:
    for extension in COMPANIONS:
        app.setup_extension(extension)
    app.connect("config-inited", derive_settings, priority=900)
