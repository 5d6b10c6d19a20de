"""Load ``.bib`` files into ``Entry`` records, with every problem located.

Files are parsed in order with one pybtex parser, so ``@string`` macros and
``crossref`` targets of earlier files serve later ones, as BibTeX does.
pybtex's own errors are captured (not printed) and turned into ``Problem``
records naming the file, the line and the fix.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Person
from pybtex.database import Entry as PybtexEntry
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError

from .latex import decode_text, plain_text
from .model import Entry, Link, Location, Problem

ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE)
NON_ENTRIES = {"string", "preamble", "comment"}
SAFE_URL = re.compile(r"^https?://[^\s\"<>]+$", re.IGNORECASE)
INHERITED_AS = {"title": "booktitle"}


@dataclass(frozen=True)
class LoadedBibliography:
    entries: dict[str, Entry]
    problems: tuple[Problem, ...]
    #: content hash of all files, in order
    digest: str


def scan_entry_lines(text: str, path: str) -> list[tuple[str, Location]]:
    """Every ``@type{key,`` with its line, comments and macros excluded."""
    found = []
    for match in ENTRY_START.finditer(text):
        if match.group(1).lower() not in NON_ENTRIES:
            line = text.count("\n", 0, match.start()) + 1
            found.append((match.group(2), Location(path, line)))
    return found


def display_path(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve())) if root else str(path)
    except ValueError:
        return str(path)


def load_bibliography(paths: Sequence[Path], root: Path | None = None) -> LoadedBibliography:
    """Parse ``paths`` in order; never raises on bad content, reports instead."""
    parser = Parser(encoding="utf-8")
    problems: list[Problem] = []
    first_seen: dict[str, Location] = {}
    digest = hashlib.sha256()
    for path in paths:
        shown = display_path(path, root)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(Location(shown, 0), f"cannot read the bibliography: {error}; "
                                    "check the path in blog_bibfiles", "bibfile"))
            continue
        digest.update(shown.encode() + b"\0" + text.encode())
        problems += duplicate_keys(scan_entry_lines(text, shown), first_seen)
        problems += parse_text(parser, text, shown)
    locations = dict(first_seen)
    entries: dict[str, Entry] = {}
    for key, raw in parser.data.entries.items():
        location = locations.get(key) or locations.get(key.lower(), Location("", 0))
        entry, entry_problems = make_entry(key, raw, parser.data, location)
        entries[key] = entry
        problems += entry_problems
    return LoadedBibliography(entries, tuple(problems), digest.hexdigest())


def duplicate_keys(found: list[tuple[str, Location]], first_seen: dict[str, Location]) -> list[Problem]:
    problems = []
    lowered = {key.lower(): location for key, location in first_seen.items()}
    for key, location in found:
        if key.lower() in lowered:
            problems.append(Problem(location, f"duplicate key '{key}', first defined at "
                                    f"{lowered[key.lower()]}; rename one of the two entries "
                                    "(BibTeX keys ignore case)", "duplicate_key"))
            continue
        first_seen[key] = lowered[key.lower()] = location
    return problems


def parse_text(parser: Parser, text: str, shown: str) -> list[Problem]:
    problems = []
    with pybtex.errors.capture() as captured:
        try:
            parser.parse_string(text)
        except PybtexSyntaxError as error:
            captured.append(error)
    for captured_error in captured:
        if "repeated" in str(captured_error):
            continue  # reported with both locations by duplicate_keys
        line = getattr(captured_error, "lineno", 0) or 0
        problems.append(Problem(Location(shown, line), explain_syntax_error(captured_error), "bibtex_syntax"))
    return problems


def explain_syntax_error(error: Exception) -> str:
    message = str(error)
    if "undefined" in message.lower() and "macro" in message.lower():
        return (f"{message}; define it with @string before it is used "
                "(macros cannot refer to themselves or each other in a cycle)")
    if "premature end of file" in message:
        return f"{message}; an entry or a brace is left open: close it with '}}'"
    return f"{message}; fix the entry's syntax (@type{{key, field = {{value}}, ...}})"


def field_text(entry: PybtexEntry, name: str) -> str:
    return decode_text(entry.fields.get(name, "")).strip()


def person_names(person: Person) -> tuple[str, str]:
    """(surname as cited, full display name)."""
    surname = decode_text(" ".join(person.prelast_names + person.last_names)).strip()
    full = decode_text(" ".join(person.first_names + person.middle_names + person.prelast_names
                                + person.last_names + person.lineage_names)).strip()
    return surname, full


def venue_of(entry: PybtexEntry) -> str:
    venue = next((field_text(entry, n) for n in ("journal", "booktitle", "howpublished",
                                                  "publisher", "school", "institution",
                                                  "organization") if entry.fields.get(n)), "")
    volume, number, pages = (field_text(entry, n) for n in ("volume", "number", "pages"))
    details = volume + (f"({number})" if number and volume else "") + (f":{pages}" if pages else "")
    return f"{venue}, {details}" if venue and details else venue


def links_of(entry: PybtexEntry) -> tuple[Link, ...]:
    links: list[Link] = []
    eprint = entry.fields.get("eprint", "").strip()
    prefix = entry.fields.get("archiveprefix", entry.fields.get("eprinttype", "")).lower()
    if eprint and (prefix == "arxiv" or re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", eprint)):
        links.append(Link("arXiv", f"https://arxiv.org/abs/{eprint}"))
    doi = entry.fields.get("doi", "").strip()
    if doi:
        links.append(Link("DOI", f"https://doi.org/{doi}"))
    url = entry.fields.get("url", "").strip()
    if url and SAFE_URL.match(url) and url.rstrip("/") not in {link.url for link in links}:
        links.append(Link("URL", url))
    return tuple(links)


def inherit_crossref(key: str, entry: PybtexEntry, data: BibliographyData,
                     location: Location) -> list[Problem]:
    target = entry.fields.get("crossref")
    if not target:
        return []
    parent = data.entries.get(target)
    if parent is None:
        return [Problem(location, f"entry '{key}' has crossref '{target}', which is not in any "
                        "bibliography file; add that entry or remove the crossref field",
                        "crossref")]
    for name, value in parent.fields.items():
        inherited = INHERITED_AS.get(name.lower(), name)
        if inherited not in entry.fields:
            entry.fields[inherited] = value
    for role, persons in parent.persons.items():
        if role not in entry.persons:
            entry.persons[role] = persons
    return []


def make_entry(key: str, raw: PybtexEntry, data: BibliographyData,
               location: Location) -> tuple[Entry, list[Problem]]:
    problems = inherit_crossref(key, raw, data, location)
    persons = raw.persons.get("author") or raw.persons.get("editor") or []
    named = [p for p in persons if str(p) != "others"]
    names = [person_names(p) for p in named]
    title = plain_text(raw.fields.get("title", ""))
    year = field_text(raw, "year")
    entry = Entry(
        key=key,
        entry_type=raw.type.lower(),
        surnames=tuple(s for s, _ in names),
        and_others=len(named) < len(persons),
        authors=tuple(f for _, f in names) + (("others",) if len(named) < len(persons) else ()),
        title=title,
        year=year,
        venue=venue_of(raw),
        links=links_of(raw),
        location=location,
        fingerprint=hashlib.sha256(repr((raw.type, sorted(raw.fields.items()),
                                         [str(p) for p in persons])).encode()).hexdigest()[:16],
        doi=raw.fields.get("doi", "").strip(),
        arxiv=raw.fields.get("eprint", "").strip(),
    )
    return entry, problems
