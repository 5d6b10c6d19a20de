"""The garbage collector is paused while the environment loads and while each page is read,
and always running again after.

See ``building/gcpause.py`` for why: unpickling makes no garbage, and a page's
parser, tokens and syntax tree stay young until the page is done, so a young
collection frees them.
"""

from __future__ import annotations

import gc
import pickle
import shutil

import pytest
from sphinx.errors import ExtensionError

from cite_helpers import warning_lines


def copy_of_the_minimal_blog(rootdir, tmp_path):
    src = tmp_path / "blog"
    shutil.copytree(rootdir / "test-minimal", src)
    return src


def test_no_collection_falls_inside_a_page_s_reading(make_app, rootdir, tmp_path) -> None:
    app = make_app("html", srcdir=copy_of_the_minimal_blog(rootdir, tmp_path), builddir=tmp_path / "build")
    running: dict[str, list[bool]] = {"source-read": [], "doctree-read": []}
    reading: list[str] = []
    collections_while_reading: list[str] = []

    def note_collection(phase: str, info: dict) -> None:
        if phase == "start" and reading:
            collections_while_reading.append(reading[0])

    def started(app, docname, source) -> None:
        running["source-read"].append(gc.isenabled())
        reading.append(docname)

    def done(app, doctree) -> None:
        running["doctree-read"].append(gc.isenabled())
        reading.clear()

    app.connect("source-read", started, priority=500)
    app.connect("doctree-read", done, priority=500)
    gc.callbacks.append(note_collection)
    try:
        app.build()
    finally:
        gc.callbacks.remove(note_collection)
    assert warning_lines(app) == []
    pages = len(app.env.found_docs)
    assert pages > 3
    assert running == {"source-read": [False] * pages, "doctree-read": [False] * pages}
    assert collections_while_reading == []
    assert gc.isenabled()


def test_a_page_whose_reading_fails_leaves_the_collector_running(make_app, rootdir, tmp_path) -> None:
    app = make_app("html", srcdir=copy_of_the_minimal_blog(rootdir, tmp_path), builddir=tmp_path / "build")

    def fail(app, docname, source) -> None:
        raise RuntimeError("a broken extension")

    app.connect("source-read", fail, priority=600)
    with pytest.raises(ExtensionError, match="a broken extension"):
        app.build()
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused(make_app, rootdir, tmp_path) -> None:
    app = make_app("html", srcdir=copy_of_the_minimal_blog(rootdir, tmp_path), builddir=tmp_path / "build")
    gc.disable()
    try:
        app.build()
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert warning_lines(app) == []


def test_the_collector_is_paused_while_the_environment_loads(make_app, rootdir, tmp_path, monkeypatch) -> None:
    src = copy_of_the_minimal_blog(rootdir, tmp_path)
    first = make_app("html", srcdir=src, builddir=tmp_path / "build")
    first.build()
    first.cleanup()  # as between two processes: Sphinx's global docutils registrations are undone
    loads: list[bool] = []
    load = pickle.load

    def recording_load(file, *args, **kwargs):
        if str(getattr(file, "name", "")).endswith("environment.pickle"):
            loads.append(gc.isenabled())
        return load(file, *args, **kwargs)

    monkeypatch.setattr(pickle, "load", recording_load)
    app = make_app("html", srcdir=src, builddir=tmp_path / "build")
    assert loads == [False]
    assert not app.fresh_env_used
    assert gc.isenabled()
    app.build()
    assert warning_lines(app) == []
