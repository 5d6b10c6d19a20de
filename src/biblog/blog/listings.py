"""Generated listings: the home page's posts, the archive, tags, "What's new".

A directive marks where a listing goes and records the page as a listing
page; the listing itself is rendered by a post-transform from the catalog
computed after reading, so adding, editing or deleting a post rewrites
these pages (``views.docs_to_rewrite``) without a clean build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..compat import sphinx_app
from ..core.model import Post
from .domain import blog_domain
from .homepages import home_docname, latest_context
from .render import render_template
from .views import Views, views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class listing(nodes.General, nodes.Element):
    """Placeholder; attribute ``kind`` is one of ``LISTING_KINDS``."""


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: str  #: "new" or "update"
    post: Post
    note: str = ""


class ListingDirective(SphinxDirective):
    kind: ClassVar[str] = ""

    def run(self) -> list[nodes.Node]:
        blog_domain(self.env).add_listing(self.env.docname, self.kind)
        node = listing(kind=self.kind)
        self.set_source_info(node)
        return [node]


def directive_for(kind: str) -> type[ListingDirective]:
    return type(f"{kind.title()}Listing", (ListingDirective,), {"kind": kind})


def archive_context(views: Views) -> dict[str, Any]:
    years = [(year, list(posts)) for year, posts in groupby(views.catalog, key=lambda p: p.date.year)]
    return {"years": years}


def whats_new_context(views: Views) -> dict[str, Any]:
    events = [Event(post.date, "new", post) for post in views.catalog]
    events += [Event(u.date, "update", post, u.note) for post in views.catalog for u in post.updates]
    events.sort(key=lambda e: (e.date, e.kind == "update", e.post.docname), reverse=True)
    return {"events": events}


def tags_context(views: Views) -> dict[str, Any]:
    posts = {p.docname: p for p in views.catalog}
    tags = sorted(views.tags.items(), key=lambda item: (item[0].casefold(), item[0]))
    return {"tags": [(tag, [posts[d] for d in docnames]) for tag, docnames in tags]}


LISTING_KINDS: dict[str, tuple[str, Callable[[Views], dict[str, Any]] | None]] = {
    "latest": ("latest.html", None),  # page 1 of the home pages: homepages.py
    "archive": ("archive.html", archive_context),
    "whats-new": ("whatsnew.html", whats_new_context),
    "tags": ("tags.html", tags_context),
}


class RenderListings(SphinxPostTransform):
    """Priority 7: after citations (5) and post furniture (6); order among them is free."""

    default_priority = 7

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(listing)):
            kind = node["kind"]
            if sphinx_app(self.env).builder.format != "html":
                node.parent.remove(node)
                continue
            if kind not in LISTING_KINDS:
                continue  # "references" is rendered by references.py
            template, make_context = LISTING_KINDS[kind]
            app, views = sphinx_app(self.env), views_of(self.env)
            context = (make_context(views) if make_context is not None
                       else latest_context(app, views, home_docname(app) or self.env.docname, 1))
            html = render_template(app, template, self.env.docname, **context)
            node.replace_self(furniture_html(html))


def furniture_html(html: str) -> nodes.raw:
    """Generated HTML that search leaves out: Sphinx's index skips a ``no-search``
    node, and biblog.js drops ``.no-search`` elements from the snippets."""
    return nodes.raw("", f'<div class="no-search">{html}</div>', format="html", classes=["no-search"])


def setup_listings(app: Sphinx) -> None:
    app.add_node(listing)
    for kind in [*LISTING_KINDS, "references"]:
        app.add_directive(f"blog-{kind}", directive_for(kind))
    app.add_post_transform(RenderListings)
