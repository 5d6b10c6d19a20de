"""Incremental ``.bib`` loading: a command is parsed, and an entry built, once per content.

Each file is split into units, from one line starting with ``@`` to the next,
and each unit is parsed on its own by pybtex, its result cached (as plain
data) under a digest of its text and of every ``@string`` definition before
it. A unit whose parse reaches its own end inside a command (an unclosed
brace, a missing ``}``) is parsed again together with the units after it, so
the parse is the whole file's. Units with problems are never cached: their
messages name lines, which move when the file is edited above them.

Entries are then built (LaTeX to text, links, checks) once per content too:
an entry without ``crossref`` is cached under its unit's digest, its line
within the unit and the ``@preamble`` commands, with its problems' lines kept
relative to the unit and shifted on use. ``crossref`` targets, cycles and
duplicate keys are resolved over all entries on every load, which is cheap.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pybtex.errors
from pybtex import textutils
from pybtex.bibtex.utils import split_name_list
from pybtex.database import BibliographyData, Person
from pybtex.database import Entry as PybtexEntry
from pybtex.database.input.bibtex import DuplicateField, Parser
from pybtex.scanner import PrematureEOF, PybtexSyntaxError
from pybtex.utils import CaseInsensitiveDict

from ..model import Entry, Link, Location, Problem
from .scan import simple_entry
from .source import expand_entry_commands, preamble_commands

if TYPE_CHECKING:
    from .bibtex import Loader, SourceText

#: where a unit starts: a line whose first non-blank character is ``@``
UNIT_START = re.compile(r"^[ \t]*@", re.MULTILINE)
#: a field as parsed: (name, value)
Fields = tuple[tuple[str, str], ...]
#: a problem of a cached entry: (line relative to its unit, message, subtype, severity)
RelativeProblem = tuple[int, str, str, str]
#: the fields pybtex reads as lists of names (``Parser.person_fields``)
PERSON_ROLES = frozenset(role.lower() for role in Person.valid_roles)


#: what one unit's text gives: entries (key, type, fields, crossref), macros (name, value), preamble
#: parts; plain tuples, which pickle several times faster than records
ParsedUnit = tuple[tuple[tuple[str, str, Fields, str], ...], tuple[tuple[str, str], ...], tuple[str, ...]]
#: a built entry without its location: ``Entry``'s other fields, in order, its links as (kind, url)
EntryValues = tuple[Any, ...]
ENTRY_FIELDS = tuple(name for name in Entry.__dataclass_fields__ if name != "location")
LINKS_AT = ENTRY_FIELDS.index("links")
#: what ``BibCache.dump`` writes first; another value: a file written by another biblog, read as empty
DUMP_FORMAT = "biblog-bibunits-1"


@dataclass
class BibCache:
    """Parsed units and built entries by content digest; ``kept()`` is what the last load used."""

    units: dict[str, ParsedUnit] = field(default_factory=dict)
    entries: dict[str, tuple[EntryValues, tuple[RelativeProblem, ...]]] = field(default_factory=dict)
    used_units: set[str] = field(default_factory=set, repr=False)
    used_entries: set[str] = field(default_factory=set, repr=False)

    def kept(self) -> BibCache:
        return BibCache({d: self.units[d] for d in self.used_units if d in self.units},
                        {d: self.entries[d] for d in self.used_entries if d in self.entries})

    def __getstate__(self) -> dict[str, Any]:
        return {"units": self.units, "entries": self.entries}

    def dump(self) -> bytes | None:
        """The cache as ``marshal`` data (plain tuples and strings: written five times faster than a
        pickle of the same); ``None`` if it holds anything else."""
        try:
            return marshal.dumps((DUMP_FORMAT, self.units, self.entries))
        except ValueError:
            return None

    @classmethod
    def load(cls, data: bytes) -> BibCache:
        """What ``dump`` wrote; an empty cache for anything else."""
        try:
            loaded = marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            return cls()
        if not (isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == DUMP_FORMAT
                and isinstance(loaded[1], dict) and isinstance(loaded[2], dict)):
            return cls()
        return cls(loaded[1], loaded[2])

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["units"], state["entries"])  # type: ignore[misc]


@dataclass
class Record:
    """One entry as parsed: its fields and where its unit lies."""

    key: str
    entry_type: str
    fields: Fields
    digest: str  #: of the unit's text and the macros it could see
    source: SourceText
    span: tuple[int, int]  #: the unit's offsets in ``source.text``
    first_line: int  #: the unit's first line in the file, as ``SourceText`` counts lines
    crossref: str  #: the ``crossref`` field's value, "" when it has none


class MacroOverlay:
    """``@string`` macros: the ones defined so far, plus those a unit defines (kept apart until it is taken)."""

    def __init__(self, base: CaseInsensitiveDict) -> None:
        self.base = base
        self.defined = CaseInsensitiveDict()

    def __getitem__(self, name: str) -> str:
        return self.defined[name] if name in self.defined else self.base[name]

    def __setitem__(self, name: str, value: str) -> None:
        self.defined[name] = value

    def __contains__(self, name: object) -> bool:
        return name in self.defined or name in self.base


class UnitParser(Parser):
    """pybtex's parser, keeping each entry's fields as plain data: pybtex's entries are made from
    them only for the entries built (``materialize``), exactly as ``Parser.process_entry`` makes them."""

    def __init__(self) -> None:
        super().__init__(encoding="utf-8")
        self.start(MacroOverlay(CaseInsensitiveDict()), 1)

    def start(self, macros: MacroOverlay, next_unnamed: int) -> None:
        """Begin a run of units, with the macros defined before it."""
        self.macros = macros
        self.records: list[tuple[str, str, Fields, str]] = []
        self.preamble_parts: list[str] = []
        #: pybtex names an entry whose key it could not read "unnamed-N", counting from 1 in each file
        self.next_unnamed = next_unnamed

    def parse_string(self, text: str) -> BibliographyData:
        """Read ``text``; a unit that is one entry of the common shape without pybtex's scanner (``scan``)."""
        simple = simple_entry(text, self.macros)
        if simple is None:
            return super().parse_string(text)
        self.process_entry(*simple)
        return self.data

    def process_entry(self, entry_type: str, key: str | None, fields: list[tuple[str, list[str]]]) -> None:
        if key is None:
            key, self.next_unnamed = f"unnamed-{self.next_unnamed}", self.next_unnamed + 1
        seen: set[str] = set()
        kept = []
        for name, value_list in fields:
            if name.lower() in seen:
                self.handle_error(DuplicateField(key, name))
                continue
            seen.add(name.lower())
            kept.append((name, textutils.normalize_whitespace(self.flatten_value_list(value_list))))
        crossref = next((value for name, value in kept if name.lower() == "crossref"), "")
        self.records.append((key, entry_type, tuple(kept), crossref))

    def process_preamble(self, value_list: list[str]) -> None:
        self.preamble_parts.append(textutils.normalize_whitespace(self.flatten_value_list(value_list)))


