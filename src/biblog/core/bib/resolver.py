"""Resolve what an author writes in a citation role to bibliography keys.

A target is a key (``wei2022chain``) or a citation as people write it:
"Wei et al. 2022", "Wei, et al. 2022", "Wei et al., 2022", "Wei et al. (2022)",
"Ho & Salimans 2022", "J. Li et al. 2020", "Ribeiro, Singh and Guestrin 2016",
"van den Oord et al. 2016", "Wang et al. 2023b". The first author and the year
decide; an entry carries both its venue year and the year of its arXiv id.
Given names, further names and "et al." only choose among several fitting
entries (a written given name that contradicts the author rules the entry
out). Text that fits several entries is ambiguous, never one of them. The same
resolver serves the build, ``biblog cite`` and ``biblog check``, so the site
and the command line never disagree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model import Entry, Label
from .labels import NO_YEAR
from .latex import fold
from .names import Fit, letters, lookup_keys, name_fit, surname_keys

YEAR_AT_END = re.compile(
    r"[\s,]*[(\[]?\s*(?P<year>(?:1[5-9]|20)\d\d|n\.\s?d\.?)(?P<suffix>[a-z]{0,2})\s*[)\]]?[\s.,;:]*$"
)
ET_AL = re.compile(r"(?:,\s*)?\bet\.?\s*al(?:ii|ia)?\b\.?|\s(?:and|&)\s+(?:others|colleagues|co-?authors)\b",
                   re.IGNORECASE)
NAME_SEPARATOR = re.compile(r"\s*(?:[,;&]|\band\b|\bund\b)\s*", re.IGNORECASE)
#: words that lead into a citation inside the role ("see Wei et al. 2022", "e.g., Graves 2016")
LEAD_IN = re.compile(r"^(?:e\.\s?g\.|i\.\s?e\.|cf\.|see(?:\s+also)?|viz\.)[,:]?\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"(?<=[\w.])['’]s\b")
#: a comma that ends one author-year citation and starts the next ("Wei et al. 2022, Ho 2022")
BETWEEN_CITATIONS = re.compile(r"(?<=\d\d[\d)\]])\s*,\s*(?=[^\W\d])|(?<=\d\d\d[a-z)\]])\s*,\s*(?=[^\W\d]{2})")
ARXIV_ID = re.compile(r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*|^)(\d\d)(\d\d)\.\d{4,5}|(?:^|/)[a-z-]+/(\d\d)\d{5}",
                      re.IGNORECASE)


@dataclass(frozen=True)
class NaturalCitation:
    surnames: tuple[str, ...]  #: folded names as written, the first author first ("j. li")
    et_al: bool
    year: str
    suffix: str


@dataclass(frozen=True)
class Hint:
    """A candidate named in a message: what it is and the text that cites it."""

    key: str
    label: str  #: "Chen et al. 2020b"
    title: str  #: a short title
    pick: str  #: text that resolves to this entry alone ("Chen et al. 2020b", or the key)


@dataclass(frozen=True)
class Resolution:
    target: str
    keys: tuple[str, ...]  #: exactly one key when resolved, the candidates when ambiguous
    candidates: tuple[str, ...] = ()  #: "did you mean" keys otherwise
    #: the candidates, described for a message (derived: not part of equality)
    hints: tuple[Hint, ...] = field(default=(), compare=False)
    reason: str = field(default="", compare=False)  #: why nothing fits ("no entry by Schulman from 2017")

    @property
    def ok(self) -> bool:
        return len(self.keys) == 1


def split_targets(text: str) -> list[str]:
    """``"a, b"`` -> two keys; ``"Graves 2016; Ling et al. 2017"`` -> two texts.

    A comma separates keys; inside natural text it may belong to the citation
    ("Wei, et al. 2022", "Wei et al., 2022"), so it separates two natural
    citations only where it follows a year ("Graves 2016, Ling et al. 2017").
    """
    targets: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        pieces = [p.strip() for p in part.split(",")]
        # Keys such as "smith2020a" look like "Smith 2020a" run together; they
        # have no space, which every natural citation has.
        bare_year = any(YEAR_AT_END.fullmatch(p) for p in pieces[1:])  # "Graves, 2016" is one citation
        if all(p and not re.search(r"\s", p) for p in pieces) and not bare_year:
            targets += pieces
        elif part:
            targets += [p.strip() for p in BETWEEN_CITATIONS.split(part) if p.strip()]
    return targets


def parse_natural(text: str) -> NaturalCitation | None:
    text = re.sub(r"\s+", " ", text.strip())
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    text = LEAD_IN.sub("", text)
    match = YEAR_AT_END.search(text)
    if not match or match.start() == 0:
        return None
    names = POSSESSIVE.sub("", text[: match.start()])
    et_al = bool(ET_AL.search(names))
    groups = [g.strip(" .'’") for g in NAME_SEPARATOR.split(ET_AL.sub(" ", names))]
    surnames = tuple(fold(g) for g in groups if g)
    if not surnames or not any(c.isalpha() for c in surnames[0]):
        return None
    year = NO_YEAR if match.group("year").startswith("n") else match.group("year")
    return NaturalCitation(surnames, et_al, year, match.group("suffix"))


def arxiv_year(entry: Entry) -> str:
    """The year of the entry's arXiv id ("2201.11903" -> "2022"), from its eprint, links or venue."""
    for text in (entry.arxiv, *(link.url for link in entry.links if "arxiv" in link.url.lower()),
                 entry.venue if "arxiv" in entry.venue.lower() else ""):
        match = ARXIV_ID.search(text.strip())
        if match:
            yy = match.group(1) or match.group(3)
            return ("19" if yy >= "90" else "20") + yy
    return ""


