"""Finding works from a loose query: key, "Wei et al. 2022", "Wei 2022", arXiv, DOI, title words.

An author-year query goes through the build's resolver first: it finds the
work, or the works it is ambiguous between, or else that author's works of any
year, the nearest year first. Such a query never falls back to title words, so
"Schulman et al. 2017" never finds titles with "et", "al" or "2017" in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bibliography import Bibliography
from .latex import fold
from .names import Fit
from .resolver import parse_natural
from .suggestions import by_year_distance

ARXIV = re.compile(
    r"(?:https?://)?(?:www\.)?(?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*)?(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE
)
DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)", re.IGNORECASE)


#: words a title search ignores: they belong to citations ("Wei et al. and"), not to titles
CITATION_WORDS = frozenset(["et", "al", "and", "und", "etal"])


@dataclass(frozen=True)
class Match:
    key: str
    score: float  #: 1.0 for an exact identification, lower for looser matches
    how: str  #: "key", "citation", "arXiv", "DOI", "author and year", "title words"


def find_works(bibliography: Bibliography, query: str, limit: int = 10) -> list[Match]:
    query = query.strip()
    for finder in (by_key, by_arxiv, by_doi, by_citation):
        found = finder(bibliography, query)
        if found:
            return found[:limit]
    if parse_natural(query) is not None:
        return []
    return by_title_words(bibliography, query)[:limit]


def by_key(bibliography: Bibliography, query: str) -> list[Match]:
    key = bibliography.resolver.folded_keys.get(query.lower())
    return [Match(key, 1.0, "key")] if key else []


def by_arxiv(bibliography: Bibliography, query: str) -> list[Match]:
    match = ARXIV.fullmatch(query.rstrip("/"))
    if not match:
        return []
    wanted = match.group(1)
    return [Match(k, 1.0, "arXiv") for k, e in bibliography.entries.items()
            if e.arxiv.split("v")[0] == wanted or any(wanted in link.url for link in e.links)]


def by_doi(bibliography: Bibliography, query: str) -> list[Match]:
    match = DOI.fullmatch(query)
    if not match:
        return []
    wanted = match.group(1).lower()
    return [Match(k, 1.0, "DOI") for k, e in bibliography.entries.items() if e.doi.lower() == wanted]


def by_citation(bibliography: Bibliography, query: str) -> list[Match]:
    """Exact author-year citations first; "Wei 2022" also finds "Wei et al. 2022"."""
    natural = parse_natural(query)
    if natural is None:
        return []
    resolver = bibliography.resolver
    resolution = resolver.resolve(query)
    if resolution.ok:
        return [Match(resolution.keys[0], 1.0, "citation")]
    if resolution.keys:
        return [Match(k, 0.9, "ambiguous citation") for k in resolution.keys]
    fits = resolver.fits(natural, years=False, suffix=False)
    same_author = by_year_distance(resolver, (k for k, fit in fits.items() if fit > Fit.CONFLICT), natural.year)
    return [Match(k, 0.5, "same author, another year") for k in same_author]


def by_title_words(bibliography: Bibliography, query: str) -> list[Match]:
    words = [w for w in re.findall(r"\w+", fold(query))
             if len(w) > 1 and w not in CITATION_WORDS and not re.fullmatch(r"(1[5-9]|20)\d\d[a-z]?", w)]
    if not words:
        return []
    scored = []
    for key, entry in bibliography.entries.items():
        haystack = fold(" ".join([entry.title, *entry.surnames, entry.year]))
        hits = sum(1 for w in words if re.search(rf"\b{re.escape(w)}", haystack))
        if hits:
            scored.append(Match(key, round(0.7 * hits / len(words), 3), "title words"))
    return sorted(scored, key=lambda m: (-m.score, m.key))