class NamedPerson(Person):
    """pybtex's ``Person``, made once per name string (``make_person``)."""

    #: the name as written, when it had more than two commas (pybtex reads what follows the second
    #: as the given names); "" otherwise
    too_many_commas = ""
    #: ``str(person)``, made once per name string: biblog reads it several times per entry
    text = ""
    #: (surname as cited, full display name), once ``bibtex.person_names`` made them
    cited_names: tuple[str, str] | None = None

    def __str__(self) -> str:
        return self.text


#: an author recurs in hundreds of entries, and splitting a name is most of what building an entry
#: costs: each name string is split once, and its person shared by the entries naming it (nothing in
#: biblog changes a person once made)
@functools.lru_cache(maxsize=65536)
def make_person(name: str) -> NamedPerson:
    """``Person(name)``, with what pybtex reports about it kept on it instead of raised."""
    with pybtex.errors.capture() as captured:  # in strict mode pybtex would raise on too many commas
        person = NamedPerson(name)
    if captured:
        person.too_many_commas = name
    person.text = Person.__str__(person)
    return person


@functools.lru_cache(maxsize=65536)
def people(names: str) -> tuple[NamedPerson, ...]:
    """The persons of a list of names (``a and b``); an author alone, or a team, recurs in many entries."""
    return tuple(make_person(person) for person in split_name_list(names))


def materialize(record: Record) -> PybtexEntry:
    """pybtex's entry for ``record``, made as pybtex's ``Parser.process_entry`` makes it."""
    entry = PybtexEntry(record.entry_type)
    for name, value in record.fields:
        if name.lower() in PERSON_ROLES:
            # what ``Entry.add_person`` does name by name (a role is read once: duplicates are dropped)
            persons = list(people(value))
            if persons:
                entry.persons[name] = persons
        else:
            entry.fields[name] = value
    return entry


