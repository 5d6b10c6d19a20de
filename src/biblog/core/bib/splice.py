"""An edit of a few entries in one ``.bib`` file, spliced into the last load instead of a whole load.

A whole load, even with every unit and entry cached (``units``), passes
over all 20,000 entries several times: reading, splitting and digesting each
unit, scanning keys and stray fields, relocating each entry, labelling them
all, indexing them for the resolver. After an author edited one entry, only
the text between the first and the last changed character differs from the
last load's. ``splice`` finds that stretch (widened to whole units), parses
and builds the entries in it alone, and puts them in the last build's
bibliography: the entries after it move by the lines the edit added, the
label groups (``labels.group_key``) of the entries it changed are labelled
again, and the resolver's index is updated for those entries only.

It gives ``None`` (and the caller loads as before) whenever the stretch holds
anything whose effect reaches beyond its own entries, or whose result is not
only its entries: a problem anywhere (old or new), an ``@string`` or
``@preamble`` command, a ``@string`` defined after the stretch, a
``crossref`` from, to or into it, a key that another entry has, pinned
letters that changed otherwise than by the last build's own letters, or more
than one file changed. The tests compare every splice with a whole load.
"""

from __future__ import annotations

import hashlib
import marshal
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import replace_file
from ..model import Entry, Location
from .labels import group_key, group_labels
from .letters import updated_pins
from .resolver import Resolver, ResolverIndex, filed_under
from .source import read_source, without_comments

if TYPE_CHECKING:
    from .bibliography import Bibliography
    from .bibtex import LoadFacts

#: what ``write_state`` writes first; another value: a file of another biblog, not used
STATE_FORMAT = "biblog-bibsplice-1"
#: a line that starts a unit (``units.UNIT_START``), once comments are blanked
UNIT_LINE = re.compile(r"[ \t]*@")
#: label groups by ``group_key``: the keys in each, in file order
Groups = dict[tuple[str, str], list[str]]


def state_path(cache_dir: Path, version: int) -> Path:
    return cache_dir / f"biblog-bibsplice-{version}.marshal"


def write_state(cache_dir: Path, version: int, stem: str, facts: LoadFacts | None, groups: Groups) -> None:
    """What the next edit is spliced with: the facts of the load cached in the file named ``stem``."""
    path = state_path(cache_dir, version)
    if facts is None:
        path.unlink(missing_ok=True)
        return
    data = (STATE_FORMAT, stem, facts.paths, facts.shown, facts.texts, facts.macro_units, facts.macros,
            facts.commands, tuple(facts.crossref_keys), tuple(facts.crossref_targets), groups)
    try:
        replace_file(path, marshal.dumps(data))
    except ValueError:  # something marshal cannot write: no splice next time
        path.unlink(missing_ok=True)


@dataclass
class State:
    stem: str  #: the name of the cache file of the bibliography the facts are of
    facts: LoadFacts
    groups: Groups


def read_state(cache_dir: Path, version: int) -> State | None:
    from .bibtex import LoadFacts

    try:
        data = marshal.loads(state_path(cache_dir, version).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 11 and data[0] == STATE_FORMAT):
        return None
    _, stem, paths, shown, texts, macro_units, macros, commands, keys, targets, groups = data
    return State(stem, LoadFacts(paths, shown, texts, macro_units, macros, commands, frozenset(keys),
                                   frozenset(targets)), groups)


@dataclass
class Stretch:
    """The changed units of one file: ``[start, old_end)`` in the old text is ``[start, new_end)`` in the new."""

    file: int
    start: int
    old_end: int
    new_end: int


@dataclass
class Unit:
    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]
    line: int


