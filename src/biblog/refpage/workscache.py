"""The references page's works as last rendered, so that a rewrite renders only what changed.

At 1,000 posts and 15,000 cited works the page is rewritten whenever a
citation's sentence or a cited entry changes, and rendering every work again
(its entry and every place citing it) cost about a second. Each work's
rendered item, description and sort key are kept with what they are made of:
the entry's fingerprint (``Entry.fingerprint`` changes whenever anything a
reader sees of it changes), its label, the documents citing it in order, and
for each of them a digest of its places there (the document's URL and title,
each citation's anchor, section and sentence). A work made of the same is not
rendered again. Equal inputs give equal HTML, so a build from the cache writes
what a clean build writes.

Digesting all 15,000 works' inputs again, to compare them, cost a quarter of a
second on a one-entry ``.bib`` edit. So the digests of a document's places are
kept by document, with when it was last read, its URL and its title: only a
document read again (or shown under another URL or title) is digested again,
and only the keys whose digests it changed are rendered again.

The cache lives in the doctree folder, beside the environment, one file per
references page, and is read and written only by the post-transform that
renders the page, which Sphinx runs in the main process, also under ``-j``.
A file written by other code (another biblog version, or the same version
edited: the stamp holds a digest of the package's source) or another builder,
or that cannot be read, is ignored.

Each work's part of the works script (``refpages.py``) is not in the cache: the
cache keeps where it starts in the script as written, with the script's size
and time, and a rewrite takes the parts from that file (a script edited or
gone since: every work is rendered again). Kept in the cache too, 21 MB at
15,000 works, its load and save cost a tenth of a second on every rewrite. The
file is a ``marshal`` of strings, numbers and tuples: a pickle of the inputs
themselves took a fifth of a second to load and as much to save.
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.atomic import replace_file
from ..core.digests import digest
from ..core.model import CitationUse

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: bump when the rendering of a work changes without a version change
FORMAT = 5
#: marshal's own format, fixed so that a newer default cannot change what is written
MARSHAL_VERSION = 4
#: what a work is made of besides its places: (entry fingerprint, label names, label year, citing docnames in order)
MadeOf = tuple[str, str, str, list[str]]
#: (what it is made of, its sort key, the length of its part of the works script, its description)
Work = tuple[MadeOf, tuple[str, str, str], int, str]
#: what a document's places show of it besides its citations: (when it was read, its URL, its title)
Shows = tuple[int, str, str]
#: a citing document: (what it shows, key -> digest of its places citing that key)
CitingDoc = tuple[Shows, dict[str, str]]


@dataclass
class WorksCache:
    #: docname -> what its places showed, and their digests by key
    docs: dict[str, CitingDoc] = field(default_factory=dict)
    #: key -> the work as rendered
    works: dict[str, Work] = field(default_factory=dict)
    #: the keys in the order of the works script as last written
    order: list[str] = field(default_factory=list)
    #: the works script as last written
    script: bytes = b""
    #: ``starts`` by head, made once: the works script and the page's first works both ask
    found_starts: dict[int, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)

    def starts(self, head: int) -> dict[str, int]:
        """Where each work's part starts in ``script``, whose parts start at ``head`` and are separated by commas."""
        starts = self.found_starts.get(head)
        if starts is None:
            starts, at, works = {}, head, self.works
            for key in self.order:
                starts[key] = at
                at += works[key][2] + 1
            self.found_starts[head] = starts
        return starts


def cache_path(app: Sphinx, docname: str) -> Path:
    return Path(app.doctreedir, f"biblog-works-{docname.replace('/', '-')}.marshal")


def load_works(app: Sphinx, docname: str, script: Path) -> WorksCache:
    """The works as rendered last time, with ``script`` (the works script then written)."""
    try:
        stamp, written, docs, order, works = marshal.loads(cache_path(app, docname).read_bytes())  # our own file
    except Exception:  # missing, truncated or from an older layout: render everything
        return WorksCache()
    if (stamp != code_stamp(app.builder.name) or not isinstance(docs, dict) or not isinstance(works, dict)
            or not isinstance(order, list) or set(order) != works.keys()):
        return WorksCache()
    try:
        data = script.read_bytes() if written == file_stamp(script) else b""
    except OSError:
        data = b""
    if not data:  # the script is gone or not the one written: the digests of the places still hold
        return WorksCache(docs)
    return WorksCache(docs, works, order, data)


def save_works(app: Sphinx, docname: str, docs: dict[str, CitingDoc], works: dict[str, Work],
               order: list[str], script: Path) -> None:
    """``order``: the keys in the order of ``script``, just written."""
    try:
        data = marshal.dumps((code_stamp(app.builder.name), file_stamp(script), docs, order, works), MARSHAL_VERSION)
    except (ValueError, OSError):  # a value marshal cannot write, or no script: no cache, render all next time
        cache_path(app, docname).unlink(missing_ok=True)
        return
    replace_file(cache_path(app, docname), data)


