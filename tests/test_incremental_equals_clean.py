"""An incremental build gives the same site as a clean one, after any edit, serial and with ``-j 2``.

A seeded random sequence of edits (add, rename and delete posts; change a
title, date, tags, summary or update notes; add and remove citations in posts
and in a page outside ``posts/``; edit, add and remove .bib entries) is
applied to a small blog. After each edit the blog is built incrementally over
the previous output, serially and in parallel, and from scratch; the three
must write the same files with the same content and report the same
warnings. So no page of a removed or renamed post stays behind, and
neighbours, navigation, "cited in" lists and reference cards are never stale.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sitehelpers import without_colours

#: one sequence per mode (both reach a note linking a post that is later removed)
SEEDS = {"1": 1, "2": 3}
STEPS = 26
TAGS = ["alpha", "beta", "gamma", "delta"]
WORDS = ["attention", "diffusion", "sampling", "reasoning", "gradient", "entropy", "kernel", "prior",
         "posterior", "margin", "token", "policy", "reward", "value"]

CONF = """extensions = ["biblog"]
project = "Churn blog"
blog_title = "Churn blog"
blog_url = "https://blog.example.org/"
blog_authors = ["Ada Author"]
bibtex_bibfiles = ["refs.bib"]
html_theme = "furo"
"""
PAGES = {
    "index.md": "# Churn blog\n\n```{blog-latest}\n```\n\n```{toctree}\n:hidden:\n\narchive\ntags\n"
                "whats-new\nreferences\nabout\n```\n",
    "archive.md": "# Archive\n\n```{blog-archive}\n```\n",
    "tags.md": "# Tags\n\n```{blog-tags}\n```\n",
    "whats-new.md": "# What's new\n\n```{blog-whats-new}\n```\n",
    "references.md": "# References\n\n```{blog-references}\n```\n",
}


@dataclass
class PostState:
    slug: str
    date: dt.date
    title: str
    tags: list[str]
    summary: str
    cites: list[str]
    notes: list[tuple[dt.date, str]] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"posts/{self.date.isoformat()}-{self.slug}.md"

    def source(self) -> str:
        lines = ["---", f"title: {self.title}", f"date: {self.date.isoformat()}",
                 f"tags: [{', '.join(self.tags)}]", f"summary: {self.summary}"]
        if self.notes:
            lines.append("updates:")
            for date, note in self.notes:
                lines += [f"  - date: {date.isoformat()}", f"    note: \"{note}\""]
        body = " ".join(f"It builds on {{cite:p}}`{key}`." for key in self.cites)
        return "\n".join([*lines, "---", "", f"A short post about {self.title.lower()}. {body}", ""])


@dataclass
class Entry:
    key: str
    author: str
    title: str
    year: int

    def source(self) -> str:
        return (f"@article{{{self.key},\n  author = {{{self.author}}},\n  title = {{{self.title}}},\n"
                f"  journal = {{Journal of Churn}},\n  year = {{{self.year}}},\n}}\n")


class Blog:
    """The blog's state, written out as files; each edit changes the state and rewrites what changed."""

    def __init__(self, srcdir: Path, rng: random.Random) -> None:
        self.srcdir = srcdir
        self.rng = rng
        self.posts: dict[str, PostState] = {}
        self.entries: dict[str, Entry] = {}
        self.about_cites: list[str] = []
        self.serial = 0
        (srcdir / "posts").mkdir(parents=True)
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
        for name, text in PAGES.items():
            (srcdir / name).write_text(text, encoding="utf-8")
        for _ in range(6):
            self.new_entry()
        self.write_bib()
        for _ in range(5):
            self.add_post()
        self.about_cites = [next(iter(self.entries))]
        self.write_about()

    # -- writing

    def write_post(self, post: PostState) -> None:
        (self.srcdir / post.path).write_text(post.source(), encoding="utf-8")

    def write_bib(self) -> None:
        text = "\n".join(entry.source() for entry in self.entries.values())
        (self.srcdir / "refs.bib").write_text(text, encoding="utf-8")

    def write_about(self) -> None:
        cites = " ".join(f"See {{cite:t}}`{key}`." for key in self.about_cites)
        (self.srcdir / "about.md").write_text(f"# About\n\nThis page is not a post. {cites}\n", encoding="utf-8")

    # -- making things

    def fresh(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial}"

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(count))

    def date(self) -> dt.date:
        return dt.date(2024, 1, 1) + dt.timedelta(days=self.rng.randrange(700))

    def new_entry(self) -> None:
        key = self.fresh("paper")
        self.entries[key] = Entry(key, f"{self.words(1).title()} {self.fresh('Author')}",
                                  self.words(4).capitalize(), self.rng.randrange(2000, 2025))

    def some_keys(self) -> list[str]:
        keys = list(self.entries)
        return self.rng.sample(keys, k=min(len(keys), self.rng.randrange(0, 3)))

    def pick(self) -> PostState:
        return self.posts[self.rng.choice(sorted(self.posts))]

    # -- the edits

    def add_post(self) -> str:
        slug = self.fresh("post-")
        post = PostState(slug, self.date(), self.words(3).capitalize(), self.rng.sample(TAGS, k=2),
                         self.words(8).capitalize() + ".", self.some_keys())
        self.posts[slug] = post
        self.write_post(post)
        return f"add {post.path}"

    def rename_post(self) -> str:
        post = self.pick()
        old = post.path
        (self.srcdir / old).unlink()
        del self.posts[post.slug]
        post.slug = self.fresh("renamed-")
        self.posts[post.slug] = post
        self.write_post(post)
        return f"rename {old} to {post.path}"

    def delete_post(self) -> str:
        if len(self.posts) <= 2:
            return self.add_post()
        post = self.pick()
        (self.srcdir / post.path).unlink()
        del self.posts[post.slug]
        return f"delete {post.path}"

    def change_title(self) -> str:
        post = self.pick()
        post.title = self.words(3).capitalize()
        self.write_post(post)
        return f"retitle {post.path}"

    def change_date(self) -> str:
        post = self.pick()
        (self.srcdir / post.path).unlink()  # the file name carries the date
        post.date = self.date()
        self.write_post(post)
        return f"redate to {post.path}"

    def change_tags(self) -> str:
        post = self.pick()
        post.tags = self.rng.sample(TAGS, k=self.rng.randrange(0, 3))
        self.write_post(post)
        return f"retag {post.path} {post.tags}"

    def change_summary(self) -> str:
        post = self.pick()
        post.summary = self.words(8).capitalize() + "."
        self.write_post(post)
        return f"summary of {post.path}"

    def change_notes(self) -> str:
        post = self.pick()
        if post.notes and self.rng.random() < 0.4:
            post.notes.pop()
        else:
            other = self.pick()
            link = f" See {{doc}}`/{other.path.removesuffix('.md')}`." if other is not post else ""
            post.notes.append((post.date + dt.timedelta(days=self.rng.randrange(1, 90)),
                               self.words(3).capitalize() + "." + link))
        self.write_post(post)
        return f"notes of {post.path}"

    def change_citations(self) -> str:
        if self.rng.random() < 0.3:
            self.about_cites = self.some_keys()
            self.write_about()
            return f"about cites {self.about_cites}"
        post = self.pick()
        post.cites = self.some_keys()
        self.write_post(post)
        return f"cites of {post.path}: {post.cites}"

    def edit_entry(self) -> str:
        entry = self.entries[self.rng.choice(sorted(self.entries))]
        entry.title = self.words(4).capitalize()
        if self.rng.random() < 0.5:
            entry.year = self.rng.randrange(2000, 2025)
        self.write_bib()
        return f"edit entry {entry.key}"

    def add_entry(self) -> str:
        self.new_entry()
        self.write_bib()
        return f"add entry {next(reversed(self.entries))}"

    def remove_entry(self) -> str:
        cited = {key for post in self.posts.values() for key in post.cites} | set(self.about_cites)
        uncited = sorted(set(self.entries) - cited)
        if not uncited:
            return self.add_entry()
        del self.entries[self.rng.choice(uncited)]
        self.write_bib()
        return "remove an uncited entry"

    def edits(self) -> list[Callable[[], str]]:
        return [self.add_post, self.rename_post, self.delete_post, self.change_title, self.change_date,
                self.change_tags, self.change_summary, self.change_notes, self.change_citations,
                self.edit_entry, self.add_entry, self.remove_entry]


