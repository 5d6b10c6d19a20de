"""Incremental builds: a new citation or a .bib edit re-reads only what it must.

Each test copies ``cite-basic`` to its own source folder (``srcdir=``), builds,
edits a source and builds again with a new application on the same folders,
as a second ``sphinx-build`` run would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cite_helpers import POST_A, POST_B, BuildLog, edit, page, warning_lines


def rebuild(app, make_app):
    """A second build run on the same source and build folders, with a log of its work."""
    app.cleanup()  # unregister the first run's nodes, as a new process would not have them
    again = make_app("dirhtml", srcdir=Path(app.srcdir), builddir=Path(app.outdir).parent)
    log = BuildLog(again)
    again.build()
    return again, log


def places(app, key: str) -> list[str]:
    return [a["href"] for a in page(app, "references").select(f"li#ref-{key} .biblog-citing-places a")]


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-post")
def test_new_citation_updates_references_page_and_other_post(app, make_app) -> None:
    app.build()
    assert places(app, "graves2016adaptive") == ["../posts/2024-02-01-reasoning/#cite-3",
                                                 "../posts/2024-02-01-reasoning/#cite-4"]
    source = Path(app.srcdir, POST_B + ".md")
    edit(source, source.read_text() + "\nAdaptive computation helps too {cite:p}`Graves 2016`.\n")

    again, log = rebuild(app, make_app)

    assert warning_lines(again) == []
    assert log.read == [POST_B]
    # the index too: its post list shows the edited post, whose length changed
    assert log.written_docs == {POST_A, POST_B, "references", "index"}
    assert places(again, "graves2016adaptive")[0] == "../posts/2024-03-01-sampling/#cite-3"
    also = page(again, POST_A).select_one("li#ref-graves2016adaptive .biblog-also")
    assert also is not None
    assert also.a["href"] == "../2024-03-01-sampling/#ref-graves2016adaptive"
    assert [li["id"] for li in page(again, POST_B).select(".biblog-reference-list > li")] == [
        "ref-graves2016adaptive", "ref-wang2023selfconsistency", "ref-wei2022chain"]


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-prose")
def test_new_prose_leaves_the_references_page_alone(app, make_app) -> None:
    """The post's length changes the home page's reading time, not the references page."""
    app.build()
    source = Path(app.srcdir, POST_B + ".md")
    edit(source, source.read_text() + "\nA closing paragraph with no citation in it at all.\n")
    again, log = rebuild(app, make_app)
    assert log.read == [POST_B]
    assert log.written_docs == {POST_B, "index"}
    # a new title, though, is shown beside every work the post cites
    edit(source, source.read_text().replace("title: Sampling many chains", "title: Sampling chains"))
    again, log = rebuild(again, make_app)
    assert "references" in log.written_docs
    assert "Sampling chains" in page(again, "references").get_text()


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-same-app")
def test_rebuild_in_the_same_application(app) -> None:
    app.build()
    log = BuildLog(app)
    source = Path(app.srcdir, POST_B + ".md")
    text = source.read_text()
    edit(source, text.replace("{cite:p}`wang2023selfconsistency`", "{cite:p}`ho2022classifier`"))
    app.build()
    assert log.read == [POST_B]
    assert {POST_A, "references"} <= log.written_docs
    assert page(app, POST_A).select_one("li#ref-wang2023selfconsistency .biblog-also") is None
    assert page(app, POST_A).select_one("li#ref-ho2022classifier .biblog-also") is not None
    assert places(app, "wang2023selfconsistency") == ["../posts/2024-02-01-reasoning/#cite-6"]


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-bib")
def test_bib_edit_rereads_only_the_posts_citing_the_entry(app, make_app) -> None:
    app.build()
    bib = Path(app.srcdir, "refs.bib")
    edit(bib, bib.read_text().replace("Adaptive Computation Time for Recurrent Neural Networks",
                                      "Adaptive Computation Time, Revised"))

    again, log = rebuild(app, make_app)

    assert warning_lines(again) == []
    assert sorted(log.read) == [POST_A, "references"]
    title = page(again, POST_A).select_one("li#ref-graves2016adaptive .biblog-title").get_text()
    assert title == "Adaptive Computation Time, Revised"
    site_title = page(again, "references").select_one("li#ref-graves2016adaptive .biblog-title").get_text()
    assert site_title == "Adaptive Computation Time, Revised"


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-bib-both")
def test_bib_edit_of_a_shared_entry_rereads_both_posts(app, make_app) -> None:
    app.build()
    bib = Path(app.srcdir, "refs.bib")
    edit(bib, bib.read_text().replace("booktitle = {ICLR}", "booktitle = {ICLR 2023}"))

    again, log = rebuild(app, make_app)

    assert {POST_A, POST_B} <= set(log.read)
    assert "index" not in log.read
    venue = page(again, POST_B).select_one("li#ref-wang2023selfconsistency .biblog-venue").get_text()
    assert venue == "ICLR 2023"


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-letters")
def test_new_entry_that_changes_a_label_rereads_its_citers(app, make_app) -> None:
    """A second "Graves 2016" turns the first into "Graves 2016a" (or b) wherever it is cited."""
    app.build()
    bib = Path(app.srcdir, "refs.bib")
    edit(bib, bib.read_text() + "\n@article{graves2016hybrid,\n  author = {Alex Graves},\n"
         "  title = {Hybrid Computing Using a Neural Network},\n  year = {2016},\n}\n")

    again, log = rebuild(app, make_app)

    assert sorted(log.read) == [POST_A, "references"]
    assert page(again, POST_A).select_one("#cite-3").get_text() == "Graves (2016a)"


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-nochange")
def test_no_change_rebuild_does_not_load_the_bibliography(app, make_app) -> None:
    app.build()
    again, log = rebuild(app, make_app)
    assert log.read == []
    assert log.written_docs == set()
    assert getattr(again, "biblog_bibliography", None) is None  # neither parsed nor read from the cache


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-bib-problem")
def test_bib_problems_are_reported_again_on_a_no_change_rebuild(app, make_app) -> None:
    bib = Path(app.srcdir, "refs.bib")
    broken = "\n@article{broken2020,\n  title = {A crossref to nothing},\n  crossref = {gone2019},\n}\n"
    edit(bib, bib.read_text() + broken)
    app.build()
    first = [line for line in warning_lines(app) if "broken2020" in line]
    assert first, warning_lines(app)
    again, _log = rebuild(app, make_app)
    assert [line for line in warning_lines(again) if "broken2020" in line] == first


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-incremental-furo",
                    confoverrides={"html_theme": "furo"})
def test_a_no_change_rebuild_with_furo_and_sphinx_design_sees_the_same_configuration(app, make_app) -> None:
    # furo and sphinx-design change settings once the builder exists, after Sphinx compared them
    # with the last build's; biblog makes those changes first, so the comparison holds.
    app.build()
    app.cleanup()
    again = make_app("dirhtml", srcdir=Path(app.srcdir), builddir=Path(app.outdir).parent,
                     confoverrides={"html_theme": "furo"})
    log = BuildLog(again)
    again.build()
    assert "configuration has changed" not in again._status.getvalue()
    assert log.read == []
    assert log.written_docs == set()
    assert len(again.config.html_static_path) == len(set(again.config.html_static_path)) == 2
