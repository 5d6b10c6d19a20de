"""Load ``.bib`` files into ``Entry`` records, with every problem located.

Files are parsed in order with one pybtex parser, so ``@string`` macros and
``crossref`` targets of earlier files serve later ones, as BibTeX does.
pybtex's own errors are captured (not printed) and turned into ``Problem``
records naming the file, the line and the fix. What pybtex is given, and the
``@preamble`` commands it leaves to LaTeX, are ``source``'s.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Person
from pybtex.database import Entry as PybtexEntry
from pybtex.database.input.bibtex import Parser, UndefinedMacro
from pybtex.scanner import PrematureEOF, PybtexSyntaxError, TokenRequired

from ..model import Entry, Link, Location, Problem
from .delta import resolution_fingerprint
from .latex import MATH, UNSAFE_MATH, decode_text, dollar_math, plain_text, unknown_commands
from .scan import BALANCED
from .source import SHOWN_FIELDS, read_source, without_comments
from .units import BibCache, NamedPerson, UnitLoad

ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE)
#: the head of any command (``@type{key``, ``@string{name``), where pybtex starts reading it
COMMAND_HEAD = re.compile(r"@[ \t]*(\w+)[ \t]*([{(])\s*([^,\s{}()=\"#]*)(\s*=)?")
#: an entry or @string opened with a brace, at the start of a line
BRACED_COMMAND = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*\{", re.MULTILINE)
BRACE = re.compile(r"[{}]")
#: a brace and its closing brace, with braces nested at most four deep between them
BRACED = re.compile(rf"\{{{BALANCED}\}}")
STRAY_FIELD = re.compile(r"^[ \t]*([A-Za-z][\w:.+-]*)[ \t]*=", re.MULTILINE)
#: where the next command starts: an ``@`` opening a line
NEXT_COMMAND = re.compile(r"^[ \t]*@", re.MULTILINE)
FIELD_START = re.compile(r"^\s*[A-Za-z][\w:.+-]*\s*=")
DUPLICATE_FIELD = re.compile(r"entry with key (\S+) has a duplicate (\S+) field")
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
NON_ENTRIES = {"string", "preamble", "comment"}
INHERITED_AS = {"title": "booktitle"}
FIELD_SYNTAX = "write fields as name = {value}, separated by commas"


@dataclass(frozen=True)
class LoadedBibliography:
    entries: dict[str, Entry]
    problems: tuple[Problem, ...]
    #: content hash of all files, in order
    digest: str
    #: what a later edit is spliced into (``splice``); not part of the value
    facts: LoadFacts | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class LoadFacts:
    """What ``splice`` needs of a load besides its entries: plain data, written with ``marshal``."""

    paths: tuple[str, ...]
    shown: tuple[str, ...]
    texts: tuple[str, ...]  #: each file's text as ``read_source`` gave it
    macro_units: tuple[tuple[int, int], ...]  #: (file, offset) of each unit defining ``@string`` macros
    macros: tuple[tuple[str, str], ...]  #: every macro at the end of the load (pybtex's month names too)
    commands: dict[str, tuple[int, str]]  #: the ``@preamble`` commands
    crossref_keys: frozenset[str]  #: lower-cased keys of entries with a ``crossref``
    crossref_targets: frozenset[str]  #: lower-cased keys they name


@dataclass
class SourceText:
    """One ``.bib`` file's text, with offsets turned into line numbers."""

    shown: str  #: the path as the user knows it
    text: str

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def location(self, offset: int) -> Location:
        return Location(self.shown, self.line_of(offset))

    def field_line(self, entry_line: int, name: str) -> int:
        """Line of ``name = `` in the entry starting on ``entry_line`` (the entry's line if absent)."""
        if not 0 < entry_line <= len(self.line_starts):
            return entry_line
        start = self.line_starts[entry_line - 1]
        following = NEXT_COMMAND.search(self.text, start + 1)
        end = following.start() if following else len(self.text)
        pattern = re.compile(rf"^[ \t]*{re.escape(name)}[ \t]*=", re.IGNORECASE | re.MULTILINE)
        match = pattern.search(self.text, start, end)
        return self.line_of(match.start()) if match else entry_line


