"""Rendering reference lists, at write time.

A post-transform fills each page's ``reference_list`` from the keys it cites
(the citations themselves are resolved by the ``cite`` domain, in
``citedomain.py``): the cost is in proportion to what the page cites, never
to the size of the bibliography. The reference entries double as the content
of the hover cards (``cards.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..blog.domain import blog_domain
from ..blog.search import words_for_the_index
from ..blog.views import Views, views_of
from ..compat import sphinx_app
from ..config import blog_config
from ..core.bib.bibliography import Bibliography, paused_gc
from ..core.bib.latex import closing_stop, math_parts, readable
from ..core.model import Entry
from ..refpage.refpages import (
    work_fragment,
    works_list_html,
    works_script,
    works_script_head,
    works_script_path,
    write_works_script,
)
from ..refpage.workscache import (
    MadeOf,
    Shows,
    Work,
    citing_docs,
    first_fragments,
    load_works,
    page_order,
    save_works,
    script_pieces,
)
from .bibstate import current_bibliography
from .recording import reference_list
from .refhtml import (
    also_cited_in_html,
    back_links_html,
    citing_places_html,
    entry_anchor,
    entry_body_html,
    prerendered_html,
    reference_item_opening,
    reference_item_start,
    search_text,
    visit_prerendered_html,
)
from .rendermemo import RenderMemo, document_title, render_memo

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def tooltip(entry: Entry) -> str:
    """The plain-text preview kept for readers without JavaScript."""
    authors = author_list(entry)
    parts = [readable(p) for p in (authors, entry.title, entry.venue, entry.year) if p]
    return " ".join(p + closing_stop(p) for p in parts)


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
            for kind, value in math_parts(title)]


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
        para += nodes.Text(closing_stop(entry.title) + " ")
    if entry.venue:
        para += nodes.emphasis("", "", *title_nodes(entry.venue), classes=["biblog-venue"])
        para += nodes.Text(closing_stop(entry.venue) + " ")
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
    """A page's reference list, with "also cited in", for one document.

    Priority 5 mirrors sphinxcontrib-bibtex: before Sphinx's references
    resolver (10), so the links made here are plain, already-resolved ones.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(reference_list))
        if not placeholders:
            return
        bibliography = current_bibliography(sphinx_app(self.env))
        as_html = sphinx_app(self.env).builder.format == "html"
        for placeholder in placeholders:
            placeholder.replace_self(self.post_reference_list_html(bibliography) if as_html
                                     else self.post_reference_list(bibliography))

    def cited_entries(self, bibliography: Bibliography) -> tuple[list[Entry], list]:
        uses = blog_domain(self.env).uses_in(self.env.docname)
        keys = [k for k in dict.fromkeys(u.key for u in uses) if k in bibliography.entries]
        memo, labels = render_memo(self.env), bibliography.labels
        entries = sorted((bibliography.entries[k] for k in keys), key=lambda e: memo.sort_key(e, labels))
        return entries, uses

    def post_reference_list_html(self, bibliography: Bibliography) -> prerendered_html:
        docname = self.env.docname
        entries, uses = self.cited_entries(bibliography)
        anchors: dict[str, list[str]] = {}
        for use in uses:
            anchors.setdefault(use.key, []).append(use.anchor)
        views = views_of(self.env)
        items = []
        for entry in entries:
            others = self.other_citing_posts(views, entry.key, docname)
            # the entry's part made once per build; the back-links and "also cited in" are this page's
            items.append(reference_item_opening(bibliography, entry, author_list(entry))
                         + back_links_html(dict.fromkeys(anchors[entry.key])) + "</p>\n"
                         + (also_cited_in_html(others) if others else "") + "</li>\n")
        return prerendered_html(html='<ul class="biblog-reference-list">\n' + "".join(items) + "</ul>\n")

    def other_citing_posts(self, views: Views, key: str, docname: str) -> list[tuple[str, str]]:
        """(title as HTML, URL of its entry) of every other post citing ``key``."""
        env, memo = self.env, render_memo(self.env)
        anchor = "#" + memo.anchor(key)
        return [(memo.title_html(env, other), memo.relative_uri(env, docname, other) + anchor)
                for other in others_citing(views, key, docname)]

    def post_reference_list(self, bibliography: Bibliography) -> nodes.bullet_list:
        docname = self.env.docname
        entries, uses = self.cited_entries(bibliography)
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
        builder = sphinx_app(self.env).builder
        others = [(document_title(self.env, views, other),
                   builder.get_relative_uri(docname, other) + "#" + entry_anchor(key))
                  for other in others_citing(views, key, docname)]
        if not others:
            return None
        para = nodes.paragraph(classes=["biblog-also"])
        para += nodes.Text("Also cited in ")
        for index, (title, uri) in enumerate(others):
            if index:
                para += nodes.Text(", ")
            para += nodes.reference("", title, internal=True, refuri=uri)
        para += nodes.Text(".")
        return para


def others_citing(views: Views, key: str, docname: str) -> list[str]:
    """The documents other than ``docname`` citing ``key``, in catalog order."""
    return [other for other in views.cited_in.get(key, []) if other != docname]


