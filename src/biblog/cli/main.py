"""The ``biblog`` command line: init, cite, refs, check, new.

Every command works from the sources alone (see ``sources.py``).

``biblog cite --json QUERY`` prints one object (a stable shape)::

    {"query": str,
     "matches": [{"key": str, "label": str, "how": str, "score": float,
                  "reference": str, "links": [{"kind": str, "url": str}],
                  "cited_in": [{"post": docname, "title": str, "date": "YYYY-MM-DD",
                                "section": str, "url": str, "line": int, "sentence": str}]}]}
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..citations.references import tooltip
from ..core.bib.lookup import find_works
from ..core.bib.resolver import describe_failure
from ..core.model import Location, Problem
from .projectconf import BUILDERS, ConfigError, read_conf
from .scaffold import NewBlog, create_blog, refusal
from .sources import Project, SourceCitation, citation_problem, find_root, find_srcdir, load_project, shown_path

#: control characters: from a .bib file or a post they could drive the terminal (colours, titles)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal(text: object) -> str:
    """Text for a terminal: control characters from the sources are shown as '?'."""
    return CONTROL.sub("?", str(text))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="biblog", description="Research blog tools.")
    parser.add_argument("--root", type=Path, help="the folder of conf.py (default: found upwards)")
    parser.add_argument("--builder", choices=BUILDERS, default="dirhtml",
                        help="the Sphinx builder of the site, for the URLs printed: dirhtml (post/, the "
                             "default, as `biblog init` sets up) or html (post.html)")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="create a new blog in a new or empty folder")
    init.add_argument("directory", type=Path)
    init.add_argument("--title", default="My research blog", help="the blog's name")
    init.add_argument("--author", default="The Author", help="your name, as posts and citations show it")
    init.add_argument("--url", default="https://example.org/",
                      help="the address the blog will be published at (on Read the Docs, its own)")
    cite = commands.add_parser("cite", help="which posts cite a work, and where")
    cite.add_argument("query", help="a key, 'Wei et al. 2022', an arXiv id or URL, a DOI or title words")
    cite.add_argument("--json", action="store_true", help="print JSON (see the module docs)")
    refs = commands.add_parser("refs", help="works by how many posts cite them")
    group = refs.add_mutually_exclusive_group()
    group.add_argument("--unused", action="store_true", help="entries that no post cites")
    group.add_argument("--post", metavar="SLUG", help="what one post cites")
    refs.add_argument("--json", action="store_true")
    commands.add_parser("check", help="lint the bibliography and the posts without building")
    new = commands.add_parser("new", help="create a post with today's date")
    new.add_argument("title")
    new.add_argument("--date", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default today)")
    new.add_argument("--tags", default="", help="comma-separated tags")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run_command(argv)
    except BrokenPipeError:
        # The reader stopped early (`biblog refs | head`). Python would still try to flush
        # what is left at exit and print a second traceback; send that to nowhere instead.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def run_command(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "init":
        return init_blog(args.directory, NewBlog(args.title, args.author, dt.date.today(), args.url))
    try:
        root = args.root or find_root(Path.cwd())
    except FileNotFoundError as error:
        print(f"biblog: {error}", file=sys.stderr)
        return 2
    try:
        if args.command == "new":
            return new_post(root, args.title, args.date or dt.date.today(), args.tags)
        project = load_project(root, builder=args.builder)
    except ConfigError as error:
        print(terminal(f"biblog: {root / 'conf.py'}: {error}"), file=sys.stderr)
        return 2
    handlers = {"cite": cite, "refs": refs, "check": check}
    return handlers[args.command](project, args)


def uses_by_key(project: Project) -> dict[str, list[SourceCitation]]:
    uses: dict[str, list[SourceCitation]] = {}
    for post in newest_first(project):
        for citation in post.citations:
            if citation.resolution.ok:
                uses.setdefault(citation.resolution.keys[0], []).append(citation)
    return uses


def newest_first(project: Project) -> list[Any]:
    return sorted(project.posts.values(), key=lambda p: (p.front.date or dt.date.min, p.docname), reverse=True)


def cited_in(project: Project, citations: list[SourceCitation]) -> list[dict[str, Any]]:
    places = []
    for citation in citations:
        post = project.posts[citation.docname]
        places.append({"post": citation.docname, "title": post.title,
                       "date": post.front.date.isoformat() if post.front.date else "",
                       "section": citation.section, "url": project.page_url(citation.docname, citation.anchor),
                       "line": citation.line, "sentence": citation.sentence})
    return places


def describe_match(project: Project, match: Any, uses: dict[str, list[SourceCitation]]) -> dict[str, Any]:
    entry = project.bibliography.entries[match.key]
    return {"key": match.key, "label": project.bibliography.labels[match.key].parenthetical(),
            "how": match.how, "score": match.score, "reference": tooltip(entry),
            "links": [{"kind": link.kind, "url": link.url} for link in entry.links],
            "cited_in": cited_in(project, uses.get(match.key, []))}


def cite(project: Project, args: argparse.Namespace) -> int:
    matches = find_works(project.bibliography, args.query)
    found = any(m.how != "same author, another year" for m in matches)
    if not found:
        resolution = project.bibliography.resolver.resolve(args.query)
        print(f"biblog: {describe_failure(resolution, project.bibliography.labels)}", file=sys.stderr)
        if not resolution.candidates and not matches:
            print(f"biblog: nothing matches '{args.query}'; try a key, 'Surname et al. YEAR', "
                  "an arXiv id, a DOI or words of the title", file=sys.stderr)
    uses = uses_by_key(project)
    described = [describe_match(project, m, uses) for m in matches]
    if args.json:
        print(json.dumps({"query": args.query, "matches": described}, indent=2, ensure_ascii=False))
    else:
        for work in described:
            print_work(work)
    return 0 if found else 1


def print_work(work: dict[str, Any]) -> None:
    print(terminal(f"{work['key']}  ({work['label']})  [{work['how']}]"))
    print(terminal(f"  {work['reference']}"))
    for link in work["links"]:
        print(terminal(f"  {link['kind']}: {link['url']}"))
    if not work["cited_in"]:
        print("  not cited in any post")
    posts = list(dict.fromkeys(place["post"] for place in work["cited_in"]))
    if posts:
        print(f"  cited in {len(posts)} post{'s' if len(posts) != 1 else ''}:")
    for place in work["cited_in"]:
        section = f" › {place['section']}" if place["section"] else ""
        print(terminal(f"    {place['date']}  {place['title']}{section}"))
        print(terminal(f"      {place['url']}"))
    print()


def refs(project: Project, args: argparse.Namespace) -> int:
    uses = uses_by_key(project)
    labels = project.bibliography.labels
    if args.post:
        post = next((p for p in project.posts.values() if p.docname.endswith(args.post)), None)
        if post is None:
            print(f"biblog: no post '{args.post}'", file=sys.stderr)
            return 1
        keys = list(dict.fromkeys(c.resolution.keys[0] for c in post.citations if c.resolution.ok))
        rows = [(k, labels[k].parenthetical(), len({c.docname for c in uses[k]})) for k in keys]
    elif args.unused:
        rows = [(k, labels[k].parenthetical(), 0) for k in project.bibliography.entries if k not in uses]
    else:
        counted = [(k, labels[k].parenthetical(), len({c.docname for c in cs})) for k, cs in uses.items()]
        rows = sorted(counted, key=lambda r: (-r[2], r[0]))
    if args.json:
        print(json.dumps([{"key": k, "label": label, "posts": n} for k, label, n in rows], indent=2))
    else:
        for key, label, count in rows:
            print(terminal(f"{count:4d}  {key}  ({label})"))
    return 0


def check(project: Project, args: argparse.Namespace) -> int:
    problems = check_problems(project)
    for problem in problems:
        print(terminal(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    print(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    return 1 if errors else 0


def check_problems(project: Project) -> list[Problem]:
    """Every problem the build would report, and the bibliography's own: one each, in file order."""
    problems = list(project.problems)
    problems += identifier_clashes(project)
    problems += incomplete_entries(project)
    problems += citation_problems(project)
    problems += fence_problems(project)
    used = uses_by_key(project)
    for key, entry in project.bibliography.entries.items():
        if key not in used:
            problems.append(_problem(entry.location, f"entry '{key}' is not cited by any post",
                                     "unused", "warning"))
    return sorted(set(problems), key=lambda p: (p.location.path, p.location.line, p.message))


