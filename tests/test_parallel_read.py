"""With ``-j 2`` a forked reader sends back only what it read (``parallelread.py``).

The facts merged from the readers must equal a serial build's, and the site
must come out the same; a reader forgets the other documents once, in its own
process only.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from biblog.blog.domain import blog_domain
from biblog.building.parallelread import APP_ATTRIBUTE, forget_other_documents


def facts(app) -> tuple:
    blog, cite = blog_domain(app.env), app.env.get_domain("cite")
    return (dict(blog.posts), {doc: blog.uses_in(doc) for doc in blog.citing_docs()},
            dict(blog.natural_targets), dict(blog.data["listings"]), blog.data["bib_signatures"],
            sorted((ref.docname, ref.citation_ref_id, tuple(ref.targets)) for ref in cite.citation_refs))


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != ".buildinfo"}


def test_parallel_readers_merge_the_facts_a_serial_build_reads(make_app, rootdir: Path, tmp_path: Path) -> None:
    apps = {}
    for jobs in (1, 2):
        source = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / "test-cite-many", source)
        apps[jobs] = make_app("dirhtml", srcdir=source, freshenv=True, parallel=jobs)
        apps[jobs].build()
    assert apps[2].is_parallel_allowed("read")
    assert len(apps[2].env.found_docs) > 5
    assert facts(apps[2]) == facts(apps[1])
    assert blog_domain(apps[2].env).citing_docs()  # the facts are there, not forgotten in the main process
    assert files(Path(apps[2].outdir)) == files(Path(apps[1].outdir))


@pytest.mark.sphinx("dirhtml", testroot="cite-many")
def test_a_forked_reader_forgets_the_other_documents_once(app) -> None:
    app.build()
    blog, cite = blog_domain(app.env), app.env.get_domain("cite")
    assert blog.citing_docs()
    assert cite.citation_refs
    setattr(app, APP_ATTRIBUTE, os.getpid() + 1)  # as in a process forked from the reading one
    forget_other_documents(app, "posts/2024-01-01-post-01", [""])
    assert (blog.posts, blog.citing_docs(), blog.natural_targets, blog.data["views"]) == ({}, [], {}, {})
    assert cite.citation_refs == []
    assert cite.bibliographies == {}
    blog.data["posts"]["posts/read-here"] = "kept"
    forget_other_documents(app, "posts/2024-01-02-post-02", [""])  # the same reader's next document
    assert blog.posts == {"posts/read-here": "kept"}


@pytest.mark.sphinx("dirhtml", testroot="cite-many")
def test_the_reading_process_itself_forgets_nothing(app) -> None:
    app.build()
    before = facts(app)
    forget_other_documents(app, "posts/2024-01-01-post-01", [""])
    assert facts(app) == before
