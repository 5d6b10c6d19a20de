"""Filtered bibliographies in time proportional to what is cited, not to the whole .bib.

sphinxcontrib-bibtex decides which entries a ``{bibliography}`` shows by
evaluating its ``:filter:`` on every entry of its ``.bib`` files, and for each
entry it scans every citation of the project to find the documents citing it;
it also sorts every citation once per bibliography. A site with one
``:filter: docname in docnames`` list per page pays pages x entries x
citations on every build (``shared/notes/performance.md``: most of a
no-change rebuild).

``IndexedFilterMixin`` keeps the same results in the same order:

- which documents cite a key is indexed once per build;
- a filter that is false for every entry the page does not cite
  (``docname in docnames``) is evaluated on the page's citations only, and
  one false for every uncited entry (``cited``) on cited entries only, when it
  cannot fail before deciding so (conjunctions are read left to right): the
  others would be dropped anyway, without a warning;
- the order of first citation is computed once, not once per bibliography.

It only overrides ``BibtexDomain`` methods, so it could be proposed upstream
as it is.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sphinxcontrib.bibtex.domain import _FilterVisitor

if TYPE_CHECKING:
    from pybtex.database import Entry

#: names the filter language knows; reading one never fails
FILTER_NAMES = frozenset({"type", "key", "cited", "docname", "docnames", "author", "editor"})


def never_fails(node: ast.AST) -> bool:
    """The filter visitor evaluates ``node`` without raising, whatever the entry."""
    if isinstance(node, ast.Name | ast.Constant):
        return True
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq | ast.NotEq):
        return never_fails(node.left) and never_fails(node.comparators[0])
    return False


def false_when_uncited(node: ast.AST) -> bool:
    """The filter is false, without raising, for an entry that nothing cites."""
    return required_citation(node) is not None


def required_citation(node: ast.AST) -> str | None:
    """"here" if only entries cited by the bibliography's own page can pass the filter,
    "anywhere" if only cited entries can, ``None`` if any entry might (or evaluating might fail)."""
    if isinstance(node, ast.Module):
        return required_citation(node.body[0]) if len(node.body) == 1 else None
    if isinstance(node, ast.Expr):
        return required_citation(node.value)
    if isinstance(node, ast.Name):
        return "anywhere" if node.id == "cited" else None
    if isinstance(node, ast.Compare):  # "X in docnames": docnames is empty for an uncited entry
        if not (len(node.ops) == 1 and isinstance(node.ops[0], ast.In) and never_fails(node.left)
                and isinstance(node.comparators[0], ast.Name) and node.comparators[0].id == "docnames"):
            return None
        return "here" if isinstance(node.left, ast.Name) and node.left.id == "docname" else "anywhere"
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        for value in node.values:  # "and" stops at the first false operand
            required = required_citation(value)
            if required is not None:
                return required
            if not never_fails(value):
                return None
    return None


class IndexedFilterMixin:
    """Mix into a ``BibtexDomain`` subclass, before it: ``class D(IndexedFilterMixin, BibtexDomain)``."""

    data: dict[str, Any]

    def env_updated(self) -> Iterable[str]:
        self._index: dict[str, Any] = {}  # one build's indexes; never pickled
        try:
            return super().env_updated()  # type: ignore[misc]
        finally:
            self._index = {}

    def cited_in(self) -> dict[str, set[str]]:
        """Citation key -> the documents citing it."""
        index = getattr(self, "_index", {})
        if "cited_in" not in index:
            cited: dict[str, set[str]] = defaultdict(set)
            for ref in self.data["citation_refs"]:
                for target in ref.targets:
                    cited[target.key].add(ref.docname)
            index["cited_in"] = cited
        return index["cited_in"]

    def get_filtered_entries(self, bibliography_key: Any) -> Iterable[tuple[str, Entry]]:
        bibliography = self.data["bibliographies"][bibliography_key]
        cited_in = self.cited_in()
        for entry in self.candidate_entries(bibliography_key, bibliography, cited_in):
            key = bibliography.keyprefix + entry.key
            docnames = cited_in.get(key, set())
            visitor = _FilterVisitor(entry=entry, docname=bibliography_key.docname, cited_docnames=docnames)
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                self.warn_filter_error(bibliography_key, bibliography, err)
                success = bool(docnames)  # sphinxcontrib-bibtex's own fallback
            if success or entry.key in bibliography.keys:
                yield key, entry

    def candidate_entries(self, bibliography_key: Any, bibliography: Any,
                          cited_in: dict[str, set[str]]) -> Iterable[Entry]:
        """Every entry of the bibliography's files, or only those its filter can accept."""
        required = required_citation(bibliography.filter_)
        if required is None:
            return self.get_entries(bibliography.bibfiles)  # type: ignore[attr-defined]
        cited = (k for k, docs in cited_in.items() if required == "anywhere" or bibliography_key.docname in docs)
        prefix = bibliography.keyprefix
        wanted = {key[len(prefix):] for key in cited if key.startswith(prefix)} | set(bibliography.keys)
        order = self.file_order(bibliography.bibfiles)
        keys = sorted((k for k in wanted if k in order), key=order.__getitem__)
        parsed = self.data["bibdata"].data.entries
        return [parsed[key] for key in keys]

    def file_order(self, bibfiles: list[Any]) -> dict[str, int]:
        """Key -> position in the given .bib files, the order sphinxcontrib-bibtex lists them in."""
        index = getattr(self, "_index", {})
        cache_key = ("order", tuple(bibfiles))
        if cache_key not in index:
            files = self.data["bibdata"].bibfiles
            keys = [key for bibfile in bibfiles for key in files[bibfile].keys]
            index[cache_key] = {key: position for position, key in enumerate(keys)}
        return index[cache_key]

    def get_all_cited_keys(self, docnames: list[str]) -> Iterable[str]:
        index = getattr(self, "_index", {})
        cache_key = ("cited", tuple(docnames))
        if cache_key not in index:
            position = {docname: number for number, docname in enumerate(docnames)}
            refs = sorted(self.data["citation_refs"], key=lambda ref: position[ref.docname])
            index[cache_key] = [target.key for ref in refs for target in ref.targets]
        return index[cache_key]

    def get_sorted_entries(self, bibliography_key: Any, docnames: list[str]) -> Iterable[tuple[str, Entry]]:
        entries = dict(self.get_filtered_entries(bibliography_key))
        first_cited: dict[str, int] = {}
        for number, key in enumerate(self.get_all_cited_keys(docnames)):
            first_cited.setdefault(key, number)
        cited = sorted((k for k in entries if k in first_cited), key=first_cited.__getitem__)
        for key in [*cited, *(k for k in entries if k not in first_cited)]:
            yield key, entries[key]

    @staticmethod
    def warn_filter_error(bibliography_key: Any, bibliography: Any, err: ValueError) -> None:
        from sphinx.util import logging

        logging.getLogger("sphinxcontrib.bibtex.domain").warning(
            f"syntax error in :filter: expression; {err}",
            location=(bibliography_key.docname, bibliography.line),
            type="bibtex", subtype="filter_syntax_error")