def splice(paths: Sequence[Path], root: Path, cache_dir: Path, version: int, pins: dict[str, str],
           cache_file: Path) -> Bibliography | None:
    """The bibliography of ``paths`` made from the last load and the edit since, or ``None``."""
    state = read_state(cache_dir, version)
    if state is None or [str(path) for path in paths] != list(state.facts.paths):
        return None
    from .bibliography import read_cache

    old = read_cache(cache_dir / f"{state.stem}.pickle")
    if old is None or old.problems or "resolver" not in old.__dict__:
        return None
    if pins != old.pins and pins != updated_pins(old.pins, old.labels):
        # Letters pinned otherwise than by the last build's labels: a whole load labels them. Pinned
        # by them, each lettered work keeps its letter (``bibliography.relabel``).
        return None
    texts = read_texts(paths, root, state.facts.shown)
    if texts is None:
        return None
    changed = [index for index, text in enumerate(texts) if text != state.facts.texts[index]]
    if len(changed) != 1:
        return None
    stretch = changed_stretch(changed[0], state.facts.texts[changed[0]], texts[changed[0]])
    if any((file, offset) >= (stretch.file, stretch.start) for file, offset in state.facts.macro_units):
        return None  # a macro defined after the stretch, which its entries must not see
    bibliography = spliced(old, state, stretch, state.facts.texts[stretch.file], texts[stretch.file], pins)
    if bibliography is None:
        return None
    from .bibliography import write_cache
    from .bibtex import LoadFacts, text_digest_part

    digest = hashlib.sha256()
    for shown, text in zip(state.facts.shown, texts, strict=True):
        digest.update(text_digest_part(shown, text))
    bibliography.digest = digest.hexdigest()
    write_cache(cache_dir, cache_file, bibliography)
    facts = state.facts
    write_state(cache_dir, version, cache_file.stem, LoadFacts(
        facts.paths, facts.shown, tuple(texts), facts.macro_units, facts.macros, facts.commands,
        facts.crossref_keys, facts.crossref_targets), state.groups)
    return bibliography


def read_texts(paths: Sequence[Path], root: Path, shown: Sequence[str]) -> list[str] | None:
    """Each file's text as the last load read it; ``None`` if one has a problem or shows another name."""
    from .bibtex import display_path

    texts = []
    for path, name in zip(paths, shown, strict=False):
        if display_path(path, root) != name:
            return None
        text, problems = read_source(path, name)
        if text is None or problems:
            return None
        texts.append(text)
    return texts if len(texts) == len(shown) else None


def changed_stretch(file: int, old: str, new: str) -> Stretch:
    """The whole units of ``new`` that differ from ``old``, and what they replace there.

    It starts at a unit start before the first changed line (the lines before it are the
    same in both) and ends at the first unit start after the last changed line (the lines
    from there are the same in both, so they start units in both alike).
    """
    prefix = common_prefix(old, new)
    suffix = common_prefix(old[::-1], new[::-1], min(len(old), len(new)) - prefix)
    changed_end = len(new) - suffix
    first_line = new.rfind("\n", 0, prefix) + 1
    start = previous_unit_start(new, first_line)
    # the line after the one holding the last changed character: within the common suffix
    after = new.find("\n", changed_end)
    end = next_unit_start(new, len(new) if after < 0 else after + 1)
    return Stretch(file, start, end - (len(new) - len(old)), end)


def common_prefix(a: str, b: str, limit: int | None = None) -> int:
    """The length of the longest common prefix of ``a`` and ``b`` (at most ``limit``), by halving."""
    high = min(len(a), len(b)) if limit is None else limit
    low = 0
    while low < high:  # a[:low] == b[:low]; the answer is in [low, high]
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def starts_unit(text: str, line_start: int) -> bool:
    end = text.find("\n", line_start)
    line = text[line_start:] if end < 0 else text[line_start:end]
    return UNIT_LINE.match(without_comments(line)) is not None


def previous_unit_start(text: str, before: int) -> int:
    """The last unit start on a line before the one at ``before`` (0: the file's start)."""
    position = before
    while position > 0:
        position = text.rfind("\n", 0, position - 1) + 1
        if starts_unit(text, position):
            return position
    return 0


