"""Citations and reference lists as ready-made HTML, for HTML builders.

A post with 40 references would otherwise carry about a thousand extra
docutils nodes through every later post-transform, the HTML translator and
the search indexer. The markup is the one the node version in
``references.py`` produces (same elements, classes and anchors), so the theme,
the hover cards and the tests see no difference. Every piece of text from a
``.bib`` file or front matter goes through :func:`html.escape`.

An entry's HTML is the same on every page, so it is made once per build and
kept in the bibliography's memo.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..core.bib.latex import closing_stop, math_parts

if TYPE_CHECKING:
    from ..core.bib.bibliography import Bibliography
    from ..core.model import Entry


class prerendered_html(nodes.General, nodes.Element):
    """Markup made by biblog, written as it is; the search index sees only its children.

    The translator skips the children, so a ``search_text`` child is what a
    search finds of the markup. A post's reference list has none: it is bibliographic detail,
    not the post's text, and kept out of the index it costs the (serial)
    indexing step nothing. Citations in the running text stay searchable, so
    searching an author's name still finds the posts that cite them.
    """


class search_text(nodes.Invisible, nodes.TextElement):
    """Words for the search index only, inside a ``prerendered_html``.

    Invisible, so that link previews (sphinxext-opengraph) do not describe
    the page with them; the translator never reaches it.
    """


def visit_prerendered_html(translator: Any, node: prerendered_html) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def entry_anchor(key: str) -> str:
    """Stable anchor of a work, derived from its key: ``ref-wei2022chain``."""
    return "ref-" + nodes.make_id(key)


def title_html(title: str) -> str:
    """Title text with its math marked up the way Sphinx's MathJax support does."""
    return "".join(
        f'<span class="math notranslate nohighlight">\\({escape(value)}\\)</span>' if kind == "math"
        else escape(value)
        for kind, value in math_parts(title)
    )


def entry_body_html(bibliography: Bibliography, entry: Entry, authors: str) -> str:
    """Authors, year, title, venue and links: the inside of ``p.biblog-entry``, memoized per build."""
    memo_key = ("entry-html", entry.key)
    cached = bibliography.memo.get(memo_key)
    if cached is not None:
        return cached
    label = bibliography.labels[entry.key]
    parts = [f'<span class="biblog-authors">{escape(authors or label.names)}</span> ({escape(label.year)}). ']
    if entry.title:
        parts.append(f'<span class="biblog-title">{title_html(entry.title)}</span>{closing_stop(entry.title)} ')
    if entry.venue:
        parts.append(f'<em class="biblog-venue">{title_html(entry.venue)}</em>{closing_stop(entry.venue)} ')
    parts.extend(f'<a class="biblog-link reference external" href="{escape(link.url)}">{escape(link.kind)}</a> '
                 for link in entry.links)
    html = "".join(parts)
    bibliography.memo[memo_key] = html
    return html


def back_links_html(anchors: Iterable[str]) -> str:
    links = "".join(
        f'<a class="reference internal" href="#{escape(anchor)}" title="back to the citation">'
        f'{"↩" if index == 0 else index + 1}</a> '
        for index, anchor in enumerate(anchors))
    return f'<span class="biblog-backlinks">{links}</span>'


def also_cited_in_html(others: Sequence[tuple[str, str]]) -> str:
    """``others``: (title as HTML, see :func:`title_html`; uri) of the other posts citing the work."""
    links = ", ".join(f'<a class="reference internal" href="{escape(uri)}">{title}</a>' for title, uri in others)
    return f'<p class="biblog-also">Also cited in {links}.</p>\n'


def reference_item_start(key: str, entry_html: str, extra_in_entry: str = "") -> str:
    """A reference list item up to its entry; what follows the entry, then ``</li>``, closes it."""
    return f"{reference_item_head(key, entry_html)}{extra_in_entry}</p>\n"


def reference_item_head(key: str, entry_html: str) -> str:
    """A reference list item up to the end of its entry's text, before ``</p>``."""
    return f'<li class="biblog-reference" id="{escape(entry_anchor(key))}"><p class="biblog-entry">{entry_html}'


def reference_item_opening(bibliography: Bibliography, entry: Entry, authors: str) -> str:
    """:func:`reference_item_start` up to the end of the entry's text, memoized per build.

    What a page adds inside the entry (its back-links) and ``</p>`` follow.
    """
    memo_key = ("entry-item", entry.key)
    cached = bibliography.memo.get(memo_key)
    if cached is None:
        cached = bibliography.memo[memo_key] = reference_item_head(
            entry.key, entry_body_html(bibliography, entry, authors))
    return cached


def citing_places_html(places: Sequence[tuple[str, str, str, str]], docs: int) -> str:
    """The "Cited 3 times in 2 posts" box of the site-wide references page.

    ``places``: for each citation, the citing post's title as HTML (see :func:`title_html`), the
    URL of the citation, its section's title and its sentence.
    """
    times = "once" if len(places) == 1 else f"{len(places)} times"
    items = []
    for title, uri, section, context in places:
        text = f'<a class="reference internal" href="{escape(uri)}">{title}</a>'
        if section:
            text += f" › {title_html(section)}"
        if context:
            # The context keeps the post's math as $...$: typeset it, as the post does.
            text += f': <span class="biblog-context">“{title_html(context)}”</span>'
        items.append(f"<li><p>{text}</p></li>\n")
    return (f'<div class="biblog-cited-by docutils container">\n'
            f'<p class="biblog-cite-count">Cited {times} in {docs} post{"s" if docs != 1 else ""}:</p>\n'
            f'<ul class="biblog-citing-places simple">\n{"".join(items)}</ul>\n</div>\n')
