"""Resolve what an author writes in a citation role to bibliography keys.

A target is a key (``wei2022chain``) or a citation as people write it
("Wei et al. 2022", "Ho and Salimans 2022", "Graves 2016", "Wang et al. 2023b").
The same resolver serves the build, ``biblog cite`` and ``biblog check``, so
the site and the command line never disagree.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .labels import NO_YEAR
from .latex import fold
from .model import Entry, Label

NATURAL = re.compile(
    r"^(?P<names>.+?)\s*,?\s*\(?(?P<year>\d{4}|n\.d\.)(?P<suffix>[a-z]{0,2})\)?$"
)
ET_AL = re.compile(r"\s+et\s+al\.?$")


@dataclass(frozen=True)
class NaturalCitation:
    surnames: tuple[str, ...]  #: folded surnames as written
    et_al: bool
    year: str
    suffix: str


@dataclass(frozen=True)
class Resolution:
    target: str
    keys: tuple[str, ...]  #: exactly one key when resolved
    candidates: tuple[str, ...] = ()  #: "did you mean" keys otherwise

    @property
    def ok(self) -> bool:
        return len(self.keys) == 1


def split_targets(text: str) -> list[str]:
    """``"a, b"`` -> two keys; ``"Graves 2016; Ling et al. 2017"`` -> two texts.

    A comma separates keys only; inside natural text it may belong to the
    citation ("Wei et al., 2022"), so natural texts are separated by semicolons.
    """
    targets: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        pieces = [p.strip() for p in part.split(",")]
        # Keys such as "smith2020a" look like "Smith 2020a" run together; they
        # have no space, which every natural citation has.
        if all(p and not re.search(r"\s", p) for p in pieces):
            targets += pieces
        elif part:
            targets.append(part)
    return targets


def parse_natural(text: str) -> NaturalCitation | None:
    match = NATURAL.match(re.sub(r"\s+", " ", text.strip()))
    if not match:
        return None
    names = match.group("names").strip().rstrip(",")
    et_al = bool(ET_AL.search(names))
    names = ET_AL.sub("", names)
    surnames = tuple(fold(n.strip()) for n in re.split(r"\s+(?:and|&)\s+", names) if n.strip())
    if not surnames:
        return None
    return NaturalCitation(surnames, et_al, match.group("year"), match.group("suffix"))


def surname_matches(written: str, surname: str) -> bool:
    """"van der Maaten" and "Maaten" both name Laurens van der Maaten."""
    folded = fold(surname)
    return written in (folded, folded.split(" ")[-1])


class Resolver:
    """Looks up keys and natural-text citations in one bibliography."""

    def __init__(self, entries: Mapping[str, Entry], labels: Mapping[str, Label]) -> None:
        self.entries = entries
        self.labels = labels
        self.folded_keys = {key.lower(): key for key in entries}
        self.by_first_author: dict[str, list[str]] = defaultdict(list)
        for key, entry in entries.items():
            first = entry.surnames[0] if entry.surnames else labels[key].names
            self.by_first_author[fold(first).split(" ")[-1]].append(key)

    def resolve(self, target: str) -> Resolution:
        target = target.strip()
        key = self.folded_keys.get(target.lower())
        if key is not None:
            return Resolution(target, (key,))
        natural = parse_natural(target)
        if natural is None:
            return Resolution(target, (), tuple(self.closest_keys(target)))
        loose = self.loose_matches(natural)
        strict = [k for k in loose if self.matches_exactly(natural, k)]
        return Resolution(target, tuple(strict), tuple(strict or loose))

    def loose_matches(self, natural: NaturalCitation) -> list[str]:
        """Same first author and year, whatever the number of authors."""
        first = natural.surnames[0]
        keys = self.by_first_author.get(first.split(" ")[-1], [])
        return sorted(k for k in keys if self.year_of(k) == natural.year
                      and surname_matches(first, self.first_surname(k)))

    def matches_exactly(self, natural: NaturalCitation, key: str) -> bool:
        entry = self.entries[key]
        if not entry.surnames:  # anonymous works are cited by their label ("AutoGPT n.d.")
            written = " and ".join(natural.surnames)
            return written == fold(self.labels[key].names) and self.suffix_matches(natural, key)
        count = len(entry.surnames)
        if natural.et_al != (count >= 3 or entry.and_others):
            return False
        if not natural.et_al and len(natural.surnames) != count:
            return False
        if not all(surname_matches(w, s) for w, s in zip(natural.surnames, entry.surnames, strict=False)):
            return False
        return self.suffix_matches(natural, key)

    def suffix_matches(self, natural: NaturalCitation, key: str) -> bool:
        return not natural.suffix or self.labels[key].year.endswith(natural.suffix)

    def first_surname(self, key: str) -> str:
        entry = self.entries[key]
        return entry.surnames[0] if entry.surnames else self.labels[key].names

    def year_of(self, key: str) -> str:
        return self.entries[key].year or NO_YEAR

    def closest_keys(self, target: str, limit: int = 3) -> list[str]:
        matches = difflib.get_close_matches(target.lower(), list(self.folded_keys), n=limit, cutoff=0.6)
        return [self.folded_keys[m] for m in matches]


def describe_failure(resolution: Resolution, labels: Mapping[str, Label]) -> str:
    """The message a user reads for a target that did not resolve to one key."""
    shown = ", ".join(f"{k} ({labels[k].parenthetical()})" for k in resolution.candidates)
    if len(resolution.keys) > 1 or (not resolution.keys and len(resolution.candidates) > 1
                                     and parse_natural(resolution.target)):
        return (f"ambiguous citation '{resolution.target}': it matches {shown}; "
                "write the key, or add the year's letter")
    if resolution.candidates:
        return f"unknown citation '{resolution.target}'; did you mean {shown}?"
    return (f"unknown citation '{resolution.target}': no entry has this key or author and year; "
            "add it to the bibliography or fix the spelling")