def page_order(works: dict[str, Work], fresh: dict[str, bytes], cached: WorksCache) -> list[str]:
    """The works by author, year and title (their sort keys, which labels make unique).

    Last time's order, when the same works are cited, with the few rendered again moved where
    they now sort (a title edit moves its work): sorting 15,000 works again costs 0.01 s.
    """
    if works.keys() != cached.works.keys() or len(fresh) > 100:
        return sorted(works, key=lambda key: works[key][1])
    moved = [key for key in fresh if works[key][1] != cached.works[key][1]]
    if not moved:
        return cached.order
    gone = set(moved)
    order = [key for key in cached.order if key not in gone]
    for key in moved:
        bisect.insort(order, key, key=lambda other: works[other][1])
    return order


def script_pieces(order: list[str], fresh: dict[str, bytes], cached: WorksCache,
                  head: int) -> list[bytes | memoryview]:
    """The works script's parts in ``order``, to be joined by commas: each work rendered again
    (``fresh``), and each run of works that follow each other in the cached script, as one slice of it."""
    starts, sizes, view = cached.starts(head), cached.works, memoryview(cached.script)
    pieces: list[bytes | memoryview] = []
    run: list[int] = []  # [start, end] in the cached script of the run of reused works going on
    for key in order:
        fragment = fresh.get(key)
        if fragment is None:
            start = starts[key]
            if run and start == run[1] + 1:
                run[1] = start + sizes[key][2]
                continue
            if run:
                pieces.append(view[run[0]:run[1]])
            run = [start, start + sizes[key][2]]
        else:
            if run:
                pieces.append(view[run[0]:run[1]])
                run = []
            pieces.append(fragment)
    if run:
        pieces.append(view[run[0]:run[1]])
    return pieces


def first_fragments(order: list[str], fresh: dict[str, bytes], cached: WorksCache, head: int,
                    count: int) -> list[bytes]:
    """The parts of the works script of the first ``count`` works in ``order``."""
    starts = cached.starts(head) if any(key not in fresh for key in order[:count]) else {}
    return [fresh[key] if key in fresh else cached.script[starts[key]:starts[key] + cached.works[key][2]]
            for key in order[:count]]


def file_stamp(path: Path) -> tuple[int, int]:
    """The size and modification time of the file: another file at that place, or one edited, differs."""
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def code_stamp(builder: str) -> tuple[int, str, str, str, str]:
    """What made the cached HTML: the format, biblog's version, a digest of its modules and templates,
    and the builder (its URLs). And the Python version, whose ``marshal`` wrote the file.
    """
    return FORMAT, __version__, code_digest(), builder, sys.version


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of biblog's modules and templates, as this process imported them: read once."""
    return package_digest(Path(__file__).parents[1])


def package_digest(package: Path) -> str:
    """A digest of the modules of ``package`` and of its subpackages, and of its templates."""
    hashed = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.glob("templates/*")]):
        hashed.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()[:16]


def places_digest(shows: Shows, uses: Iterable[CitationUse]) -> str:
    """A digest of what the places of ``uses`` (one document's citations of one key) show."""
    return digest((shows[1], shows[2], tuple((use.anchor, use.section, use.context) for use in uses)))


def citing_docs(cached: dict[str, CitingDoc], shows: dict[str, Shows],
                rows_by_doc: Mapping[str, Sequence[tuple[Any, ...]]]) -> tuple[dict[str, CitingDoc], set[str]]:
    """Every citing document (``shows``: what each shows now) with the digests of its places by key,
    and the keys whose places in some document differ from last time's.

    A document showing what it showed last time keeps its digests; the others' are made again
    from their rows (``rows_by_doc``: docname -> its citations as the environment keeps them, in
    reading order). A document that no longer cites changes the citing documents of what it
    cited, which the works compare.
    """
    docs: dict[str, CitingDoc] = {}
    again: list[str] = []
    for docname, now in shows.items():
        old = cached.get(docname)
        if old is not None and old[0] == now:
            docs[docname] = old
        else:
            again.append(docname)
    for docname in again:
        by_key: dict[str, list[CitationUse]] = {}
        for use in map(CitationUse._make, rows_by_doc.get(docname, ())):
            by_key.setdefault(use.key, []).append(use)
        now = shows[docname]
        docs[docname] = (now, {key: places_digest(now, uses) for key, uses in by_key.items()})
    return docs, changed_keys(cached, docs, again)


def changed_keys(cached: dict[str, CitingDoc], docs: dict[str, CitingDoc], again: Iterable[str]) -> set[str]:
    """The keys whose places in the documents digested ``again`` differ from last time's (or are new)."""
    changed: set[str] = set()
    for docname in again:
        new, old = docs[docname][1], cached.get(docname, ((0, "", ""), {}))[1]
        changed.update(key for key in new.keys() | old.keys() if new.get(key) != old.get(key))
    return changed