def build(srcdir: Path, out: Path, *options: str) -> list[str]:
    warnings = out / "warnings.txt"
    out.mkdir(parents=True, exist_ok=True)
    status = build_main(["-b", "dirhtml", "-q", *options, "-w", str(warnings), "-d", str(out / "doctrees"),
                         str(srcdir), str(out / "html")])
    assert status == 0
    text = without_colours(warnings.read_text(encoding="utf-8")).replace(str(srcdir) + "/", "SRC/")
    return sorted(line for line in text.splitlines() if line.strip())


#: What may differ between two correct builds: nothing a reader sees.
VOLATILE = [
    (re.compile(r"\?v=[0-9a-f]+"), "?v=X"),  # asset cache busters are per build
]


def site_files(html: Path) -> dict[str, str]:
    files = {}
    for path in sorted(html.rglob("*")):
        relative = path.relative_to(html).as_posix()
        if not path.is_file() or relative.startswith(("_static/", ".doctrees")) or relative in (
                ".buildinfo", ".buildinfo.bak", "searchindex.js", "objects.inv"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern, replacement in VOLATILE:
            text = pattern.sub(replacement, text)
        files[relative] = text
    return files


def differences(incremental: dict[str, str], clean: dict[str, str]) -> list[str]:
    found = [f"only in the incremental build: {name}" for name in sorted(set(incremental) - set(clean))]
    found += [f"missing from the incremental build: {name}" for name in sorted(set(clean) - set(incremental))]
    for name in sorted(set(incremental) & set(clean)):
        if incremental[name] != clean[name]:
            old, new = incremental[name].splitlines(), clean[name].splitlines()
            line = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
            found.append(f"{name} differs at line {line + 1}:\n  incremental: {old[line:line + 1]}\n"
                         f"  clean:       {new[line:line + 1]}")
    return found


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_random_sequence_of_edits_builds_incrementally_as_from_scratch(tmp_path: Path, jobs: str) -> None:
    rng = random.Random(SEEDS[jobs])
    blog = Blog(tmp_path / "src", rng)
    incremental = tmp_path / "incremental"
    build(blog.srcdir, incremental, "-j", jobs)
    edits = blog.edits()
    done = []
    for step in range(STEPS):
        # Every kind of edit once in the first rounds, then at random.
        edit = edits[step] if step < len(edits) else rng.choice(edits)
        done.append(edit())
        warnings = build(blog.srcdir, incremental, "-j", jobs)
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        clean_warnings = build(blog.srcdir, clean)
        problems = differences(site_files(incremental / "html"), site_files(clean / "html"))
        if warnings != clean_warnings:
            problems.append(f"warnings differ:\n  incremental: {warnings}\n  clean:       {clean_warnings}")
        assert not problems, f"after step {step + 1} ({'; '.join(done)}):\n" + "\n".join(problems)
