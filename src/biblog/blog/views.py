"""Global views, derived once after reading from the per-document facts.

``env-updated`` recomputes them and compares them with the previous build's,
so that exactly the pages whose rendering depends on a changed view are
written again: the posts whose "also cited in" or neighbours changed, the
listing pages when the catalog changed, the references page when any
citation changed.

The views live on the application for the build that computed them; the
environment keeps only their digests (``ViewsDigest``), all that the next
build compares. Kept whole, they made the environment that every incremental
build loads and saves larger (14.0 MB instead of 13.1 at 1,000 posts; its load
0.55 s instead of 0.45 in a fresh process).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import TYPE_CHECKING, Any

from ..core.digests import digest
from ..core.model import CitationUse, Post
from ..core.notes import doc_targets, normalise_doc_target, parse_note
from .domain import BlogDomain, blog_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass
class Views:
    #: posts, newest first
    catalog: list[Post] = field(default_factory=list)
    #: every citing document's citations as the environment keeps them (plain tuples), in catalog
    #: order: what ``rows_of`` is made of, and its digest
    citations_in_order: list[tuple[str, list[tuple[Any, ...]]]] = field(default_factory=list)
    #: key -> docnames citing it, in catalog order
    cited_in: dict[str, list[str]] = field(default_factory=dict)
    #: docname -> (newer post, older post)
    neighbours: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    tags: dict[str, list[str]] = field(default_factory=dict)
    #: docname -> post title
    titles: dict[str, str] = field(default_factory=dict)
    #: docname -> keys it cites, sorted
    keys_of: dict[str, list[str]] = field(default_factory=dict)
    #: post docname -> (target, title or None if missing) of each page its update notes link
    note_targets: dict[str, tuple[tuple[str, str | None], ...]] = field(default_factory=dict)
    #: post docname -> up to three (other post, number of works both cite), most shared first
    related: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @cached_property
    def rows_of(self) -> dict[str, list[tuple[Any, ...]]]:
        """key -> the row of every use of it as the environment keeps it (``CitationUse``'s
        values), in catalog order then document order.

        Made when first asked for (by the references page): most rebuilds never need it.
        It holds the environment's own rows, not named tuples made of them: the garbage
        collector never stops tracking a named tuple (it does a plain tuple of strings),
        and the archive's 32,000, made as its references page was written, were enough
        to set off one more full collection before the build ended.
        """
        rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for _docname, doc_rows in self.citations_in_order:
            for row in doc_rows:
                rows[row[0]].append(row)
        return dict(rows)

    def uses_of(self, key: str) -> list[CitationUse]:
        """Every use of ``key``, in catalog order then document order."""
        return [CitationUse._make(row) for row in self.rows_of.get(key, ())]


def compute_views(domain: BlogDomain) -> Views:
    catalog = sorted(domain.posts.values(), key=lambda p: (p.date, p.docname), reverse=True)
    order = {post.docname: index for index, post in enumerate(catalog)}
    views = Views(catalog=catalog, titles={post.docname: post.title for post in catalog})
    citing_docs = sorted(domain.citing_docs(), key=lambda d: (order.get(d, len(order)), d))
    cited_in: dict[str, list[str]] = defaultdict(list)
    for docname in citing_docs:
        keys = domain.cited_keys(docname)
        for key in keys:
            cited_in[key].append(docname)
        views.keys_of[docname] = sorted(keys)
    views.citations_in_order = [(docname, domain.data["citations"][docname]) for docname in citing_docs]
    views.cited_in = dict(cited_in)
    for index, post in enumerate(catalog):
        newer = catalog[index - 1].docname if index > 0 else None
        older = catalog[index + 1].docname if index + 1 < len(catalog) else None
        views.neighbours[post.docname] = (newer, older)
        for tag in post.tags:
            views.tags.setdefault(tag, []).append(post.docname)
    views.related = {post.docname: related_posts(views, post.docname, order) for post in catalog}
    return views


def related_posts(views: Views, docname: str, order: dict[str, int], limit: int = 3) -> list[tuple[str, int]]:
    """The posts sharing the most cited works with ``docname``; ties go to the newer post.

    Counted by ``Counter`` over the citing posts of each work it cites: a popular work is cited by
    hundreds of posts, and this runs for every post.
    """
    shared = Counter(chain.from_iterable(views.cited_in.get(key, ()) for key in views.keys_of.get(docname, ())))
    shared.pop(docname, None)
    return heapq.nsmallest(limit, ((other, count) for other, count in shared.items() if other in order),
                           key=lambda item: (-item[1], order[item[0]]))


#: where the build's views are kept, on the application (which parallel writers inherit)
APP_ATTRIBUTE = "biblog_views"


@dataclass(frozen=True)
class ViewsDigest:
    """What the pages of a build showed of its views, as digests: what the next build compares."""

    catalog: str  #: the listings' posts and the pages their notes link
    titles: str
    uses: str  #: every citation, in catalog order: what the references page shows of them
    pages: dict[str, str]  #: each citing page or post -> digest of its ``post_signature``
    tags: tuple[str, ...]  #: every tag, for the tag pages a build leaves behind (tagpages.py)


def views_of(env: BuildEnvironment) -> Views:
    from ..compat import sphinx_app

    views = getattr(sphinx_app(env), APP_ATTRIBUTE, None)
    return views if isinstance(views, Views) else compute_views(blog_domain(env))


def digest_views(views: Views) -> ViewsDigest:
    pages = {docname: digest(post_signature(views, docname))
             for docname in {post.docname for post in views.catalog} | set(views.keys_of)}
    # Of the rows as kept, not of CitationUse named tuples, each of which would cost a Python call to pickle.
    uses = digest(views.citations_in_order)
    return ViewsDigest(digest(catalog_signature(views)), digest(views.titles), uses, pages,
                       tuple(views.tags))


def post_signature(views: Views, docname: str) -> tuple[Any, ...]:
    """What a post shows of other documents: cited-in lists, its neighbours and related posts."""
    titles = views.titles
    neighbours = views.neighbours.get(docname, (None, None))
    cited = views.keys_of.get(docname, [])
    cited_in = tuple((k, tuple((d, titles.get(d)) for d in views.cited_in.get(k, []))) for k in cited)
    related = tuple((d, count, titles.get(d)) for d, count in views.related.get(docname, []))
    return (tuple((n, titles.get(n or "")) for n in neighbours), cited_in, related,
            views.note_targets.get(docname, ()))


def docs_to_rewrite(old: ViewsDigest | None, new: ViewsDigest, domain: BlogDomain) -> set[str]:
    listing_docs = domain.listing_docs()
    if old is None:
        return listing_docs
    rewrite: set[str] = set()
    if old.catalog != new.catalog:
        # The references page shows posts by title only: a post's new length or summary
        # does not change it (at 1,000 posts and 15,000 works, a second on every edit).
        only_references = {doc for doc in listing_docs if domain.listing_kinds(doc) == {"references"}}
        rewrite |= listing_docs - only_references if old.titles == new.titles else listing_docs
    if old.uses != new.uses:
        rewrite |= domain.listing_docs("references")
    # Every page that cites, posts or not: each shows "also cited in" for what it cites.
    rewrite |= {docname for docname, signature in new.pages.items() if old.pages.get(docname) != signature}
    return rewrite


def catalog_signature(views: Views) -> tuple[Any, ...]:
    """What the listings show: the posts, and the pages their update notes link (home, "What's new")."""
    return (tuple(views.catalog), sorted(views.note_targets.items()))


def find_note_targets(env: BuildEnvironment, views: Views) -> dict[str, tuple[tuple[str, str | None], ...]]:
    """Whether each page an update note links exists, and its title: a note links it only if it does."""
    found = {}
    for post in views.catalog:
        targets = [normalise_doc_target(t, post.docname) for u in post.updates for t in doc_targets(parse_note(u.note))]
        if targets:
            found[post.docname] = tuple((t, page_title(env, views, t)) for t in targets)
    return found


def page_title(env: BuildEnvironment, views: Views, docname: str) -> str | None:
    if docname not in env.found_docs:
        return None
    title = env.titles.get(docname)
    return views.titles.get(docname) or (title.astext() if title is not None else "")


def update_views(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = blog_domain(env)
    old = domain.data["views"].get("digest")
    views = compute_views(domain)
    views.note_targets = find_note_targets(env, views)
    setattr(app, APP_ATTRIBUTE, views)
    new = domain.data["views"]["digest"] = digest_views(views)
    return sorted(docs_to_rewrite(old if isinstance(old, ViewsDigest) else None, new, domain) & env.found_docs)


def setup_views(app: Sphinx) -> None:
    app.connect("env-updated", update_views)