def digest_of(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def pybtex_lines(text: str, start: int, end: int) -> int:
    """Line breaks in ``text[start:end]`` as pybtex's scanner counts them (``\\r\\n``, ``\\n``, ``\\r``)."""
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)


@dataclass
class UnitLoad:
    """The state of one incremental load, over all files in order."""

    loader: Loader
    cache: BibCache | None
    split: bool = True
    macro_state: str = "month names"
    preamble: list[str] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)  #: lower-cased key -> first record
    next_unnamed: int = 1
    parser: UnitParser = field(default_factory=UnitParser)
    #: (file, offset) of each unit defining ``@string`` macros, files counted from 0 as parsed
    macro_units: list[tuple[int, int]] = field(default_factory=list)
    files: int = 0
    #: the ``@preamble`` commands, once ``build_entries`` has read them
    commands: dict[str, tuple[int, str]] = field(default_factory=dict)

    def parse_file(self, source: SourceText, found: list[tuple[str, Location]]) -> None:
        self.files += 1
        text = source.text
        bounds = sorted({0, len(text), *(m.start() for m in UNIT_START.finditer(text))}) if self.split \
            else [0, len(text)]
        index, line = 0, 1
        self.next_unnamed = 1
        while index < len(bounds) - 1:
            end = self.parse_run(source, found, bounds, index, line)
            line += pybtex_lines(text, bounds[index], bounds[end])
            index = end

    def parse_run(self, source: SourceText, found: list[tuple[str, Location]], bounds: list[int],
                  index: int, line: int) -> int:
        """Parse from unit ``index``, with as many following units as it reads into; returns where it ended."""
        size = 1
        while True:
            end = min(index + size, len(bounds) - 1)
            text = source.text[bounds[index]:bounds[end]]
            digest = digest_of(self.macro_state, text)
            cached = self.cache.units.get(digest) if self.cache is not None else None
            if cached is not None:
                assert self.cache is not None
                self.cache.used_units.add(digest)
                self.take(cached, digest, source, (bounds[index], bounds[end]))
                return end
            parser = self.parser
            parser.start(MacroOverlay(self.loader.parser.macros), self.next_unnamed)
            errors = parse_capturing(parser, text)
            if end < len(bounds) - 1 and any(isinstance(e, PrematureEOF) for e in errors):
                size *= 2  # it reads on into the next units: parse them together, as the whole file is
                continue
            self.next_unnamed = parser.next_unnamed
            parsed: ParsedUnit = (tuple(parser.records), tuple(parser.macros.defined.items()),
                                  tuple(parser.preamble_parts))
            errors = [e for e in errors if "repeated" not in str(e)]  # duplicates: reported by key scan
            if errors:
                self.report(source, found, errors, bounds[index], line)
            elif self.cache is not None:
                self.cache.units[digest] = parsed
                self.cache.used_units.add(digest)
            self.take(parsed, digest, source, (bounds[index], bounds[end]))
            return end

    def report(self, source: SourceText, found: list[tuple[str, Location]], errors: list[Exception],
               offset: int, line: int) -> None:
        from .bibtex import report_errors

        for error in errors:
            if isinstance(error, PybtexSyntaxError):
                shift_error(error, offset, line - 1)
        report_errors(self.loader, source, found, errors)

    def take(self, parsed: ParsedUnit, digest: str, source: SourceText, span: tuple[int, int]) -> None:
        entries, macros, preamble = parsed
        for name, value in macros:
            self.loader.parser.macros[name] = value
        if macros:
            self.macro_state = digest
            self.macro_units.append((self.files - 1, span[0]))
        self.preamble += preamble
        for key, entry_type, fields, crossref in entries:
            if key.lower() not in self.records:
                self.records[key.lower()] = Record(key, entry_type, fields, digest, source, span,
                                                   source.line_of(span[0]), crossref)

    def build_entries(self, first_seen: dict[str, Location],
                      sources: dict[str, SourceText]) -> tuple[dict[str, Entry], list[Problem]]:
        preamble = BibliographyData()
        preamble.add_to_preamble(*self.preamble)
        self.commands = preamble_commands(preamble.preamble)
        builder = EntryBuilder(self.records, self.commands, self.cache)
        entries: dict[str, Entry] = {}
        problems: list[Problem] = []
        for record in self.records.values():
            location = first_seen.get(record.key) or first_seen.get(record.key.lower(), Location("", 0))
            entry, entry_problems = builder.build(record, location, sources.get(location.path))
            entries[record.key] = entry
            problems += entry_problems
        return entries, problems


