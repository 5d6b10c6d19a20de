"""Citation problems are reported with file, line, subtype and what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from cite_helpers import citation_texts, page, warning_lines

BROKEN = "posts/2024-05-01-broken"


def located(app, line: int, message: str, subtype: str) -> str:
    path = Path(app.srcdir, BROKEN + ".md")
    return f"{path}:{line}: WARNING: {message} [biblog.{subtype}]"


@pytest.fixture
def broken(app):
    app.build()
    return app


CHAIN = ("Chain-of-Thought Prompting Elicits Reasoning in Large Language Models (Wei et al. 2022, wei2022chain): "
         "write 'Wei et al. 2022'?")

pytestmark = pytest.mark.sphinx("dirhtml", testroot="cite-warnings", freshenv=True)


def test_unknown_natural_text_without_candidates(broken) -> None:
    assert located(broken, 6, "unknown citation 'Smith 2020': no entry by Smith from 2020; "
                   "add it to the bibliography or fix the spelling", "cite") in warning_lines(broken)


def test_ambiguous_natural_text_lists_the_candidates(broken) -> None:
    assert located(broken, 8, "ambiguous citation 'Wang et al. 2023': it fits 2 entries; write "
                   "'Wang et al. 2023a' for Plan-and-Solve Prompting (Wang et al. 2023a, wang2023plan); "
                   "'Wang et al. 2023b' for Self-Consistency Improves Chain of Thought Reasoning in Language … "
                   "(Wang et al. 2023b, wang2023selfconsistency)", "ambiguous") in warning_lines(broken)


def test_missing_key_suggests_the_closest_keys(broken) -> None:
    expected = located(broken, 10, "unknown citation 'wei2022chian'; did you mean " + CHAIN, "cite")
    assert expected in warning_lines(broken)


def test_near_miss_natural_text_suggests_the_work(broken) -> None:
    assert located(broken, 12, "unknown citation 'Wei 2021': no entry by Wei from 2021; did you mean " + CHAIN,
                   "cite") in warning_lines(broken)


def test_bad_key_next_to_a_good_one(broken) -> None:
    expected = located(broken, 14, "unknown citation 'nosuchkey2099': no entry has this key or author "
                       "and year; add it to the bibliography or fix the spelling", "cite")
    assert expected in warning_lines(broken)


def test_one_warning_per_bad_target_and_nothing_else(broken) -> None:
    lines = warning_lines(broken)
    assert len(lines) == 5, lines
    assert [line.split(":")[1] for line in lines] == ["6", "8", "10", "12", "14"]


def test_unresolved_citations_show_what_was_written(broken) -> None:
    assert citation_texts(broken, BROKEN) == [
        "(Smith 2020)", "(Wang et al. 2023)", "(wei2022chian)", "(Wei 2021)", "(Graves 2016)"]
    soup = page(broken, BROKEN)
    assert len(soup.select(".biblog-cite-unresolved")) == 4
    assert [li["id"] for li in soup.select(".biblog-reference-list > li")] == ["ref-graves2016adaptive"]


@pytest.mark.sphinx("dirhtml", testroot="cite-warnings", freshenv=True,
                    confoverrides={"suppress_warnings": ["biblog.cite"]})
def test_warnings_can_be_silenced_by_subtype(broken) -> None:
    lines = warning_lines(broken)
    assert len(lines) == 1
    assert lines[0].endswith("[biblog.ambiguous]")


@pytest.mark.sphinx("dirhtml", testroot="cite-many", freshenv=True)
def test_one_work_cited_in_ten_posts_gives_no_warning(app) -> None:
    app.build()
    assert warning_lines(app) == []
    item = page(app, "references").select_one("li#ref-wei2022chain")
    assert item.select_one(".biblog-cite-count").get_text() == "Cited 20 times in 10 posts:"
    titles = list(dict.fromkeys(a.get_text() for a in item.select(".biblog-citing-places a")))
    assert titles == [f"Post number {n:02d}" for n in range(10, 0, -1)]
    also = page(app, "posts/2024-01-05-post-05").select_one("li#ref-wei2022chain .biblog-also")
    assert len(also.select("a")) == 9
    assert "Post number 05" not in also.get_text()
