"""No cyclic garbage collection while Sphinx loads the environment, or while it reads a page.

Python's collector runs when objects are made faster than they are freed,
and each full collection walks every object alive. Two moments of a build
make many objects that a collection cannot free, or that need none:

- **Loading the environment.** Unpickling makes every object the last build
  kept, and none of them is garbage. biblog's environment holds about a
  hundred thousand more than plain Sphinx's (sphinxcontrib-bibtex's record of
  each citation among them); with the collector running, the load itself took
  0.29 s at the archive size (1,000 posts), 0.15 s without. A rebuild gains
  less (about 0.05 s of 1.7 s): the next full collection still walks what was
  loaded, once. Paused from biblog's last ``config-inited`` handler, the last
  step before Sphinx loads (or makes) the environment, until the environment
  sets up its domains, the first thing Sphinx does with it.
- **Reading a page.** Reading makes a page's parser, its tokens and syntax
  tree, its renderer and its doctree: tens of thousands of objects, linked in
  cycles, nearly all of them garbage once the page is parsed. A young
  collection that falls while they are in use promotes them, and promoted
  garbage waits for a full collection, which walks every document read so
  far. At the archive size four pages in five left their parser to a full
  collection, and the 19 full collections of a clean build's reading cost
  3.6 s. Paused from ``source-read`` to ``doctree-read``, a page's objects are
  all young when the page is done: the next young collection frees what the
  page no longer needs and moves on only its doctree (6 full collections,
  1.5 s).

Nothing is kept out of the collector for longer than that, and a collector
the caller paused stays paused. The cost is memory, and not while reading
(its peak is the same): with fewer objects promoted while reading, the first
full collection while writing comes later, and the trees of pages already
written wait for it. The archive's clean build peaks at 720 MB instead of
631 MB, while writing (limit: 2 GB; at 300 posts the peak is lower: 276 MB
instead of 301 MB).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: set on the application while biblog holds the collector paused for the environment's load
LOADING = "biblog_gc_paused_for_the_environment"
#: set in a document's temporary data while biblog holds the collector paused for its reading
READING = "biblog_gc_paused"


def pause_while_the_environment_loads(app: Sphinx, config: Config) -> None:
    if gc.isenabled():
        gc.disable()
        setattr(app, LOADING, True)


def resume_after_the_environment_loads(app: Sphinx) -> None:
    """Called by biblog's domain as the environment sets it up, and at ``builder-inited`` in any case."""
    if getattr(app, LOADING, False):
        setattr(app, LOADING, False)
        gc.enable()


def pause_for_the_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if gc.isenabled():
        gc.disable()
        app.env.temp_data[READING] = True


def resume_after_the_page(app: Sphinx, doctree: object) -> None:
    if app.env.temp_data.pop(READING, False):
        gc.enable()


def resume_after_a_failed_read(app: Sphinx, exception: BaseException | None) -> None:
    """A page whose reading raised never reached ``doctree-read``: the next build must not run paused."""
    resume_after_the_page(app, None)


def setup_gc_pauses(app: Sphinx) -> None:
    app.connect("config-inited", pause_while_the_environment_loads, priority=10_000)
    app.connect("builder-inited", resume_after_the_environment_loads, priority=0)
    app.connect("source-read", pause_for_the_page, priority=1)
    app.connect("doctree-read", resume_after_the_page, priority=1000)
    app.connect("build-finished", resume_after_a_failed_read)
