"""The home page's listing, in pages: the newest ``blog_posts_per_page`` posts on
the page holding ``{blog-latest}``, older ones on generated pages beside it
(``page/2/``, ``page/3/``...), each linking the newer and the older page.

Page 1 is the document itself, rendered by ``listings.py``; the others have no
source document and are generated on ``html-collect-pages``, like the tag
pages, and skipped when nothing they show changed (the same signature). A new
post shifts every page: the catalog changed, so the document and all the
generated pages are written again; an edit that keeps the post's place rewrites only
the page showing it (``genpages.py``). Pages left over after posts went away are
removed from the output.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import blog_config
from .domain import blog_domain
from .genpages import page_signatures, pages_to_write, save_signatures, site_inputs_digest
from .render import render_template
from .titles import title_text
from .views import Views, views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SIGNATURE_FILE = "biblog-home-pages.json"  # in the doctree folder, beside the environment (genpages.py)


def page_count(posts: int, per_page: int) -> int:
    return max(1, -(-posts // per_page))


def page_name(home: str, number: int) -> str:
    """``index`` -> ``page/2``; ``blog/index`` -> ``blog/page/2``; page 1 is the document itself."""
    if number == 1:
        return home
    base = home.removesuffix("index") if home == "index" or home.endswith("/index") else home + "/"
    return f"{base}page/{number}"


def home_docname(app: Sphinx) -> str | None:
    """The first page showing ``{blog-latest}``: the one the older pages continue."""
    return min(blog_domain(app.env).listing_docs("latest"), default=None)


def latest_context(app: Sphinx, views: Views, home: str, number: int) -> dict[str, Any]:
    per_page = blog_config(app).posts_per_page
    count = page_count(len(views.catalog), per_page)
    start = (number - 1) * per_page
    return {"posts": views.catalog[start:start + per_page], "count": len(views.catalog),
            "page_number": number, "page_count": count,
            "newer": page_name(home, number - 1) if number > 1 else None,
            "older": page_name(home, number + 1) if number < count else None}


def home_page_context(app: Sphinx, views: Views, home: str, number: int) -> dict[str, Any]:
    pagename = page_name(home, number)
    body = render_template(app, "latest.html", pagename, **latest_context(app, views, home, number))
    title = f"Posts, page {number}"
    posts = latest_context(app, views, home, number)["posts"]
    description = f"{title}: " + "; ".join(title_text(post.title) for post in posts) + "."
    return {"title": escape(title), "body": f'<section id="posts-page-{number}">{body}</section>',
            "biblog_description": description}


def home_page_names(app: Sphinx) -> list[str]:
    """The generated pages, 2 onwards, of the home page's listing (for the sitemap)."""
    home = home_docname(app)
    if home is None:
        return []
    count = page_count(len(views_of(app.env).catalog), blog_config(app).posts_per_page)
    return [page_name(home, number) for number in range(2, count + 1)]


def collect_home_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    home = home_docname(app)
    if home is None:
        return
    views = views_of(app.env)
    names = home_page_names(app)
    remove_pages_after(app, home, len(names) + 1)
    site = site_inputs_digest(app, views, home)
    signatures = page_signatures(site, {name: (name, latest_context(app, views, home, number))
                                        for number, name in enumerate(names, start=2)})
    for name in pages_to_write(app, SIGNATURE_FILE, signatures):
        yield name, home_page_context(app, views, home, names.index(name) + 2), "page.html"
    save_signatures(app, SIGNATURE_FILE, signatures)  # reached once every page above was written


def remove_pages_after(app: Sphinx, home: str, count: int) -> None:
    """The pages of a longer listing than today's: each found on disk, in order, until one is missing."""
    number = count + 1
    while (name := page_name(home, number)) not in app.env.all_docs:
        output = Path(app.outdir, app.builder.get_outfilename(name))  # type: ignore[attr-defined]
        if not output.is_file():
            return
        output.unlink()
        if output.name == "index.html" and not any(output.parent.iterdir()):
            output.parent.rmdir()
        number += 1


def setup_homepages(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_home_pages)
