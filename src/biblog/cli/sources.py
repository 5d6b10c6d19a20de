"""Read a blog project from its sources alone, for the command line.

The command line answers in well under a second without a build: it reads
``conf.py``'s settings, the ``.bib`` files (through the same loader and the
same parse cache as the build) and reads the posts' citation roles with MyST's
own Markdown parser (``markdown.py``), the same front-matter parser and the
same resolver the build uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import bibfiles_in_use
from ..core.bib.bibliography import Bibliography, read_bibliography
from ..core.bib.resolver import Resolution, describe_unlinked, split_targets
from ..core.bib.source import undecodable_bytes
from ..core.frontmatter import FrontMatter, parse_front_matter
from ..core.model import Location, Problem
from .markdown import cite_roles, markdown_parser
from .projectconf import ProjectConf, page_path, read_conf

ROLE = re.compile(r"\{cite:(?P<style>[pt])\}`(?P<target>[^`]+)`")


@dataclass(frozen=True)
class SourceCitation:
    docname: str
    path: Path
    line: int
    target: str
    resolution: Resolution
    anchor: str
    section: str
    sentence: str


@dataclass
class SourcePost:
    docname: str
    path: Path
    front: FrontMatter
    citations: list[SourceCitation] = field(default_factory=list)
    text: str = ""  #: the post's source, as read

    @property
    def title(self) -> str:
        return self.front.title or self.docname


@dataclass
class Project:
    root: Path
    srcdir: Path
    settings: dict[str, Any]
    bibliography: Bibliography
    posts: dict[str, SourcePost]
    problems: list[Problem]
    conf: ProjectConf
    #: the builder whose URLs are printed: "dirhtml" (post/) or "html" (post.html)
    builder: str = "dirhtml"
    parser: Any = None  #: MyST's Markdown parser, configured as the build's

    @property
    def url(self) -> str:
        url = str(self.settings.get("blog_url", ""))
        return url if not url or url.endswith("/") else url + "/"

    def page_url(self, docname: str, anchor: str = "") -> str:
        return self.url + page_path(docname, self.builder, self.conf) + (f"#{anchor}" if anchor else "")


def find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "conf.py").is_file():
            return folder
    raise FileNotFoundError(f"no conf.py in {start} or any folder above it; run biblog inside a "
                            "blog project or pass --root")


def find_srcdir(root: Path) -> Path:
    """``docs/`` beside ``conf.py`` when there is one (``sphinx-build -c . docs``), else the root."""
    return root / "docs" if (root / "docs").is_dir() else root


def load_project(root: Path, srcdir: Path | None = None, builder: str = "dirhtml") -> Project:
    conf = read_conf(root)
    settings = conf.values
    srcdir = srcdir or find_srcdir(root)
    names = bibfiles_in_use(settings.get("bibtex_bibfiles"), settings.get("blog_bibfiles"), root)
    bibfiles = [root / name for name in names]
    bibliography = read_bibliography(bibfiles, root, root / "_build" / "doctrees")
    posts_dir = srcdir / conf.blog.posts_dir.strip("/")
    project = Project(root, srcdir, settings, bibliography, {}, list(bibliography.problems), conf, builder)
    project.parser = markdown_parser(settings)
    for path in sorted(posts_dir.glob("*.md")):
        post = read_post(project, path)
        project.posts[post.docname] = post
        project.problems += post.front.problems
    return project


def shown_path(project: Project, path: Path) -> str:
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return str(path)


def read_post(project: Project, path: Path) -> SourcePost:
    shown = shown_path(project, path)
    text, problems = read_text(path, shown)
    docname = path.relative_to(project.srcdir).with_suffix("").as_posix()
    front = parse_front_matter(text, shown, path.stem)
    front.problems[:0] = problems
    post = SourcePost(docname, path, front, text=text)
    post.citations = list(scan_citations(project, post, text, front.problems))
    return post


def read_text(path: Path, shown: str) -> tuple[str, list[Problem]]:
    """A post's text; a byte that is not UTF-8 is named with its line and read as U+FFFD."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return "", [Problem(Location(shown, 0), f"cannot read the post: {error.strerror or error}", "post")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), [
            Problem(Location(shown, line), f"byte 0x{byte:02X} (column {column}) is not UTF-8; save the file "
                    "as UTF-8", "post") for line, column, byte in undecodable_bytes(data)]


def scan_citations(project: Project, post: SourcePost, text: str, problems: list[Problem]) -> Iterator[SourceCitation]:
    """The post's citations, with the anchors the build gives them; an unlinked role (``!``) is a problem.

    The build numbers the roles it links ("cite-1", "cite-2", ...): not an empty one, an
    unlinked one, or one none of whose targets resolves.
    """
    resolver = project.bibliography.resolver
    parser = project.parser or markdown_parser(project.settings)
    count = 0
    for use in cite_roles(parser, text):
        if use.target.startswith("!"):
            written = f"{{{use.name}}}`{use.target}`"
            where = Location(shown_path(project, post.path), use.line)
            problems.append(Problem(where, describe_unlinked(written), "cite"))
            continue
        sentence = sentence_at(use.paragraph, use.position)
        resolved = [(target, resolver.resolve(target)) for target in split_targets(use.target)]
        if any(resolution.ok for _, resolution in resolved):
            count += 1
        for target, resolution in resolved:
            yield SourceCitation(post.docname, post.path, use.line, target, resolution,
                                 f"cite-{count}", use.section, sentence)


def sentence_at(line: str, position: int, limit: int = 200) -> str:
    starts = [m.end() for m in re.finditer(r"[.!?]\s+", line[:position])]
    start = starts[-1] if starts else 0
    end_match = re.search(r"[.!?](\s|$)", line[position:])
    end = position + end_match.end() if end_match else len(line)
    sentence = ROLE.sub("[…]", line[start:end]).strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def citation_problem(project: Project, citation: SourceCitation, message: str, subtype: str) -> Problem:
    return Problem(Location(shown_path(project, citation.path), citation.line), message, subtype)
