"""The incremental ``.bib`` load (``core.bib.units``) always equals a plain whole-file load, after any edits."""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biblog.core.bib.bibtex import load_bibliography
from biblog.core.bib.units import BibCache

#: pieces a file is made of: good entries, macros, a preamble, crossrefs, and every kind of mistake
PIECES = [
    "@article{wei2022,\n  author = {Wei, Jason and Tay, Yi and others},\n  title = {Emergent Abilities},\n"
    "  journal = JMLR,\n  year = {2022},\n}\n",
    "@inproceedings{brown2020,\n  author = {Tom Brown},\n  title = {Few-Shot {GPT}},\n  year = 2020,\n"
    "  crossref = {neurips2020},\n}\n",
    "@proceedings{neurips2020,\n  title = {Advances in NeurIPS},\n  editor = {Hugo Larochelle},\n"
    "  year = {2020},\n}\n",
    "@string{JMLR = {Journal of Machine Learning Research}}\n",
    "@string{jmlr = \"J. Mach. Learn. Res.\"}\n",
    '@preamble{"\\providecommand{\\proglang}[1]{{#1}}"}\n',
    "@misc{tool,\n  author = {Ada Lovelace},\n  title = {The \\proglang{R} tool and \\weird{x}},\n"
    "  year = {2021},\n  url = {javascript:alert(1)},\n}\n",
    "@article{broken,\n  author = {Someone},\n  title = {Never {closed},\n  year = {2020},\n}\n",
    "@article{nocomma,\n  title = {A}\n  year = {2020}\n}\n",
    "@article{wei2022,\n  title = {Duplicate key},\n  year = {2023},\n}\n",
    "@article{WEI2022,\n  title = {Duplicate in another case},\n}\n",
    "@article{twice,\n  title = {One},\n  title = {Two},\n}\n",
    "@article{undefined,\n  journal = nosuchmacro,\n  title = {T},\n}\n",
    "@article{stray,\n  title = {A}},\n  year = {2020},\n}\n",
    "@article{loop1,\n  crossref = {loop2},\n}\n@article{loop2,\n  crossref = {loop1},\n}\n",
    "@article{missingparent,\n  crossref = {nowhere},\n  title = {Orphan},\n}\n",
    "@article{linked,\n  author = {Doe, Jr, Jane, Extra},\n  title = {Linked},\n  doi = {10.1/x},\n"
    "  eprint = {2101.00001},\n  url = {https://example.org/p},\n}\n",
    "% @comment{a percent comment with an @ sign}\n",
    "@comment{ignored}\n",
    "Some text between entries.\n",
    "@article{,\n  title = {No key},\n}\n",
    "@article{abstract,\n  title = {Multi-line},\n  abstract = {first line\n@ starts a line},\n}\n",
    "@article{math,\n  title = {On $\\href{x}{y}$ math},\n  year = {2019},\n}\n",
    "@article{unclosedend,\n  title = {Open\n",
    "  \n",
]

edits = st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace", "retitle"]),
                           st.integers(0, 40), st.sampled_from(range(len(PIECES)))), max_size=8)


def load_both(paths: list[Path], root: Path, cache: BibCache) -> tuple[object, object, BibCache]:
    incremental = load_bibliography(paths, root, cache)
    dumped = cache.kept().dump()
    assert dumped is not None
    kept = BibCache.load(dumped)  # as the next build finds it on disk
    reference = load_bibliography(paths, root, reference=True)
    return incremental, reference, kept


def apply(pieces: list[str], kind: str, where: int, piece: int) -> None:
    if kind == "insert" or not pieces:
        pieces.insert(where % (len(pieces) + 1), PIECES[piece])
    elif kind == "delete":
        del pieces[where % len(pieces)]
    elif kind == "replace":
        pieces[where % len(pieces)] = PIECES[piece]
    else:
        pieces[where % len(pieces)] = pieces[where % len(pieces)].replace("title = {", "title = {Revised ", 1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(st.sampled_from(range(len(PIECES))), max_size=12),
       second=st.lists(st.sampled_from(range(len(PIECES))), max_size=4), steps=edits)
def test_after_any_edits_the_incremental_load_equals_a_whole_file_load(first, second, steps) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = [[PIECES[i] for i in first], [PIECES[i] for i in second]]
        paths = [root / "a.bib", root / "b.bib"]
        cache = BibCache()
        for step in [None, *steps]:
            if step is not None:
                apply(files[step[1] % 2], *step)
            for path, pieces in zip(paths, files, strict=True):
                path.write_text("".join(pieces), encoding="utf-8")
            incremental, reference, cache = load_both(paths, root, cache)
            assert incremental.entries == reference.entries
            assert incremental.problems == reference.problems


def test_editing_one_entry_parses_only_that_entry(tmp_path: Path, monkeypatch) -> None:
    entries = [f"@article{{k{i},\n  author = {{Ada Lovelace and Alan Turing}},\n  title = {{Title {i}}},\n"
               f"  year = {{2020}},\n}}\n" for i in range(200)]
    path = tmp_path / "refs.bib"
    path.write_text("@string{X = {x}}\n" + "".join(entries), encoding="utf-8")
    cache = BibCache()
    load_bibliography([path], tmp_path, cache)
    cache = cache.kept()
    import biblog.core.bib.bibtex as bibtex

    built: list[str] = []
    real = bibtex.make_entry
    monkeypatch.setattr(bibtex, "make_entry", lambda key, *rest: built.append(key) or real(key, *rest))
    parsed: list[str] = []
    import biblog.core.bib.units as bibunits

    real_parse = bibunits.parse_capturing
    monkeypatch.setattr(bibunits, "parse_capturing",
                        lambda parser, text: parsed.append(text) or real_parse(parser, text))
    entries[100] = entries[100].replace("Title 100", "Revised title")
    entries.insert(3, "@misc{new,\n  title = {New},\n}\n")  # every entry after it moves down four lines
    path.write_text("@string{X = {x}}\n" + "".join(entries), encoding="utf-8")
    loaded = load_bibliography([path], tmp_path, cache)
    assert sorted(built) == ["k100", "new"]
    assert len(parsed) == 2
    assert loaded.entries["k150"].location.line == 1 + 150 * 5 + 3 + 1  # shifted, not parsed again
    assert loaded.entries == load_bibliography([path], tmp_path, reference=True).entries


def test_the_cache_on_disk_is_read_back_whole_and_anything_else_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    linked = next(piece for piece in PIECES if piece.startswith("@article{linked"))
    path.write_text(PIECES[0] + linked, encoding="utf-8")
    cache = BibCache()
    loaded = load_bibliography([path], tmp_path, cache)
    assert loaded.entries["linked"].links  # links are kept as (kind, url) and made again on use
    dumped = cache.kept().dump()
    assert dumped is not None
    again = BibCache.load(dumped)
    assert (again.units, again.entries) == (cache.units, cache.entries)
    assert load_bibliography([path], tmp_path, again) == loaded
    for garbage in (b"", b"not marshal data", dumped[:-3], pickle.dumps(cache)):
        empty = BibCache.load(garbage)
        assert (empty.units, empty.entries) == ({}, {})