def fence_problems(project: Project) -> list[Problem]:
    """Fences never closed, found by the build's own check on MyST's tokens."""
    from ..blog.posts import unclosed_fences

    problems = []
    for post in project.posts.values():
        for line, markup, info in unclosed_fences(project.parser, post.text):
            opening = f"{markup}{info}".strip()
            problems.append(_problem(Location(shown_path(project, post.path), line), f"the fence '{opening}' is "
                                     "never closed, so everything after it is read as its content; close it "
                                     f"with a line '{markup}'", "post"))
    return problems


def _problem(location: Location, message: str, subtype: str, severity: str = "error") -> Problem:
    return Problem(location, message, subtype, severity)


def identifier_clashes(project: Project) -> list[Any]:
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for key, entry in project.bibliography.entries.items():
        for kind, value in (("arXiv id", entry.arxiv.split("v")[0]), ("DOI", entry.doi.lower())):
            if not value:
                continue
            other = seen.setdefault((kind, value), key)
            if other != key:
                problems.append(_problem(entry.location, f"{kind} {value} is also in entry '{other}'; "
                                         "merge the two entries and keep one key", "duplicate_work"))
    return problems


#: entry types that BibTeX's standard styles print with authors (or editors): a @proceedings,
#: @manual or @misc is complete without them
AUTHORED_TYPES = {"article", "book", "inbook", "incollection", "inproceedings", "conference",
                  "mastersthesis", "phdthesis", "techreport", "unpublished"}


