"""Posts: front matter in, header, update banner, "Cite this post" and neighbours out.

Facts are read on ``source-read`` (front matter, with its line numbers) and
``doctree-read`` (title, summary, length); the page furniture is rendered by a
post-transform from the catalog, so it is right after incremental builds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..citations.recording import is_citation, plain, shorten
from ..citations.refhtml import prerendered_html, search_text
from ..compat import sphinx_app
from ..config import blog_config
from ..core.frontmatter import FRONT_MATTER, POST_NAME, FrontMatter, parse_front_matter
from ..core.model import Post
from ..core.yamlsafe import loadable
from ..warnings_ import Sub, warn
from .domain import blog_domain
from .listings import furniture_html
from .render import render_template
from .views import views_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

TEMP_KEY = "biblog_front_matter"
PARSER_ATTRIBUTE = "biblog_fence_parser"
#: directives whose body is not Markdown: fences inside them are not checked
VERBATIM_DIRECTIVES = ("code", "code-block", "sourcecode", "code-cell", "literalinclude", "math",
                       "raw", "eval-rst", "eval-md", "mermaid", "graphviz", "csv-table")


class post_header(nodes.General, nodes.Element):
    """Placeholder under a post's title: date, reading time, tags, update notes."""


class post_footer(nodes.General, nodes.Element):
    """Placeholder at a post's end: "Cite this post" and the neighbouring posts."""


def is_post(app: Sphinx, docname: str) -> bool:
    return docname.startswith(blog_config(app).posts_dir.strip("/") + "/")


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    if not is_post(app, docname):
        return
    path = str(app.env.doc2path(docname))
    front = parse_front_matter(source[0], path, PurePosixPath(docname).name)
    for problem in front.problems:
        warn(problem.message, Sub.frontmatter, str(problem.location))
    if not front.loads_as_myst:
        source[0] = hide_unloadable_front_matter(source[0], PurePosixPath(docname).name)
    app.env.temp_data[TEMP_KEY] = front
    # Posts are reached from the generated listings, not from a toctree, even
    # one whose front matter is broken (its problem was reported just above).
    app.env.metadata[docname]["orphan"] = True


def hide_unloadable_front_matter(source: str, stem: str = "") -> str:
    """Replace front matter that MyST cannot load, keeping line numbers.

    Our warning already names the line and the fix; MyST would add a vaguer
    "Malformed YAML" for the same problem. The stand-in keeps a title, so that
    the post's first heading (##) is not reported as skipping a level.
    """
    match = FRONT_MATTER.match(source)
    if match is None or loadable(match.group(1) or ""):
        return source
    lines = match.group(0).count("\n")
    stand_in = f"---\ntitle: {json.dumps(stem)}\n---" + "\n" * max(lines - 2, 1)
    return stand_in + source[match.end():]


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn about a code or directive fence that is never closed.

    MyST reads such a fence to the end of the page (or of the enclosing
    block) without a word, so the rest of the page silently disappears into
    it: name the line where it opens and say how to close it.
    """
    text = source[0]
    if not str(app.env.doc2path(docname)).endswith(".md") or not any(
            marker in text for marker in ("```", "~~~", ":::")):
        return
    parser = fence_parser(app)
    if parser is None:
        return
    for line, markup, info in unclosed_fences(parser, text):
        opening = f"{markup}{info}".strip()
        warn(f"the fence '{opening}' is never closed, so everything after it is read as its "
             f"content; close it with a line '{markup}'", Sub.post, (docname, line))


def fence_parser(app: Sphinx) -> Any:
    """MyST's own Markdown parser, with the project's MyST settings (cached on the app)."""
    parser = getattr(app, PARSER_ATTRIBUTE, None)
    config = getattr(app.env, "myst_config", None)
    if parser is None and config is not None:
        from markdown_it.renderer import RendererHTML
        from myst_parser.parsers.mdit import create_md_parser

        parser = create_md_parser(config, RendererHTML)
        # Fences are blocks: their tokens, lines and info strings are complete before inline
        # parsing, which would only cost time (two fifths of the check) on every post.
        parser.disable("inline")
        setattr(app, PARSER_ATTRIBUTE, parser)
    return parser


def unclosed_fences(parser: Any, text: str, offset: int = 0) -> Iterator[tuple[int, str, str]]:
    """``(line, fence, info)`` of each fence in ``text`` without its closing fence.

    A fence's token ends at its closing fence, or, without one, at the end
    of the text or of its enclosing block. Bodies of directive fences are
    Markdown too, and are checked the same way.
    """
    lines = text.splitlines()
    for token in parser.parse(text):
        if token.type not in ("fence", "colon_fence") or not token.map:
            continue
        start, end = token.map
        last = re.sub(r"^[\s>]*", "", lines[end - 1]).rstrip() if start < end - 1 < len(lines) else ""
        if not (last.startswith(token.markup) and set(last) == {token.markup[0]}):
            yield offset + start + 1, token.markup, token.info
            continue
        name = re.match(r"\{([^}]*)\}", token.info.strip())
        if name and name.group(1).strip() not in VERBATIM_DIRECTIVES:
            yield from unclosed_fences(parser, token.content, offset + start + 1)


def title_html_as_text(app: Sphinx, doctree: nodes.document) -> None:
    """Show HTML in a front-matter title as the text it is, not as markup.

    MyST turns ``title:`` into a Markdown heading, where ``<b>`` or
    ``<script>`` would pass through as raw HTML into the page, its title and
    every link to it. Runs before Sphinx records the document's title.
    """
    front: FrontMatter | None = app.env.temp_data.get(TEMP_KEY)
    if front is None or not front.title:
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    for raw in list(title.findall(nodes.raw)) if title is not None else []:
        raw.replace_self(nodes.Text(raw.astext()))


def record_post(app: Sphinx, doctree: nodes.document) -> None:
    front: FrontMatter | None = app.env.temp_data.pop(TEMP_KEY, None)
    docname = app.env.docname
    if front is None or front.date is None:
        return
    title = first_heading(doctree) if not front.title or title_cites(doctree) else front.title
    post = Post(
        docname=docname,
        slug=PurePosixPath(docname).name,
        title=title,
        date=front.date,
        tags=front.tags,
        summary=front.summary or first_paragraph(doctree),
        authors=front.authors or tuple(blog_config(app).authors),
        updates=front.updates,
        words=count_words(doctree),
        draft=front.draft,
    )
    blog_domain(app.env).add_post(post)
    place_furniture(doctree)


def first_heading(doctree: nodes.document) -> str:
    """The page's title as text: math as ``$...$``, a citation as it prints ("Wei et al. (2022)")."""
    title = next(iter(doctree.findall(nodes.title)), None)
    return plain(title, citation=None).strip() if title else ""