#: keys by lower-cased key, by surname form, by (surname form, year); each entry's years
ResolverIndex = tuple[dict[str, str], dict[str, list[str]], dict[tuple[str, str], list[str]],
                      dict[str, tuple[str, ...]]]


def filed_under(entry: Entry, label: Label) -> tuple[set[str] | frozenset[str], tuple[str, ...]]:
    """The surname forms and the years the resolver files ``entry`` under."""
    names = surname_keys(entry.surnames[0]) if entry.surnames else {letters(label.names)}
    preprint = arxiv_year(entry)
    venue = entry.year or NO_YEAR
    return names, ((venue, preprint) if preprint and preprint != venue else (venue,))


def resolver_index(entries: Mapping[str, Entry], labels: Mapping[str, Label]) -> ResolverIndex:
    folded_keys = {key.lower(): key for key in entries}
    by_surname: dict[str, list[str]] = defaultdict(list)
    #: (surname form, year) -> keys: a common surname has hundreds of works, a year few of them
    by_surname_year: dict[tuple[str, str], list[str]] = defaultdict(list)
    years: dict[str, tuple[str, ...]] = {}
    for key, entry in entries.items():
        names, years[key] = filed_under(entry, labels[key])
        for name in names:
            by_surname[name].append(key)
            for year in years[key]:
                by_surname_year[name, year].append(key)
    return folded_keys, by_surname, by_surname_year, years


