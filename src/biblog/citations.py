"""The ``{cite:p}`` and ``{cite:t}`` roles, and what they record while reading.

The roles resolve their targets (keys or natural text) at once, so a bad
citation is reported with its file and line. What the reader sees (labels,
links, the post's reference list) is rendered later, in ``references.py``.
Role names match sphinxcontrib-bibtex's, so sources written for it work here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain
from sphinx.util.docutils import SphinxRole

from .bibstate import current_bibliography
from .compat import sphinx_app
from .domain import blog_domain
from .model import CitationUse
from .resolver import describe_failure, split_targets
from .warnings_ import Sub, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# A sentence may open with a textual citation: the marker or another citation's "[…]".
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[\u2063])")


class citation_group(nodes.Inline, nodes.Element):
    """One role: attributes ``keys`` (resolved) and ``style`` ("p" or "t")."""


class reference_list(nodes.General, nodes.Element):
    """Placeholder for a post's own reference list, filled at write time."""


class CiteRole(SphinxRole):
    def __init__(self, style: str) -> None:
        super().__init__()
        self.style = style

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        bibliography = current_bibliography(sphinx_app(self.env))
        keys: list[str] = []
        written: dict[str, str] = {}
        for target in split_targets(self.text):
            resolution = bibliography.resolver.resolve(target)
            if resolution.ok:
                keys.append(resolution.keys[0])
                written[target] = resolution.keys[0]
            else:
                written[target] = ""
                subtype = Sub.ambiguous if len(resolution.keys) > 1 else Sub.cite
                warn(describe_failure(resolution, bibliography.labels), subtype, self.exact_location())
        node = citation_group(self.rawtext, keys=keys, style=self.style, written=written)
        self.set_source_info(node)
        if not keys:
            node += nodes.Text(self.text)
        return [node], []

    def exact_location(self) -> str:
        """``path:line`` of the role itself: MyST gives an inline role its paragraph's first line."""
        source, line = self.get_source_info()
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError, TypeError, ValueError):
            return self.get_location()
        written = re.compile(rf"\{{{re.escape(self.name)}\}}`{re.escape(self.text)}`|{re.escape(self.rawtext)}")
        found = next((n for n in range(max(line, 1), len(lines) + 1) if written.search(lines[n - 1])), line)
        return f"{source}:{found}"


class CiteDomain(Domain):
    """Only roles: the facts go to the biblog domain, which owns purge and merge."""

    name = "cite"
    label = "Citations"
    roles = {"p": CiteRole("p"), "t": CiteRole("t")}  # noqa: RUF012

    def merge_domaindata(self, docnames: Any, otherdata: dict[str, Any]) -> None:
        pass

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def record_citations(app: Sphinx, doctree: nodes.document) -> None:
    """Give every citation an anchor and record where it sits and what it says."""
    docname = app.env.docname
    domain = blog_domain(app.env)
    for number, group in enumerate(doctree.findall(citation_group), start=1):
        anchor = f"cite-{number}"
        group["ids"].append(anchor)
        section, section_anchor = enclosing_section(group)
        context = sentence_around(group)
        for key in group["keys"]:
            use = CitationUse(key, docname, anchor, section, section_anchor, context, group.line or 0)
            domain.add_citation(use)
        for text, key in group["written"].items():
            domain.add_written_target(docname, text, key)
    if domain.cited_keys(docname):
        append_reference_section(doctree)


def enclosing_section(node: nodes.Node) -> tuple[str, str]:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    if parent is None or isinstance(parent.parent, nodes.document):
        return "", ""
    return parent[0].astext() if parent.children else "", (parent["ids"] or [""])[0]


def sentence_around(node: nodes.Element, limit: int = 240) -> str:
    """The sentence of the citation, with the citation itself marked by "[…]"."""
    paragraph = node.parent
    while paragraph is not None and not isinstance(paragraph, nodes.paragraph | nodes.list_item):
        paragraph = paragraph.parent
    if paragraph is None:
        return ""
    marker = "\u2063CITE\u2063"
    text = "".join(marker if child is node else plain(child) for child in paragraph.children)
    sentence = next((s for s in SENTENCE_END.split(text) if marker in s), text)
    return shorten(re.sub(r"\s+", " ", sentence.replace(marker, "[…]")).strip(), limit)


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def plain(node: nodes.Node, citation: str = "[…]") -> str:
    """Text of a node for snippets and summaries: math as ``$...$``, citations as ``citation``."""
    if isinstance(node, citation_group):
        return citation
    if isinstance(node, nodes.system_message):
        return ""
    if isinstance(node, nodes.math):
        return f"${node.astext()}$"
    if isinstance(node, nodes.Element):
        return "".join(plain(child, citation) for child in node.children)
    return node.astext()


def append_reference_section(doctree: nodes.document) -> None:
    section = nodes.section(ids=["references"], names=["references"], classes=["biblog-references"])
    section += nodes.title("", "References")
    section += reference_list()
    container = doctree
    top_sections = [n for n in doctree.children if isinstance(n, nodes.section)]
    if len(top_sections) == 1:
        container = top_sections[0]  # the post's title section: keep References inside it
    container += section


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_citations(app: Sphinx) -> None:
    app.add_domain(CiteDomain)
    app.add_node(citation_group)
    app.add_node(reference_list)
    app.connect("doctree-read", record_citations)