#: entry types of works that live at an address: a @misc with a link (a repository, a wiki page,
#: a shared conversation) is identified by it, and often has no title or date to give
ONLINE_TYPES = {"misc", "online", "electronic", "www"}


def incomplete_entries(project: Project) -> list[Any]:
    problems = []
    for key, entry in project.bibliography.entries.items():
        if entry.entry_type in ONLINE_TYPES and entry.links:
            continue
        needs_author = entry.entry_type in AUTHORED_TYPES
        missing = [name for name, value in (("author", entry.authors or not needs_author),
                                            ("title", entry.title), ("year", entry.year)) if not value]
        if missing:
            problems.append(_problem(entry.location, f"entry '{key}' has no {', '.join(missing)}; "
                                     "add the field if the fact is known", "incomplete", "warning"))
    return problems


def citation_problems(project: Project) -> list[Any]:
    problems = []
    labels = project.bibliography.labels
    for post in project.posts.values():
        for citation in post.citations:
            if not citation.resolution.ok:
                subtype = "ambiguous" if len(citation.resolution.keys) > 1 else "cite"
                problems.append(citation_problem(project, citation,
                                                 describe_failure(citation.resolution, labels), subtype))
    return problems


def slugify(title: str) -> str:
    """``Über $O(n^2)$ attention`` -> ``uber-o-n-2-attention``: accents transliterated, at most 60 characters."""
    from slugify import slugify as transliterated_slug

    return transliterated_slug(title, max_length=60, word_boundary=True) or "post"


def new_post(root: Path, title: str, date: dt.date, tags: str) -> int:
    posts_dir = read_conf(root).blog.posts_dir.strip("/")
    path = find_srcdir(root) / posts_dir / f"{date.isoformat()}-{slugify(title)}.md"
    if path.exists():
        print(f"biblog: {path} already exists; choose another title", file=sys.stderr)
        return 1
    tag_list = ", ".join(t.strip() for t in tags.split(",") if t.strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {date.isoformat()}\n"
                    f"tags: [{tag_list}]\nsummary: \"\"\n---\n\nWrite the opening paragraph here.\n",
                    encoding="utf-8")
    print(path)
    return 0


def init_blog(directory: Path, blog: NewBlog) -> int:
    why = refusal(directory)
    if why:
        print(terminal(f"biblog: {why}"), file=sys.stderr)
        return 1
    create_blog(directory, blog)
    print(terminal(f"A new blog is in {directory}. Next:\n  cd {directory}\n  make html"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
