"""Page descriptions for search engines and link previews, from what biblog knows of a page.

sphinxext-opengraph describes a page by the first text of its doctree: for a
post, the opening paragraph cut anywhere, citations included; for the home
page, nothing at all. biblog knows better: a post has a summary (from its front
matter, or its first paragraph without citations), a tag page lists posts, and
the page with the latest posts describes the blog (``blog_description``).

Link previews get the rest: a post is an ``article`` with its publication and
update dates, authors and tags; a generated tag page, which has no doctree for
sphinxext-opengraph to read, gets the same basic tags as every other page.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ..citations.recording import shorten
from ..config import blog_config
from .domain import blog_domain
from .feed import clean_summary
from .tagpages import tag_page_title
from .titles import title_text
from .views import views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.model import Post


def page_description(app: Sphinx, pagename: str, context: dict[str, Any]) -> str:
    post = blog_domain(app.env).posts.get(pagename)
    if post is not None:
        return clean_summary(post.summary)
    tag = context.get("biblog_tag")
    if tag:
        views = views_of(app.env)
        titles = "; ".join(title_text(views.titles.get(d, d)) for d in views.tags.get(tag, []))
        return f"{tag_page_title(tag)}: {titles}."
    if context.get("biblog_description"):  # a generated page that describes itself (homepages.py)
        return str(context["biblog_description"])
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
    append_to_head(context, f'<meta name="description" content="{escape(description)}">')


def property_tag(name: str, content: str) -> str:
    return f'<meta property="{name}" content="{escape(content)}" />'


def article_tags(post: Post) -> list[str]:
    """The Open Graph ``article`` facts of a post (ogp.me/#type_article)."""
    tags = [property_tag("article:published_time", post.date.isoformat())]
    if post.updates:
        tags.append(property_tag("article:modified_time", post.last_updated.isoformat()))
    tags += [property_tag("article:author", author) for author in post.authors]
    tags += [property_tag("article:tag", tag) for tag in post.tags]
    return tags


def add_post_article_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                          doctree: Any) -> None:
    """Priority 400, like the description: ``og:type`` reaches sphinxext-opengraph as a page field."""
    post = blog_domain(app.env).posts.get(pagename)
    if post is None:
        return
    context["meta"] = {**(context.get("meta") or {}), "og:type": "article"}
    append_to_head(context, "\n".join(article_tags(post)))


def add_generated_page_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                            doctree: Any) -> None:
    """Open Graph tags for a tag page, written without a doctree (sphinxext-opengraph skips those).

    Made here rather than by sphinxext-opengraph's tag maker, which escapes
    only quotes: a tag name is front-matter text and is escaped whole.
    """
    tag = context.get("biblog_tag")
    if doctree is not None or not tag:
        return
    config = app.config
    site_url = config.ogp_site_url or blog_config(app).url
    tags = [property_tag("og:title", tag_page_title(tag)), property_tag("og:type", "website")]
    if site_url:
        tags.append(property_tag("og:url", urljoin(site_url, app.builder.get_target_uri(pagename))))
    if config.ogp_site_name:
        tags.append(property_tag("og:site_name", str(config.ogp_site_name)))
    description = (context.get("meta") or {}).get("og:description")
    if description:
        tags.append(property_tag("og:description", description))
    append_to_head(context, "\n".join(tags) + "\n")


def append_to_head(context: dict[str, Any], html: str) -> None:
    context["metatags"] = (context.get("metatags") or "") + "\n" + html


def readable_post_title(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                        doctree: Any) -> None:
    """A post's ``<title>`` and ``og:title`` as readable text: ``O(n²)``, not ``\\(O(n^2)\\)``.

    Sphinx writes a title's math as MathJax source, which a browser tab shows
    raw. Priority 400: before sphinxext-opengraph (500) reads ``title``.
    """
    post = blog_domain(app.env).posts.get(pagename)
    if post is not None and post.title:
        context["title"] = escape(title_text(post.title))


def setup_meta(app: Sphinx) -> None:
    app.connect("html-page-context", readable_post_title, priority=400)
    app.connect("html-page-context", add_description, priority=400)
    app.connect("html-page-context", add_post_article_tags, priority=400)
    app.connect("html-page-context", add_generated_page_tags, priority=450)
