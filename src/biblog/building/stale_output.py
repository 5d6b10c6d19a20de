"""The page of a removed document leaves the output with it.

Sphinx forgets a deleted or renamed source but leaves its page (and its
``_sources`` copy) in the output, where it stays published and reachable
from search engines and old links. Removed on ``env-get-outdated``, which
names the removed documents before anything is read or written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def remove_output(app: Sphinx, docname: str) -> None:
    """Delete the page of ``docname`` and its source copy, in an HTML builder's output."""
    outfilename = getattr(app.builder, "get_outfilename", None)
    if outfilename is None:
        return
    outdir = Path(app.outdir)
    remove_file(Path(outfilename(docname)), outdir)
    sources = outdir / "_sources" / docname
    if sources.parent.is_dir():
        for copy in sources.parent.iterdir():
            if copy.name.startswith(sources.name + ".") and copy.name.endswith(".txt"):
                remove_file(copy, outdir)


def remove_file(path: Path, outdir: Path) -> None:
    """Delete ``path`` and the folders it leaves empty, up to the output folder."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != outdir and folder.is_relative_to(outdir) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def remove_pages_of_removed_docs(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                                 removed: set[str]) -> list[str]:
    for docname in sorted(removed):
        remove_output(app, docname)
    return []


def setup_stale_output(app: Sphinx) -> None:
    app.connect("env-get-outdated", remove_pages_of_removed_docs)