@dataclass
class Loader:
    """The state of one load: files read so far and macro uses to explain at the end."""

    parser: Parser = field(default_factory=lambda: Parser(encoding="utf-8"))
    sources: list[SourceText] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: (file, line, what uses it, macro name), explained once every file is read
    undefined_macros: list[tuple[SourceText, int, str, str]] = field(default_factory=list)


def scan_entry_lines(text: str, path: str) -> list[tuple[str, Location]]:
    """Every ``@type{key,`` with its line, comments and macros excluded."""
    found = []
    line, position = 1, 0
    for match in ENTRY_START.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if match.group(1).lower() not in NON_ENTRIES:
            found.append((match.group(2), Location(path, line)))
    return found


def display_path(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve())) if root else str(path)
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)


def load_bibliography(paths: Sequence[Path], root: Path | None = None, cache: BibCache | None = None,
                      reference: bool = False) -> LoadedBibliography:
    """Parse ``paths`` in order; never raises on bad content, reports instead.

    Commands are parsed, and entries built, only when ``cache`` (``units``) does not hold
    them already. ``reference=True`` parses each file whole and caches nothing: the plain
    load the incremental one must always equal (the tests compare them).
    """
    loader = Loader()
    units = UnitLoad(loader, None if reference else cache if cache is not None else BibCache(),
                     split=not reference)
    first_seen: dict[str, Location] = {}
    digest = hashlib.sha256()
    texts: list[str] = []
    for path in paths:
        shown = display_path(path, root)
        text, read_problems = read_source(path, shown)
        loader.problems += read_problems
        if text is None:
            continue
        digest.update(text_digest_part(shown, text))
        texts.append(text)
        source = SourceText(shown, without_comments(text))
        loader.sources.append(source)
        found = scan_entry_lines(text, shown)
        loader.problems += duplicate_keys(found, first_seen)
        units.parse_file(source, found)
        loader.problems += stray_fields(source)
    loader.problems += [explain_undefined_macro(loader, *use) for use in loader.undefined_macros]
    entries, entry_problems = units.build_entries(first_seen, {source.shown: source for source in loader.sources})
    loader.problems += entry_problems
    order = {source.shown: index for index, source in enumerate(loader.sources)}
    problems = sorted(loader.problems, key=lambda p: (order.get(p.location.path, -1), p.location.line))
    facts = LoadFacts(tuple(str(path) for path in paths), tuple(source.shown for source in loader.sources),
                      tuple(texts), tuple(units.macro_units), tuple(loader.parser.macros.items()),
                      units.commands, frozenset(r.key.lower() for r in units.records.values() if r.crossref),
                      frozenset(r.crossref.lower() for r in units.records.values() if r.crossref))
    return LoadedBibliography(entries, tuple(problems), digest.hexdigest(), facts)


def text_digest_part(shown: str, text: str) -> bytes:
    """What ``LoadedBibliography.digest`` hashes of one file."""
    return shown.encode() + b"\0" + text.encode()


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


def parse_text(loader: Loader, source: SourceText, found: list[tuple[str, Location]]) -> None:
    with pybtex.errors.capture() as captured:
        try:
            loader.parser.parse_string(source.text)
        except PybtexSyntaxError as fatal:
            captured.append(fatal)
    report_errors(loader, source, found, captured)


