"""The ``biblog`` referencing style prints the same text through pybtex's rich text and as parts.

sphinxcontrib-bibtex formats a citation through the style's templates
(``format_references``); biblog's own HTML citations are made from the same
parts directly (``citation_parts``). Both must print alike for every role.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from pybtex.database import Entry
from pybtex.style import FormattedEntry
from sphinxcontrib.bibtex.style.referencing import format_references

from biblog.citations.refstyle import ROLE_NAMES, BlogReferenceStyle, citation_parts, cited_work_of, work_parts


class Info(NamedTuple):
    """A reference's info without a builder: the style falls back to keys and the entries' years."""

    pre_text: str
    post_text: str


CITED = [("wei2022chain", "2022", "see", "p. 3"), ("graves2016adaptive", "2016", "", ""),
         ("vandermaaten2008", "", "", "ch. 2")]


def entry(key: str, year: str) -> Entry:
    made = Entry("article", fields={"year": year} if year else {})
    made.key = key
    return made


def through_pybtex(role: str, cited: list[tuple[str, str, str, str]]) -> str:
    references = [(entry(key, year), FormattedEntry(key, "", key), Info(pre, post)) for key, year, pre, post in cited]
    return str(format_references(BlogReferenceStyle(), role, references))


def through_parts(role: str, cited: list[tuple[str, str, str, str]]) -> str:
    works = [work_parts(role, cited_work_of(None, key, {"year": year} if year else {}, pre, post), i)
             for i, (key, year, pre, post) in enumerate(cited)]
    return "".join(text for text, _ in citation_parts(role, works, BlogReferenceStyle().bracket))


@pytest.mark.parametrize("role", ROLE_NAMES)
@pytest.mark.parametrize("count", [1, 2, 3])
def test_both_outputs_print_alike(role: str, count: int) -> None:
    cited = CITED[:count]
    assert through_parts(role, cited) == through_pybtex(role, cited)


def test_the_parts_say_what_each_role_prints() -> None:
    one = CITED[:1]
    assert through_parts("p", one) == "(see wei2022chain 2022, p. 3)"
    assert through_parts("t", one) == "wei2022chain (see 2022, p. 3)"
    assert through_parts("ct", CITED[2:]) == "Vandermaaten2008 (n.d., ch. 2)"
    assert through_parts("p", CITED[1:]) == "(graves2016adaptive 2016; vandermaaten2008 n.d., ch. 2)"
    assert through_parts("empty", one) == ""


def test_only_labels_are_links() -> None:
    works = [work_parts("t", cited_work_of(None, "wei2022chain", {"year": "2022"}, "see", "p. 3"), 0)]
    parts = citation_parts("t", works, BlogReferenceStyle().bracket)
    assert [text for text, link in parts if link is not None] == ["2022"]
