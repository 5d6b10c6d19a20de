"""A parallel reader sends back what it read, not the whole blog.

With ``-j``, Sphinx forks a process for each chunk of documents and pickles
the reader's whole environment back to the main process, which merges the
chunk's own documents from it. A reader forked late inherits every document
merged before it, so what it sends back grows chunk after chunk: at 1,000
posts, unpickling it was 31% of the main process's samples in a ``-j 2``
build, and 16% once readers forget (the rest is Sphinx's own environment).
When a forked reader reads its first document, the blog's domains (``biblog``
and ``cite``) forget every other document's facts and the views derived in the
last build; the merge reads only the chunk's own documents
(``merge_domaindata``), so nothing it needs is lost.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinx.errors import ExtensionError

from ..blog.domain import BlogDomain
from ..citations.citedomain import BlogCiteDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: the process that reads, or the one that forked the readers
APP_ATTRIBUTE = "biblog_reading_process"


def note_reading_process(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    setattr(app, APP_ATTRIBUTE, os.getpid())


def forget_other_documents(app: Sphinx, docname: str, source: list[str]) -> None:
    """In a forked reader, once: keep only what this process is about to read."""
    if getattr(app, APP_ATTRIBUTE, os.getpid()) == os.getpid():
        return
    setattr(app, APP_ATTRIBUTE, os.getpid())
    for name in ("biblog", "cite"):
        try:
            domain = app.env.get_domain(name)
        except ExtensionError:  # no cite domain: another extension owns citations (extension.py)
            continue
        if isinstance(domain, BlogDomain | BlogCiteDomain):
            domain.forget_documents()


def setup_parallel_read(app: Sphinx) -> None:
    app.connect("env-before-read-docs", note_reading_process)
    # Before any handler records a fact about the document.
    app.connect("source-read", forget_other_documents, priority=100)
