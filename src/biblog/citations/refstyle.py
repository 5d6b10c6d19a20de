"""biblog's author-year styles, as plugins of sphinxcontrib-bibtex and pybtex.

``BlogReferenceStyle`` is the ``biblog`` referencing style
(``bibtex_reference_style = "biblog"``): "(Wei et al. 2022)" and
"Wei et al. (2022)", with the blog's site-wide labels, so that "2023a" is the
same paper on every page. biblog renders its own citations through it too.

``BlogStyle`` is the ``biblog`` pybtex formatting style
(``{bibliography}`` with ``:style: biblog``): "Authors (Year). Title. Venue.",
sorted by author and year, labelled like the citations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import FieldIsMissing, first_of, optional, sentence, tag
from pybtex.style.template import field as pfield
from pybtex.style.template import join as pjoin
from pybtex.style.template import node as pnode
from sphinxcontrib.bibtex.style.referencing import BaseReferenceStyle, BracketStyle
from sphinxcontrib.bibtex.style.template import SphinxReferenceText, join, node

from ..core.bib.labels import suffix

if TYPE_CHECKING:
    from pybtex.database import Entry as PybtexEntry
    from pybtex.richtext import BaseText
    from pybtex.style.template import Node

    from ..core.bib.bibliography import Bibliography

PARENTHETICAL = ("p", "ps")
BARE_PARENTHETICAL = ("alp", "alps")
TEXTUAL = ("t", "ts", "ct", "cts")
AUTHOR = ("author", "authors", "cauthor", "cauthors", "authorpar", "authorpars")
#: roles that name every author instead of "et al."
FULL_NAMES = ("ps", "alps", "ts", "cts", "authors", "cauthors", "authorpars")
ROLE_NAMES = (*PARENTHETICAL, *BARE_PARENTHETICAL, *TEXTUAL, *AUTHOR,
              "year", "yearpar", "label", "labelpar", "empty")


@dataclass(frozen=True)
class CitedWork:
    """What a citation prints of one work: the blog's label, and the notes written around the key."""

    names: str  #: "Wei et al."
    all_names: str  #: "Wei, Wang and Schuurmans", for the roles ending in "s" ("" under two authors)
    year: str  #: "2022", or "2023a" where the blog has several works of the same authors and year
    pre: str = ""  #: "see"
    post: str = ""  #: "p. 3"


#: a printed part of a citation: its text, and which cited work it links to (None: plain text)
Part = tuple[str, int | None]


def cited_work_of(bibliography: Bibliography | None, key: str, fields: Any, pre: str = "",
                  post: str = "") -> CitedWork:
    """The blog's label of ``key``; the key itself, and the entry's own year, where the build has none."""
    label = bibliography.labels.get(key) if bibliography is not None else None
    if bibliography is None or label is None:
        return CitedWork(key, "", fields.get("year", "n.d."), pre, post)
    entry = bibliography.entries.get(key)
    surnames = [s for s in entry.surnames if s != "others"] if entry else []
    all_names = ", ".join(surnames[:-1]) + " and " + surnames[-1] if len(surnames) >= 2 else ""
    return CitedWork(label.names, all_names, label.year, pre, post)


def work_parts(role_name: str, work: CitedWork, link: int) -> list[Part]:
    """One cited work as ``role_name`` prints it: "see Wei et al. 2022, p. 3" with its label a link."""
    if role_name == "empty":
        return []
    if role_name.startswith("year"):
        return [(work.year, link)]
    names = (role_name in FULL_NAMES and work.all_names) or work.names
    if role_name in AUTHOR:
        return [(names, link)]
    if role_name in TEXTUAL:
        return [(f"{names} (" if names else "(", None), *noted(work, (work.year, link)), (")", None)]
    return noted(work, (" ".join(p for p in (names, work.year) if p), link))


def noted(work: CitedWork, cited: Part) -> list[Part]:
    """The pre- and post-notes around the cited part ("see ", ", p. 3")."""
    return [*([(work.pre + " ", None)] if work.pre else []), cited,
            *([(", " + work.post, None)] if work.post else [])]


def citation_parts(role_name: str, works: list[list[Part]], bracket: BracketStyle) -> list[Part]:
    """The cited works, separated, capitalised and bracketed as the role prints them."""
    if role_name == "empty":
        return []
    parts: list[Part] = []
    for work in (w for w in works if w):
        parts += [(str(bracket.sep), None), *work] if parts else work
    if role_name.startswith("c"):
        first = next((i for i, (text, _) in enumerate(parts) if text), None)
        if first is not None:
            text, link = parts[first]
            parts[first] = (text[:1].upper() + text[1:], link)
    return [(str(bracket.left), None), *parts, (str(bracket.right), None)] if enclosed(role_name) else parts


def enclosed(role_name: str) -> bool:
    return role_name in PARENTHETICAL or role_name.endswith(("par", "pars"))


def sphinx_bibliography(data: dict[str, Any]) -> Bibliography | None:
    """The build's bibliography, when the reference comes from a Sphinx build."""
    from ..compat import sphinx_app
    from .bibstate import current_bibliography

    builder = getattr(data["reference_info"], "builder", None)
    return current_bibliography(sphinx_app(builder.env)) if builder is not None else None


