"""A build that stops with an error leaves no page linking a page it did not write.

Sphinx writes pages one by one into the published folder. When a build
stops with an exception part-way, the pages written so far (the home page,
say, listing a new post) may link pages it never reached. Each such page
gets its previous version back (kept in memory as the page is written), or
is removed when it had none or that one is broken too; removing a page can
break another, so this repeats until no page written in the build links a
missing one. The pages put back are marked out of date (mtime 0), so the
next build writes them again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..warnings_ import Sub, warn
from .stale_output import remove_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

WRITTEN_ATTRIBUTE = "biblog_pages_written"


def note_document(app: Sphinx, doctree: Any, docname: str) -> None:
    """A document's page: in the main process, even when the pages are written by parallel workers."""
    note_page(app, docname)


def note_generated_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                        doctree: Any) -> None:
    note_page(app, pagename)


def note_page(app: Sphinx, pagename: str) -> None:
    """Keep the page's previous output (None if it had none) before Sphinx overwrites it."""
    previous: dict[str, bytes | None] = getattr(app, WRITTEN_ATTRIBUTE, {})
    setattr(app, WRITTEN_ATTRIBUTE, previous)
    outfilename = getattr(app.builder, "get_outfilename", None)
    if outfilename is not None and pagename not in previous:
        path = Path(outfilename(pagename))
        previous[pagename] = path.read_bytes() if path.is_file() else None


def missing_targets(page: Path) -> list[str]:
    """The relative links of an output page whose target file does not exist."""
    from bs4 import BeautifulSoup  # only a failed build reads pages: not imported by every build

    soup = BeautifulSoup(page.read_text(encoding="utf-8", errors="replace"), "html.parser")
    missing = []
    for link in soup.find_all("a", href=True):
        parts = urlsplit(str(link["href"]))
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue
        target = page.parent / unquote(parts.path)
        if parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            missing.append(str(link["href"]))
    return missing


def repair_pages_with_broken_links(app: Sphinx, exception: BaseException | None) -> None:
    previous: dict[str, bytes | None] = getattr(app, WRITTEN_ATTRIBUTE, {})
    outfilename = getattr(app.builder, "get_outfilename", None)
    if exception is None or outfilename is None:
        return
    repaired = True
    while repaired:
        repaired = False
        for pagename, old in sorted(previous.items()):
            page = Path(outfilename(pagename))
            broken = missing_targets(page) if page.is_file() else []
            if broken:
                repaired = True
                warn(f"the build stopped before writing {broken[0]}, which this page links; "
                     f"{put_back(page, old, Path(app.outdir))}", Sub.post, pagename)


def put_back(page: Path, old: bytes | None, outdir: Path) -> str:
    if old is not None and page.read_bytes() != old:
        page.write_bytes(old)
        os.utime(page, (0, 0))  # out of date: the next build writes it again
        return "its previous version was put back until the next build"
    remove_file(page, outdir)
    return "the page was removed until the next build"


def setup_failed_build(app: Sphinx) -> None:
    app.connect("doctree-resolved", note_document)
    app.connect("html-page-context", note_generated_page)
    app.connect("build-finished", repair_pages_with_broken_links)
