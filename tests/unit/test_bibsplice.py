"""An edit spliced into the last load (``core.bib.splice``) always equals a whole load of the edited files."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biblog.core.bib import splice as bibsplice
from biblog.core.bib.bibliography import Bibliography, read_bibliography
from biblog.core.bib.letters import pin_new_letters

AUTHORS = ["Jason Wei", "Wei, Jason and Tay, Yi", "Wei, Jason and Tay, Yi and Zhou, Denny", "Ada Lovelace",
           "Kurt G{\\\"o}del", "Jason Wei and others", ""]
YEARS = ["2020", "2021", "", "n.d."]
TITLES = ["Emergent Abilities", "Chain of Thought", "A {GPT} Study", "Zebra Models", "Math $x^2$ Titles"]


def entry_text(key: str, author: str, title: str, year: str, extra: str = "") -> str:
    fields = ([f"  author = {{{author}}},\n"] if author else []) + [f"  title = {{{title}}},\n"] \
        + ([f"  year = {{{year}}},\n"] if year else []) + ([extra] if extra else [])
    return f"@article{{{key},\n{''.join(fields)}}}\n\n"


ENTRY = st.tuples(st.sampled_from(AUTHORS), st.sampled_from(TITLES), st.sampled_from(YEARS))
#: what an edit puts in place of an entry: another entry, nothing, or something a splice leaves to a whole load
REPLACEMENT = st.one_of(
    ENTRY.map(lambda e: ("entry", e)),
    st.just(("none", None)),
    st.sampled_from([
        ("text", "@string{jmlr = {Journal of Machine Learning Research}}\n\n"),
        ("text", "@article{other,\n  title = {Uses a macro},\n  journal = jmlr,\n}\n\n"),
        ("text", "@article{broken,\n  title = {Never {closed},\n  year = {2020},\n}\n\n"),
        ("text", "@article{weird,\n  title = {The \\weird{x} command},\n}\n\n"),
        ("text", "@article{child,\n  title = {Part},\n  crossref = {k0},\n}\n\n"),
        ("text", "@article{k1,\n  title = {A duplicate key},\n}\n\n"),
        ("text", "\n\n% a comment line with an @ sign\n\n"),
        ("text", "@preamble{\"\\providecommand{\\proglang}[1]{{#1}}\"}\n\n"),
    ]),
)


def render(pieces: list[tuple[str, object]]) -> str:
    text = ""
    for index, (kind, value) in enumerate(pieces):
        if kind == "entry":
            author, title, year = value  # type: ignore[misc]
            text += entry_text(f"k{index}", author, title, year)
        elif kind == "text":
            text += str(value)
    return text


def index_of(bibliography: Bibliography) -> tuple:
    resolver = bibliography.resolver
    return (resolver.folded_keys, {k: v for k, v in resolver.by_surname.items() if v},
            {k: v for k, v in resolver.by_surname_year.items() if v}, resolver.years)


def assert_same(got: Bibliography, whole: Bibliography) -> None:
    assert list(got.entries.items()) == list(whole.entries.items())
    assert got.labels == whole.labels
    assert got.problems == whole.problems
    assert got.digest == whole.digest
    assert got.pins == whole.pins
    assert index_of(got) == index_of(whole)


def load(path: Path, root: Path, spliced: list[bool]) -> Bibliography:
    """``read_bibliography`` with its cache, noting whether the edit was spliced."""
    original = bibsplice.spliced

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = original(*args, **kwargs)
        spliced.append(result is not None)
        return result

    bibsplice.spliced = spy  # type: ignore[assignment]
    try:
        return read_bibliography([path], root, root / "cache")
    finally:
        bibsplice.spliced = original  # type: ignore[assignment]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY.map(lambda e: ("entry", e)), min_size=1, max_size=8),
       st.lists(st.tuples(st.integers(0, 9), REPLACEMENT, st.booleans()), min_size=1, max_size=4))
def test_every_edit_equals_a_whole_load(pieces, edits):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "refs.bib"
        path.write_text(render(pieces), encoding="utf-8")
        load(path, root, [])
        for position, replacement, pin in edits:
            if replacement[0] == "none" and position < len(pieces):
                pieces.pop(position)
            elif position < len(pieces):
                pieces[position] = replacement
            else:
                pieces.append(replacement)
            path.write_text(render(pieces), encoding="utf-8")
            got = load(path, root, [])
            assert_same(got, read_bibliography([path], root))
            if pin:  # as a build does after its load: later loads label with these letters
                pin_new_letters([path], root, got.labels)


@pytest.fixture
def wei(tmp_path: Path) -> Path:
    """Three works by Wei et al. in 2022 (lettered a, b, c), then twenty other entries."""
    text = "".join(entry_text(f"wei{n}", "Wei, Jason and Tay, Yi and Zhou, Denny", title, "2022")
                   for n, title in enumerate(["Beta", "Alpha", "Gamma"]))
    text += "".join(entry_text(f"other{n}", f"Author{n} Person", f"Title {n}", "2019") for n in range(20))
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_title_edit_is_spliced_and_an_author_edit_after_it_relabels(wei: Path, tmp_path: Path):
    first = load(wei, tmp_path, [])
    assert [first.labels[f"wei{n}"].year for n in range(3)] == ["2022b", "2022a", "2022c"]
    spliced: list[bool] = []
    edit(wei, "title = {Alpha}", "title = {Omega}")  # unpinned letters follow title order
    titled = load(wei, tmp_path, spliced)
    assert spliced == [True]
    assert titled.entries["wei1"].title == "Omega"
    assert [titled.labels[f"wei{n}"].year for n in range(3)] == ["2022a", "2022c", "2022b"]
    assert_same(titled, read_bibliography([wei], tmp_path))
    pin_new_letters([wei], tmp_path, titled.labels)
    edit(wei, "Wei, Jason and Tay, Yi and Zhou, Denny},\n  title = {Gamma}", "Ada Lovelace},\n  title = {Gamma}")
    authored = load(wei, tmp_path, spliced)
    assert spliced == [True, True]
    assert authored.labels["wei2"].parenthetical() == "Lovelace 2022"
    assert authored.resolver.resolve("Lovelace 2022").keys == ("wei2",)
    assert [authored.labels[f"wei{n}"].year for n in range(2)] == ["2022a", "2022c"]  # pinned: they keep them
    assert_same(authored, read_bibliography([wei], tmp_path))


def test_lines_added_move_the_entries_after_them(wei: Path, tmp_path: Path):
    load(wei, tmp_path, [])
    before = read_bibliography([wei], tmp_path)
    spliced: list[bool] = []
    edit(wei, "title = {Title 3},\n", "title = {Title 3},\n  note = {one},\n  howpublished = {two},\n")
    after = load(wei, tmp_path, spliced)
    assert spliced == [True]
    assert after.entries["other2"].location == before.entries["other2"].location
    assert after.entries["other4"].location.line == before.entries["other4"].location.line + 2
    assert after.entries["other3"].venue == "two"
    assert_same(after, read_bibliography([wei], tmp_path))


def test_added_and_removed_entries_are_filed_and_labelled(wei: Path, tmp_path: Path):
    load(wei, tmp_path, [])
    spliced: list[bool] = []
    edit(wei, "@article{other5,", entry_text("wei3", "Wei, Jason and Tay, Yi and Zhou, Denny", "Delta", "2022")
         + "@article{other5,")
    added = load(wei, tmp_path, spliced)
    assert added.labels["wei3"].year == "2022c"  # "Delta" sorts before "Gamma"
    assert added.resolver.resolve("Wei et al. 2022c").keys == ("wei3",)
    assert list(added.entries).index("wei3") == list(added.entries).index("other5") - 1
    assert_same(added, read_bibliography([wei], tmp_path))
    edit(wei, entry_text("wei0", "Wei, Jason and Tay, Yi and Zhou, Denny", "Beta", "2022"), "")
    removed = load(wei, tmp_path, spliced)
    assert spliced == [True, True]
    assert "wei0" not in removed.entries
    assert "wei0" not in removed.labels
    assert removed.resolver.resolve("wei0").keys == ()
    assert_same(removed, read_bibliography([wei], tmp_path))


@pytest.mark.parametrize("text", [
    "@string{jmlr = {JMLR}}\n\n",  # a macro: what follows may read it
    "@article{other7,\n  title = {Duplicate},\n}\n\n",  # a key another entry has
    "@article{bad,\n  title = {The \\weird{x} command},\n}\n\n",  # a problem, with its line
    "@article{kid,\n  title = {Part},\n  crossref = {other9},\n}\n\n",  # inherits from another entry
])
def test_what_reaches_beyond_its_entries_is_loaded_whole(wei: Path, tmp_path: Path, text: str):
    load(wei, tmp_path, [])
    spliced: list[bool] = []
    edit(wei, "@article{other3,", text + "@article{other3,")
    got = load(wei, tmp_path, spliced)
    assert spliced in ([], [False])
    assert_same(got, read_bibliography([wei], tmp_path))
    edit(wei, text, "")  # and back: the whole load's facts serve the next splice
    back = load(wei, tmp_path, spliced)
    assert_same(back, read_bibliography([wei], tmp_path))


def test_a_problem_after_a_splice_is_reported_at_its_line(wei: Path, tmp_path: Path):
    load(wei, tmp_path, [])
    edit(wei, "title = {Title 1},\n", "title = {Title 1},\n\n\n\n")
    load(wei, tmp_path, [])
    edit(wei, "title = {Title 8}", "title = {Title \\weird{8}}")
    got = load(wei, tmp_path, [])
    line = next(n for n, text in enumerate(wei.read_text().splitlines(), start=1) if "weird" in text)
    assert [problem.location.line for problem in got.problems] == [line]
    assert_same(got, read_bibliography([wei], tmp_path))


def test_changed_stretch_is_whole_units():
    old = "@a{x,\n t = {1},\n}\n\n@a{y,\n t = {2},\n}\n\n@a{z,\n t = {3},\n}\n"
    new = old.replace("{2}", "{22}")
    stretch = bibsplice.changed_stretch(0, old, new)
    assert new[stretch.start:stretch.new_end].startswith("@a{y,")
    assert old[stretch.start:stretch.old_end] == "@a{y,\n t = {2},\n}\n\n"
    assert new[stretch.new_end:] == old[stretch.old_end:] == "@a{z,\n t = {3},\n}\n"
    assert bibsplice.common_prefix("abcdef", "abcxef") == 3


def test_an_entry_added_where_there_was_none_is_spliced(tmp_path: Path):
    path = tmp_path / "refs.bib"
    path.write_text("% a bibliography\n\n", encoding="utf-8")
    load(path, tmp_path, [])
    spliced: list[bool] = []
    path.write_text("% a bibliography\n\n" + entry_text("graves2016", "Alex Graves", "ACT", "2016"), encoding="utf-8")
    got = load(path, tmp_path, spliced)
    assert spliced == [True]
    assert got.resolver.resolve("Graves 2016").keys == ("graves2016",)
    assert_same(got, read_bibliography([path], tmp_path))


def test_pinned_letters_of_groups_that_fold_alike_relabel_the_cached_bibliography(tmp_path: Path):
    """Works without a year and works of "n.d." print alike: the letters one group pins, the other avoids
    (so the shortcut that keeps the cached labels does not hold for them)."""
    path = tmp_path / "refs.bib"
    path.write_text("".join(entry_text(f"s{n}", "Ann Smith", title, year) for n, (title, year) in
                            enumerate([("A", ""), ("B", ""), ("C", "n.d."), ("D", "n.d.")])), encoding="utf-8")
    first = load(path, tmp_path, [])
    pin_new_letters([path], tmp_path, first.labels)
    cached = load(path, tmp_path, [])
    assert_same(cached, read_bibliography([path], tmp_path))
