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
from sphinxcontrib.bibtex.style.template import join, join2, node, post_text, pre_text, reference

from .labels import suffix

if TYPE_CHECKING:
    from pybtex.database import Entry as PybtexEntry
    from pybtex.style.template import Node

    from .model import Label

PARENTHETICAL = ("p", "ps")
BARE_PARENTHETICAL = ("alp", "alps")
TEXTUAL = ("t", "ts", "ct", "cts")
AUTHOR = ("author", "authors", "cauthor", "cauthors", "authorpar", "authorpars")
#: roles that name every author instead of "et al."
FULL_NAMES = ("ps", "alps", "ts", "cts", "authors", "cauthors", "authorpars")
ROLE_NAMES = (*PARENTHETICAL, *BARE_PARENTHETICAL, *TEXTUAL, *AUTHOR,
              "year", "yearpar", "label", "labelpar", "empty")


def site_label(data: dict[str, Any]) -> Label | None:
    """The blog's label of the cited entry, when the build has one."""
    from .bibstate import current_bibliography
    from .compat import sphinx_app

    builder = getattr(data["reference_info"], "builder", None)
    if builder is None:
        return None
    bibliography = current_bibliography(sphinx_app(builder.env))
    return bibliography.labels.get(data["entry"].key)


def full_names(data: dict[str, Any]) -> str:
    from .bibstate import current_bibliography
    from .compat import sphinx_app

    bibliography = current_bibliography(sphinx_app(data["reference_info"].builder.env))
    entry = bibliography.entries.get(data["entry"].key)
    surnames = [s for s in entry.surnames if s != "others"] if entry else []
    if len(surnames) < 2:
        return ""
    return ", ".join(surnames[:-1]) + " and " + surnames[-1]


@node
def label_names(children: list[Any], data: dict[str, Any], full: bool = False) -> Text:
    """"Wei et al." (or every surname, for the roles ending in "s")."""
    label = site_label(data)
    if label is None:
        return Text(data["entry"].key)
    return Text((full and full_names(data)) or label.names)


@node
def label_year(children: list[Any], data: dict[str, Any]) -> Text:
    """"2022", or "2023a" where the blog has several works of the same authors and year."""
    label = site_label(data)
    return Text(label.year if label is not None else data["entry"].fields.get("year", "n.d."))


@pnode
def person_list(children: list[Any], data: dict[str, Any], role: str) -> Text:
    """"Ada Lovelace, Alan Turing et al.", as biblog's own reference lists write names."""
    persons = data["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, data["entry"])
    from .bibtex import person_names

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
        brackets = role_name in PARENTHETICAL or role_name.endswith(("par", "pars"))
        return self.bracket.outer(children, brackets=brackets, capfirst=role_name.startswith("c"))

    def inner(self, role_name: str) -> Node:
        names_node = label_names(full=role_name in FULL_NAMES)
        if role_name in TEXTUAL:
            return join(sep=" ")[names_node, join["(", join2(sep1=" ", sep2=", ")[
                pre_text, reference[label_year], post_text], ")"]]
        if role_name in AUTHOR:
            return reference[names_node]
        if role_name.startswith("year"):
            return reference[label_year]
        if role_name == "empty":
            return join
        return join2(sep1=" ", sep2=", ")[pre_text, reference[join(sep=" ")[names_node, label_year]], post_text]


def surnames_of(entry: PybtexEntry) -> list[str]:
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    from .bibtex import person_names

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
