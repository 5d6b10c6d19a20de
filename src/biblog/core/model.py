"""Frozen, picklable records shared by the build and the command line.

Nothing here holds docutils nodes: these records travel through the pickled
Sphinx environment and between parallel reader processes.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import quote, urlsplit


@dataclass(frozen=True)
class Location:
    """A place in a source file, for messages ("references.bib:12")."""

    path: str  #: file path as the user knows it
    line: int  #: 1-based line number, 0 when unknown

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


#: the only URL schemes that become links; anything else (javascript:, data:,
#: vbscript:, file:, a missing scheme) is dropped with a warning by the loader
LINK_SCHEMES = ("http", "https", "ftp")
#: ASCII characters kept as they are in a link; other ASCII (spaces, quotes,
#: angle brackets, controls) is percent-encoded, printable non-ASCII is kept
URL_CHARS = frozenset(string.ascii_letters + string.digits + "-._~!#$%&'()*+,/:;=?@[]")
LATEX_URL_ESCAPE = re.compile(r"\\([_%&#$~])")


@dataclass(frozen=True)
class Link:
    """A link shown with an entry. Only ``Link.make`` creates them, so every
    output (pages, hover cards, the command line) gets only checked URLs."""

    kind: str  #: "arXiv", "DOI" or "URL"
    url: str  #: an http, https or ftp URL, percent-encoded: never anything a browser would execute

    def __post_init__(self) -> None:
        if link_refusal(self.url):
            raise ValueError(f"not a safe link: {self.url!r}")

    @classmethod
    def make(cls, kind: str, url: str) -> tuple[Link | None, str]:
        """``(link, "")``, or ``(None, why)`` for a URL that must not become a link."""
        cleaned = clean_url(url)
        why = link_refusal(cleaned)
        return (None, why) if why else (cls(kind, cleaned), "")


def clean_url(url: str) -> str:
    """Trim, undo LaTeX escapes (``\\_``) and percent-encode spaces, quotes and brackets."""
    return encode_url(LATEX_URL_ESCAPE.sub(r"\1", url.strip()))


def encode_url(url: str) -> str:
    if URL_CHARS.issuperset(url):  # the common case: nothing to encode
        return url
    return "".join(c if c in URL_CHARS or (not c.isascii() and c.isprintable() and not c.isspace())
                   else quote(c, safe="") for c in url)


def link_refusal(url: str) -> str:
    """Why ``url`` cannot be a link ("" when it can)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "it is not a valid URL"
    if parts.scheme.lower() not in LINK_SCHEMES:
        return "only http, https and ftp URLs become links"
    if not parts.netloc:
        return "it has no host name"
    if url != encode_url(url):
        return "it has characters a URL cannot hold"
    return ""


@dataclass(frozen=True)
class Entry:
    """One bibliography entry, decoded from LaTeX into display text."""

    key: str
    entry_type: str
    #: surnames as cited ("van der Maaten"), in author order
    surnames: tuple[str, ...]
    #: the list ends with "and others"
    and_others: bool
    #: full display names ("Laurens van der Maaten")
    authors: tuple[str, ...]
    #: title as LaTeX-free text, with math kept between dollars
    title: str
    year: str
    venue: str
    links: tuple[Link, ...]
    location: Location
    #: changes whenever anything a reader sees of this entry changes
    fingerprint: str
    doi: str = ""
    arxiv: str = ""
    #: changes whenever anything the resolver reads of this entry changes (``bib.delta.resolution_fingerprint``)
    resolves_as: str = ""


@dataclass(frozen=True)
class Label:
    """What a citation prints: ``names`` + ``year`` ("Wei et al." + "2022a")."""

    names: str
    year: str

    def parenthetical(self) -> str:
        return f"{self.names} {self.year}"

    def textual(self) -> str:
        return f"{self.names} ({self.year})"


@dataclass(frozen=True)
class Problem:
    """A problem found in the sources, reported with where and how to fix it."""

    location: Location
    message: str
    subtype: str
    severity: str = "error"  #: "error" or "warning"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class UpdateNote:
    date: dt.date
    note: str  #: MyST source of the note


@dataclass(frozen=True)
class Post:
    """The facts of one post, read from its front matter and body."""

    docname: str
    slug: str
    title: str
    date: dt.date
    tags: tuple[str, ...] = ()
    summary: str = ""
    authors: tuple[str, ...] = ()
    updates: tuple[UpdateNote, ...] = field(default=())
    words: int = 0
    #: only in a build with blog_show_drafts on (make serve): drafts are left out of normal builds
    draft: bool = False

    @property
    def last_updated(self) -> dt.date:
        return max([self.date, *(u.date for u in self.updates)])

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / 230))


class CitationUse(NamedTuple):
    """One key cited at one place of one document.

    A named tuple, so that the environment can keep each one as the plain
    tuple of its values (``BlogDomain.add_citation``): it holds one per
    citation (32,000 in a 1,000-post archive) and is loaded and saved by
    every build. The key comes first: ``BlogDomain.cited_keys`` reads it
    from the plain tuples.
    """

    key: str  #: first: see above
    docname: str
    anchor: str  #: id of the citation node, for "cited here" back-links
    section: str  #: title of the enclosing section ("" at top level)
    section_anchor: str
    context: str  #: the sentence around the citation, as plain text
    line: int = 0
