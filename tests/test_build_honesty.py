"""A build never lies: a problem fails every strict build until it is fixed, whether or not its file is read.

Each test builds a copy of ``tests/badinput/base`` (a small blog with
nothing wrong) with the files it changes, several times over the same output,
as ``make html`` run again would.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sitehelpers import without_colours

BASE = Path(__file__).parent / "badinput" / "base"
BROKEN = "posts/2024-03-01-broken.md"
BROKEN_CITATION = """---
title: A post citing nothing
date: 2024-03-01
---

Chains of thought were shown to help {cite:p}`graves2016adaptive`, and then by
{cite:t}`wei2022chian`.
"""
CITATION_WARNING = ("SRC/posts/2024-03-01-broken.md:7: WARNING: unknown citation 'wei2022chian'; did you mean "
                    "Chain-of-Thought Prompting Elicits Reasoning in Large Language Models (Wei et al. 2022, "
                    "wei2022chain): write 'Wei et al. 2022'? [biblog.cite]")


class Blog:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.srcdir = folder / "src"
        shutil.copytree(BASE, self.srcdir, ignore=shutil.ignore_patterns("README"))
        self.runs = 0

    def write(self, relative: str, text: str) -> None:
        (self.srcdir / relative).write_text(text, encoding="utf-8")

    def build(self, *options: str) -> tuple[int, list[str]]:
        """``sphinx-build -W --keep-going`` over the same output; the status and the warning lines."""
        self.runs += 1
        warnings = self.folder / f"warnings-{self.runs}.txt"
        status = build_main(["-b", "dirhtml", "-W", "--keep-going", "-q", *options, "-w", str(warnings),
                             "-d", str(self.folder / "doctrees"), str(self.srcdir), str(self.folder / "html")])
        text = without_colours(warnings.read_text(encoding="utf-8")).replace(str(self.srcdir) + "/", "SRC/")
        return status, [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def blog(tmp_path: Path) -> Blog:
    return Blog(tmp_path)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_citation_fails_every_build_until_it_is_fixed(blog: Blog, jobs: str) -> None:
    blog.write(BROKEN, BROKEN_CITATION)
    assert blog.build("-j", jobs) == (1, [CITATION_WARNING])
    assert blog.build("-j", jobs) == (1, [CITATION_WARNING])  # nothing changed: not read again
    blog.write("posts/2024-01-10-good.md", (blog.srcdir / "posts/2024-01-10-good.md").read_text(
        encoding="utf-8").replace("nothing wrong in it", "nothing wrong in it at all"))
    assert blog.build("-j", jobs) == (1, [CITATION_WARNING])  # another post changed
    blog.write(BROKEN, BROKEN_CITATION.replace("wei2022chian", "wei2022chain"))
    assert blog.build("-j", jobs) == (0, [])
    assert blog.build("-j", jobs) == (0, [])


def test_a_suppressed_problem_stays_suppressed(blog: Blog) -> None:
    blog.write(BROKEN, BROKEN_CITATION)
    with (blog.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('suppress_warnings = ["biblog.cite"]\n')
    assert blog.build() == (0, [])
    assert blog.build() == (0, [])


def test_a_removed_post_takes_its_problems_with_it(blog: Blog) -> None:
    blog.write(BROKEN, BROKEN_CITATION)
    assert blog.build()[0] == 1
    (blog.srcdir / BROKEN).unlink()
    assert blog.build() == (0, [])


def test_an_update_note_linking_a_missing_page_is_a_located_warning(blog: Blog) -> None:
    blog.write(BROKEN, """---
title: A post with a note
date: 2024-03-01
updates:
  - date: 2024-04-01
    note: See {doc}`/posts/2024-02-20-other` and {doc}`the sequel </posts/2024-05-01-sequel>`.
---

