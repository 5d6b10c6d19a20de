"""Builders other than HTML (text, LaTeX, ...) get citations and reference lists as docutils nodes.

HTML builders receive the same markup as ready-made HTML (``refhtml.py``);
this test holds the node rendering (``references.py``) to the same words, so
a plain-text or PDF export of a post reads like its web page. (Listings and
the site-wide references page are HTML-only by design.)
"""

from __future__ import annotations

import re
import shutil

from cite_helpers import POST_A, citation_texts, page, warning_lines


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def web_page_words(make_app, src) -> tuple[list[str], list[str]]:
    """The citations and reference entries of POST_A as the dirhtml build shows them."""
    html = make_app("dirhtml", srcdir=src, freshenv=True)
    html.build()
    assert warning_lines(html) == []
    citations = citation_texts(html, POST_A)
    entries = [squeeze(p.get_text().partition("↩")[0])
               for p in page(html, POST_A).select(".biblog-reference-list .biblog-entry")]
    html.cleanup()  # a second app in the same test would re-register the first one's nodes
    return citations, entries


def test_text_output_has_the_citations_and_reference_list_of_the_web_page(make_app, rootdir, tmp_path) -> None:
    src = tmp_path / "cite-basic"
    shutil.copytree(rootdir / "test-cite-basic", src)
    citations, entries = web_page_words(make_app, src)
    text = make_app("text", srcdir=src, freshenv=True, builddir=tmp_path / "text-build")
    text.build()
    assert warning_lines(text) == []
    wrapped = (text.outdir / f"{POST_A}.txt").read_text(encoding="utf-8")
    plain = squeeze(re.sub(r"-\n\s*", "-", wrapped).replace("*", ""))  # the text builder wraps after hyphens
    assert len(citations) >= 5
    assert len(entries) >= 5
    for citation in citations:
        assert citation in plain
    for entry in entries:
        assert squeeze(entry) in plain, entry
    assert "Also cited in Sampling many chains." in plain
