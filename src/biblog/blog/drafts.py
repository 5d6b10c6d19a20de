"""Drafts: a post with ``draft: true`` is left out of a normal build, and shown with a banner in ``make serve``.

Left out means excluded from the build, like an ``exclude_patterns`` entry:
no page, so nothing of it reaches the home page, the archive, the tags, the
feed, the sitemap, the search index or the references page. With
``blog_show_drafts`` on (``make serve`` passes ``-D blog_show_drafts=1``) the
draft is built like any post, with a visible "draft" banner under its title.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..compat import sphinx_app
from ..core.frontmatter import FrontMatterLoader, split_front_matter
from ..core.yamlsafe import loadable
from .domain import blog_domain
from .posts import post_header
from .render import render_template

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


DRAFT_KEY = re.compile(r"^draft\s*:", re.MULTILINE)


def is_draft(path: Path) -> bool:
    """True when PATH's front matter says ``draft: true`` (malformed front matter is reported by posts.py)."""
    text, _ = split_front_matter(path.read_text(encoding="utf-8", errors="replace"))
    # Every build looks at every post: load YAML only where a "draft:" key can be, and leave
    # front matter PyYAML cannot load (broken, too deep) to posts.py, which reports it.
    if not text or not DRAFT_KEY.search(text) or not loadable(text):
        return False
    try:
        data = yaml.load(text, Loader=FrontMatterLoader)  # a SafeLoader
    except (yaml.YAMLError, ValueError):
        return False
    return isinstance(data, dict) and data.get("draft") is True


def draft_patterns(srcdir: Path, posts_dir: str) -> list[str]:
    folder = srcdir / posts_dir.strip("/")
    return sorted(path.relative_to(srcdir).as_posix() for path in folder.rglob("*.md") if is_draft(path))


def exclude_drafts(app: Sphinx, config: Config) -> None:
    """Add each draft to ``exclude_patterns`` (at config-inited, before Sphinx looks for documents)."""
    if config.blog_show_drafts:
        return
    drafts = [p for p in draft_patterns(Path(app.srcdir), config.blog_posts_dir) if p not in config.exclude_patterns]
    if drafts:
        config.exclude_patterns = [*config.exclude_patterns, *drafts]


class DraftBanner(SphinxPostTransform):
    """A "draft" banner above a draft's header; before the header is rendered (RenderPostFurniture, 6)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        post = blog_domain(self.env).posts.get(self.env.docname)
        if post is None or not post.draft or sphinx_app(self.env).builder.format != "html":
            return
        for header in list(self.document.findall(post_header)):
            html = render_template(sphinx_app(self.env), "draft_banner.html", self.env.docname, post=post)
            header.parent.insert(header.parent.index(header), nodes.raw("", html, format="html"))


def add_draft_style(app: Sphinx) -> None:
    if app.builder.format == "html" and app.config.blog_show_drafts:
        app.add_css_file("biblog-drafts.css")


def setup_drafts(app: Sphinx) -> None:
    # After validate_config (500) and derive_settings (900): the settings are final.
    app.connect("config-inited", exclude_drafts, priority=950)
    app.connect("builder-inited", add_draft_style)
    app.add_post_transform(DraftBanner)