class Resolver:
    """Looks up keys and natural-text citations in one bibliography."""

    def __init__(self, entries: Mapping[str, Entry], labels: Mapping[str, Label],
                 index: ResolverIndex | None = None) -> None:
        """``index``: the one ``resolver_index`` makes of these entries and labels, when it is at hand
        (``splice`` updates the last build's for the entries an edit changed)."""
        self.entries = entries
        self.labels = labels
        self.folded_keys, self.by_surname, self.by_surname_year, self.years = \
            index if index is not None else resolver_index(entries, labels)
        #: natural text -> its resolution: "Wei et al. 2022" is written again and again, and reading
        #: it costs a tenth of a millisecond (kept per build: not pickled with the bibliography's cache)
        self.resolved: dict[str, Resolution] = {}

    def __getstate__(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if name != "resolved"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.resolved = {}

    def resolve(self, target: str) -> Resolution:
        target = target.strip()
        key = self.folded_keys.get(target.lower())
        if key is not None:
            return Resolution(target, (key,), (key,))
        known = self.resolved.get(target)
        if known is None:
            known = self.resolved[target] = self.resolve_text(target)
        return known

    def resolve_text(self, target: str) -> Resolution:
        """What a target that is no key names: an entry, several, or none (with hints)."""
        natural = parse_natural(target)
        if natural is None:
            from .suggestions import key_failure

            return key_failure(self, target)
        chosen = self.choose(natural)
        if len(chosen) == 1:
            return Resolution(target, tuple(chosen), tuple(chosen))
        from .suggestions import ambiguity, key_failure, natural_failure

        if chosen:
            return ambiguity(self, target, chosen)
        # "nosuchkey2099" reads as a name and a year, but it is a mistyped key more likely
        return natural_failure(self, target, natural) if " " in target else key_failure(self, target)

    def choose(self, natural: NaturalCitation) -> list[str]:
        """The entries the text fits, narrowed by whatever else it says."""
        fits = self.fits(natural)
        if not fits and len(natural.surnames) > 1:  # an organisation with a comma in its name
            whole = NaturalCitation((", ".join(natural.surnames),), natural.et_al, natural.year, natural.suffix)
            fits = {k: f for k, f in self.fits(whole).items()
                    if letters(self.first_surname(k)) == letters(whole.surnames[0])}
        live = sorted(k for k, fit in fits.items() if fit > Fit.CONFLICT)
        for narrow in (lambda k: fits[k] == Fit.FULL,
                       lambda k: self.further_names_fit(natural, k, confirmed=True),
                       lambda k: self.further_names_fit(natural, k),
                       lambda k: self.count_fits(natural, k)):
            if len(live) > 1:
                live = [k for k in live if narrow(k)] or live
        return live

    def fits(self, natural: NaturalCitation, years: bool = True, suffix: bool = True) -> dict[str, Fit]:
        """Entries whose first author (and year, and letter) fit, with how well the name fits."""
        first = natural.surnames[0]
        found: dict[str, Fit] = {}
        names = lookup_keys(first)
        if years:
            candidates = {k for name in names for k in self.by_surname_year.get((name, natural.year), ())}
        else:
            candidates = {k for name in names for k in self.by_surname.get(name, ())}
        for key in candidates:
            if suffix and natural.suffix and self.labels[key].year != natural.year + natural.suffix:
                continue
            fit = self.first_author_fit(natural, key)
            if fit:
                found[key] = fit
        return found

    def first_author_fit(self, natural: NaturalCitation, key: str) -> Fit:
        entry = self.entries[key]
        if not entry.surnames:  # anonymous works are cited by their label ("AutoGPT n.d.")
            written = letters(" ".join(natural.surnames))
            return Fit.SURNAME if written == letters(self.labels[key].names) else Fit.NONE
        return name_fit(natural.surnames[0], entry.surnames[0], entry.authors[0] if entry.authors else "")

    def further_names_fit(self, natural: NaturalCitation, key: str, confirmed: bool = False) -> bool:
        """Every further name written is a listed author (or may be one of the unlisted "others")."""
        entry = self.entries[key]
        others = list(zip(entry.surnames[1:], entry.authors[1:], strict=False))
        unlisted = entry.and_others and not confirmed
        return all(unlisted or any(name_fit(written, s, a) for s, a in others)
                   for written in natural.surnames[1:])

    def count_fits(self, natural: NaturalCitation, key: str) -> bool:
        entry = self.entries[key]
        count = len(entry.surnames)
        if natural.et_al:
            return count >= 3 or entry.and_others
        return len(natural.surnames) == count and not entry.and_others

    def first_surname(self, key: str) -> str:
        entry = self.entries[key]
        return entry.surnames[0] if entry.surnames else self.labels[key].names

    def year_of(self, key: str) -> str:
        return self.entries[key].year or NO_YEAR


def describe_failure(resolution: Resolution, labels: Mapping[str, Label]) -> str:
    """The message a user reads for a target that did not resolve to one key."""
    from .suggestions import describe

    return describe(resolution, labels)


def describe_unlinked(written: str) -> str:
    """The message for a citation role marked ``!`` (Sphinx's "no link"), which a citation cannot take."""
    return f"a citation cannot be unlinked: remove the '!' from '{written}'"
