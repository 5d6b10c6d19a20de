"""Freezing what a build holds out of Python's garbage collections (gcfreeze.py)."""

from __future__ import annotations

import gc
import weakref
from types import SimpleNamespace

from biblog.gcfreeze import BATCH, freeze_every_few_documents


class Cyclic:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_every_few_documents_what_they_left_alive_is_frozen_and_their_garbage_freed() -> None:
    gc.unfreeze()
    app = SimpleNamespace()
    try:
        for _ in range(BATCH - 1):
            freeze_every_few_documents(app, None, "posts/one")
        assert gc.get_freeze_count() == 0  # not yet: a small rebuild pays nothing
        garbage = Cyclic()
        gone = weakref.ref(garbage)
        del garbage
        kept = Cyclic()
        freeze_every_few_documents(app, None, "posts/two")
        assert gone() is None  # collected before the freeze, not frozen for good
        assert gc.get_freeze_count() > 0
        assert all(obj is not kept for obj in gc.get_objects())  # frozen: out of the collector's sight
        freeze_every_few_documents(app, None, "posts/three")
        assert app.biblog_documents_since_freeze == 1
    finally:
        gc.unfreeze()
