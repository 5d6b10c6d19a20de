"""Which natural-text citations a ``.bib`` edit can resolve differently, without resolving them all.

The resolver looks a text such as "Wei et al. 2022" up in its index of first
surnames (``Resolver.by_surname``) and chooses among the entries found there
only. So the key a text resolves to can change only if an entry whose
signature changed (its fields or its label; added and removed entries
included) sits, before or after the edit, under one of the index names the
text is looked up by; or if the text is itself a key that came or went. Every
other text keeps its key, and is not resolved again: at 1,000 posts that is
tens of thousands of resolutions saved on each edit.

Only a change in what the resolver reads of an entry counts here: its names,
year, arXiv year and label (``resolution_fingerprint``), and where it is filed.
An edit of anything else (a title, a venue, a link) changes what citing pages
show, but no text's key: then no text is looked at at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from .labels import label_names
from .names import letters, lookup_keys, surname_keys
from .resolver import arxiv_year, parse_natural

if TYPE_CHECKING:
    from ..model import Entry
    from .bibliography import Bibliography


def resolution_fingerprint(entry: Entry) -> str:
    """Changes whenever anything ``Resolver`` reads of the entry changes: its names, its years (the
    ``year`` field and an arXiv id's) and its label's names; the label's letter is in its signature."""
    facts = (entry.surnames, entry.authors, entry.and_others, entry.year, arxiv_year(entry), label_names(entry))
    return hashlib.sha256(repr(facts).encode()).hexdigest()[:16]


def updated_signatures(bibliography: Bibliography, old: Mapping[str, tuple]) -> tuple[dict[str, tuple], set[str]]:
    """Every entry's signature, and the keys whose signature changed (removed keys included).

    An entry with the same fingerprint, label and ``resolves_as`` keeps its old signature: where the
    resolver files it (the third part) follows from its names and label (``index_names``), which these
    hold; 20,000 signatures are not made again for a one-entry edit.
    """
    new: dict[str, tuple] = {}
    changed = set(old.keys() - bibliography.entries.keys())
    for key, entry in bibliography.entries.items():
        before = old.get(key)
        if (before is not None and len(before) == 4 and before[0] == entry.fingerprint
                and before[3] == entry.resolves_as and before[1] == bibliography.labels[key].parenthetical()):
            new[key] = before
            continue
        new[key] = bibliography.signature(key)
        if new[key] != before:
            changed.add(key)
    return new, changed


def resolving_changes(changed: Iterable[str], old: Mapping[str, tuple], new: Mapping[str, tuple]) -> set[str]:
    """The changed keys whose change can move a citation: all but those whose signatures differ in
    what a page shows only (their first part); keys that came or went included."""
    return {key for key in changed if old.get(key, ())[1:] != new.get(key, ())[1:]}


def index_names(bibliography: Bibliography, key: str) -> tuple[str, ...]:
    """The names the resolver files the entry under (as ``Resolver.__init__`` does)."""
    entry = bibliography.entries[key]
    names = surname_keys(entry.surnames[0]) if entry.surnames else {letters(bibliography.labels[key].names)}
    return tuple(sorted(names))


def touched_names(changed: Iterable[str], old: Mapping[str, tuple], new: Mapping[str, tuple]) -> set[str]:
    """Index names of the changed entries, before and after (the third part of their signatures)."""
    names: set[str] = set()
    for key in changed:
        for signature in (old.get(key), new.get(key)):
            if signature is not None and len(signature) > 2:
                names.update(signature[2])
            elif signature is not None:
                return {"*"}  # a signature from an older biblog: check every text
    return names


def may_resolve_differently(text: str, key: str, changed: set[str], touched: set[str]) -> bool:
    """False only when ``text`` is sure to resolve to ``key`` again; ``changed`` holds lower-cased keys."""
    target = text.strip()
    if "*" in touched or key.lower() in changed or target.lower() in changed:
        return True
    names = looked_up_by(target)
    if names is None:
        return False  # a key that neither came nor went, or no citation at all: as before
    return not touched.isdisjoint(names)


#: the same text is cited in many posts ("Wei et al. 2022"): parsed once
@lru_cache(maxsize=65536)
def looked_up_by(target: str) -> frozenset[str] | None:
    """The index names the resolver looks the natural-text citation ``target`` up by; ``None`` if it is not one."""
    natural = parse_natural(target)
    if natural is None:
        return None
    names = lookup_keys(natural.surnames[0])
    if len(natural.surnames) > 1:  # the resolver also tries the whole text as one organisation's name
        names |= lookup_keys(", ".join(natural.surnames))
    return frozenset(names)