def title_cites(doctree: nodes.document) -> bool:
    title = next(iter(doctree.findall(nodes.title)), None)
    return title is not None and any(True for _ in title.findall(is_citation))


def first_paragraph(doctree: nodes.document, limit: int = 300) -> str:
    """The summary a post gets without one: its first paragraph, citations left out."""
    for paragraph in doctree.findall(nodes.paragraph):
        text = "".join(plain(child, citation="") for child in paragraph.children)
        text = re.sub(r"\s+", " ", re.sub(r"\(\s*\)", "", text)).strip()
        if len(text.split()) >= 8:
            return shorten(text, limit)
    return ""


#: subtrees whose text is not prose: code, math, comments, raw markup
NOT_PROSE = (nodes.literal_block, nodes.math_block, nodes.comment, nodes.raw)


def count_words(doctree: nodes.document) -> int:
    """Words of prose: one walk of the tree that never enters a code, math, comment or raw subtree."""
    words = 0
    stack: list[nodes.Node] = [doctree]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Text):
            # A Text is its string; astext() only differs where escapes left a null character.
            words += len((node.astext() if "\x00" in node else node).split())
        elif not isinstance(node, NOT_PROSE):
            stack.extend(node.children)
    return words


def title_section(doctree: nodes.document) -> nodes.section | None:
    """The post's top section, under its title: where its furniture goes."""
    return next((n for n in doctree.children if isinstance(n, nodes.section)), None)


def place_furniture(doctree: nodes.document) -> None:
    section = title_section(doctree)
    if section is None:
        return
    title_index = next((i for i, n in enumerate(section.children) if isinstance(n, nodes.title)), 0)
    section.insert(title_index + 1, post_header())
    section += post_footer()


class RenderPostFurniture(SphinxPostTransform):
    """Fills the header and footer placeholders from the current catalog."""

    default_priority = 6  # right after the citations, same reasoning (see references.py)

    def run(self, **kwargs: Any) -> None:
        post = blog_domain(self.env).posts.get(self.env.docname)
        for node in furniture_placeholders(self.document):
            if post is None or sphinx_app(self.env).builder.format != "html":
                node.parent.remove(node)
                continue
            template = "post_header.html" if isinstance(node, post_header) else "post_footer.html"
            html = render_template(sphinx_app(self.env), template, self.env.docname, post=post,
                                   views=views_of(self.env))
            node.replace_self([furniture_html(html), *summary_for_search(post, node)])


def furniture_placeholders(document: nodes.document) -> list[nodes.Element]:
    """The header and footer placeholders, where ``place_furniture`` put them, else wherever they are.

    Looking in the first section first spares a walk of every post's whole tree.
    """
    section = title_section(document)
    found = [n for n in section.children if isinstance(n, post_header | post_footer)] if section else []
    if [type(n) for n in found] == [post_header, post_footer]:
        return found
    return list(document.findall(lambda n: isinstance(n, post_header | post_footer)))


def summary_for_search(post: Post, node: nodes.Node) -> list[nodes.Node]:
    """The summary, for the search index only: the header itself is left out of search."""
    if not isinstance(node, post_header) or not post.summary:
        return []
    holder = prerendered_html(html="")
    holder += search_text("", post.summary)
    return [holder]


def slug_part(docname: str) -> str:
    """``posts/2024-01-10-first`` -> ``first``: what a post's URL and citation key come from."""
    name = PurePosixPath(docname).name
    match = POST_NAME.match(name)
    return match.group(2) if match else name


def check_duplicate_slugs(app: Sphinx, env: BuildEnvironment) -> None:
    """Two posts with one slug read as one to people; warn on the newer, naming both files."""
    seen: dict[str, str] = {}
    for docname in sorted(blog_domain(env).posts):
        slug = slug_part(docname)
        if slug in seen:
            first, second = (env.doc2path(d, False) for d in (seen[slug], docname))
            warn(f"duplicate post slug '{slug}': {first} and {second}; rename one of the files",
                 Sub.frontmatter, (docname, 1))
        else:
            seen[slug] = docname


def setup_posts(app: Sphinx) -> None:
    app.add_node(post_header)
    app.add_node(post_footer)
    app.connect("source-read", read_front_matter)
    app.connect("source-read", check_fences)
    # Before Sphinx's title collector (500) copies the title into env.titles.
    app.connect("doctree-read", title_html_as_text, priority=400)
    # After the citations' handler (500): the footer goes after "References".
    app.connect("doctree-read", record_post, priority=600)
    app.add_post_transform(RenderPostFurniture)
    # On every build, not only when a document was read (env-check-consistency).
    app.connect("env-updated", check_duplicate_slugs)
