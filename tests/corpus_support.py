"""The citation corpus: labels as writers write them, each with the outcome it must have.

``tests/data/citation-corpus.tsv`` holds one label a line: the text, the expected
outcome (``ok``: resolves to the key; ``ambiguous``: fits several entries, the
key among them; ``unknown``: fits nothing, the key among the suggestions; the
key ``-`` marks a work in no bibliography, which must fail), the key, and the
habit it shows.
The bibliography is real: a frozen copy of the flagship's bibliography and the IRIDIA
collection in the shared data folder. Run as a script to print the counts::

    .venv/bin/python tests/corpus_support.py
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "citation-corpus.tsv"
IRIDIA = ROOT.parent / "shared" / "data" / "iridia-references"
#: the flagship's bibliography as it was when the corpus was written (real entries, with the
#: mistakes a real collection has), frozen so that later edits to the flagship's own
#: references.bib (years, author lists, letters) do not change what each label means
CORPUS_BIB = Path(__file__).resolve().parent / "data" / "citation-corpus.bib"
IRIDIA_FILES = ("abbrev.bib", "journals.bib", "authors.bib", "articles.bib", "biblio.bib", "crossref.bib")


class Row(NamedTuple):
    text: str
    expect: str  #: "ok", "ambiguous" or "unknown"
    key: str  #: the intended key ("-" for a work that is in no bibliography)
    habit: str


def read_corpus(path: Path = CORPUS) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if line.strip() and not line.startswith("#")), delimiter="\t")
        return [Row(*row) for row in rows]


def corpus_bibliography(iridia: Path = IRIDIA) -> Any:
    from biblog.core.bib.bibliography import read_bibliography

    return read_bibliography([*(iridia / name for name in IRIDIA_FILES), CORPUS_BIB], ROOT.parent)


def outcome(resolver: Any, row: Row) -> str:
    """"right", "ambiguous-listed", "failed-suggested", "wrong" or "missed" (failed, not suggested)."""
    resolution = resolver.resolve(row.text)
    if resolution.ok:
        return "right" if resolution.keys[0] == row.key else "wrong"
    listed = set(resolution.keys) | set(resolution.candidates)
    if len(resolution.keys) > 1:
        return "ambiguous-listed" if row.key in listed else "missed"
    return "failed-suggested" if row.key in listed or row.key == "-" else "missed"


def expected_outcome(row: Row) -> str:
    return {"ok": "right", "ambiguous": "ambiguous-listed", "unknown": "failed-suggested"}[row.expect]


def counts(resolver: Any, rows: list[Row]) -> Counter[str]:
    return Counter(outcome(resolver, row) for row in rows)


if __name__ == "__main__":
    bibliography = corpus_bibliography()
    rows = read_corpus()
    print(f"{len(rows)} labels:", dict(counts(bibliography.resolver, rows)))