def parse_capturing(parser: Parser, text: str) -> list[Exception]:
    with pybtex.errors.capture() as captured:
        try:
            parser.parse_string(text)
        except PybtexSyntaxError as fatal:
            captured.append(fatal)
    return list(captured)


def shift_error(error: PybtexSyntaxError, offset: int, lines: int) -> None:
    """Make an error found in a unit read as if found in the whole file (offsets and lines)."""
    start, line, position = error.error_context_info
    error.error_context_info = (None if start is None else start + offset, None if line is None else line + lines,
                                None if position is None else position + offset)
    if error.lineno is not None:
        error.lineno += lines


class LazyEntries(Mapping[str, PybtexEntry]):
    """pybtex's entries by key (case-insensitive, as pybtex's), each made when first asked for."""

    def __init__(self, records: dict[str, Record], commands: dict[str, tuple[int, str]]) -> None:
        self.records = records
        self.commands = commands
        self.made: dict[str, PybtexEntry] = {}

    def __getitem__(self, key: str) -> PybtexEntry:
        lowered = key.lower()
        if lowered not in self.made:
            record = self.records[lowered]
            entry = materialize(record)
            if self.commands:
                expand_entry_commands(entry, self.commands)
            self.made[lowered] = entry
        return self.made[lowered]

    def __iter__(self) -> Iterator[str]:
        return (record.key for record in self.records.values())

    def __len__(self) -> int:
        return len(self.records)


@dataclass
class EntryBuilder:
    records: dict[str, Record]
    commands: dict[str, tuple[int, str]]
    cache: BibCache | None
    raw: LazyEntries = field(init=False)
    #: the ``@preamble`` commands, as each cached entry's digest includes them
    commands_digest: str = field(init=False)

    def __post_init__(self) -> None:
        self.raw = LazyEntries(self.records, self.commands)
        self.commands_digest = repr(sorted(self.commands.items()))

    @property
    def entries(self) -> LazyEntries:  # what ``inherit_crossref`` reads as pybtex's data
        return self.raw

    def build(self, record: Record, location: Location, source: SourceText | None) -> tuple[Entry, list[Problem]]:
        from .bibtex import make_entry

        start, end = record.span
        relative = location.line - record.first_line + 1
        cacheable = (self.cache is not None and not record.crossref and source is record.source
                     and 0 < relative <= record.source.text.count("\n", start, end) + 1)
        if not cacheable:
            raw = self.raw[record.key]
            # inherit_crossref adds the parents' fields to the entry: to a copy, so that what other
            # entries inherit from this one never depends on the order entries are built in
            raw = copy_entry(raw) if record.crossref else raw
            return make_entry(record.key, raw, self, location, source)
        assert self.cache is not None
        digest = digest_of(record.digest, record.key, str(relative), self.commands_digest)
        cached = self.cache.entries.get(digest)
        if cached is None:
            from .bibtex import SourceText

            unit = SourceText(record.source.shown, record.source.text[start:end])
            entry, problems = make_entry(record.key, self.raw[record.key], self,
                                         Location(location.path, relative), unit)
            cached = (tuple(tuple((link.kind, link.url) for link in entry.links) if name == "links"
                            else getattr(entry, name) for name in ENTRY_FIELDS),
                      tuple((p.location.line, p.message, p.subtype, p.severity) for p in problems))
            self.cache.entries[digest] = cached
        self.cache.used_entries.add(digest)
        shift = record.first_line - 1
        return (relocated(cached[0], location),
                [Problem(Location(location.path, line + shift if line else 0), message, subtype, severity)
                 for line, message, subtype, severity in cached[1]])


def relocated(values: EntryValues, location: Location) -> Entry:
    """The cached entry at ``location``; made as unpickling makes it, 20,000 times per load."""
    entry = object.__new__(Entry)
    entry.__dict__.update(zip(ENTRY_FIELDS, values, strict=True))
    entry.__dict__["links"] = tuple(checked_link(kind, url) for kind, url in values[LINKS_AT])
    entry.__dict__["location"] = location
    return entry


def checked_link(kind: str, url: str) -> Link:
    """A link ``Link.make`` made when the entry was built, made again as unpickling makes it."""
    link = object.__new__(Link)
    link.__dict__.update(kind=kind, url=url)
    return link


def copy_entry(entry: PybtexEntry) -> PybtexEntry:
    return PybtexEntry(entry.original_type, fields=list(entry.fields.items()),
                       persons=[(role, list(persons)) for role, persons in entry.persons.items()])
