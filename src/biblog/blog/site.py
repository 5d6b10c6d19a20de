"""The extensions a published blog needs, set up with defaults derived from ``blog_*``.

A blog's ``conf.py`` names only ``biblog``: MyST, sphinx-design, OpenGraph
metadata and the 404 page come with it, configured from one place (the
sitemap is biblog's own, ``sitemap.py``). A setting the site gives itself is
never changed silently: biblog fills only settings left unset, and where it
needs a value (``REQUIRED``) it warns about a different one, naming the fix.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.extension import STATIC_DIR as SPHINX_DESIGN_STATIC

from ..compat import set_by_user
from ..warnings_ import Sub, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

COMPANIONS = ("myst_parser", "sphinx_design", "sphinxext.opengraph", "notfound.extension")
MYST_EXTENSIONS = ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]
#: settings biblog needs a given value of: name -> (value, why)
REQUIRED: dict[str, tuple[Any, str]] = {
    "myst_title_to_header": (True, "a post's title comes from its front matter"),
    # MyST would rewrite the MathJax settings on builder-inited, after the
    # environment compared its configuration, so that every incremental build
    # looked like a configuration change and rewrote every page. MathJax's own
    # defaults already typeset the \( \) and \[ \] that Sphinx writes.
    "myst_update_mathjax": (False, "otherwise every incremental build rewrites every page"),
}


def require_settings(config: Config) -> None:
    for name, (value, why) in REQUIRED.items():
        if set_by_user(config, name) and config[name] != value:
            warn(f"conf.py sets {name} = {config[name]!r}, but biblog needs {value!r} ({why}); biblog uses "
                 f"{value!r}: remove the setting from conf.py", Sub.config, None)
        config[name] = value


def import_opengraph_quietly() -> None:
    """Import sphinxext-opengraph without its "matplotlib is not installed" line.

    It prints that to stdout on import, so every build, ``-q`` ones too, began
    with it, although biblog turns social cards off unless the site asks for them.
    """
    with contextlib.redirect_stdout(io.StringIO()):
        import sphinxext.opengraph  # noqa: F401


def derive_settings(app: Sphinx, config: Config) -> None:
    """Fill companion settings the site did not set itself (priority 900: after validation)."""
    url = config.blog_url
    if url and not config.html_baseurl:
        config.html_baseurl = url
    if url and not config.ogp_site_url:
        config.ogp_site_url = url
    if not config.ogp_site_name:
        config.ogp_site_name = config.blog_title or config.project
    if not set_by_user(config, "myst_enable_extensions"):
        config.myst_enable_extensions = list(MYST_EXTENSIONS)
    require_settings(config)
    make_math_safe(config)
    if not set_by_user(config, "ogp_social_cards"):
        config.ogp_social_cards = {"enable": False}
    # The 404 page links its assets and navigation by absolute path. notfound's
    # default is Read the Docs' /en/latest/ (or its canonical URL there); a blog
    # published elsewhere would get a 404 page whose every link is broken.
    if url and "READTHEDOCS_CANONICAL_URL" not in os.environ and not set_by_user(config, "notfound_urls_prefix"):
        config.notfound_urls_prefix = urlsplit(url).path or "/"
    # Math appears in titles inside reference lists rendered at write time.
    app.set_html_assets_policy("always")
    apply_blog_defaults(config)


#: settings a blog wants other than a documentation site, applied only when the
#: site's conf.py (or ``-D``) left them unset: no "view source" link or copied
#: Markdown sources, no empty general or module index, numbered figures (and
#: ``html_title``: the blog's title, not "<project> documentation").
BLOG_DEFAULTS: dict[str, Any] = {
    "html_show_sourcelink": False,
    "html_copy_source": False,
    "html_use_index": False,
    "html_domain_indices": False,
    "numfig": True,
}


def apply_blog_defaults(config: Config) -> None:
    for name, value in BLOG_DEFAULTS.items():
        if not set_by_user(config, name):
            setattr(config, name, value)
    if not set_by_user(config, "html_title"):
        # Sphinx's default is "<project> documentation", in every browser tab.
        config.html_title = config.blog_title or config.project
    if config.html_theme == "furo" and "top_of_page_buttons" not in config.html_theme_options:
        # furo's "view this page" eye links to the raw Markdown; the theme
        # toggle stays.
        config.html_theme_options = {**config.html_theme_options, "top_of_page_buttons": []}


#: MathJax's ``ui/safe`` extension, allowing links to http and https only. Text from a .bib file
#: or front matter can reach typeset math, where ``\href{javascript:...}`` or
#: ``\mmlToken{mi}[href="javascript:..."]`` would otherwise become a link that runs script.
SAFE_PROTOCOLS = {"http": True, "https": True, "file": False, "javascript": False, "data": False}


def make_math_safe(config: Config) -> None:
    """Add MathJax's safe mode to the site's MathJax settings (v4's, or v3's when the site uses those).

    biblog's own filter (``latex.py``) shows known link commands as text; the
    safe mode is the net under it, for every formula MathJax typesets.
    """
    # Sphinx 9 loads MathJax 4 (mathjax4_config); Sphinx 8 has only MathJax 3's setting.
    name = "mathjax3_config" if config.mathjax3_config or "mathjax4_config" not in config else "mathjax4_config"
    settings = dict(getattr(config, name) or {})
    loader = dict(settings.get("loader") or {})
    loader["load"] = [*[x for x in loader.get("load") or [] if x != "ui/safe"], "ui/safe"]
    options = dict(settings.get("options") or {})
    safe = dict(options.get("safeOptions") or {})
    safe["allow"] = {**(safe.get("allow") or {}), "URLs": "safe"}
    safe["safeProtocols"] = SAFE_PROTOCOLS
    setattr(config, name, {**settings, "loader": loader, "options": {**options, "safeOptions": safe}})


class UniqueWrapperIds(SphinxPostTransform):
    """Keep each ``id`` on the table or equation only, not also on furo's wrapper around it.

    Furo's ``WrapTableAndMathInAContainerTransform`` (priority 500) copies every
    attribute of a table or math block onto the ``div.table-wrapper`` /
    ``div.math-wrapper`` it adds, ids included, so a captioned table came out as
    ``<div id="id1"><table id="id1">``: a duplicate id, invalid HTML. Runs after it.
    """

    formats = ("html",)
    default_priority = 501
    WRAPPERS = frozenset({"table-wrapper", "math-wrapper"})

    def run(self, **kwargs: Any) -> None:
        for wrapper in list(self.document.findall(nodes.container)):
            if not self.WRAPPERS.intersection(wrapper["classes"]) or not wrapper["ids"]:
                continue
            inner = {i for child in wrapper.children if isinstance(child, nodes.Element) for i in child["ids"]}
            wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner]


def settle_late_settings(app: Sphinx, config: Config) -> None:
    """Make now the setting changes that furo and sphinx-design make once the builder exists.

    Sphinx compares the configuration with the last build's before the builder
    exists; furo (loaded with the theme) adds ``pygments_dark_style`` and
    sphinx-design appends its static folder only afterwards, so every rebuild
    announced "The configuration has changed" although nothing had.
    """
    if config.html_theme == "furo":
        load_furo_for_html_builders(app)
    add_static_folder(config, SPHINX_DESIGN_STATIC)


def load_furo_for_html_builders(app: Sphinx) -> None:
    """Load furo before the builder exists, its event handlers to run under HTML builders only.

    Sphinx loads a theme's extension only when an HTML builder loads the theme,
    and furo's ``builder-inited`` stops any other builder (text, LaTeX, man...)
    with a ConfigError. Loaded here, at config-inited, furo would stop them all:
    so each handler it connects is connected again behind a check of the builder.
    This has to happen now: Sphinx calls the handlers an event had when it began,
    so taking furo's off at ``builder-inited`` would be too late for furo's own.
    Reconnected at once, at their priorities, they keep their order.
    """
    app.setup_extension("furo")
    for event, listeners in list(app.events.listeners.items()):
        for listener in list(listeners):
            if getattr(listener.handler, "__module__", "").partition(".")[0] == "furo":
                app.disconnect(listener.id)
                app.connect(event, partial(under_html_builders, listener.handler), priority=listener.priority)


def under_html_builders(handler: Callable[..., Any], app: Sphinx, *args: Any) -> Any:
    """Call HANDLER if the builder uses HTML themes, as Sphinx's HTML builders (epub too) do."""
    if isinstance(app.builder, StandaloneHTMLBuilder):
        return handler(app, *args)
    return None


def add_static_folder(config: Config, folder: Path) -> None:
    """Add FOLDER to ``html_static_path`` once, at config-inited: see ``settle_late_settings``."""
    if str(folder) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(folder)]


def drop_repeated_static_paths(app: Sphinx) -> None:
    """sphinx-design appends its folder again on builder-inited; keep the first of each."""
    app.config.html_static_path = list(dict.fromkeys(app.config.html_static_path))


def name_the_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give a page's context the ``pagename`` that the serializing builders (json, pickle) leave out.

    They name the page only as ``current_page_name``, and sphinxext-opengraph, which
    biblog loads, reads ``context["pagename"]``: ``-b json`` stopped with a KeyError.
    Run before it (priority 100); HTML builders' contexts have the key already.
    """
    context.setdefault("pagename", pagename)


def setup_site(app: Sphinx) -> None:
    import_opengraph_quietly()
    for extension in COMPANIONS:
        app.setup_extension(extension)
    app.add_post_transform(UniqueWrapperIds)
    app.connect("config-inited", derive_settings, priority=900)
    app.connect("config-inited", settle_late_settings, priority=910)
    app.connect("builder-inited", drop_repeated_static_paths, priority=900)
    app.connect("html-page-context", name_the_page, priority=100)
