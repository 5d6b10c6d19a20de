"""biblog's citations, built on sphinxcontrib-bibtex's ``cite`` domain and roles.

biblog loads sphinxcontrib-bibtex and replaces its domain and roles with
subclasses (``add_domain(..., override=True)``): every role, setting and
directive of sphinxcontrib-bibtex keeps working. On pages that cite the blog
way (posts; every page of a project that does not list
``sphinxcontrib.bibtex`` itself), a role also reads citations as people write
them ("Wei et al. 2022"), reports a bad one with its file and line, and
resolves to the page's own reference list through the ``biblog`` referencing
style. Elsewhere the roles and the domain behave exactly as
sphinxcontrib-bibtex's, except that natural-text targets are read as keys.
This is the only module that touches sphinxcontrib-bibtex's classes
(``recording.citation_targets`` reads its target strings, with its parser).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from pybtex.style import FormattedEntry
from sphinxcontrib.bibtex.citation_target import CitationTarget
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.roles import CiteRole
from sphinxcontrib.bibtex.style.referencing import BracketStyle, format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from ..blog.posts import is_post
from ..compat import sphinx_app
from ..core.bib.resolver import describe_failure, describe_unlinked, split_targets
from ..warnings_ import Sub, warn
from .bibdata import DeferredEntry, setup_bibdata
from .bibstate import current_bibliography
from .fastfilter import IndexedFilterMixin
from .recording import citation_targets
from .refhtml import entry_anchor
from .refstyle import (
    ROLE_NAMES,
    TEXTUAL,
    BlogReferenceStyle,
    citation_parts,
    cited_work_of,
    register_styles,
    work_parts,
)
from .rendermemo import RenderMemo, render_memo

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..core.bib.bibliography import Bibliography
    from ..core.model import Label

#: the counter of citations in the page being read, for the anchors "cite-1", "cite-2", ...
COUNTER = "biblog_citation_count"


def cites_the_blog_way(app: Sphinx, docname: str) -> bool:
    """Posts always; other pages unless the project lists sphinxcontrib-bibtex itself.

    A project that names ``sphinxcontrib.bibtex`` in its extensions has pages
    written for it (with ``{bibliography}`` directives): they keep its behaviour.
    """
    return is_post(app, docname) or "sphinxcontrib.bibtex" not in app.config.extensions


def target_text(target: CitationTarget) -> str:
    """A target as sphinxcontrib-bibtex writes it: ``key``, or ``{pre}key{post}``."""
    pre = f"{{{target.pre}}}" if target.pre else ""
    post = f"{{{target.post}}}" if target.post else ""
    return f"{pre}{target.key}{post}"


def printed_text(labels: Mapping[str, Label], style: str, keys: list[str]) -> str:
    """The citation as plain text: "(Wei et al. 2022; Graves 2016)" or "Wei et al. (2022)"."""
    if style in TEXTUAL:
        return "; ".join(labels[key].textual() for key in keys)
    return "(" + "; ".join(labels[key].parenthetical() for key in keys) + ")"


def text_in_place_of_inline(text: str) -> Any:
    """A stand-in for a role's ``innernodeclass`` that makes plain ``text`` instead."""
    def make(rawsource: str = "", title: str = "", *children: nodes.Node, **attributes: Any) -> nodes.Text:
        return nodes.Text(text)
    return make


