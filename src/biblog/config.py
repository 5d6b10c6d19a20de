"""The ``blog_*`` settings: one typed dataclass, validated on ``config-inited``."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class BlogConfig:
    title: str = field(default="", metadata={"help": "the blog's name, used in feeds and citations"})
    url: str = field(default="", metadata={"help": "absolute base URL of the published site"})
    description: str = field(default="", metadata={
        "help": "one or two sentences about the blog: the home page's description for search engines"})
    authors: list[str] = field(default_factory=list, metadata={"help": "default post authors"})
    bibfiles: list[str] = field(default_factory=lambda: ["references.bib"],
                                metadata={"help": ".bib files, relative to conf.py, in load order"})
    posts_dir: str = field(default="posts", metadata={"help": "folder of the posts, under the source dir"})
    words_per_minute: int = field(default=230, metadata={"help": "reading speed for reading time"})
    feed_length: int = field(default=0, metadata={"help": "entries in the Atom feed; 0 means all posts"})

    @classmethod
    def from_sphinx(cls, config: Config) -> BlogConfig:
        return cls(**{f.name: getattr(config, f"blog_{f.name}") for f in fields(cls)})


def validate_config(app: Sphinx, config: Config) -> None:
    blog = BlogConfig.from_sphinx(config)
    if blog.url and not blog.url.startswith(("http://", "https://")):
        raise ConfigError(f"blog_url must be an absolute http(s) URL, got {blog.url!r}")
    if not blog.url.endswith("/") and blog.url:
        config.blog_url = blog.url + "/"
    if blog.words_per_minute <= 0:
        raise ConfigError("blog_words_per_minute must be a positive number")
    if not isinstance(blog.bibfiles, list | tuple) or not all(isinstance(b, str) for b in blog.bibfiles):
        raise ConfigError("blog_bibfiles must be a list of paths, e.g. ['references.bib']")


def blog_config(app: Sphinx) -> BlogConfig:
    return BlogConfig.from_sphinx(app.config)


def setup_config(app: Sphinx) -> None:
    for item in fields(BlogConfig):
        default: Any = item.default_factory() if callable(item.default_factory) else item.default
        app.add_config_value(f"blog_{item.name}", default, "env", description=item.metadata["help"])
    app.connect("config-inited", validate_config)
