"""The serializing builders (json, pickle) build a blog: its pages, with their link-preview tags.

They leave ``pagename`` out of a page's context, which sphinxext-opengraph (loaded by
biblog) reads: ``site.name_the_page`` supplies it.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from cite_helpers import warning_lines

POST = "posts/2024-01-10-first"
#: builder -> (suffix of a page, how to read it)
PAGES = {"json": (".fjson", json.loads), "pickle": (".fpickle", pickle.loads)}


@pytest.mark.parametrize("builder", sorted(PAGES))
def test_a_blog_builds_with_a_serializing_builder(builder, make_app, rootdir, tmp_path) -> None:
    src = tmp_path / "blog"
    shutil.copytree(rootdir / "test-blog", src)
    app = make_app(builder, srcdir=src, builddir=tmp_path / "build")
    app.build()
    assert warning_lines(app) == []
    assert app.statuscode == 0
    suffix, read = PAGES[builder]
    page = read(Path(app.outdir, POST + suffix).read_bytes())
    assert page["current_page_name"] == POST
    assert "biblog-citation" in page["body"]
    assert 'property="og:title"' in page["metatags"]
    # the feed, linked relative to where the builder says the page is served
    assert 'type="application/atom+xml"' in page["metatags"]
    assert 'href="../../atom.xml"' in page["metatags"]