class BlogCiteRole(CiteRole):
    """sphinxcontrib-bibtex's role, reading natural text and locating its problems."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        app = sphinx_app(self.env)
        if self.disabled:
            return self.unlinked()
        if not cites_the_blog_way(app, self.env.docname):
            return self.run_as_sphinxcontrib_bibtex(app)
        written_targets = self.written_targets()
        if not written_targets:
            return self.empty_target()
        bibliography = current_bibliography(app)
        targets, written = self.resolve_targets(bibliography, written_targets)
        keys = [target.key for target in targets]
        if not keys:  # already reported: keep what the author wrote, marked, rather than "()"
            shown = "; ".join(written) or self.text
            classes = ["biblog-citation", "biblog-cite-unresolved"]
            return [nodes.inline(self.rawtext, f"({shown})" if self.style == "p" else shown, classes=classes)], []
        self.target = ",".join(target_text(target) for target in targets)
        # What a title or table of contents shows, where no link can go: the printed text
        # alone, made in place of the parent's inline. A build keeps every document it read
        # until it writes it, and an inline around the text (or one made and dropped: a
        # cycle for a full collection to free) is nine more objects per citation.
        self.innernodeclass = text_in_place_of_inline(printed_text(bibliography.labels, self.style, keys))
        try:
            result, messages = super().run()
        finally:
            del self.innernodeclass  # sphinxcontrib-bibtex's inline again, for its own pages
        for node in result:
            if isinstance(node, nodes.Element) and node.get("refdomain") == "cite":
                node["biblog"] = True
                node["biblog_written"] = written
        return result, messages

    @property
    def style(self) -> str:
        """The role's name without its domain: "p", "t", "ps", ... (a bare ``cite`` is "p")."""
        name = self.name.split(":")[-1]
        return "p" if name == "cite" else name

    def result_nodes(self, document: nodes.document, env: BuildEnvironment, node: nodes.Element,
                     is_ref: bool) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if cites_the_blog_way(sphinx_app(env), env.docname):
            # Stable anchors for "back to the citation" links, given before the
            # parent records the citation under the node's first id.
            count = int(env.temp_data.get(COUNTER) or 0) + 1
            env.temp_data[COUNTER] = count
            node["ids"].append(f"cite-{count}")
        return super().result_nodes(document, env, node, is_ref)

    def resolve_targets(self, bibliography: Bibliography,
                        written_targets: list[CitationTarget]) -> tuple[list[CitationTarget], dict[str, str]]:
        """The role's targets with their keys, each problem reported where the role is.

        Keys may carry sphinxcontrib-bibtex's notes, ``{see}key{p. 3}``; natural
        text ("Wei et al. 2022") is read by biblog's resolver.
        """
        resolved: list[CitationTarget] = []
        written: dict[str, str] = {}
        for target in written_targets:
            resolution = bibliography.resolver.resolve(target.key)
            written[target.key] = resolution.keys[0] if resolution.ok else ""
            if resolution.ok:
                resolved.append(target._replace(key=resolution.keys[0]))
            else:
                subtype = Sub.ambiguous if len(resolution.keys) > 1 else Sub.cite
                warn(describe_failure(resolution, bibliography.labels), subtype, self.exact_location())
        return resolved, written

    def written_targets(self) -> list[CitationTarget]:
        """sphinxcontrib-bibtex's targets when they carry notes (``{see}key``), else biblog's reading."""
        targets = list(citation_targets(self.target) or ())
        if not any(target.pre or target.post for target in targets):  # "Graves, 2016" is one citation
            targets = [CitationTarget(text, "", "") for text in split_targets(self.target)]
        return [target for target in targets if re.search(r"\w", target.key)]  # not ";" or "-"

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

    def empty_target(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Nothing at all rather than "( )", and a located error."""
        warn(f"empty citation '{self.as_written()}': write a key or 'Surname et al. YEAR' between the backticks",
             Sub.cite, self.exact_location())
        return [], []

    def unlinked(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Sphinx's "no link" mark, ``!``, which a citation cannot take: the text as written, and a located error.

        (sphinxcontrib-bibtex's own roles fail on it with a KeyError.)
        """
        warn(describe_unlinked(self.as_written()), Sub.cite, self.exact_location())
        classes = ["biblog-citation", "biblog-cite-unresolved"]
        return [nodes.inline(self.rawtext, self.text.removeprefix("!"), classes=classes)], []

    def as_written(self) -> str:
        """The role as the author wrote it: MyST hands its ``{cite:p}`...``` on as ":cite:p:`...`"."""
        if not str(self.get_source_info()[0]).endswith(".md"):
            return self.rawtext
        return re.sub(r"^:([\w:]+):(?=`)", r"{\1}", self.rawtext)

    def run_as_sphinxcontrib_bibtex(self, app: Sphinx) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """The parent's behaviour, with natural-text targets read as the keys they name."""
        if citation_targets(self.target) is None:
            resolver = current_bibliography(app).resolver
            keys = [resolver.resolve(t) for t in split_targets(self.target)]
            if keys and all(k.ok for k in keys):
                self.target = ",".join(k.keys[0] for k in keys)
            else:
                warn(f"malformed citation target '{self.target}': write keys separated by commas",
                     Sub.cite, self.exact_location())
                return [nodes.inline(self.rawtext, self.text)], []
        return super().run()


class BlogCiteDomain(IndexedFilterMixin, BibtexDomain):
    """sphinxcontrib-bibtex's domain; the blog's citations resolve to the page's own list."""

    roles = {name: BlogCiteRole() for name in BibtexDomain._role_names}  # noqa: RUF012

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
                     target: str, node: Any, contnode: nodes.Element) -> nodes.Element:
        if not node.get("biblog"):
            return super().resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
        bibliography = current_bibliography(sphinx_app(env))
        targets = [t for t in citation_targets(target) or () if t.key in bibliography.entries]
        classes = ["biblog-citation", f"biblog-cite-{typ}"]
        role = typ if typ in ROLE_NAMES else "p"
        memo = render_memo(env)
        if builder.format == "html":  # its links are made as the page is written: see resolved_citation
            return resolved_citation(target, citation_links(bibliography, role, targets, memo.bracket),
                                     classes=classes)
        out = nodes.inline(rawsource=target, classes=classes)
        if builder.name in ("latex", "rinoh"):  # sphinxcontrib-bibtex's own link markup for these
            references = list(self.blog_references(bibliography, builder, fromdocname, targets))
            out += format_references(BlogReferenceStyle(), role, references).render(self.backend)
            for link in out.findall(nodes.reference):
                link["classes"].append("biblog-cite")
        else:
            out += citation_nodes(bibliography, citation_links(bibliography, role, targets, memo.bracket), memo)
        return out

    def forget_documents(self) -> None:
        """Drop every document's citations and bibliographies, in a forked reader (``parallelread.py``).

        ``merge_domaindata`` takes only the chunk's own documents from what a reader sends back;
        the parsed ``.bib`` data stays (footnote citations read it while reading).
        """
        self.data["citation_refs"] = []
        self.data["bibliographies"] = {}
        self.data["citations"] = []

    def blog_references(self, bibliography: Bibliography, builder: Builder, docname: str,
                        targets: Iterable[CitationTarget]) -> Iterable[tuple[Any, FormattedEntry, Any]]:
        from .references import tooltip

        for target in targets:
            entry = bibliography.entries[target.key]
            pybtex_entry = DeferredEntry(entry.entry_type, target.key, self.bibdata.data)
            info = SphinxReferenceInfo(builder=builder, fromdocname=docname, todocname=docname,
                                       citation_id=entry_anchor(target.key), title=tooltip(entry),
                                       pre_text=target.pre, post_text=target.post)
            yield pybtex_entry, FormattedEntry(target.key, "", bibliography.labels[target.key].parenthetical()), info


