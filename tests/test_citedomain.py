"""biblog on sphinxcontrib-bibtex: an existing sphinxcontrib-bibtex project keeps working with biblog added.

The root ``bibtex-project`` is a lab handbook written for sphinxcontrib-bibtex
(reST chapter with a filtered ``bibliography``, footnote citations in
Markdown) that lists both extensions and has one blog post.
"""

from __future__ import annotations

import pytest
from docutils import nodes
from sphinxcontrib.bibtex.domain import BibtexDomain

from biblog.citations.citedomain import BlogCiteDomain, resolved_citation
from cite_helpers import page, warning_lines

ROOT = "bibtex-project"
POST = "posts/2024-01-10-first"


def body_text(app, docname: str) -> str:
    return " ".join(page(app, docname).get_text(" ", strip=True).split())


@pytest.mark.sphinx("dirhtml", testroot=ROOT, freshenv=True)
def test_both_extensions_load_and_build_clean(app) -> None:
    app.build()
    assert warning_lines(app) == []
    domain = app.env.get_domain("cite")
    assert isinstance(domain, BlogCiteDomain)
    assert isinstance(domain, BibtexDomain)  # built on it, not beside it


@pytest.mark.sphinx("dirhtml", testroot=ROOT, freshenv=True)
def test_pages_outside_posts_behave_as_sphinxcontrib_bibtex_makes_them(app) -> None:
    app.build()
    chapter = page(app, "chapter")
    assert [c.get_text() for c in chapter.select(".bibtex-citation")][:2] == ["[WWS+22]", "Graves [Gra16]"]
    # :filter: docname in docnames lists what this page cites, in sphinxcontrib-bibtex's own markup
    assert [c.select_one(".label").get_text() for c in chapter.select("div.citation")] == [
        "[CK+21]", "[Gra16]", "[LYDB17]", "[WWS+22]"]
    assert chapter.select(".biblog-reference-list") == []  # no biblog list on a sphinxcontrib-bibtex page
    notes = page(app, "notes")
    assert notes.select_one("a.footnote-reference").get_text() == "[1]"
    assert "Classifier-free diffusion guidance" in body_text(app, "notes")


@pytest.mark.sphinx("dirhtml", testroot=ROOT, freshenv=True)
def test_a_post_cites_the_blog_way_in_the_same_project(app) -> None:
    app.build()
    post = page(app, POST)
    texts = [c.get_text() for c in post.select(".biblog-citation")]
    assert texts == ["(Wei et al. 2022)", "Graves (2016)", "Ling et al. (2017)", "(see Ling et al. 2017, p. 3)"]
    assert [li["id"] for li in post.select(".biblog-reference-list > li")] == [
        "ref-graves2016adaptive", "ref-ling2017program", "ref-wei2022chain"]
    assert post.select_one("h2 a.biblog-cite")["href"] == "#ref-ling2017program"  # a citation in a heading


@pytest.mark.sphinx("dirhtml", testroot=ROOT, freshenv=True)
def test_a_post_s_citations_become_links_only_as_its_page_is_written(app) -> None:
    app.build()
    doctree = app.env.get_and_resolve_doctree(POST, app.builder)
    # One node per citation holds its printed text; no link hangs from the kept tree...
    assert [c.astext() for c in doctree.findall(resolved_citation)] == [
        "(Wei et al. 2022)", "Graves (2016)", "Ling et al. (2017)", "(see Ling et al. 2017, p. 3)"]
    assert not [r for r in doctree.findall(nodes.reference) if "biblog-cite" in r["classes"]]
    # ...and the page has the links, anchors and previews all the same.
    post = page(app, POST)
    spans = post.select(".biblog-citation[id]")
    assert [s["id"] for s in spans] == ["cite-1", "cite-2", "cite-3", "cite-4"]
    assert spans[2].find_parent("h2") is not None
    assert spans[3]["class"] == ["biblog-citation", "biblog-cite-p"]
    link = spans[3].select_one("a.biblog-cite.reference.internal")
    assert (link.get_text(), link["href"]) == ("Ling et al. 2017", "#ref-ling2017program")
    assert link["title"].startswith("Wang Ling, ")
    assert [a.get_text() for a in spans[1].select("a")] == ["2016"]  # "Graves (2016)": the year is the link
    # one work, two labels: each link written with its own (links are written once per work and label)
    ling = [(a.get_text(), a["href"], a["title"]) for span in spans[2:] for a in span.select("a")]
    anchor, title = "#ref-ling2017program", link["title"]
    assert ling == [("2017", anchor, title), ("Ling et al. 2017", anchor, title)]