def next_unit_start(text: str, line_start: int) -> int:
    """The first unit start at or after the line at ``line_start`` (the text's end if none)."""
    position = line_start
    while position < len(text):
        if starts_unit(text, position):
            return position
        following = text.find("\n", position)
        if following < 0:
            break
        position = following + 1
    return len(text)


def stretch_units(facts: LoadFacts, text: str, start: int, end: int, first_line: int) -> list[Unit] | None:
    """The entries of ``text[start:end]`` (whole units), each one simple entry without problems; or ``None``."""
    from pybtex.utils import CaseInsensitiveDict

    from .bibtex import ENTRY_START, NON_ENTRIES, SourceText, stray_fields
    from .units import UNIT_START, MacroOverlay, UnitParser, parse_capturing

    clean = without_comments(text[start:end])
    if stray_fields(SourceText("", clean)):
        return None
    bounds = sorted({0, len(clean), *(m.start() for m in UNIT_START.finditer(clean))})
    macros = CaseInsensitiveDict(facts.macros)
    parser = UnitParser()
    units = []
    line = first_line
    for unit_start, unit_end in pairwise(bounds):
        unit = clean[unit_start:unit_end]
        if "@" in unit:
            parser.start(MacroOverlay(macros), 1)
            head = ENTRY_START.match(text, start + unit_start)
            if parse_capturing(parser, unit) or parser.macros.defined or parser.preamble_parts \
                    or len(parser.records) != 1 or head is None or head.group(1).lower() in NON_ENTRIES:
                return None
            key, entry_type, fields, crossref = parser.records[0]
            if crossref or head.group(2) != key:
                return None
            units.append(Unit(key, entry_type, fields, line))
        line += clean.count("\n", unit_start, unit_end)
    return units


def spliced(old: Bibliography, state: State, stretch: Stretch, old_text: str, new_text: str,
            pins: dict[str, str]) -> Bibliography | None:
    from .bibliography import Bibliography

    facts = state.facts
    shown = facts.shown[stretch.file]
    first_line = new_text.count("\n", 0, stretch.start) + 1
    before = stretch_units(facts, old_text, stretch.start, stretch.old_end, first_line)
    after = stretch_units(facts, new_text, stretch.start, stretch.new_end, first_line)
    if before is None or after is None:
        return None
    gone = {unit.key for unit in before}
    lowered = {unit.key.lower() for unit in before + after}
    if (any(old.entries.get(unit.key, None) is None
            or old.entries[unit.key].location != Location(shown, unit.line) for unit in before)
            or lowered & (facts.crossref_keys | facts.crossref_targets)
            or len({unit.key.lower() for unit in after}) != len(after)
            or any((other := old.resolver.folded_keys.get(unit.key.lower())) is not None and other not in gone
                   for unit in after)):
        return None
    made = build(after, shown, facts.commands)
    if made is None:
        return None
    shift = new_text.count("\n", stretch.start, stretch.new_end) - old_text.count("\n", stretch.start,
                                                                                stretch.old_end)
    entries = placed(old.entries, [unit.key for unit in before], made, facts.shown, stretch.file, first_line, shift)
    if entries is None:
        return None
    order = {key: position for position, key in enumerate(entries)}
    labels = dict(old.labels)
    groups = state.groups
    touched = {group_key(old.entries[key]) for key in gone} | {group_key(entry) for entry in made.values()}
    for key in gone - made.keys():
        del labels[key]
    for group in touched:
        members = [key for key in groups.get(group, ()) if key not in gone] + \
            [key for key, entry in made.items() if group_key(entry) == group]
        if members:
            groups[group] = sorted(members, key=order.__getitem__)
        else:
            groups.pop(group, None)
    labels.update(group_labels(([entries[key] for key in groups[group]] for group in touched if group in groups),
                               pins))
    # a label's letter is read from ``labels`` by the resolver, not filed: only the entries changed are
    index = updated_index(old.resolver, old, entries, labels, gone, set(made), order)
    bibliography = Bibliography(entries, (), old.digest, labels, dict(pins))
    bibliography.__dict__["resolver"] = Resolver(entries, labels, index)
    return bibliography