#: a citation as printed: its pieces of text, each with the key it links to, or None
Links = tuple[tuple[str, "str | None"], ...]


def citation_links(bibliography: Bibliography, role: str, targets: list[CitationTarget],
                   bracket: BracketStyle) -> Links:
    """The citation as the style prints it: "(", "Wei et al. 2022" linking ``wei2022chain``, ")".

    What sphinxcontrib-bibtex makes of the style's rich text (``format_references``), made
    directly from the same parts: through pybtex's rich text a citation costs a fifth of a
    millisecond, and an archive has 32,000 of them.
    """
    works = [work_parts(role, cited_work_of(bibliography, t.key, {}, t.pre, t.post), i) for i, t in enumerate(targets)]
    return tuple(
        ("".join(text for text, _ in group), None if link is None else targets[link].key)  # as pybtex merges strings
        for link, group in itertools.groupby(citation_parts(role, works, bracket), key=lambda part: part[1]))


def citation_nodes(bibliography: Bibliography, links: Links, memo: RenderMemo) -> list[nodes.Node]:
    """The citation's text, each label a link (class ``biblog-cite``) to the page's own list."""
    return [nodes.Text(text) if key is None else citation_link(bibliography, memo, key, text) for text, key in links]


def citation_link(bibliography: Bibliography, memo: RenderMemo, key: str, label: str) -> nodes.reference:
    reference = nodes.reference("", "", nodes.Text(label), internal=True, refid=memo.anchor(key),
                                classes=["biblog-cite"])
    if title := memo.tooltip(bibliography.entries[key]):
        reference["reftitle"] = title
    return reference


class resolved_citation(nodes.Inline, nodes.TextElement):
    """A resolved citation in HTML output, which becomes its links only as the page is written.

    Sphinx keeps every document it read until it writes it, so nodes made for a page's
    citations hang from a tree the garbage collector holds as old: they outlive the
    collections of young objects and wait for a full one. The links of the archive's 32,000
    citations (an inline, a reference and their texts each) made its writing promote twice
    as many objects per page, and run three full collections where plain Sphinx runs one.
    Made while the page is written, apart from the tree, they are freed at once. Its one
    text child is the printed citation: what the search index and any other reader see.
    """

    def __init__(self, rawsource: str, links: Links, **attributes: Any) -> None:
        super().__init__(rawsource, "".join(text for text, _ in links), links=links, **attributes)


def visit_resolved_citation(translator: Any, node: resolved_citation) -> None:
    """Written as the translator writes the inline of links sphinxcontrib-bibtex's builders get.

    The inline is this node (same classes and ids), its texts are the translator's, and each
    link is written by the translator once per build: walking 32,000 citations' nodes through
    it took 1.6 s of the archive's build, and a work's link is the same on every page.
    """
    env = translator.builder.env
    memo = render_memo(env)
    translator.visit_inline(node)
    for text, key in node["links"]:
        if key is None:
            translator.body.append(translator.encode(text))
            continue
        link = memo.links_html.get((key, text))
        if link is None:
            link = memo.links_html[key, text] = written_alone(
                translator, citation_link(current_bibliography(sphinx_app(env)), memo, key, text))
        translator.body.append(link)
    translator.depart_inline(node)
    raise nodes.SkipNode


def written_alone(translator: Any, node: nodes.Element) -> str:
    """What ``translator`` writes of NODE, set in running text (an inline), without keeping it."""
    nodes.inline("", "", node)
    start = len(translator.body)
    node.walkabout(translator)
    written = "".join(translator.body[start:])
    del translator.body[start:]
    return written


def setup_citedomain(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    register_styles()
    setup_bibdata(app)
    app.add_node(resolved_citation, html=(visit_resolved_citation, None))
    app.add_domain(BlogCiteDomain, override=True)
    app.add_role("cite", BlogCiteRole(), override=True)
