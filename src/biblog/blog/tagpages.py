"""One page per tag, at ``tags/<tag>/``: the tag's posts as cards, newest first.

Tag pages have no source document: they are generated on
``html-collect-pages`` (as ablog does) from the catalog computed after
reading, and rendered inside the theme's ``page.html``, so they follow the
site's layout. They are written again whenever what they show may have
changed (the tag's posts, the site's navigation and titles, the
configuration, an extension's version) or a page is missing, and skipped
otherwise (``genpages.py``): a no-change rebuild writes none, a post's edit
writes its own tags' pages. A page whose tag disappeared is
removed from the output on the next build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..warnings_ import Sub, warn
from .domain import blog_domain
from .genpages import page_signatures, pages_to_write, save_signatures, site_inputs_digest
from .render import render_template
from .views import Views, ViewsDigest, views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TAGS_DIR = "tags"
STALE_KEY = "stale_tag_pages"
SIGNATURE_FILE = "biblog-tag-pages.json"  # in the doctree folder, beside the environment (genpages.py)


def tag_slug(tag: str) -> str:
    """The URL segment of a tag: ``Machine Learning`` -> ``machine-learning``, ``Über`` -> ``uber``."""
    from slugify import slugify

    return slugify(tag) or "tag"


def tag_pagename(tag: str) -> str:
    return f"{TAGS_DIR}/{tag_slug(tag)}"


def tag_index_docname(env: BuildEnvironment) -> str | None:
    """The page showing ``{blog-tags}``, which each tag page links back to."""
    return min(blog_domain(env).listing_docs("tags"), default=None)


def tag_pages(views: Views) -> dict[str, str]:
    """pagename -> tag; the first spelling of a tag wins a shared slug (see check_tag_slugs)."""
    return pages_of_tags(views.tags)


def pages_of_tags(tags: Iterable[str]) -> dict[str, str]:
    pages: dict[str, str] = {}
    for tag in sorted(tags):
        pages.setdefault(tag_pagename(tag), tag)
    return pages


def tag_page_context(app: Sphinx, pagename: str, tag: str, views: Views) -> dict[str, Any]:
    posts = {p.docname: p for p in views.catalog}
    body = render_template(app, "tag_page.html", pagename, tag=tag, slug=tag_slug(tag),
                           posts=[posts[d] for d in views.tags[tag]],
                           tags_docname=tag_index_docname(app.env))
    # A page's "title" is HTML to Sphinx's templates (they strip tags from it for <title>).
    return {"title": escape(tag_page_title(tag)), "body": body, "biblog_tag": tag}


def tag_page_title(tag: str) -> str:
    return f"Posts tagged “{tag}”"


def collect_tag_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    remove_stale_pages(app)
    views = views_of(app.env)
    pages = {name: tag for name, tag in tag_pages(views).items() if not clashes_with_document(app, name, tag)}
    signatures = tag_pages_signatures(app, views, pages)
    for pagename in pages_to_write(app, SIGNATURE_FILE, signatures):
        yield pagename, tag_page_context(app, pagename, pages[pagename], views), "page.html"
    # Reached only once every page above was written.
    save_signatures(app, SIGNATURE_FILE, signatures)


def tag_pages_signatures(app: Sphinx, views: Views, pages: dict[str, str]) -> dict[str, str]:
    """Each tag page's signature: the site's navigation and configuration, and the tag's posts."""
    site = site_inputs_digest(app, views, tag_index_docname(app.env))
    posts = {p.docname: p for p in views.catalog}
    return page_signatures(site, {name: (name, tag, [posts[d] for d in views.tags[tag]])
                                  for name, tag in pages.items()})


def clashes_with_document(app: Sphinx, pagename: str, tag: str) -> bool:
    if pagename not in app.env.all_docs:
        return False
    warn(f"tag '{tag}' would overwrite the document '{pagename}'; rename one of them", Sub.listing, pagename)
    return True


def remove_stale_pages(app: Sphinx) -> None:
    for pagename in blog_domain(app.env).data["views"].get(STALE_KEY, []):
        if pagename in app.env.all_docs:
            continue
        output = Path(app.outdir, app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
        output.unlink(missing_ok=True)
        if output.name == "index.html" and output.parent.is_dir() and not any(output.parent.iterdir()):
            output.parent.rmdir()


def note_stale_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """Priority 400: before ``views.update_views`` (500) replaces the previous views."""
    domain = blog_domain(env)
    old = domain.data["views"].get("digest")
    if not isinstance(old, ViewsDigest):
        return
    current = {tag for post in domain.posts.values() for tag in post.tags}
    stale = set(pages_of_tags(old.tags)) - set(pages_of_tags(current))
    domain.data["views"][STALE_KEY] = sorted(stale)


def check_tag_slugs(app: Sphinx, env: BuildEnvironment) -> None:
    spellings: dict[str, list[str]] = {}
    for tag in sorted(views_of(env).tags):
        spellings.setdefault(tag_slug(tag), []).append(tag)
    for slug, tags in spellings.items():
        if len(tags) > 1:
            first = views_of(env).tags[tags[1]][0]
            warn(f"tags {', '.join(repr(t) for t in tags)} share the page {TAGS_DIR}/{slug}/; "
                 "spell them the same way", Sub.listing, first)


def setup_tagpages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_tag_pages)
    app.connect("env-updated", note_stale_pages, priority=400)
    # On every build, not only when a document was read (env-check-consistency).
    app.connect("env-updated", check_tag_slugs)
