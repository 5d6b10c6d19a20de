"""Composition root: each feature module registers itself here, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .bibstate import setup_bibliography
from .cards import setup_cards
from .citations import setup_citations
from .config import setup_config
from .domain import BlogDomain
from .failed_build import setup_failed_build
from .feed import setup_feed
from .listings import setup_listings
from .meta import setup_meta
from .note_links import setup_note_links
from .persisted_problems import setup_persisted_problems
from .posts import setup_posts
from .references import setup_references
from .search import setup_search
from .site import setup_site
from .sitemap import setup_sitemap
from .stale_output import setup_stale_output
from .tagpages import setup_tagpages
from .undecodable import setup_undecodable
from .views import setup_views

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_extension(app: Sphinx) -> None:
    setup_site(app)
    setup_config(app)
    app.add_domain(BlogDomain)
    setup_bibliography(app)
    setup_citations(app)
    setup_stale_output(app)
    setup_failed_build(app)
    setup_undecodable(app)
    setup_persisted_problems(app)
    setup_posts(app)
    setup_note_links(app)
    setup_views(app)
    setup_references(app)
    setup_listings(app)
    setup_tagpages(app)
    setup_feed(app)
    setup_sitemap(app)
    setup_meta(app)
    setup_search(app)
    setup_cards(app)
