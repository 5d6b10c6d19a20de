"""Rendering citations and reference lists, at write time.

A post-transform turns each ``citation_group`` into author-year links and
fills the post's ``reference_list`` from the keys it cites: the cost is in
proportion to what the post cites, never to the size of the bibliography.
The reference entries double as the content of the hover cards (``cards.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .bibliography import Bibliography
from .bibstate import current_bibliography
from .citations import citation_group, reference_list
from .compat import sphinx_app
from .domain import blog_domain
from .labels import sort_key
from .latex import split_math
from .model import Entry
from .views import Views, views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def entry_anchor(key: str) -> str:
    """Stable anchor of a work, derived from its key: ``ref-wei2022chain``."""
    return "ref-" + nodes.make_id(key)


def tooltip(entry: Entry) -> str:
    """The plain-text preview kept for readers without JavaScript."""
    authors = author_list(entry)
    parts = [p for p in (authors, entry.title, entry.venue, entry.year) if p]
    return ". ".join(p.rstrip(".") for p in parts) + "."


def author_list(entry: Entry) -> str:
    names = [n for n in entry.authors if n != "others"]
    if entry.and_others:
        return ", ".join(names) + " et al."
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def title_nodes(title: str) -> list[nodes.Node]:
    """Title text with its math as math nodes, so MathJax renders it."""
    return [nodes.math(value, value) if kind == "math" else nodes.Text(value)
            for kind, value in split_math(title)]


def citation_link(bibliography: Bibliography, key: str, text: str) -> nodes.reference:
    return nodes.reference("", text, internal=True, refid=entry_anchor(key),
                           reftitle=tooltip(bibliography.entries[key]), classes=["biblog-cite"])


def render_group(bibliography: Bibliography, group: citation_group) -> nodes.inline:
    out = nodes.inline(classes=["biblog-citation", f"biblog-cite-{group['style']}"], ids=group["ids"])
    keys = [k for k in group["keys"] if k in bibliography.entries]
    if not keys:  # already reported: keep what the author wrote rather than print "()"
        written = "; ".join(group["written"]) or group.astext()
        out["classes"].append("biblog-cite-unresolved")
        out += nodes.Text(f"({written})" if group["style"] == "p" else written)
        return out
    if group["style"] == "t":
        for index, key in enumerate(keys):
            label = bibliography.labels[key]
            if index:
                out += nodes.Text("; ")
            out += nodes.Text(f"{label.names} (")
            out += citation_link(bibliography, key, label.year)
            out += nodes.Text(")")
        return out
    out += nodes.Text("(")
    for index, key in enumerate(keys):
        if index:
            out += nodes.Text("; ")
        out += citation_link(bibliography, key, bibliography.labels[key].parenthetical())
    out += nodes.Text(")")
    return out


def entry_paragraph(bibliography: Bibliography, entry: Entry) -> nodes.paragraph:
    para = nodes.paragraph(classes=["biblog-entry"])
    label = bibliography.labels[entry.key]
    authors = author_list(entry) or label.names
    para += nodes.inline("", authors, classes=["biblog-authors"])
    para += nodes.Text(f" ({label.year}). ")
    if entry.title:
        title = nodes.inline(classes=["biblog-title"])
        title.extend(title_nodes(entry.title))
        para += title
        para += nodes.Text(". ")
    if entry.venue:
        para += nodes.emphasis("", entry.venue, classes=["biblog-venue"])
        para += nodes.Text(". ")
    for link in entry.links:
        para += nodes.reference("", link.kind, refuri=link.url, classes=["biblog-link"])
        para += nodes.Text(" ")
    return para


def back_links(anchors: Iterable[str]) -> nodes.inline:
    out = nodes.inline(classes=["biblog-backlinks"])
    for index, anchor in enumerate(anchors):
        out += nodes.reference("", "↩" if index == 0 else f"{index + 1}", internal=True, refid=anchor,
                               reftitle="back to the citation")
        out += nodes.Text(" ")
    return out


class RenderCitations(SphinxPostTransform):
    """Citations, reference lists and "also cited in" for one document.

    Priority 5 mirrors sphinxcontrib-bibtex: before Sphinx's references
    resolver (10), so the links made here are plain, already-resolved ones.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        bibliography = current_bibliography(sphinx_app(self.env))
        for group in list(self.document.findall(citation_group)):
            group.replace_self(render_group(bibliography, group))
        for placeholder in list(self.document.findall(reference_list)):
            placeholder.replace_self(self.post_reference_list(bibliography))

    def post_reference_list(self, bibliography: Bibliography) -> nodes.bullet_list:
        docname = self.env.docname
        uses = blog_domain(self.env).citations.get(docname, [])
        keys = [k for k in dict.fromkeys(u.key for u in uses) if k in bibliography.entries]
        entries = sorted((bibliography.entries[k] for k in keys), key=lambda e: sort_key(e, bibliography.labels))
        views = views_of(self.env)
        listing = nodes.bullet_list(classes=["biblog-reference-list"])
        for entry in entries:
            item = nodes.list_item(ids=[entry_anchor(entry.key)], classes=["biblog-reference"])
            item += entry_paragraph(bibliography, entry)
            anchors = [u.anchor for u in uses if u.key == entry.key]
            item[0] += back_links(dict.fromkeys(anchors))
            also = self.also_cited_in(views, entry.key, docname)
            if also is not None:
                item += also
            listing += item
        return listing

    def also_cited_in(self, views: Views, key: str, docname: str) -> nodes.paragraph | None:
        others = [d for d in views.cited_in.get(key, []) if d != docname]
        if not others:
            return None
        titles = views.titles
        para = nodes.paragraph(classes=["biblog-also"])
        para += nodes.Text("Also cited in ")
        for index, other in enumerate(others):
            if index:
                para += nodes.Text(", ")
            uri = sphinx_app(self.env).builder.get_relative_uri(docname, other) + "#" + entry_anchor(key)
            para += nodes.reference("", titles.get(other, other), internal=True, refuri=uri)
        para += nodes.Text(".")
        return para


