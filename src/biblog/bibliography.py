"""The bibliography as one value: entries, labels and a resolver.

Parsing is cached on disk by the content hash of the ``.bib`` files, so a
rebuild that did not touch them does not parse them again, and the parsed
data never enters the pickled Sphinx environment.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import replace_file
from .labels import assign_labels
from .letters import letters_path, read_pins
from .model import Entry, Label, Problem
from .resolver import Resolver

if TYPE_CHECKING:
    from .bibtex import LoadedBibliography

# 7: pylatexenc text, own DOIs, control characters removed
# 5: math in venues; 4: checked links, located syntax errors; 3: titles keep the space after inline math
CACHE_VERSION = 7


@dataclass
class Bibliography:
    entries: dict[str, Entry]
    problems: tuple[Problem, ...]
    digest: str
    labels: dict[str, Label] = field(default_factory=dict)
    #: pieces rendered from entries during one build (``refhtml``); never cached on disk
    memo: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_loaded(cls, loaded: LoadedBibliography) -> Bibliography:
        return cls(loaded.entries, loaded.problems, loaded.digest, assign_labels(loaded.entries.values()))

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.entries, self.labels)

    def signature(self, key: str) -> tuple[str, str]:
        """What a citing page shows of an entry; a change means re-reading it."""
        entry = self.entries.get(key)
        return (entry.fingerprint, self.labels[key].parenthetical()) if entry else ("", "")


def read_bibliography(paths: Sequence[Path], root: Path, cache_dir: Path | None = None) -> Bibliography:
    """Load ``paths`` with the letters pinned in the project folder ``root`` (see ``letters.py``)."""
    bibliography = parse_bibliography(paths, root, cache_dir)
    pins = read_pins(letters_path(paths, root))
    if pins:
        bibliography.labels = assign_labels(bibliography.entries.values(), pins)
    return bibliography


def parse_bibliography(paths: Sequence[Path], root: Path, cache_dir: Path | None = None) -> Bibliography:
    """Load ``paths``, from the on-disk cache when their content is unchanged."""
    # pybtex and latexcodec are imported only when the cache misses: most builds never need them.
    from .bibtex import load_bibliography

    if cache_dir is None:
        return Bibliography.from_loaded(load_bibliography(paths, root))
    digest = content_digest(paths)
    cache_file = cache_dir / f"biblog-bib-{CACHE_VERSION}-{digest[:20]}.pickle"
    try:
        with cache_file.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, Bibliography):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    bibliography = Bibliography.from_loaded(load_bibliography(paths, root))
    write_cache(cache_dir, cache_file, bibliography)
    return bibliography


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


def write_cache(cache_dir: Path, cache_file: Path, bibliography: Bibliography) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    for stale in cache_dir.glob(f"biblog-bib-{CACHE_VERSION}-*.pickle"):
        stale.unlink(missing_ok=True)
    # Drop the lazily built resolver: it is cheap to rebuild and not needed in the file.
    bibliography.__dict__.pop("resolver", None)
    replace_file(cache_file, pickle.dumps(bibliography, protocol=pickle.HIGHEST_PROTOCOL))
