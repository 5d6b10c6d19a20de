"""Helpers shared by the citation build tests (``test_citations*.py``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sitehelpers import article, html_of, warnings_of, without_colours

POST_A = "posts/2024-02-01-reasoning"
POST_B = "posts/2024-03-01-sampling"


def warning_lines(app) -> list[str]:
    """The build's warnings, one per line, without terminal colours."""
    return [line for line in without_colours(warnings_of(app)).splitlines() if line.strip()]


def page(app, docname: str):
    return article(html_of(app, docname))


def citation_texts(app, docname: str) -> list[str]:
    return [span.get_text() for span in page(app, docname).select(".biblog-citation")]


def edit(path: Path, new_text: str) -> None:
    """Rewrite a source and move its mtime forward, so Sphinx sees it as changed."""
    path.write_text(new_text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


class BuildLog:
    """Which documents a build read and which pages it wrote."""

    def __init__(self, app) -> None:
        self.read: list[str] = []
        self.written: set[str] = set()
        self.found = app.env.found_docs
        app.connect("env-before-read-docs", lambda _app, _env, docnames: self.read.extend(docnames))
        app.connect("html-page-context", lambda _app, name, *_args: self.written.add(name))

    @property
    def written_docs(self) -> set[str]:
        return {name for name in self.written if name in self.found}
