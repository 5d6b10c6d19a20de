"""What many places of a build's pages repeat, made once per build.

A post's title shows beside each of its citations on the references page
and in every "also cited in" line of the posts citing what it cites: at
1,000 posts that is over a hundred thousand times the same few hundred
strings. Titles and links are settled once reading is over, so each is made
once per build here, in a memo tied to the build's views (a new build, even
with the same application, computes new views and so gets a fresh memo).
Post-transforms run in the main process, also under ``-j``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..blog.views import Views, views_of
from ..compat import sphinx_app
from ..core.bib.labels import sort_key
from .refhtml import entry_anchor, title_html
from .refstyle import BlogReferenceStyle

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.style.referencing import BracketStyle

    from ..core.model import Entry, Label

APP_ATTRIBUTE = "biblog_render_memo"


@dataclass
class RenderMemo:
    views: Views
    #: docname -> its title as HTML (math marked up for MathJax)
    titles: dict[str, str] = field(default_factory=dict)
    #: (from docname, to docname) -> relative URI
    uris: dict[tuple[str, str], str] = field(default_factory=dict)
    #: key -> the anchor of its entry (docutils' make_id is slow)
    anchors: dict[str, str] = field(default_factory=dict)
    #: key -> its plain-text preview, the title of every link citing it
    tooltips: dict[str, str] = field(default_factory=dict)
    #: how a parenthetical citation brackets and separates its works (``refstyle.BlogReferenceStyle``'s)
    bracket: BracketStyle = field(default_factory=lambda: BlogReferenceStyle().bracket)
    #: key -> where its entry sorts in reference lists (``labels.sort_key``: folding names and titles is slow)
    sort_keys: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    #: (key, label) -> a citation's link to the key's entry, as the HTML translator writes it
    links_html: dict[tuple[str, str], str] = field(default_factory=dict)

    def title_html(self, env: BuildEnvironment, docname: str) -> str:
        html = self.titles.get(docname)
        if html is None:
            html = self.titles[docname] = title_html(document_title(env, self.views, docname))
        return html

    def anchor(self, key: str) -> str:
        anchor = self.anchors.get(key)
        if anchor is None:
            anchor = self.anchors[key] = entry_anchor(key)
        return anchor

    def tooltip(self, entry: Entry) -> str:
        shown = self.tooltips.get(entry.key)
        if shown is None:
            from .references import tooltip

            shown = self.tooltips[entry.key] = tooltip(entry)
        return shown

    def sort_key(self, entry: Entry, labels: Mapping[str, Label]) -> tuple[str, str, str]:
        order = self.sort_keys.get(entry.key)
        if order is None:
            order = self.sort_keys[entry.key] = sort_key(entry, labels)
        return order

    def relative_uri(self, env: BuildEnvironment, source: str, target: str) -> str:
        uri = self.uris.get((source, target))
        if uri is None:
            uri = self.uris[(source, target)] = sphinx_app(env).builder.get_relative_uri(source, target)
        return uri


def render_memo(env: BuildEnvironment) -> RenderMemo:
    app = sphinx_app(env)
    views = views_of(env)
    memo = getattr(app, APP_ATTRIBUTE, None)
    if not isinstance(memo, RenderMemo) or memo.views is not views:
        memo = RenderMemo(views)
        setattr(app, APP_ATTRIBUTE, memo)
    return memo


def document_title(env: BuildEnvironment, views: Views, docname: str) -> str:
    """A post's front-matter title (its math as $...$), or any other page's title: never its file name."""
    title = views.titles.get(docname) or env.titles.get(docname)
    return title if isinstance(title, str) else (title.astext() if title is not None else docname)


def relative_uri(env: BuildEnvironment, source: str, target: str) -> str:
    """The builder's URI of ``target`` relative to ``source``, made once per build."""
    return render_memo(env).relative_uri(env, source, target)
