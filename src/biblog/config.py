"""The ``blog_*`` settings: one typed dataclass, validated on ``config-inited``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from .warnings_ import Sub, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: where the settled settings are kept, on the application (which parallel readers inherit)
APP_ATTRIBUTE = "biblog_settings"


@dataclass(frozen=True)
class BlogConfig:
    title: str = field(default="", metadata={"help": "the blog's name, used in feeds and citations"})
    url: str = field(default="", metadata={"help": "absolute base URL of the published site"})
    description: str = field(default="", metadata={
        "help": "one or two sentences about the blog: the home page's description for search engines"})
    authors: list[str] = field(default_factory=list, metadata={"help": "default post authors"})
    bibfiles: list[str] | None = field(default=None, metadata={
        "help": "old name of sphinxcontrib-bibtex's bibtex_bibfiles, which is the setting now"})
    posts_dir: str = field(default="posts", metadata={"help": "folder of the posts, under the source dir"})
    words_per_minute: int = field(default=230, metadata={"help": "reading speed for reading time"})
    feed_length: int = field(default=20, metadata={"help": "entries in the Atom feed, newest first; 0 means all posts"})
    posts_per_page: int = field(default=20, metadata={
        "help": "posts on each page of the home page's listing; older posts go to page/2/, page/3/..."})
    references_per_page: int = field(default=100, metadata={
        "help": "works shown at once on the references page; the rest load on demand, from a script beside it"})
    date_format: str = field(default="%B %-d, %Y", metadata={
        "help": "how pages show dates, in Sphinx's format_date codes, in the language of 'language'"})
    show_drafts: bool = field(default=False, metadata={
        "help": "build posts with 'draft: true', with a banner (make serve turns it on with -D)"})

    @classmethod
    def from_sphinx(cls, config: Config) -> BlogConfig:
        return cls(**{f.name: getattr(config, f"blog_{f.name}") for f in fields(cls)})


def validate_config(app: Sphinx, config: Config) -> None:
    blog = BlogConfig.from_sphinx(config)
    if blog.url and not blog.url.startswith(("http://", "https://")):
        raise ConfigError(f"blog_url must be an absolute http(s) URL, got {blog.url!r}")
    if not blog.url.endswith("/") and blog.url:
        config.blog_url = blog.url + "/"
    for name in ("words_per_minute", "posts_per_page", "references_per_page"):
        if not isinstance(getattr(blog, name), int) or getattr(blog, name) <= 0:
            raise ConfigError(f"blog_{name} must be a positive whole number")
    if not isinstance(blog.feed_length, int) or blog.feed_length < 0:
        raise ConfigError("blog_feed_length must be a whole number, 0 for every post")
    settle_bibfiles(app, config)
    # Settled: read tens of thousands of times in a large build (every citation asks whether its page is a post).
    setattr(app, APP_ATTRIBUTE, BlogConfig.from_sphinx(config))


def bibfiles_in_use(bibtex_bibfiles: Any, blog_bibfiles: Any, confdir: Path) -> Any:
    """``bibtex_bibfiles``, else the old ``blog_bibfiles``, else ``references.bib`` beside conf.py if it exists.

    The one rule for the build (``settle_bibfiles``) and the command line (``sources.py``).
    """
    for value in (bibtex_bibfiles, blog_bibfiles):
        if value is not None:
            # anything but a list is returned as given: the build refuses it with the fix
            return list(value) if isinstance(value, list | tuple) else value
    return ["references.bib"] if (confdir / "references.bib").is_file() else []


def settle_bibfiles(app: Sphinx, config: Config) -> None:
    """``bibtex_bibfiles`` names the ``.bib`` files, for biblog and sphinxcontrib-bibtex alike.

    The old ``blog_bibfiles`` still works, with a message saying what to rename;
    left unset, both mean ``references.bib`` beside ``conf.py`` when it exists.
    """
    if "bibtex_bibfiles" not in config:  # another extension owns citations: see extension.py
        return
    old, new = config.blog_bibfiles, config.bibtex_bibfiles
    if old is not None and new is None:
        warn("blog_bibfiles is now sphinxcontrib-bibtex's bibtex_bibfiles; rename the setting in conf.py",
             Sub.config, None)
    elif old is not None and list(old) != list(new):
        warn(f"conf.py sets both bibtex_bibfiles {new!r} and the old blog_bibfiles {old!r}; biblog reads "
             "bibtex_bibfiles: remove blog_bibfiles", Sub.config, None)
    if new is None and old is None and "sphinxcontrib.bibtex" in config.extensions:
        return  # sphinxcontrib-bibtex's own rule: it asks for the setting
    new = bibfiles_in_use(new, old, Path(app.confdir))
    if isinstance(new, str) or not isinstance(new, list | tuple) or not all(
            isinstance(b, str | os.PathLike) for b in new):
        raise ConfigError(f"bibtex_bibfiles must be a list of paths relative to conf.py, e.g. "
                          f"['references.bib'], got {new!r}")
    config.bibtex_bibfiles = list(new)
    # What biblog reads, whatever bibdata.py later hides from sphinxcontrib-bibtex.
    app.biblog_bibfiles = list(new)  # type: ignore[attr-defined]


def blog_config(app: Sphinx) -> BlogConfig:
    """The settings, as ``validate_config`` settled them (read afresh before that)."""
    settled = getattr(app, APP_ATTRIBUTE, None)
    return settled if settled is not None else BlogConfig.from_sphinx(app.config)


def setup_config(app: Sphinx) -> None:
    for item in fields(BlogConfig):
        default: Any = item.default_factory() if callable(item.default_factory) else item.default
        app.add_config_value(f"blog_{item.name}", default, "env", description=item.metadata["help"])
    app.connect("config-inited", validate_config)