def build(units: list[Unit], shown: str, commands: dict[str, tuple[int, str]]) -> dict[str, Entry] | None:
    """The units' entries, as a whole load builds them; ``None`` if one has a problem."""
    from .bibtex import make_entry
    from .units import EntryBuilder, Record

    records = {unit.key.lower(): Record(unit.key, unit.entry_type, unit.fields, "", None, (0, 0),  # type: ignore[arg-type]
                                        unit.line, "") for unit in units}
    builder = EntryBuilder(records, commands, None)
    made = {}
    for unit in units:
        entry, problems = make_entry(unit.key, builder.raw[unit.key], builder, Location(shown, unit.line))
        if problems:
            return None
        made[unit.key] = entry
    return made


def placed(entries: dict[str, Entry], replaced: list[str], made: dict[str, Entry], shown: Sequence[str], file: int,
           first_line: int, shift: int) -> dict[str, Entry] | None:
    """``entries`` without ``replaced`` (in file order), with ``made`` where they were, and the entries
    after them in the same file moved by ``shift`` lines; in file order, as a whole load orders them."""
    gone = set(replaced)
    if not shift and list(made) == replaced:
        return {**entries, **made}  # the same keys on the same lines: the edited entries replaced in place
    files = {name: index for index, name in enumerate(shown)}
    name = shown[file]
    result: dict[str, Entry] = {}
    waiting = True
    for key, entry in entries.items():
        if key in gone:
            continue
        position = files.get(entry.location.path)
        if position is None:
            return None
        if waiting and (position, entry.location.line) >= (file, first_line):
            result.update(made)
            waiting = False
        if shift and position == file and entry.location.line >= first_line:
            entry = moved(entry, Location(name, entry.location.line + shift))
        result[key] = entry
    if waiting:
        result.update(made)
    return result


def moved(entry: Entry, location: Location) -> Entry:
    """``entry`` at ``location``; made as unpickling makes it (``dataclasses.replace`` costs five times more)."""
    copy = object.__new__(Entry)
    copy.__dict__.update(entry.__dict__)
    copy.__dict__["location"] = location
    return copy


def updated_index(resolver: Resolver, old: Bibliography, entries: dict[str, Entry], labels: dict,
                  removed: set[str], added: set[str], order: dict[str, int]) -> ResolverIndex:
    """The resolver's index of ``old`` with ``removed`` taken out and ``added`` filed (in file order)."""
    folded_keys, by_surname, by_surname_year, years = (resolver.folded_keys, resolver.by_surname,
                                                       resolver.by_surname_year, resolver.years)
    touched: set[tuple[str, ...] | str] = set()
    for key in removed:
        if folded_keys.get(key.lower()) == key:
            del folded_keys[key.lower()]
        names, filed_years = filed_under(old.entries[key], old.labels[key])
        years.pop(key, None)
        for name in names:
            take_out(by_surname, name, key)
            touched.add(name)
            for year in filed_years:
                take_out(by_surname_year, (name, year), key)
                touched.add((name, year))
    for key in added:
        folded_keys[key.lower()] = key
        names, years[key] = filed_under(entries[key], labels[key])
        for name in names:
            by_surname.setdefault(name, []).append(key)
            touched.add(name)
            for year in years[key]:
                by_surname_year.setdefault((name, year), []).append(key)
                touched.add((name, year))
    for place in touched:
        index = by_surname if isinstance(place, str) else by_surname_year
        if place in index:
            index[place].sort(key=order.__getitem__)  # type: ignore[index]
    return folded_keys, by_surname, by_surname_year, years


def take_out(index: dict, place: object, key: str) -> None:
    keys = index.get(place)
    if keys is not None and key in keys:
        keys.remove(key)
        if not keys:
            del index[place]