def report_errors(loader: Loader, source: SourceText, found: list[tuple[str, Location]],
                  captured: list[Exception]) -> None:
    """pybtex's errors in ``source`` as located problems (undefined macros: explained at the end)."""
    for error in captured:
        message = str(error)
        if "repeated" in message:
            continue  # reported with both locations by duplicate_keys
        duplicate_field = DUPLICATE_FIELD.fullmatch(message)
        if duplicate_field:
            loader.problems.append(explain_duplicate_field(source, found, *duplicate_field.groups()))
        elif isinstance(error, UndefinedMacro):
            start = error.error_context_info[0] or 0
            loader.undefined_macros.append((source, error.lineno or 0, command_name(source.text, start),
                                            str(error.args[0])))
        elif isinstance(error, PybtexSyntaxError):
            loader.problems.append(explain_syntax_error(error, source))
        else:
            loader.problems.append(Problem(Location(source.shown, 0), f"{message}; fix the entry",
                                           "bibtex_syntax"))


def command_name(text: str, start: int) -> str:
    """How a message names the command at ``start``: "entry 'key'", "@string 'name'"."""
    match = COMMAND_HEAD.match(text, start)
    if match is None:
        return "an entry"
    kind, name = match.group(1).lower(), match.group(3)
    if match.group(4) and kind not in ("string", "preamble"):
        name = ""  # "@misc{ title = ...": pybtex reads the field's name as the key
    if kind == "preamble":
        return "the @preamble"
    if kind == "string":
        return f"@string '{name}'" if name else "an @string"
    return f"entry '{name}'" if name else f"an @{match.group(1)} entry without a key"


def explain_syntax_error(error: PybtexSyntaxError, source: SourceText) -> Problem:
    """A pybtex syntax error as a message naming the entry, the line to fix and how."""
    start, _line, position = getattr(error, "error_context_info", (0, error.lineno, 0))
    start = start or 0
    what = command_name(source.text, start)
    following = NEXT_COMMAND.search(source.text, (position or start) + 1)
    end = following.start() if following else len(source.text)
    if isinstance(error, PrematureEOF):
        end = len(source.text)
    head = COMMAND_HEAD.match(source.text, start)
    brace = unclosed_brace(source.text, head.start(2), end) if head and head.group(2) == "{" else None
    if brace is not None:
        line = source.line_of(brace)
        if head and brace == head.start(2):
            return Problem(source.location(start), f"{what} is never closed; end it with '}}'",
                           "bibtex_syntax")
        return Problem(Location(source.shown, line), f"{what}: the '{{' on line {line} is never closed, "
                       "so what follows is read as part of its value; close it with '}' (braces in a "
                       "value must balance)", "bibtex_syntax")
    description = str(error.args[0]) if error.args else str(error)
    if what.endswith("without a key"):
        return Problem(source.location(start), f"{what}; start it with its key: @{head.group(1) if head else 'type'}"
                       "{key, field = {value}, ...}", "bibtex_syntax")
    if description == "unbalanced braces":
        quote = unclosed_quote(source.text, start, position or start)
        if quote is not None:
            line = source.line_of(quote)
            return Problem(Location(source.shown, line), f"{what}: the '\"' on line {line} opens a value that "
                           "is never closed; close it with '\"' (or write the value in braces)", "bibtex_syntax")
        return Problem(Location(source.shown, error.lineno), f"{what}: this '}}' closes a brace that was never "
                       "opened; remove it or add the matching '{'", "bibtex_syntax")
    if isinstance(error, TokenRequired) and description in ("'}' expected", "')' expected"):
        previous = source.line_of(len(source.text[:position].rstrip()) - 1) if position else error.lineno
        return Problem(Location(source.shown, previous), f"{what}: expected ',' or '{description[1]}' "
                       f"after the value that ends on line {previous}; add the missing ',' at the end "
                       f"of line {previous}", "bibtex_syntax")
    if isinstance(error, PrematureEOF):
        return Problem(source.location(start), f"{what} is not closed before the end of the file; "
                       "close it with '}' (a value in quotes needs its closing '\"')", "bibtex_syntax")
    return Problem(Location(source.shown, error.lineno or source.line_of(start)),
                   f"{what}: {description}; {FIELD_SYNTAX}", "bibtex_syntax")


