"""Read a blog project from its sources alone, for the command line.

The command line answers in well under a second without a build: it reads
``conf.py``'s settings, the ``.bib`` files (through the same loader and the
same parse cache as the build) and scans the posts for citation roles with
the same front-matter parser and resolver the build uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .bibliography import Bibliography, read_bibliography
from .frontmatter import FrontMatter, parse_front_matter
from .model import Location, Problem
from .projectconf import ProjectConf, page_path, read_conf
from .resolver import Resolution, split_targets

ROLE = re.compile(r"\{cite:(?P<style>[pt])\}`(?P<target>[^`]+)`")
FENCE = re.compile(r"^(?P<fence>```+|~~~+)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
INLINE_LITERAL = re.compile(r"``.+?``")
CODE_DIRECTIVES = ("{code", "{code-block", "{literalinclude", "{math", "{raw")


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
    bibfiles = [root / name for name in configured_bibfiles(root, settings)]
    bibliography = read_bibliography(bibfiles, root, root / "_build" / "doctrees")
    posts_dir = srcdir / conf.blog.posts_dir.strip("/")
    project = Project(root, srcdir, settings, bibliography, {}, list(bibliography.problems), conf, builder)
    for path in sorted(posts_dir.glob("*.md")):
        post = read_post(project, path)
        project.posts[post.docname] = post
        project.problems += post.front.problems
    return project


def configured_bibfiles(root: Path, settings: dict[str, Any]) -> list[str]:
    """``bibtex_bibfiles``, else the old ``blog_bibfiles``, else ``references.bib`` when it exists."""
    for name in ("bibtex_bibfiles", "blog_bibfiles"):
        if settings.get(name) is not None:
            return list(settings[name])
    return ["references.bib"] if (root / "references.bib").is_file() else []


def shown_path(project: Project, path: Path) -> str:
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return str(path)


def read_post(project: Project, path: Path) -> SourcePost:
    text = path.read_text(encoding="utf-8")
    docname = path.relative_to(project.srcdir).with_suffix("").as_posix()
    front = parse_front_matter(text, shown_path(project, path), path.stem)
    post = SourcePost(docname, path, front)
    post.citations = list(scan_citations(project, post, text))
    return post


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines outside front matter and code, inline literals blanked.

    Directive fences (```{note}) hold prose and are read through; code fences
    (```python, ```{code-block}) are skipped up to their closing fence.
    """
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    code_fence = ""
    open_directives: list[str] = []
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        if code_fence:
            if stripped == code_fence:
                code_fence = ""
            continue
        match = FENCE.match(stripped)
        if match:
            fence = match.group("fence")
            if open_directives and stripped == open_directives[-1]:
                open_directives.pop()
                continue
            rest = stripped[len(fence):]
            if rest.startswith("{") and not rest.startswith(CODE_DIRECTIVES):
                open_directives.append(fence)
            else:
                code_fence = fence
            continue
        yield number, INLINE_LITERAL.sub(lambda m: " " * len(m.group(0)), line)


def scan_citations(project: Project, post: SourcePost, text: str) -> Iterator[SourceCitation]:
    resolver = project.bibliography.resolver
    section = ""
    count = 0
    for number, line in prose_lines(text):
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) >= 2:
            section = ROLE.sub(lambda m: m.group("target"), heading.group(2))
        for match in ROLE.finditer(line):
            count += 1
            sentence = sentence_at(line, match.start())
            for target in split_targets(match.group("target")):
                yield SourceCitation(post.docname, post.path, number, target, resolver.resolve(target),
                                     f"cite-{count}", section, sentence)


def sentence_at(line: str, position: int, limit: int = 200) -> str:
    starts = [m.end() for m in re.finditer(r"[.!?]\s+", line[:position])]
    start = starts[-1] if starts else 0
    end_match = re.search(r"[.!?](\s|$)", line[position:])
    end = position + end_match.end() if end_match else len(line)
    sentence = ROLE.sub("[…]", line[start:end]).strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def citation_problem(project: Project, citation: SourceCitation, message: str, subtype: str) -> Problem:
    return Problem(Location(shown_path(project, citation.path), citation.line), message, subtype)
