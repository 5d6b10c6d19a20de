"""What a build holds for its whole run, kept out of Python's garbage collections.

Once the bibliography is loaded, a build holds the Sphinx environment and
20,000 entries (at the archive size) until it ends. None of it is garbage, yet
every full collection walks all of it again, and so do the collections when
the interpreter exits: about 0.3 s during a one-post rebuild at the archive
size and 0.6 s at its exit, against a rebuild of about 2 s. ``gc.freeze``
moves the objects alive at that moment out of the collector's sight; objects
made later are collected as usual. The same holds for what reading and writing
documents leave alive, frozen every few documents read and before writing: in a
clean archive build (-j 1), full collections cost 10.9 s of 60.9 s CPU before,
2.6 s after, for 87 MB more peak memory (779 MB instead of 692: the documents
read stay until the process ends). When another build starts in the same process (tests,
a server), the previous build's objects are handed back to the collector
first, so that what it left behind can still be freed.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


def freeze_what_the_build_holds() -> None:
    # What the load left behind is young: a collection of the youngest generation alone frees it,
    # instead of freezing it for good, and costs a fraction of a full one.
    gc.collect(0)
    gc.freeze()


#: documents read between two freezes of what they left alive (``freeze_every_few_documents``)
BATCH = 32
#: the application's attribute counting the documents read since the last freeze
COUNT = "biblog_documents_since_freeze"


def freeze_every_few_documents(app: Sphinx, *_args: object) -> None:
    """Every few documents read, what they left alive is frozen, their garbage collected first.

    A serial build keeps every document it reads until it writes it, two million objects at the
    archive size. Python's full collections, each walking all of them, come as they grow by a
    quarter: about 6 s of a 57 s clean build. Frozen in batches, each object is walked about
    once: the full collection before each freeze walks only what the batch made (all older
    objects are frozen), so what the batch left as garbage is freed, not frozen. Called as each
    document's reading starts (``env-purge-doc``), when the previous one is done with. Not while
    writing: a parallel build holds a chunk of resolved documents until its writer forks, and
    freezing them kept every page's document in memory (849 MB instead of 564 at -j 2).
    """
    count = getattr(app, COUNT, 0) + 1
    if count < BATCH:
        setattr(app, COUNT, count)
        return
    setattr(app, COUNT, 0)
    gc.collect()
    gc.freeze()


def freeze_before_writing(app: Sphinx, builder: Builder) -> None:
    """What reading leaves alive (the environment, and in a serial build every document read, kept
    for writing) is frozen before the pages are written.

    Else the full collections of the writing phase walk it again and again: at the archive size
    (1,000 posts, two million objects) about 4 s of a 57 s clean build. The documents written are
    then freed only when the process ends, or the next build in it starts.
    """
    freeze_what_the_build_holds()


def unfreeze_the_previous_build(app: Sphinx) -> None:
    gc.unfreeze()


def setup_gc_freeze(app: Sphinx) -> None:
    app.connect("builder-inited", unfreeze_the_previous_build, priority=100)
    app.connect("env-purge-doc", freeze_every_few_documents)
    app.connect("write-started", freeze_before_writing)
