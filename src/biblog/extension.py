"""Composition root: each feature module registers itself here, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from .blog.cards import setup_cards
from .blog.domain import BlogDomain
from .blog.drafts import setup_drafts
from .blog.feed import setup_feed
from .blog.figures import setup_figures
from .blog.homepages import setup_homepages
from .blog.listings import setup_listings
from .blog.meta import setup_meta
from .blog.note_links import setup_note_links
from .blog.posts import setup_posts
from .blog.render import setup_render
from .blog.search import setup_search
from .blog.site import setup_site
from .blog.sitemap import setup_sitemap
from .blog.tagpages import setup_tagpages
from .blog.themes import setup_themes
from .blog.views import setup_views
from .building.failed_build import setup_failed_build
from .building.gcpause import setup_gc_pauses
from .building.parallelread import setup_parallel_read
from .building.persisted_problems import setup_persisted_problems
from .building.stale_output import setup_stale_output
from .building.undecodable import setup_undecodable
from .citations.bibstate import setup_bibliography
from .citations.citedomain import setup_citedomain
from .citations.citesyntax import setup_citation_syntax
from .citations.recording import setup_citations
from .citations.references import setup_references
from .config import setup_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LOGGER = logging.getLogger(__name__)


def citations_are_free(app: Sphinx) -> bool:
    """False when an extension other than sphinxcontrib-bibtex already registered a ``cite`` domain.

    biblog's citations are built on sphinxcontrib-bibtex, which cannot be
    loaded beside such an extension (natbib, say): that extension keeps the
    citations, and biblog runs without them.
    """
    from sphinxcontrib.bibtex.domain import BibtexDomain

    owner = app.registry.domains.get("cite")
    if owner is None or issubclass(owner, BibtexDomain):
        return True
    LOGGER.info("biblog: the cite domain belongs to %s.%s; biblog leaves citations to it",
                owner.__module__, owner.__qualname__)
    return False


def setup_extension(app: Sphinx) -> None:
    setup_site(app)
    setup_config(app)
    setup_render(app)
    app.add_domain(BlogDomain)
    setup_parallel_read(app)
    setup_gc_pauses(app)
    if citations_are_free(app):
        setup_bibliography(app)
        setup_citedomain(app)
        setup_citations(app)
        setup_citation_syntax(app)
    setup_stale_output(app)
    setup_failed_build(app)
    setup_undecodable(app)
    setup_persisted_problems(app)
    setup_posts(app)
    setup_note_links(app)
    setup_figures(app)
    setup_drafts(app)
    setup_views(app)
    setup_references(app)
    setup_listings(app)
    setup_tagpages(app)
    setup_homepages(app)
    setup_feed(app)
    setup_sitemap(app)
    setup_meta(app)
    setup_search(app)
    setup_cards(app)
    setup_themes(app)
