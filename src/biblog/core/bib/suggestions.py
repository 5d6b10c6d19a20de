"""What a failed citation's message names: the candidates, their titles, and the text that picks each.

For an ambiguous text, every entry it fits with the text that cites that entry
alone ("write 'Chen et al. 2020b' for A Simple Framework for ..."). For a text
that fits nothing: works by the same first author within a year on either side,
by surnames one or two edits away, with other given names, or of the same year
with another letter. For an unknown key: keys that read alike and works whose
author and year the key spells ("shulman2017proximal" -> Schulman et al. 2017).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..model import Label
from .labels import NO_YEAR
from .names import Fit, close_surnames, lookup_keys
from .resolver import Hint, NaturalCitation, Resolution, parse_natural

if TYPE_CHECKING:
    from .resolver import Resolver

KEY_SHAPE = re.compile(r"^(?P<name>[^\W\d_]{2,}?)[-_:]?(?P<year>(?:1[5-9]|20)\d\d)", re.IGNORECASE)
LIMIT = 6


def short_title(title: str, words: int = 8) -> str:
    parts = title.split()
    return title if len(parts) <= words else " ".join(parts[:words]) + " …"


def hint(resolver: Resolver, key: str) -> Hint:
    return Hint(key, resolver.labels[key].parenthetical(), short_title(resolver.entries[key].title),
                picking_text(resolver, key))


def picking_text(resolver: Resolver, key: str) -> str:
    """The shortest usual text that resolves to ``key`` alone; the key when none does."""
    label = resolver.labels[key]
    entry = resolver.entries[key]
    # Never the preprint year: the page prints the venue year, and the text should read like it.
    texts = [label.parenthetical()]
    if entry.surnames and entry.authors and label.names.startswith(entry.surnames[0]):
        rest = label.names[len(entry.surnames[0]):]
        texts.append(f"{entry.authors[0]}{rest} {label.year}")
    for text in texts:
        natural = parse_natural(text)
        if natural and resolver.choose(natural) == [key]:
            return text
    return key


def ambiguity(resolver: Resolver, target: str, keys: list[str]) -> Resolution:
    return Resolution(target, tuple(keys), tuple(keys), tuple(hint(resolver, k) for k in keys))


def natural_failure(resolver: Resolver, target: str, natural: NaturalCitation) -> Resolution:
    keys = list(dict.fromkeys(nearby(resolver, natural)))[:LIMIT]
    who = natural.surnames[0].title() if natural.surnames[0].islower() else natural.surnames[0]
    year = natural.year + natural.suffix
    reason = f"no entry by {who} from {year}" if natural.year != NO_YEAR else f"no undated entry by {who}"
    if resolver.fits(natural, suffix=False) and natural.suffix:
        reason = f"no entry by {who} is labelled {year}"
    elif any(f == Fit.CONFLICT for f in resolver.fits(natural).values()):
        reason = f"the entries by {who} from {year} have other given names"
    return Resolution(target, (), tuple(keys), tuple(hint(resolver, k) for k in keys), reason)


def nearby(resolver: Resolver, natural: NaturalCitation) -> Iterable[str]:
    """Candidates for a text that fits nothing, the likeliest first."""
    yield from sorted(resolver.fits(natural, suffix=False))  # another letter, or other given names
    yield from sorted(k for k, f in resolver.fits(natural).items() if f == Fit.CONFLICT)
    same_author = resolver.fits(natural, years=False)
    yield from by_year_distance(resolver, same_author, natural.year, within=1)
    for _, name in close_surnames(max(lookup_keys(natural.surnames[0]), key=len), list(resolver.by_surname)):
        yield from by_year_distance(resolver, resolver.by_surname[name], natural.year, within=1)


def by_year_distance(resolver: Resolver, keys: Iterable[str], year: str, within: int | None = None) -> list[str]:
    """``keys`` nearest ``year`` first (by the venue or the arXiv year), those further than ``within`` left out."""
    def distance(key: str) -> int:
        years = [int(y) for y in resolver.years[key] if y.isdigit()]
        return min((abs(y - int(year)) for y in years), default=99) if year.isdigit() else 0

    ranked = sorted((distance(k), k) for k in keys)
    return [k for d, k in ranked if within is None or d <= within]


def key_failure(resolver: Resolver, target: str) -> Resolution:
    close = difflib.get_close_matches(target.lower(), list(resolver.folded_keys), n=3, cutoff=0.75)
    keys = [resolver.folded_keys[m] for m in close]
    shape = KEY_SHAPE.match(target)
    if shape:
        natural = NaturalCitation((shape.group("name").lower(),), False, shape.group("year"), "")
        keys += by_year_distance(resolver, resolver.fits(natural, years=False), natural.year, within=1)
        keys += [k for k in nearby(resolver, natural) if k not in keys]
    close = difflib.get_close_matches(target.lower(), list(resolver.folded_keys), n=3, cutoff=0.6)
    keys += [resolver.folded_keys[m] for m in close]
    keys = list(dict.fromkeys(keys))[:LIMIT]
    return Resolution(target, (), tuple(keys), tuple(hint(resolver, k) for k in keys))


def describe(resolution: Resolution, labels: Mapping[str, Label]) -> str:
    """The message for a target that resolved to no key or to several."""
    target = resolution.target
    if len(resolution.keys) > 1:
        choices = "; ".join(f"'{h.pick}' for {h.title} ({h.label}, {h.key})" for h in resolution.hints)
        return (f"ambiguous citation '{target}': it fits {len(resolution.keys)} entries; write "
                f"{choices}" if resolution.hints else legacy(resolution, labels))
    if resolution.hints:
        shown = "; ".join(f"{h.title} ({h.label}, {h.key}): write '{h.pick}'" for h in resolution.hints)
        reason = f": {resolution.reason}" if resolution.reason else ""
        return f"unknown citation '{target}'{reason}; did you mean {shown}?"
    if resolution.candidates:
        return legacy(resolution, labels)
    reason = resolution.reason or "no entry has this key or author and year"
    return f"unknown citation '{target}': {reason}; add it to the bibliography or fix the spelling"


def legacy(resolution: Resolution, labels: Mapping[str, Label]) -> str:
    """Candidates known only by key (a resolution made without hints)."""
    shown = ", ".join(f"{k} ({labels[k].parenthetical()})" for k in resolution.candidates)
    if len(resolution.keys) > 1:
        return f"ambiguous citation '{resolution.target}': it matches {shown}; write the key, or add the year's letter"
    return f"unknown citation '{resolution.target}'; did you mean {shown}?"
