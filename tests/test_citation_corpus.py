"""The citation corpus (``tests/data/citation-corpus.tsv``) against a bibliography of real entries.

Every label must have its expected outcome, and none may resolve to a paper
other than the one meant: a wrong paper is worse than a stopped build.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from corpus_support import IRIDIA_FILES, corpus_bibliography, expected_outcome, outcome, read_corpus

ROWS = read_corpus()


@pytest.fixture(scope="module")
def bibliography(shared_dir: Path):
    return corpus_bibliography(shared_dir / "data" / "iridia-references")


def test_the_corpus_is_large_and_covers_every_habit() -> None:
    habits = Counter(row.habit for row in ROWS)
    assert len(ROWS) >= 300
    for habit in ("comma before et al.", "comma after et al.", "parenthesised year", "first name", "initials",
                  "name list then et al.", "et al. for two authors", "preprint year", "accents dropped",
                  "particle dropped", "organisation", "letter left out", "surname typo", "key typo",
                  "not in the bibliography", "ampersand"):
        assert habits[habit] >= 1, habit
    assert {row.expect for row in ROWS} == {"ok", "ambiguous", "unknown"}


def test_no_label_resolves_to_another_paper(bibliography) -> None:
    wrong = [row for row in ROWS if outcome(bibliography.resolver, row) == "wrong"]
    assert wrong == []


def test_every_label_has_its_expected_outcome(bibliography) -> None:
    assert len(bibliography.entries) > 3000, IRIDIA_FILES
    mismatched = [(row, outcome(bibliography.resolver, row)) for row in ROWS
                  if outcome(bibliography.resolver, row) != expected_outcome(row)]
    assert mismatched == []


def test_every_failure_message_names_the_intended_paper(bibliography) -> None:
    from biblog.core.bib.resolver import describe_failure

    for row in ROWS:
        resolution = bibliography.resolver.resolve(row.text)
        if resolution.ok or row.key == "-":
            continue
        message = describe_failure(resolution, bibliography.labels)
        title = bibliography.entries[row.key].title.split()[0]
        assert row.key in message, (row, message)
        assert title in message, (row, message)
