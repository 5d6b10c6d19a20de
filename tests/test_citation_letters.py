"""Letters never move: adding an entry keeps every lettered citation on its paper, even in a clean build.

``cite-basic`` has two "Wang et al. 2023" works (a: Plan-and-Solve, b: Self-Consistency
by title order). Math-Shepherd (Wang et al. 2023, from the flagship's bibliography)
sorts before both; without the pinned letters it would take "a" and move the others.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cite_helpers import POST_A, page, warning_lines

MATH_SHEPHERD = """
@article{wang2023math,
  author = {Peiyi Wang and others},
  title = {Math-Shepherd: Verify and Reinforce LLMs Step-by-step without Human Annotations},
  year = {2023},
  journal = {arXiv preprint},
  eprint = {2312.08935},
}
"""


def clean_build(app, make_app, name: str):
    """A build from scratch on the same sources, as Read the Docs makes every time."""
    app.cleanup()
    again = make_app("dirhtml", srcdir=Path(app.srcdir), builddir=Path(app.srcdir).parent / name)
    again.build()
    return again


def cited_keys(app, docname: str) -> dict[str, str]:
    """Each citation's text and the reference it links to, in page order."""
    links = page(app, docname).select(".biblog-citation a[href*='#ref-']")
    return {a.get_text(): a["href"].split("#ref-")[1] for a in links}


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-letters-add")
def test_adding_an_entry_keeps_every_letter_on_its_paper(app, make_app) -> None:
    app.build()
    letters = Path(app.srcdir, "refs.letters")
    assert "wang2023plan\tWang et al. 2023a" in letters.read_text()
    assert "wang2023selfconsistency\tWang et al. 2023b" in letters.read_text()
    before = cited_keys(app, POST_A)
    assert before["Wang et al. 2023b"] == "wang2023selfconsistency"

    bib = Path(app.srcdir, "refs.bib")
    bib.write_text(bib.read_text() + MATH_SHEPHERD)
    again = clean_build(app, make_app, "_clean")

    assert warning_lines(again) == []
    assert cited_keys(again, POST_A) == before
    assert "wang2023math\tWang et al. 2023c" in letters.read_text()


@pytest.mark.sphinx("dirhtml", testroot="cite-basic", srcdir="cite-letters-remove")
def test_a_removed_entrys_letter_is_never_given_to_another_work(app, make_app) -> None:
    app.build()
    bib = Path(app.srcdir, "refs.bib")
    text = bib.read_text()
    start = text.index("@inproceedings{wang2023plan")
    bib.write_text(text[:start] + text[text.index("\n}\n", start) + 3:] + MATH_SHEPHERD)
    post = Path(app.srcdir, POST_A + ".md")
    post.write_text(post.read_text().replace("{cite:p}`wang2023plan`", "{cite:p}`Wang et al. 2023a`"))

    again = clean_build(app, make_app, "_clean")

    problems = "\n".join(warning_lines(again))
    assert "unknown citation 'Wang et al. 2023a'" in problems
    assert "Math-Shepherd" in problems  # named with the label that picks it: Wang et al. 2023c
    assert "'Wang et al. 2023c'" in problems