@node
def cited_work(children: list[Any], data: dict[str, Any], role_name: str) -> BaseText:
    """One cited work as ``role_name`` prints it (``work_parts``), as pybtex rich text."""
    info = data["reference_info"]
    entry = data["entry"]
    work = cited_work_of(sphinx_bibliography(data), entry.key, entry.fields, info.pre_text, info.post_text)
    return Text(*(SphinxReferenceText(info, text) if link is not None else text
                  for text, link in work_parts(role_name, work, 0)))


@node
def citation_group(children: list[Any], data: Any, brackets: BracketStyle, enclose: bool,
                   capfirst: bool) -> Text:
    """The cited works, separated and bracketed as ``citation_parts`` does it, as pybtex rich text."""
    parts = [child for child in children if child]
    text = Text(brackets.sep).join(parts) if len(parts) > 1 else Text(*parts)
    if capfirst:
        text = text.capfirst()
    return Text(brackets.left, text, brackets.right) if enclose else text


@pnode
def person_list(children: list[Any], data: dict[str, Any], role: str) -> Text:
    """"Ada Lovelace, Alan Turing et al.", as biblog's own reference lists write names."""
    persons = data["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, data["entry"])
    from ..core.bib.bibtex import person_names

    names = [person_names(p)[1] for p in persons if str(p).lower() != "others"]
    if len(names) < len(persons):
        return Text(", ".join(names) + " et al.")
    return Text(names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


@dataclass
class BlogReferenceStyle(BaseReferenceStyle):
    """Author-year citations with the blog's labels: "(Wei et al. 2022; Graves 2016)"."""

    #: brackets and separators of parenthetical citations
    bracket: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")", sep="; "))
    #: every role this style formats
    names: frozenset[str] = frozenset(ROLE_NAMES)

    def role_names(self) -> Iterable[str]:
        return ROLE_NAMES

    def outer(self, role_name: str, children: list[Any]) -> Node:
        if role_name == "empty":
            return join
        return citation_group(brackets=self.bracket, enclose=enclosed(role_name),
                              capfirst=role_name.startswith("c"))[children]

    def inner(self, role_name: str) -> Node:
        return cited_work(role_name=role_name)


def surnames_of(entry: PybtexEntry) -> list[str]:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    from ..core.bib.bibtex import person_names

    return [person_names(p)[0] or str(p) for p in persons]


def list_label(entry: PybtexEntry) -> str:
    """"Wei et al. 2022" for a pybtex entry, without the letter."""
    surnames = surnames_of(entry)
    others = bool(surnames) and surnames[-1].lower() == "others"
    surnames = [s for s in surnames if s.lower() != "others"]
    if not surnames:
        who = str(entry.fields.get("title", entry.key)).split(":")[0]
    elif len(surnames) >= 3 or others:
        who = f"{surnames[0]} et al."
    elif len(surnames) == 2:
        who = f"{surnames[0]} and {surnames[1]}"
    else:
        who = surnames[0]
    return f"{who} {entry.fields.get('year', 'n.d.')}"


class BlogLabelStyle(BaseLabelStyle):
    """Labels "Wei et al. 2022", with letters for works that would print alike."""

    def format_labels(self, sorted_entries: Iterable[PybtexEntry]) -> Iterator[str]:
        entries = list(sorted_entries)
        plain = [list_label(entry) for entry in entries]
        repeated = {label for label, count in Counter(plain).items() if count > 1}
        seen: dict[str, int] = defaultdict(int)
        for label in plain:
            if label in repeated:
                yield label + suffix(seen[label])
                seen[label] += 1
            else:
                yield label


class BlogStyle(BaseStyle):
    """"Authors (Year). Title. Venue." for ``{bibliography}`` lists."""

    default_label_style = "biblog"
    default_sorting_style = "author_year_title"
    default_name_style = "plain"

    def format_entry(self, label: str, entry: PybtexEntry, bib_data: Any = None) -> FormattedEntry:
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        return FormattedEntry(entry.key, self.entry_template().format_data(context), label)

    def format_entries(self, entries: Iterable[PybtexEntry], bib_data: Any = None) -> Iterator[FormattedEntry]:
        sorted_entries = self.sort(entries)
        labels = self.format_labels(sorted_entries)
        for label, entry in zip(labels, sorted_entries, strict=False):
            yield self.format_entry(label, entry, bib_data)

    @staticmethod
    def entry_template() -> Node:
        who = first_of[optional[person_list("author")], optional[person_list("editor")]]
        year = first_of[optional[pfield("year")], "n.d."]
        venue = first_of[optional[pfield("journal")], optional[pfield("booktitle")],
                         optional[pfield("publisher")], optional[pfield("howpublished")]]
        return pjoin(sep=" ")[
            pjoin[who, " (", year, ")."],
            sentence[pfield("title")],
            optional[tag("em")[sentence[venue]]],
        ]


def register_styles() -> None:
    """Make the styles known by name (the package's entry points do the same once installed)."""
    import pybtex.plugin
    from sphinxcontrib.bibtex.plugin import register_plugin

    register_plugin("sphinxcontrib.bibtex.style.referencing", "biblog", BlogReferenceStyle)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "biblog", BlogStyle)
    pybtex.plugin.register_plugin("pybtex.style.labels", "biblog", BlogLabelStyle)
