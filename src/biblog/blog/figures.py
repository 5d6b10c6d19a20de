"""Figures in posts: numbered per post, and never without alt text.

Sphinx numbers figures (``numfig``) only in documents reached through a
toctree, and posts are orphans reached from the listings: Sphinx leaves them
unnumbered, and ``{numref}`` to them fails. This collector records each
post's captioned figures, tables and code blocks while reading, and after
Sphinx's own numbering (``env-get-updated``) numbers them per post, from 1,
in ``env.toc_fignumbers``, where the HTML writer and ``{numref}`` look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector

from ..warnings_ import Sub, warn

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: env attribute: docname -> [(figtype, id)] in document order, posts only
FIGURES = "biblog_post_figures"


def enumerable_nodes(env: BuildEnvironment, doctree: nodes.Node) -> list[tuple[str, str]]:
    """``(figtype, id)`` of each node Sphinx would number: captioned, with an id."""
    std = env.domains.standard_domain
    found = []
    for node in doctree.findall(nodes.Element):
        figtype = std.get_enumerable_node_type(node)
        if figtype and node["ids"] and std.get_numfig_title(node):
            found.append((figtype, node["ids"][0]))
    return found


def check_alt_text(doctree: nodes.Node) -> None:
    for image in doctree.findall(nodes.image):
        if not str(image.get("alt", "")).strip():
            warn(f"the image '{image.get('uri', '')}' has no alt text: describe it for readers who cannot "
                 "see it, with ':alt: ...' under the figure or image directive (or ![text](path) in Markdown)",
                 Sub.figure, image)


class PostFigures(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        getattr(env, FIGURES, {}).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: Set[str],
                    other: BuildEnvironment) -> None:
        mine = figures_of(env)
        theirs = figures_of(other)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        check_alt_text(doctree)
        from .domain import blog_domain

        docname = app.env.docname
        if docname in blog_domain(app.env).posts:
            figures_of(app.env)[docname] = enumerable_nodes(app.env, doctree)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        if env.config.numfig:
            for docname, figures in figures_of(env).items():
                if docname not in env.toc_fignumbers:
                    env.toc_fignumbers[docname] = post_numbers(figures)
        return []


def figures_of(env: BuildEnvironment) -> dict[str, list[tuple[str, str]]]:
    if not hasattr(env, FIGURES):
        setattr(env, FIGURES, {})
    found: dict[str, list[tuple[str, str]]] = getattr(env, FIGURES)
    return found


def post_numbers(figures: list[tuple[str, str]]) -> dict[str, dict[str, tuple[int, ...]]]:
    numbers: dict[str, dict[str, tuple[int, ...]]] = {}
    for figtype, node_id in figures:
        of_type = numbers.setdefault(figtype, {})
        of_type.setdefault(node_id, (len(of_type) + 1,))
    return numbers


def setup_figures(app: Sphinx) -> None:
    # After posts.py records the post (doctree-read, priority 600): process_doc
    # runs on doctree-read at the default 500, so connect it later by hand.
    collector = PostFigures()
    collector.listener_ids = {
        "doctree-read": app.connect("doctree-read", collector.process_doc, priority=700),
        "env-merge-info": app.connect("env-merge-info", collector.merge_other),
        "env-purge-doc": app.connect("env-purge-doc", collector.clear_doc),
        "env-get-updated": app.connect("env-get-updated", collector.get_updated_docs, priority=600),
    }