Text.
""")
    warning = ("SRC/posts/2024-03-01-broken.md:6: WARNING: the update note of 2024-04-01 links "
               "'/posts/2024-05-01-sequel', which is not a page of the site; correct the link "
               "(e.g. {doc}`/posts/YYYY-MM-DD-slug`) or remove it [biblog.frontmatter]")
    assert blog.build() == (1, [warning])
    assert blog.build() == (1, [warning])  # on every build
    blog.write("posts/2024-05-01-sequel.md", "---\ntitle: The sequel\ndate: 2024-05-01\n---\n\nText.\n")
    assert blog.build() == (0, [])


def test_an_undecodable_post_fails_every_build_until_it_is_fixed(blog: Blog) -> None:
    (blog.srcdir / BROKEN).write_bytes(b"---\ntitle: Latin-1\ndate: 2024-03-01\n---\n\nCaf\xe9.\n")
    warning = ("SRC/posts/2024-03-01-broken.md:6: WARNING: byte 0xe9 at column 4 (file offset 44) is not "
               "valid UTF-8; save the file as UTF-8 [biblog.post]")
    assert blog.build() == (1, [warning])
    assert blog.build() == (1, [warning])
    blog.write(BROKEN, "---\ntitle: UTF-8\ndate: 2024-03-01\n---\n\nCafé.\n")
    assert blog.build() == (0, [])
    assert (blog.folder / "html" / "posts" / "2024-03-01-broken" / "index.html").is_file()


def test_a_renamed_or_deleted_post_leaves_no_page_behind(blog: Blog) -> None:
    html = blog.folder / "html"
    copy_sources = ("-D", "html_copy_source=1")  # a blog copies no sources by default; a site may
    assert blog.build(*copy_sources) == (0, [])
    (blog.srcdir / "posts/2024-01-10-good.md").rename(blog.srcdir / "posts/2024-01-10-fine.md")
    (blog.srcdir / "posts/2024-02-20-other.md").unlink()
    assert blog.build(*copy_sources) == (0, [])
    assert sorted(p.name for p in (html / "posts").iterdir()) == ["2024-01-10-fine"]
    assert sorted(p.name for p in (html / "_sources" / "posts").iterdir()) == ["2024-01-10-fine.md.txt"]


def test_a_post_that_becomes_undecodable_leaves_the_site(blog: Blog) -> None:
    html = blog.folder / "html"
    assert blog.build() == (0, [])
    post = blog.srcdir / "posts/2024-02-20-other.md"
    post.write_bytes(post.read_bytes().replace(b"---\n\n", b"---\n\nCaf\xe9. ", 1))
    status, warnings = blog.build()
    assert status == 1
    assert [w.split(": WARNING: ")[0] for w in warnings] == ["SRC/posts/2024-02-20-other.md:7"]
    assert not (html / "posts" / "2024-02-20-other").exists()
    assert "2024-02-20-other" not in (html / "index.html").read_text(encoding="utf-8")


CRASH_WRITING = '''

def setup(app):
    def crash(app, pagename, *args):
        if pagename == "posts/2024-03-01-new":
            raise RuntimeError("the build stops while writing the new post")
    app.connect("html-page-context", crash)
'''


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_that_stops_part_way_leaves_no_page_linking_an_unwritten_one(blog: Blog, jobs: str) -> None:
    from biblog.building.failed_build import missing_targets

    html = blog.folder / "html"
    assert blog.build() == (0, [])
    conf = (blog.srcdir / "conf.py").read_text(encoding="utf-8")
    (blog.srcdir / "conf.py").write_text(conf + CRASH_WRITING, encoding="utf-8")
    blog.write("posts/2024-03-01-new.md", "---\ntitle: A new post\ndate: 2024-03-01\n---\n\nText.\n")
    status, _warnings = blog.build("-j", jobs)
    assert status == 2  # an exception, not a warning
    assert not (html / "posts" / "2024-03-01-new" / "index.html").exists()
    pages = sorted(html.rglob("*.html"))
    assert {page: missing_targets(page) for page in pages if missing_targets(page)} == {}
    assert "2024-03-01-new" not in (html / "index.html").read_text(encoding="utf-8")  # the previous home page
    (blog.srcdir / "conf.py").write_text(conf, encoding="utf-8")
    assert blog.build() == (0, [])
    home = (html / "index.html").read_text(encoding="utf-8")
    assert 'href="posts/2024-03-01-new/"' in home
    assert {page: missing_targets(page) for page in sorted(html.rglob("*.html")) if missing_targets(page)} == {}


def test_a_missing_reference_and_a_page_outside_every_toctree_fail_every_build(blog: Blog) -> None:
    blog.write(BROKEN, "---\ntitle: A post\ndate: 2024-03-01\n---\n\nSee {ref}`no-such-label`.\n")
    blog.write("lost.md", "# A page no toctree includes\n\nText.\n")
    expected = [
        "SRC/lost.md: WARNING: document isn't included in any toctree [toc.not_included]",
        "SRC/posts/2024-03-01-broken.md:6: WARNING: undefined label: 'no-such-label' [ref.ref]",
    ]
    assert blog.build() == (1, expected)
    assert blog.build() == (1, expected)  # nothing read, nothing written
    blog.write("posts/2024-01-10-good.md", (blog.srcdir / "posts/2024-01-10-good.md").read_text(
        encoding="utf-8") + "\nOne more line.\n")
    assert blog.build() == (1, expected)  # the consistency check ran again, other pages were written
    blog.write(BROKEN, "---\ntitle: A post\ndate: 2024-03-01\n---\n\nNo reference.\n")
    (blog.srcdir / "lost.md").unlink()
    assert blog.build() == (0, [])
    assert blog.build() == (0, [])