class RenderSiteReferences(SphinxPostTransform):
    """The site-wide references page: every cited work, who cites it, and where.

    Priority 5, like the citations: it makes plain links only.
    """

    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        from ..blog.listings import listing

        for node in list(self.document.findall(listing)):
            if node["kind"] == "references":
                with paused_gc():
                    node.replace_self(self.site_references())

    def site_references(self) -> prerendered_html:
        bibliography = current_bibliography(sphinx_app(self.env))
        views = views_of(self.env)
        app, docname, memo = sphinx_app(self.env), self.env.docname, render_memo(self.env)
        # Each work as rendered last time, reused when nothing it is made of changed (workscache.py).
        script = works_script_path(app, docname)
        cached = load_works(app, docname, script)
        docs, changed = citing_docs(cached.docs, self.citing_docs_show(memo, views), dict(views.citations_in_order))
        works: dict[str, Work] = {}
        fresh: dict[str, bytes] = {}  # the works rendered again: their part of the works script
        entries, labels, reused = bibliography.entries, bibliography.labels, cached.works
        for key, citing in views.cited_in.items():
            entry = entries.get(key)
            if entry is None:
                continue
            label = labels[key]
            made_of = (entry.fingerprint, label.names, label.year, citing)  # the view's own list: not copied
            work = reused.get(key)
            if work is None or work[0] != made_of or key in changed:
                fresh[key], work = self.work(bibliography, memo, views, entry, made_of)
            works[key] = work
        ordered = page_order(works, fresh, cached)
        # The first page of works here, all of them in a script loaded on demand (refpages.py).
        head, per_page = len(works_script_head(docname)), blog_config(app).references_per_page
        data = works_script(docname, script_pieces(ordered, fresh, cached, head))
        script_url = write_works_script(app, docname, data, cached.script)
        if fresh or data != cached.script or docs != cached.docs or works.keys() != reused.keys():
            save_works(app, docname, docs, works, ordered, script)
        html = FILTER_BOX.format(count=len(works)) + works_list_html(
            docname, first_fragments(ordered, fresh, cached, head, per_page), len(works), per_page, script_url)
        # One node for thousands of works: every later post-transform and the translator
        # walk the page's nodes. The search index gets each work's entry (a search for a
        # title finds this page), not the thousands of context sentences under them.
        page = prerendered_html(html=html)
        indexer = getattr(app.builder, "indexer", None)
        if indexer is not None:  # None: the site has no search
            page += search_text("", words_for_the_index(indexer, (works[key][3] for key in ordered)))
        return page

    def citing_docs_show(self, memo: RenderMemo, views: Views) -> dict[str, Shows]:
        """What each citing document's places show of it besides its citations, and when it was read."""
        env, here = self.env, self.env.docname
        return {doc: (env.all_docs.get(doc, 0), memo.relative_uri(env, here, doc), document_title(env, views, doc))
                for doc in views.keys_of}

    def citing_places(self, memo: RenderMemo, views: Views, key: str) -> tuple[tuple[str, str, str, str], ...]:
        """(post title as HTML, URL, section, sentence) of each citation of ``key``."""
        env, here = self.env, self.env.docname
        return tuple((memo.title_html(env, use.docname), memo.relative_uri(env, here, use.docname) + "#" + use.anchor,
                      use.section, use.context) for use in views.uses_of(key))

    def work(self, bibliography: Bibliography, memo: RenderMemo, views: Views, entry: Entry,
             made_of: MadeOf) -> tuple[bytes, Work]:
        """A work's part of the works script, and the work as kept in the works cache: what it is
        made of, its sort key, the length of that part and its description."""
        places = self.citing_places(memo, views, entry.key)
        item, description = self.work_html(bibliography, entry, places, len(views.cited_in.get(entry.key, [])))
        fragment = work_fragment(memo.anchor(entry.key), f"{description} {entry.key}".lower(), item)
        return fragment, (made_of, memo.sort_key(entry, bibliography.labels), len(fragment), description)

    @staticmethod
    def work_html(bibliography: Bibliography, entry: Entry, places: tuple[tuple[str, str, str, str], ...],
                  docs: int) -> tuple[str, str]:
        """A work's list item, and its description for the filter and the search index."""
        item = (reference_item_start(entry.key, entry_body_html(bibliography, entry, author_list(entry)))
                + citing_places_html(places, docs) + "</li>\n")
        return item, f"{tooltip(entry)} {bibliography.labels[entry.key].year}"  # "2022a" too


FILTER_BOX = (
    '<div class="biblog-filter"><label for="biblog-filter-input">Filter the {count} works by author, '
    'title or year</label> <input type="search" id="biblog-filter-input" class="biblog-filter-input" '
    'placeholder="e.g. Wei 2022, diffusion" autocomplete="off">'
    '<p class="biblog-filter-status" aria-live="polite"></p></div>'
)


def setup_references(app: Sphinx) -> None:
    app.add_node(prerendered_html, html=(visit_prerendered_html, None))
    app.add_node(search_text)
    app.add_post_transform(RenderCitations)
    app.add_post_transform(RenderSiteReferences)