def unclosed_quote(text: str, start: int, end: int) -> int | None:
    """Offset of a ``"`` that opens a value before ``end`` and is never closed, if any.

    The value is closed when a ``"`` ending a value (before ``,`` or ``}``)
    follows, before the next command.
    """
    opening = None
    for match in re.finditer(r'=\s*(")', text[start:end]):
        opening = start + match.start(1)
    if opening is None or text.count('"', opening + 1, end) % 2:
        return None
    following = NEXT_COMMAND.search(text, end)
    if re.compile(r'"\s*[,})]').search(text, end, following.start() if following else len(text)):
        return None
    return opening


def stray_fields(source: SourceText) -> list[Problem]:
    """Fields left outside any entry because a '}' closed their entry early.

    BibTeX ignores text between entries, so ``title = {A}},`` would silently
    drop every field after it.
    """
    problems = []
    text = source.text
    for command in BRACED_COMMAND.finditer(text):
        if command.group(1).lower() in ("comment", "preamble"):
            continue
        end = closing_brace(text, command.end() - 1)
        if end is None:
            continue  # never closed: reported as a syntax error
        following = NEXT_COMMAND.search(text, end)
        stray = STRAY_FIELD.search(text, end + 1, following.start() if following else len(text))
        if stray:
            close, line = source.line_of(end), source.line_of(stray.start())
            problems.append(Problem(Location(source.shown, close), f"{command_name(text, command.start())} "
                                    f"is closed by the '}}' on line {close}, so '{stray.group(1)} = ...' on "
                                    f"line {line} is outside any entry and ignored; remove that '}}' or move "
                                    "the field into the entry", "bibtex_syntax"))
    return problems


def closing_brace(text: str, start: int) -> int | None:
    """Offset of the ``}`` closing the ``{`` at ``start``, if it is closed."""
    braced = BRACED.match(text, start)  # the common case, in one match; deeper nesting: brace by brace
    if braced is not None:
        return braced.end() - 1
    depth = 0
    for brace in BRACE.finditer(text, start):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return brace.start()
    return None


def unclosed_brace(text: str, start: int, end: int) -> int | None:
    """Offset of the brace that leaves the command at ``start`` open before ``end``, if any.

    A value's brace still open where a line starts a new field (``year =``)
    is the one to blame; otherwise the command's own brace.
    """
    stack: list[int] = []
    offset = start
    for line in text[start:end].splitlines(keepends=True):
        if len(stack) >= 2 and FIELD_START.match(line):
            return stack[1]
        for index, char in enumerate(line):
            if char == "{":
                stack.append(offset + index)
            elif char == "}" and stack:
                stack.pop()
                if not stack:
                    return None
        offset += len(line)
    if not stack:
        return None
    return stack[1] if len(stack) >= 2 else stack[0]


def explain_undefined_macro(loader: Loader, source: SourceText, line: int, what: str, name: str) -> Problem:
    macros = loader.parser.macros
    location = Location(source.shown, line)
    if name in macros:
        defined = macro_definition(loader.sources, name)
        where = f"before its definition at {defined}" if defined else "before it is defined"
        return Problem(location, f"{what} uses the @string macro '{name}' {where}; define each macro "
                       "above its first use (so macros cannot refer to each other in a cycle)",
                       "bibtex_syntax")
    close = difflib.get_close_matches(name.lower(), [str(m).lower() for m in macros], n=1, cutoff=0.8)
    hint = f"did you mean '{close[0]}'? Otherwise define" if close else "define"
    return Problem(location, f"{what} uses the undefined @string macro '{name}'; {hint} it with "
                   f"@string{{{name} = {{...}}}} before its first use, or write the value in braces: "
                   f"{{{name}}}", "bibtex_syntax")


