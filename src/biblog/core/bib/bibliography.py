"""The bibliography as one value: entries, labels and a resolver.

Parsing is cached on disk by the content hash of the ``.bib`` files, so a
rebuild that did not touch them does not parse them again, and the parsed
data never enters the pickled Sphinx environment. When they changed, an edit
of a few entries in one file is spliced into the last load (``splice``,
whose facts are a third file); otherwise only the commands and entries that
changed are parsed and built again (``units``, whose cache is a second file).
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import replace_file
from ..model import Entry, Label, Problem
from .labels import assign_labels, group_labels, label_groups
from .letters import letters_path, read_pins, updated_pins
from .resolver import Resolver

if TYPE_CHECKING:
    from .bibtex import LoadedBibliography
    from .units import BibCache

# 10: entries keep what the resolver reads of them (``Entry.resolves_as``)
# 9: the unit cache as marshal data, links as (kind, url)
# 8: labels kept with the pins they were given; 7: pylatexenc text, own DOIs, control characters removed
# 5: math in venues; 4: checked links, located syntax errors; 3: titles keep the space after inline math
CACHE_VERSION = 11
#: the per-command and per-entry cache of incremental loads; its name changes with CACHE_VERSION
UNIT_CACHE = f"biblog-bibunits-{CACHE_VERSION}.marshal"


@dataclass
class Bibliography:
    entries: dict[str, Entry]
    problems: tuple[Problem, ...]
    digest: str
    labels: dict[str, Label] = field(default_factory=dict)
    #: the pinned letters (``letters.py``) the labels were assigned with
    pins: dict[str, str] = field(default_factory=dict)
    #: pieces rendered from entries during one build (``refhtml``); never cached on disk
    memo: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_loaded(cls, loaded: LoadedBibliography, pins: dict[str, str] | None = None) -> Bibliography:
        return cls(loaded.entries, loaded.problems, loaded.digest, assign_labels(loaded.entries.values(), pins),
                   dict(pins or {}))

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.entries, self.labels)

    def signature(self, key: str) -> tuple[str, str, tuple[str, ...], str]:
        """What a citing page shows of an entry, where the resolver files it and what it reads of it;
        a change means re-reading the pages citing it (``delta`` tells which parts matter to whom)."""
        from .delta import index_names

        entry = self.entries.get(key)
        if entry is None:
            return ("", "", (), "")
        return (entry.fingerprint, self.labels[key].parenthetical(), index_names(self, key), entry.resolves_as)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while many objects are made at once.

    Loading 20,000 entries makes hundreds of thousands of objects, none of them garbage; in a
    build whose environment is already loaded, the collections this triggers walk that whole
    environment again and again, which cost three times the load itself.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_bibliography(paths: Sequence[Path], root: Path, cache_dir: Path | None = None) -> Bibliography:
    """Load ``paths`` with the letters pinned in the project folder ``root`` (see ``letters.py``)."""
    pins = read_pins(letters_path(paths, root))
    with paused_gc():
        return parse_bibliography(paths, root, cache_dir, pins)


def parse_bibliography(paths: Sequence[Path], root: Path, cache_dir: Path | None = None,
                       pins: dict[str, str] | None = None) -> Bibliography:
    """Load ``paths``, from the on-disk cache when their content is unchanged; label with ``pins``."""
    pins = pins or {}
    if cache_dir is None:
        return Bibliography.from_loaded(parse_files(paths, root), pins)
    digest = content_digest(paths)
    cache_file = cache_dir / f"biblog-bib-{CACHE_VERSION}-{digest[:20]}.pickle"
    cached = read_cache(cache_file)
    if cached is not None:
        if cached.pins != pins:
            relabel(cache_dir, cache_file, cached, pins)
        return cached
    from .splice import splice, write_state

    spliced = splice(paths, root, cache_dir, CACHE_VERSION, pins, cache_file)
    if spliced is not None:  # one file's edit, put into the last load (``splice``)
        return spliced
    units = read_unit_cache(cache_dir)
    loaded = parse_files(paths, root, units)
    groups = label_groups(loaded.entries.values())
    bibliography = Bibliography(loaded.entries, loaded.problems, loaded.digest, group_labels(groups.values(), pins),
                                dict(pins))
    write_cache(cache_dir, cache_file, bibliography)
    write_state(cache_dir, CACHE_VERSION, cache_file.stem, loaded.facts,
                {group: [entry.key for entry in members] for group, members in groups.items()})
    dumped = units.kept().dump()
    if dumped is not None:
        replace_file(cache_dir / UNIT_CACHE, dumped)
    return bibliography


def read_cache(cache_file: Path) -> Bibliography | None:
    """The bibliography cached in ``cache_file`` (``write_cache``); ``None`` if it is missing or unreadable."""
    try:
        with cache_file.open("rb") as handle:
            cached = pickle.load(handle)  # our own file, in the build's doctree folder
    # AttributeError, ImportError: a class renamed or moved (into a subpackage, say) since the file was written
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    return cached if isinstance(cached, Bibliography) else None


def parse_files(paths: Sequence[Path], root: Path, units: BibCache | None = None) -> LoadedBibliography:
    # pybtex, latexcodec and the loader are imported only when the cache misses: most builds never need them
    from .bibtex import load_bibliography

    return load_bibliography(paths, root, units)


def relabel(cache_dir: Path, cache_file: Path, cached: Bibliography, pins: dict[str, str]) -> None:
    """Label ``cached`` with letters pinned since it was cached."""
    if updated_pins(cached.pins, cached.labels) == pins:
        # The letters its own labels pinned (the build after the clean one that cached it): with them
        # every lettered work keeps its letter and nothing else moves, so the labels stay as they are.
        cached.pins = dict(pins)
        return
    cached.labels, cached.pins = assign_labels(cached.entries.values(), pins), dict(pins)
    cached.__dict__.pop("resolver", None)  # it reads the labels: made again with the new ones
    write_cache(cache_dir, cache_file, cached)


def read_unit_cache(cache_dir: Path) -> BibCache:
    """The commands parsed and entries built by the last load (``units``), or an empty cache."""
    from .units import BibCache

    try:
        data = (cache_dir / UNIT_CACHE).read_bytes()
    except OSError:
        return BibCache()
    return BibCache.load(data)


def content_digest(paths: Sequence[Path]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def remove_stale_caches(cache_dir: Path) -> None:
    """Every bibliography cache in ``cache_dir`` but the current version's incremental ones.

    The whole-bibliography pickle is about to be written again. The files of an older
    ``CACHE_VERSION`` (8 to 20 MB at 20,000 entries) would never be read again: without
    this, each upgrade of biblog left them in the doctree folder.
    """
    from .splice import state_path

    keep = {UNIT_CACHE, state_path(cache_dir, CACHE_VERSION).name}
    for pattern in ("biblog-bib-*-*.pickle", "biblog-bibunits-*.marshal", "biblog-bibsplice-*.marshal"):
        for stale in cache_dir.glob(pattern):
            if stale.name not in keep:
                stale.unlink(missing_ok=True)


def write_cache(cache_dir: Path, cache_file: Path, bibliography: Bibliography) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_caches(cache_dir)
    # The resolver's index goes into the file: making it again reads the surname forms and years of
    # every entry, on every build that reads a citing page (0.08 s at 20,000 entries; loading it, 0.01 s).
    bibliography.resolver  # noqa: B018 (a cached property: made now, pickled with the rest)
    replace_file(cache_file, pickle.dumps(bibliography, protocol=pickle.HIGHEST_PROTOCOL))
