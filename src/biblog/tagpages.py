"""One page per tag, at ``tags/<tag>/``: the tag's posts as cards, newest first.

Tag pages have no source document: they are generated on
``html-collect-pages`` (as ablog does) from the catalog computed after
reading, and rendered inside the theme's ``page.html``, so they follow the
site's layout. They are written again whenever what they show may have
changed (the posts' catalog, the site's navigation and titles, the
configuration, an extension's version) or a page is missing, and skipped
otherwise: a no-change rebuild writes none. A page whose tag disappeared is
removed from the output on the next build.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain import blog_domain
from .render import render_template
from .views import Views, compute_views, views_of
from .warnings_ import Sub, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TAGS_DIR = "tags"
STALE_KEY = "stale_tag_pages"
SIGNATURE_FILE = "biblog-tag-pages.sha256"  # in the doctree folder, beside the environment


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
    pages: dict[str, str] = {}
    for tag in sorted(views.tags):
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
    signature = tag_pages_signature(app, views, sorted(pages))
    stamp = Path(app.doctreedir, SIGNATURE_FILE)
    if all_written(app, pages) and stamp.is_file() and stamp.read_text(encoding="utf-8") == signature:
        return
    stamp.unlink(missing_ok=True)
    for pagename, tag in pages.items():
        yield pagename, tag_page_context(app, pagename, tag, views), "page.html"
    # Reached only once every page above was written.
    stamp.write_text(signature, encoding="utf-8")


def clashes_with_document(app: Sphinx, pagename: str, tag: str) -> bool:
    if pagename not in app.env.all_docs:
        return False
    warn(f"tag '{tag}' would overwrite the document '{pagename}'; rename one of them", Sub.listing, pagename)
    return True


def all_written(app: Sphinx, pages: dict[str, str]) -> bool:
    return all(Path(app.outdir, app.builder.get_outfilename(name)).is_file()  # type: ignore[attr-defined]
               for name in pages)


def tag_pages_signature(app: Sphinx, views: Views, pagenames: list[str]) -> str:
    """Everything a tag page shows: posts, navigation, titles, configuration, extension versions."""
    env = app.env
    build_info = getattr(app.builder, "build_info", None)
    inputs = (
        pagenames, views.catalog, sorted(views.note_targets.items()), sorted(views.tags.items()),
        tag_index_docname(env),
        sorted(env.toctree_includes.items()), sorted((d, t.astext()) for d, t in env.titles.items()),
        str(getattr(build_info, "config_hash", "")), str(getattr(build_info, "tags_hash", "")),
        sorted((name, str(ext.version)) for name, ext in app.extensions.items()),
    )
    return hashlib.sha256(pickle.dumps(inputs, protocol=4)).hexdigest()


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
    old = domain.data["views"].get("current")
    if not isinstance(old, Views):
        return
    stale = set(tag_pages(old)) - set(tag_pages(compute_views(domain)))
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