def macro_definition(sources: list[SourceText], name: str) -> Location | None:
    pattern = re.compile(rf"@[ \t]*string[ \t]*[{{(][ \t]*{re.escape(name)}[ \t]*=", re.IGNORECASE)
    for source in sources:
        match = pattern.search(source.text)
        if match:
            return source.location(match.start())
    return None


def explain_duplicate_field(source: SourceText, found: list[tuple[str, Location]], key: str,
                            name: str) -> Problem:
    entry_line = next((loc.line for k, loc in found if k == key), 0)
    start = source.line_starts[entry_line - 1] if entry_line else 0
    following = NEXT_COMMAND.search(source.text, start + 1)
    pattern = re.compile(rf"^[ \t]*{re.escape(name)}[ \t]*=", re.IGNORECASE | re.MULTILINE)
    uses = list(pattern.finditer(source.text, start, following.start() if following else len(source.text)))
    line = source.line_of(uses[1].start()) if len(uses) > 1 else entry_line
    return Problem(Location(source.shown, line), f"entry '{key}' has the field '{name}' twice; remove "
                   "one of the two (the first is used)", "bibtex_syntax")


def lowered_fields(entry: PybtexEntry) -> dict[str, str]:
    """The entry's fields by lower-cased name: what ``entry.fields.get`` reads, at a plain dict's cost."""
    return {name.lower(): value for name, value in entry.fields.items()}


def field_text(fields: Mapping[str, str], name: str) -> str:
    """``name``'s decoded text; ``fields`` by lower-cased name (``lowered_fields``)."""
    return decode_text(fields.get(name, "")).strip()


def person_names(person: Person) -> tuple[str, str]:
    """(surname as cited, full display name); kept on a person made by ``units.make_person``, which
    hundreds of entries share (nothing changes a person once made)."""
    names: tuple[str, str] | None = getattr(person, "cited_names", None)
    if names is None:
        names = decoded_names(person)
        if isinstance(person, NamedPerson):
            person.cited_names = names
    return names


def decoded_names(person: Person) -> tuple[str, str]:
    surname = decode_text(" ".join(person.prelast_names + person.last_names)).strip()
    full = decode_text(" ".join(person.first_names + person.middle_names + person.prelast_names
                                + person.last_names + person.lineage_names)).strip()
    return surname, full


def venue_of(fields: Mapping[str, str]) -> str:
    """Where the work appeared, as display text; math stays between dollars, as in titles."""
    venue = next((plain_text(fields.get(n, "")) for n in ("journal", "booktitle", "howpublished",
                                            "publisher", "school", "institution",
                                            "organization") if fields.get(n)), "")
    volume, number, pages = (field_text(fields, n) for n in ("volume", "number", "pages"))
    # "15(1):1929–1958"; pages alone (chapters, proceedings without volume) as "187–210"
    details = volume + (f"({number})" if number and volume else "") + (f":{pages}" if pages and volume else pages)
    return f"{venue}, {details}" if venue and details else venue


def clean_doi(doi: str) -> str:
    return DOI_PREFIX.sub("", doi.strip())