class RenderSiteReferences(SphinxPostTransform):
    """The site-wide references page: every cited work, who cites it, and where.

    Priority 5, like the citations: it makes plain links only.
    """

    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        from .listings import listing

        for node in list(self.document.findall(listing)):
            if node["kind"] == "references":
                node.replace_self(self.site_references())

    def site_references(self) -> list[nodes.Node]:
        bibliography = current_bibliography(sphinx_app(self.env))
        views = views_of(self.env)
        keys = [k for k in views.uses_of if k in bibliography.entries]
        entries = sorted((bibliography.entries[k] for k in keys), key=lambda e: sort_key(e, bibliography.labels))
        filter_box = nodes.raw("", FILTER_BOX.format(count=len(entries)), format="html")
        listing = nodes.bullet_list(classes=["biblog-site-references"])
        for entry in entries:
            item = nodes.list_item(ids=[entry_anchor(entry.key)], classes=["biblog-reference"])
            item += entry_paragraph(bibliography, entry)
            item += self.citing_posts(views, entry.key)
            listing += item
        return [filter_box, listing]

    def citing_posts(self, views: Views, key: str) -> nodes.Element:
        uses = views.uses_of.get(key, [])
        docs = views.cited_in.get(key, [])
        box = nodes.container(classes=["biblog-cited-by"])
        times = "once" if len(uses) == 1 else f"{len(uses)} times"
        box += nodes.paragraph("", f"Cited {times} in {len(docs)} post{'s' if len(docs) != 1 else ''}:",
                               classes=["biblog-cite-count"])
        places = nodes.bullet_list(classes=["biblog-citing-places"])
        for use in uses:
            item = nodes.list_item()
            para = nodes.paragraph()
            uri = sphinx_app(self.env).builder.get_relative_uri(self.env.docname, use.docname) + "#" + use.anchor
            para += nodes.reference("", self.title_of(views, use.docname), internal=True, refuri=uri)
            if use.section:
                para += nodes.Text(f" › {use.section}")
            if use.context:
                para += nodes.Text(": ")
                para += nodes.inline("", f"“{use.context}”", classes=["biblog-context"])
            item += para
            places += item
        box += places
        return box

    def title_of(self, views: Views, docname: str) -> str:
        title = views.titles.get(docname) or self.env.titles.get(docname)
        return title if isinstance(title, str) else (title.astext() if title is not None else docname)


FILTER_BOX = (
    '<div class="biblog-filter"><label for="biblog-filter-input">Filter the {count} works by author, '
    'title or year</label> <input type="search" id="biblog-filter-input" class="biblog-filter-input" '
    'placeholder="e.g. Wei 2022, diffusion" autocomplete="off">'
    '<p class="biblog-filter-status" aria-live="polite"></p></div>'
)


def setup_references(app: Sphinx) -> None:
    app.add_post_transform(RenderCitations)
    app.add_post_transform(RenderSiteReferences)