@pytest.mark.sphinx("dirhtml", testroot=ROOT, freshenv=True,
                    confoverrides={"bibtex_reference_style": "biblog", "bibtex_default_style": "biblog"})
def test_the_biblog_styles_give_author_year_to_sphinxcontrib_bibtex_pages(app) -> None:
    app.build()
    assert warning_lines(app) == []
    chapter = page(app, "chapter")
    assert [c.get_text() for c in chapter.select(".bibtex-citation")] == [
        "(Wei et al. 2022)", "Graves (2016)", "(Cobbe et al. 2021; Ling et al. 2017)"]
    entries = [" ".join(c.get_text(" ", strip=True).split()) for c in chapter.select("div.citation")]
    assert entries[0].startswith("[ Cobbe et al. 2021 ] Karl Cobbe, Vineet Kosaraju et al. (2021). "
                                 "Training Verifiers to Solve Math Word Problems.")
    assert any(e.startswith("[ Wei et al. 2022 ] Jason Wei, Xuezhi Wang, Dale Schuurmans et al. (2022).")
               for e in entries)


@pytest.mark.sphinx("latex", testroot=ROOT, freshenv=True)
def test_the_latex_builder_still_works(app) -> None:
    app.build()
    assert warning_lines(app) == []
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\hyperlink{cite.chapter:" in tex  # sphinxcontrib-bibtex's own LaTeX links


@pytest.mark.sphinx("text", testroot=ROOT, freshenv=True)
def test_a_citation_in_a_heading_is_text_where_no_link_can_go(app) -> None:
    app.build()
    text = (app.outdir / f"{POST}.txt").read_text(encoding="utf-8")
    assert "What Ling et al. (2017) showed" in text
    assert "Rationales help (see Ling et al. 2017, p. 3)." in text


@pytest.mark.sphinx("dirhtml", testroot="minimal", freshenv=True,
                    confoverrides={"bibtex_bibfiles": None, "blog_bibfiles": ["refs.bib"]})
def test_the_old_setting_still_works_and_says_what_to_rename(app) -> None:
    app.build()
    assert warning_lines(app) == [
        "WARNING: blog_bibfiles is now sphinxcontrib-bibtex's bibtex_bibfiles; rename the setting in conf.py "
        "[biblog.config]"]
    assert page(app, "posts/2024-01-10-first").select(".biblog-cite")


ROLES_POST = """---
title: Every role
date: 2024-06-01
---

Full names {cite:ps}`ling2017program`; {cite:ts}`ling2017program` and {cite:ct}`vandermaaten2008visualizing`.
The year {cite:year}`wei2022chain`, in brackets {cite:yearpar}`wei2022chain`; the names {cite:author}`wei2022chain`.
Bare {cite:alp}`graves2016adaptive`; silently listed{cite:empty}`cobbe2021training`.
With notes {cite:t}`{see}ling2017program{p. 3}` and {cite:ps}`{cf.}wei2022chain, graves2016adaptive{ch. 2}`.
"""


def test_every_sphinxcontrib_bibtex_role_prints_the_blog_labels_in_a_post(make_app, rootdir, tmp_path) -> None:
    import shutil

    source = tmp_path / "cite-basic"
    shutil.copytree(rootdir / "test-cite-basic", source)  # a copy of its own: the root is shared
    (source / "posts" / "2024-06-01-roles.md").write_text(ROLES_POST, encoding="utf-8")
    app = make_app("dirhtml", srcdir=source, freshenv=True)
    app.build()
    assert warning_lines(app) == []
    post = page(app, "posts/2024-06-01-roles")
    assert [c.get_text() for c in post.select(".biblog-citation")] == [
        "(Ling, Yogatama, Dyer and Blunsom 2017)", "Ling, Yogatama, Dyer and Blunsom (2017)",
        "Van der Maaten and Hinton (2008)", "2022", "(2022)", "Wei et al.", "Graves 2016", "",
        "Ling et al. (see 2017, p. 3)", "(cf. Wei, Wang and Schuurmans 2022; Graves 2016, ch. 2)"]
    listed = [li["id"] for li in post.select(".biblog-reference-list > li")]
    assert "ref-cobbe2021training" in listed  # {cite:empty} lists the work without printing anything
