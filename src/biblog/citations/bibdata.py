"""sphinxcontrib-bibtex's view of the ``.bib`` files, parsed by biblog once, and only when used.

sphinxcontrib-bibtex parses every file in ``bibtex_bibfiles`` when the
builder starts and keeps the result in the pickled environment: a second parse
of what biblog already reads, a larger environment on every build, and a
build that stops at the first syntax error. In a blog that lists only
``biblog``, its domain gets instead a stand-in with the files' current
modification times (so that it sees itself up to date and parses nothing),
whose entries are parsed by biblog's tolerant loader the first time a
``{bibliography}`` directive asks for them. Problems in the files are
reported once, by biblog, with their lines.

A project that lists ``sphinxcontrib.bibtex`` itself keeps its parse as it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pybtex.database import Entry as PybtexEntry
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime

if TYPE_CHECKING:
    from pybtex.database import BibliographyData
    from sphinx.application import Sphinx

UTF8 = ("utf-8", "utf-8-sig", "utf8")


class ParsedFiles:
    """The pybtex data of some ``.bib`` files, parsed on first use; pickled as its paths only."""

    def __init__(self, paths: tuple[Path, ...]) -> None:
        self.paths = paths
        self.parsed: tuple[BibliographyData, dict[Path, list[str]]] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (ParsedFiles, (self.paths,))

    def load(self) -> tuple[BibliographyData, dict[Path, list[str]]]:
        if self.parsed is None:
            from ..core.bib.bibtex import parse_pybtex

            self.parsed = parse_pybtex(self.paths)
        return self.parsed


class LazyData:
    """Stands for pybtex's ``BibliographyData``: attributes come from the parse, made on first use."""

    def __init__(self, files: ParsedFiles) -> None:
        self.files = files

    def __getattr__(self, name: str) -> Any:
        if name == "files":
            raise AttributeError(name)
        return getattr(self.files.load()[0], name)


class LazyKeys(Mapping[str, None]):
    """The keys one file adds, in order (``BibFile.keys``), read from the parse on first use."""

    def __init__(self, files: ParsedFiles, path: Path) -> None:
        self.files = files
        self.path = path

    def keys_in_order(self) -> dict[str, None]:
        return dict.fromkeys(self.files.load()[1].get(self.path, []))

    def __getitem__(self, key: str) -> None:
        return self.keys_in_order()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_in_order())

    def __len__(self) -> int:
        return len(self.keys_in_order())


class DeferredEntry(PybtexEntry):
    """A cited entry for sphinxcontrib-bibtex's styles, whose fields and names are read from the
    parse only if a style asks for them.

    The blog's own style formats citations from biblog's labels and needs only the key: without
    this, writing any page with a citation would parse every ``.bib`` file with pybtex once more
    (seconds at tens of thousands of entries).
    """

    def __init__(self, entry_type: str, key: str, data: Any) -> None:  # pybtex's __init__ sets fields
        self.type = entry_type.lower()
        self.original_type = entry_type
        self.key = key
        self.data = data

    def parsed(self) -> PybtexEntry:
        return self.data.entries.get(self.key) or PybtexEntry(self.type)

    @property
    def fields(self) -> Any:
        return self.parsed().fields

    @property
    def persons(self) -> Any:
        return self.parsed().persons


def blog_owns_the_bibliography(app: Sphinx) -> bool:
    """True unless the project lists sphinxcontrib-bibtex itself or reads its files in another encoding."""
    return ("sphinxcontrib.bibtex" not in app.config.extensions
            and str(app.config.bibtex_encoding).lower() in UTF8)


def share_bibliography(app: Sphinx) -> None:
    """Hand sphinxcontrib-bibtex a stand-in for its parse (builder-inited, before its own handler)."""
    if not blog_owns_the_bibliography(app):
        return
    paths = tuple(resolvable_bibfiles(app))
    files = ParsedFiles(paths)
    # BibFile and BibData are typed for a dict and pybtex's data; the stand-ins read like them.
    bibfiles = {path: BibFile(mtime=get_mtime(path), keys=LazyKeys(files, path))  # type: ignore[arg-type]
                for path in paths}
    domain = app.env.get_domain("cite")
    domain.data["bibdata"] = BibData(encoding=app.config.bibtex_encoding, bibfiles=bibfiles,
                                     data=LazyData(files))


def resolvable_bibfiles(app: Sphinx) -> list[Path]:
    """The files as sphinxcontrib-bibtex names them (resolved), leaving out those it cannot resolve.

    It resolves each path itself and would stop the build on a symlink loop;
    biblog's loader reports such a file, with its name, instead.
    """
    paths, kept = [], []
    for name in app.config.bibtex_bibfiles or []:
        try:
            paths.append(Path(app.confdir, name).resolve())
        except (OSError, RuntimeError):
            continue
        kept.append(name)
    if len(kept) < len(app.config.bibtex_bibfiles or []):
        app.config.bibtex_bibfiles = kept
    return paths


def setup_bibdata(app: Sphinx) -> None:
    # Before sphinxcontrib-bibtex's builder-inited handler (priority 500), which parses stale files.
    app.connect("builder-inited", share_bibliography, priority=400)
