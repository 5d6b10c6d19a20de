"""Page descriptions for search engines and link previews, from what biblog knows of a page.

sphinxext-opengraph describes a page by the first text of its doctree: for a
post, the opening paragraph cut anywhere, citations included; for the home
page, nothing at all. biblog knows better: a post has a summary (from its front
matter, or its first paragraph without citations), a tag page lists posts, and
the page with the latest posts describes the blog (``blog_description``).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from .citations import shorten
from .config import blog_config
from .domain import blog_domain
from .feed import clean_summary
from .views import views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def page_description(app: Sphinx, pagename: str, context: dict[str, Any]) -> str:
    post = blog_domain(app.env).posts.get(pagename)
    if post is not None:
        return clean_summary(post.summary)
    tag = context.get("biblog_tag")
    if tag:
        views = views_of(app.env)
        titles = "; ".join(views.titles.get(d, d) for d in views.tags.get(tag, []))
        return f"Posts tagged “{tag}”: {titles}."
    if pagename in blog_domain(app.env).listing_docs("latest"):
        return blog_config(app).description
    return ""


def add_description(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: Any) -> None:
    """Priority 400: before sphinxext-opengraph (500), which keeps a description it finds."""
    if 'name="description"' in (context.get("metatags") or ""):
        return  # the page's own ``html_meta`` description wins
    description = page_description(app, pagename, context)
    if not description:
        return
    description = shorten(description, max(int(app.config.ogp_description_length), 50))
    context["meta"] = {**(context.get("meta") or {}), "og:description": description}
    context["metatags"] = (context.get("metatags") or "") + (
        f'\n<meta name="description" content="{escape(description)}">')


def setup_meta(app: Sphinx) -> None:
    app.connect("html-page-context", add_description, priority=400)
