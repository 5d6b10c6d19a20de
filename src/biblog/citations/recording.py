"""What a page's citations record while reading: where each sits and what it says.

The roles (``citedomain.py``) resolve their targets at once, so that a bad
citation is reported with its file and line; here each citation the blog
renders becomes a ``CitationUse`` in the biblog domain, and a page that cites
gets a "References" section, filled at write time in ``references.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinxcontrib.bibtex.citation_target import CitationTarget, parse_citation_targets

from ..blog.domain import blog_domain
from ..core.model import CitationUse

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# A sentence may open with a textual citation: the marker or another citation's "[…]".
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[\u2063])")


def is_citation(node: nodes.Node) -> bool:
    """A citation the blog renders: a ``cite`` cross-reference made by ``citedomain.BlogCiteRole``."""
    return isinstance(node, addnodes.pending_xref) and bool(node.get("biblog"))


def citation_keys(node: nodes.Element) -> list[str]:
    return [target.key for target in citation_targets(node["reftarget"]) or ()]


def citation_targets(text: str) -> list[CitationTarget] | None:
    """sphinxcontrib-bibtex's reading of a role's target, ``None`` if it cannot read it.

    Not memoised: a reading takes about a microsecond, and a memo would keep tens of
    thousands of small objects alive for the garbage collector to walk again and again.
    """
    try:
        return list(parse_citation_targets(text))
    except ValueError:
        return None


class reference_list(nodes.General, nodes.Element):
    """Placeholder for a post's own reference list, filled at write time."""


def record_citations(app: Sphinx, doctree: nodes.document) -> None:
    """Give every citation an anchor and record where it sits and what it says."""
    docname = app.env.docname
    domain = blog_domain(app.env)
    paragraph_texts: dict[int, list[tuple[nodes.Node, str]]] = {}
    for group in doctree.findall(is_citation):
        anchor = group["ids"][0]
        section, section_anchor = enclosing_section(group)
        context = sentence_around(group, paragraph_texts)
        for key in citation_keys(group):
            use = CitationUse(key, docname, anchor, section, section_anchor, context, group.line or 0)
            domain.add_citation(use)
        for text, key in group["biblog_written"].items():
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


def sentence_around(node: nodes.Element, paragraph_texts: dict[int, list[tuple[nodes.Node, str]]] | None = None,
                    limit: int = 240) -> str:
    """The sentence of the citation, with the citation itself marked by "[…]".

    ``paragraph_texts`` keeps each paragraph's text, child by child, for its other citations.
    """
    paragraph = node.parent
    while paragraph is not None and not isinstance(paragraph, nodes.paragraph | nodes.list_item):
        paragraph = paragraph.parent
    if paragraph is None:
        return ""
    cache = {} if paragraph_texts is None else paragraph_texts
    if id(paragraph) not in cache:
        cache[id(paragraph)] = [(child, plain(child)) for child in paragraph.children]
    marker = "\u2063CITE\u2063"
    text = "".join(marker if child is node else shown for child, shown in cache[id(paragraph)])
    sentence = next((s for s in SENTENCE_END.split(text) if marker in s), text)
    return shorten(re.sub(r"\s+", " ", sentence.replace(marker, "[…]")).strip(), limit)


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word boundary."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def plain(node: nodes.Node, citation: str | None = "[…]") -> str:
    """Text of a node for snippets and summaries: math as ``$...$``, citations as ``citation``.

    ``citation=None`` keeps a citation's own text, "Wei et al. (2022)", for titles.
    """
    if is_citation(node):
        return node.astext() if citation is None else citation
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


def setup_citations(app: Sphinx) -> None:
    app.add_node(reference_list)
    app.connect("doctree-read", record_citations)
