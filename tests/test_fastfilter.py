"""The indexed filter (``fastfilter.py``): the same bibliographies for a fraction of the work.

The root ``filtered-bibliographies`` has six pages, each with a
``:filter: docname in docnames`` list over a 14-entry ``.bib``. Built with
sphinxcontrib-bibtex alone and with biblog added, the lists are identical;
the number of filter evaluations drops from pages x entries to the entries
each page cites.
"""

from __future__ import annotations

import ast

import pytest
from sphinxcontrib.bibtex.domain import _FilterVisitor

from biblog.citations.fastfilter import false_when_uncited
from cite_helpers import page, warning_lines

ROOT = "filtered-bibliographies"
PAGES = [f"page{n}" for n in range(1, 7)]
ENTRIES = 14


@pytest.fixture
def filter_evaluations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The key of every entry a bibliography filter was evaluated on."""
    seen: list[str] = []
    visit = _FilterVisitor.visit

    def counting_visit(self: _FilterVisitor, node: ast.AST) -> object:
        if isinstance(node, ast.Module):
            seen.append(self.entry.key)
        return visit(self, node)

    monkeypatch.setattr(_FilterVisitor, "visit", counting_visit)
    return seen


def bibliographies(app) -> dict[str, list[str]]:
    return {name: [" ".join(c.get_text(" ", strip=True).split()) for c in page(app, name).select("div.citation")]
            for name in PAGES}


@pytest.mark.sphinx("dirhtml", testroot=ROOT, freshenv=True)
def test_sphinxcontrib_bibtex_alone_evaluates_every_entry_for_every_list(app, filter_evaluations) -> None:
    app.build()
    assert warning_lines(app) == []
    assert len(filter_evaluations) == len(PAGES) * ENTRIES


@pytest.mark.sphinx("dirhtml", testroot=ROOT, freshenv=True,
                    confoverrides={"extensions": ["sphinxcontrib.bibtex", "biblog"]})
def test_with_biblog_only_cited_entries_are_evaluated(app, filter_evaluations) -> None:
    app.build()
    assert warning_lines(app) == []
    assert len(filter_evaluations) == len(PAGES) * 2  # each page cites two works


def test_the_lists_are_the_same_with_and_without_biblog(make_app, rootdir, tmp_path) -> None:
    import shutil

    built = {}
    for name, extensions in (("alone", ["sphinxcontrib.bibtex"]), ("biblog", ["sphinxcontrib.bibtex", "biblog"])):
        source = tmp_path / name
        shutil.copytree(rootdir / f"test-{ROOT}", source)
        app = make_app("dirhtml", srcdir=source, confoverrides={"extensions": extensions}, freshenv=True)
        app.build()
        built[name] = bibliographies(app)
    assert built["alone"] == built["biblog"]
    assert all(len(entries) == 2 for entries in built["biblog"].values())


@pytest.mark.parametrize(("expression", "skips_uncited"), [
    ("cited", True),
    ("docname in docnames", True),
    ("cited and type == 'article'", True),
    ("type == 'article' and docname in docnames", True),  # the first operand cannot fail
    ("key % 'wei' and cited", False),  # a regular expression may fail first: evaluate everything
    ("not cited", False),
    ("cited or type == 'book'", False),
    ("True", False),
    ("'x' in docnames", True),
    ("author % 'x' in docnames", False),
])
def test_which_filters_can_skip_uncited_entries(expression: str, skips_uncited: bool) -> None:
    assert false_when_uncited(ast.parse(expression)) is skips_uncited


@pytest.mark.parametrize(("expression", "required"), [
    ("docname in docnames", "here"),  # only the page's own citations can pass
    ("cited", "anywhere"),
    ("'x' in docnames", "anywhere"),
    ("type == 'misc' and docname in docnames", "here"),
    ("cited or docname in docnames", None),
])
def test_how_much_citing_a_filter_requires(expression: str, required: str | None) -> None:
    from biblog.citations.fastfilter import required_citation

    assert required_citation(ast.parse(expression)) == required