def links_of(fields: Mapping[str, str]) -> tuple[tuple[Link, ...], str]:
    """The entry's links, and why its ``url`` was refused ("" when it was not).

    Every link goes through ``Link.make``: only http, https and ftp URLs
    become links, percent-encoded.
    """
    candidates: list[tuple[str, str]] = []
    eprint = fields.get("eprint", "").strip()
    prefix = fields.get("archiveprefix", fields.get("eprinttype", "")).lower()
    if eprint and (prefix == "arxiv" or re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", eprint)):
        candidates.append(("arXiv", f"https://arxiv.org/abs/{eprint}"))
    doi = clean_doi(fields.get("doi", ""))
    if doi:
        candidates.append(("DOI", f"https://doi.org/{doi}"))
    links = [link for kind, url in candidates if (link := Link.make(kind, url)[0])]
    url = fields.get("url", "").strip()
    if not url:
        return tuple(links), ""
    link, refusal = Link.make("URL", url)
    if link and link.url.rstrip("/") not in {existing.url for existing in links}:
        links.append(link)
    return tuple(links), refusal


def inherit_crossref(key: str, entry: PybtexEntry, data: BibliographyData,
                     location: Location) -> list[Problem]:
    target = entry.fields.get("crossref")
    if not target:
        return []
    cycle = crossref_cycle(key, data)
    if cycle:
        return [Problem(location, f"entry '{key}' is in a crossref cycle ({' -> '.join(cycle)}); a crossref "
                        "names the book or proceedings the entry is part of: remove it from one of these "
                        "entries", "crossref")]
    parent = data.entries.get(target)
    if parent is None:
        close = difflib.get_close_matches(target, list(data.entries.keys()), n=1)
        hint = f"did you mean '{close[0]}'? Otherwise add" if close else "add"
        return [Problem(location, f"entry '{key}' has crossref '{target}', which is not in any "
                        f"bibliography file; {hint} that entry or remove the crossref field",
                        "crossref")]
    # The whole chain (a paper, its proceedings, their series), nearest first, so that what
    # an entry inherits does not depend on whether its parent was read before it.
    for ancestor in crossref_ancestors(parent, data):
        for name, value in ancestor.fields.items():
            inherited = INHERITED_AS.get(name.lower(), name)
            if inherited not in entry.fields:
                entry.fields[inherited] = value
        for role, persons in ancestor.persons.items():
            if role not in entry.persons:
                entry.persons[role] = persons
    return []


def crossref_ancestors(parent: PybtexEntry, data: BibliographyData) -> list[PybtexEntry]:
    """``parent`` and the entries its own crossref chain reaches, each once."""
    chain = [parent]
    while (target := chain[-1].fields.get("crossref", "").strip()) and (following := data.entries.get(target)):
        if any(following is seen for seen in chain):
            break
        chain.append(following)
    return chain


def crossref_cycle(key: str, data: BibliographyData) -> list[str]:
    """The keys from ``key`` round its crossref chain back to one already seen, or ``[]``."""
    chain = [key]
    current = data.entries.get(key)
    while current is not None and (target := current.fields.get("crossref", "").strip()):
        chain.append(target)
        if target.lower() in (k.lower() for k in chain[:-1]):
            return chain if target.lower() == key.lower() else []  # reported by the cycle's own entries
        current = data.entries.get(target)
    return []


def unknown_command_problems(key: str, raw: PybtexEntry, fields: Mapping[str, str], location: Location,
                             source: SourceText | None) -> list[Problem]:
    """An entry's own shown fields using LaTeX commands that are not known (so not turned into text);
    ``fields`` are its own, by lower-cased name (``lowered_fields``)."""
    found = [(name, unknown_commands(value)) for name in SHOWN_FIELDS if "\\" in (value := fields.get(name, ""))]
    # name by name: a name recurs across a collection, and each is parsed (and cached) once
    found += [(role, sorted({c for p in persons if "\\" in (name := str(p)) for c in unknown_commands(name)}))
              for role, persons in raw.persons.items()]
    problems = []
    for name, unknown in found:
        if unknown:
            line = source.field_line(location.line, name) if source else location.line
            commands = ", ".join(f"'\\{command}'" for command in unknown)
            problems.append(Problem(Location(location.path, line), f"entry '{key}' uses the LaTeX command "
                                    f"{commands} in its {name}, which biblog does not know, so only its "
                                    "argument is shown; write the text without it, or in Unicode",
                                    "bibtex_latex", "warning"))
    return problems


def name_problems(key: str, raw: PybtexEntry, location: Location, source: SourceText | None) -> list[Problem]:
    """Names of the entry's own with more than two commas (``units.NamedPerson``)."""
    problems = []
    for role, persons in raw.persons.items():
        for person in persons:
            written = getattr(person, "too_many_commas", "")
            if written:
                line = source.field_line(location.line, role) if source else location.line
                problems.append(Problem(Location(location.path, line), f"entry '{key}' has the name "
                                        f"'{written}' in its {role}, with more than two commas; write a name "
                                        "as 'Last, First' or 'Last, Jr, First', and separate names with "
                                        "' and '", "bibtex_syntax"))
    return problems


def make_entry(key: str, raw: PybtexEntry, data: BibliographyData, location: Location,
               source: SourceText | None = None) -> tuple[Entry, list[Problem]]:
    items = list(raw.fields.items())  # pybtex's dict is read item by item in Python: once, not three times
    own = {name.lower(): value for name, value in items}  # what ``raw.fields.get`` reads, case-insensitively
    own_doi, own_eprint = own.get("doi", ""), own.get("eprint", "")
    problems = unknown_command_problems(key, raw, own, location, source) + name_problems(key, raw, location, source)
    problems += inherit_crossref(key, raw, data, location)
    fields = own
    if own.get("crossref"):  # with what it inherited
        items = list(raw.fields.items())
        fields = {name.lower(): value for name, value in items}
    persons = raw.persons.get("author") or raw.persons.get("editor") or []
    named = [p for p in persons if str(p) != "others"]
    names = [person_names(p) for p in named]
    title = plain_text(fields.get("title", ""))
    year = field_text(fields, "year")
    links, refusal = links_of(fields)
    if refusal:
        line = source.field_line(location.line, "url") if source else location.line
        problems.append(Problem(Location(location.path, line), f"entry '{key}' has url "
                                f"'{fields['url'].strip()}', which is not shown as a link: {refusal}; "
                                "write a full address such as https://example.org/paper", "bib"))
    unsafe = next((m for math in MATH.finditer(dollar_math(fields.get("title", "")))
                   if (m := UNSAFE_MATH.search(math.group(1)))), None)
    if unsafe:
        line = source.field_line(location.line, "title") if source else location.line
        problems.append(Problem(Location(location.path, line), f"entry '{key}' has math using "
                                f"'{unsafe.group(0)}' in its title, which could make a link or run code in "
                                "readers' browsers; that math is shown as text: remove the command", "bib"))
    entry = Entry(
        key=key,
        entry_type=raw.type.lower(),
        surnames=tuple(s for s, _ in names),
        and_others=len(named) < len(persons),
        authors=tuple(f for _, f in names) + (("others",) if len(named) < len(persons) else ()),
        title=title,
        year=year,
        venue=venue_of(fields),
        links=links,
        location=location,
        fingerprint=hashlib.sha256(repr((raw.type, sorted(items),
                                         [str(p) for p in persons])).encode()).hexdigest()[:16],
        # the entry's own identifiers: a paper does not share its proceedings' DOI
        doi=clean_doi(own_doi),
        arxiv=own_eprint.strip(),
    )
    # what ``dataclasses.replace`` would make, without making the entry twice (20,000 times per clean load)
    object.__setattr__(entry, "resolves_as", resolution_fingerprint(entry))
    return entry, problems


def parse_pybtex(paths: Sequence[Path]) -> tuple[BibliographyData, dict[Path, list[str]]]:
    """pybtex's data for ``paths`` and each file's new keys, in order, for sphinxcontrib-bibtex.

    The same tolerant parse as ``load_bibliography`` (whose problems it does
    not report again): a broken entry is left out, the rest is kept.
    """
    loader = Loader()
    keys: dict[Path, list[str]] = {}
    for path in paths:
        before = set(loader.parser.data.entries.keys())
        text, _ = read_source(path, str(path))
        if text is None:
            keys[path] = []
            continue
        source = SourceText(str(path), without_comments(text))
        parse_text(loader, source, scan_entry_lines(text, str(path)))
        keys[path] = [key for key in loader.parser.data.entries if key not in before]
    return loader.parser.data, keys
