"""Author-year labels: names, a/b/c suffixes, missing years, anonymous works."""

from __future__ import annotations

import itertools

import pytest

from biblog.core.bib.labels import assign_labels, label_names, short_title, sort_key, suffix
from biblog.core.model import Label


def test_one_author(make_entry):
    labels = assign_labels([make_entry("graves2016", ("Graves",), "2016")])
    assert labels == {"graves2016": Label("Graves", "2016")}
    assert labels["graves2016"].parenthetical() == "Graves 2016"
    assert labels["graves2016"].textual() == "Graves (2016)"


def test_two_authors(make_entry):
    labels = assign_labels([make_entry("ho2022", ("Ho", "Salimans"), "2022")])
    assert labels["ho2022"].parenthetical() == "Ho and Salimans 2022"


def test_three_authors_are_et_al(make_entry):
    labels = assign_labels([make_entry("wei2022", ("Wei", "Wang", "Schuurmans"), "2022")])
    assert labels["wei2022"].parenthetical() == "Wei et al. 2022"


def test_and_others_is_et_al_even_with_one_named_author(make_entry):
    entry = make_entry("ling2017", ("Ling",), "2017", and_others=True)
    assert label_names(entry) == "Ling et al."
    two = make_entry("ho2022video", ("Ho", "Salimans"), "2022", and_others=True)
    assert label_names(two) == "Ho et al."


def test_surname_with_particle_is_kept_whole(make_entry):
    entry = make_entry("vandermaaten2008", ("van der Maaten", "Hinton"), "2008")
    assert assign_labels([entry])["vandermaaten2008"].parenthetical() == "van der Maaten and Hinton 2008"


WEI_2022 = [
    ("wei2022finetuned", "Finetuned Language Models Are Zero-Shot Learners"),
    ("wei2022chain", "Chain-of-Thought Prompting Elicits Reasoning"),
    ("wei2022emergent", "Emergent Abilities of Large Language Models"),
]


def wei_entries(make_entry, order):
    return [make_entry(key, ("Wei", "Tay", "Bommasani"), "2022", title) for key, title in order]


def test_works_printing_alike_get_letters_in_title_order(make_entry):
    labels = assign_labels(wei_entries(make_entry, WEI_2022))
    assert {k: v.parenthetical() for k, v in labels.items()} == {
        "wei2022chain": "Wei et al. 2022a",
        "wei2022emergent": "Wei et al. 2022b",
        "wei2022finetuned": "Wei et al. 2022c",
    }


@pytest.mark.parametrize("order", list(itertools.permutations(WEI_2022)))
def test_letters_do_not_depend_on_input_order(make_entry, order):
    labels = assign_labels(wei_entries(make_entry, order))
    assert [labels[k].year for k in ("wei2022chain", "wei2022emergent", "wei2022finetuned")] == [
        "2022a",
        "2022b",
        "2022c",
    ]


def test_letters_follow_titles_not_keys(make_entry):
    entries = [
        make_entry("a2020", ("Smith",), "2020", "Zebra"),
        make_entry("z2020", ("Smith",), "2020", "Aardvark"),
    ]
    labels = assign_labels(entries)
    assert labels["z2020"].year == "2020a"
    assert labels["a2020"].year == "2020b"


def test_letters_compare_names_ignoring_accents_and_case(make_entry):
    entries = [make_entry("m1", ("Müller",), "2020", "One"), make_entry("m2", ("Muller",), "2020", "Two")]
    labels = assign_labels(entries)
    assert (labels["m1"], labels["m2"]) == (Label("Müller", "2020a"), Label("Muller", "2020b"))


def test_same_first_author_but_different_print_gets_no_letter(make_entry):
    entries = [
        make_entry("wei2022solo", ("Wei",), "2022", "Solo"),
        make_entry("wei2022pair", ("Wei", "Zhou"), "2022", "Pair"),
        make_entry("wei2022many", ("Wei", "Zhou", "Le"), "2022", "Many"),
        make_entry("wei2023", ("Wei", "Zhou", "Le"), "2023", "Later"),
    ]
    labels = assign_labels(entries)
    assert [labels[k].parenthetical() for k in ("wei2022solo", "wei2022pair", "wei2022many", "wei2023")] == [
        "Wei 2022",
        "Wei and Zhou 2022",
        "Wei et al. 2022",
        "Wei et al. 2023",
    ]


def test_entry_without_year_is_no_date(make_entry):
    labels = assign_labels([make_entry("smith", ("Smith",), "")])
    assert labels["smith"] == Label("Smith", "n.d.")
    assert labels["smith"].parenthetical() == "Smith n.d."


def test_entries_without_year_printing_alike_get_letters(make_entry):
    labels = assign_labels(
        [make_entry("s1", ("Smith",), "", "Beta"), make_entry("s2", ("Smith",), "", "Alpha")]
    )
    assert (labels["s2"].year, labels["s1"].year) == ("n.d.a", "n.d.b")


def test_works_without_a_year_and_works_of_no_date_are_told_apart(make_entry):
    """No year prints "n.d." as "n.d." does: the two are lettered together, each keeping its spelling."""
    labels = assign_labels([make_entry("s1", ("Smith",), "", "Beta"), make_entry("s2", ("Smith",), "n.d.", "Alpha"),
                            make_entry("f1", ("Smith",), "Forthcoming", "Gamma"),
                            make_entry("f2", ("Smith",), "forthcoming", "Delta")])
    assert [labels[k].parenthetical() for k in ("s2", "s1", "f2", "f1")] == [
        "Smith n.d.a", "Smith n.d.b", "Smith forthcominga", "Smith Forthcomingb"]


def test_anonymous_work_is_labelled_by_short_title(make_entry):
    labels = assign_labels([make_entry("autogpt", (), "2023", "AutoGPT")])
    assert labels["autogpt"] == Label("AutoGPT", "2023")


def test_short_title_stops_at_colon_and_after_six_words(make_entry):
    assert (
        short_title(make_entry("k", (), title="Occam's razor: a principle of parsimony")) == "Occam's razor"
    )
    long_title = "One Two Three Four Five Six Seven Eight"
    assert short_title(make_entry("k", (), title=long_title)) == "One Two Three Four Five Six…"
    six = "One Two Three Four Five Six"
    assert short_title(make_entry("k", (), title=six)) == six


def test_short_title_falls_back_to_venue_then_key(make_entry):
    assert short_title(make_entry("k", (), title=": subtitle only", venue="Wikipedia")) == "Wikipedia"
    assert short_title(make_entry("somekey", (), title=":", venue="")) == "somekey"


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab"), (51, "az"), (52, "ba")]
)
def test_suffix(index, letters):
    assert suffix(index) == letters


def test_sort_key_orders_by_author_then_year_letter(make_entry):
    entries = [
        *wei_entries(make_entry, WEI_2022),
        make_entry("ho2022", ("Ho", "Salimans"), "2022", "CFG"),
        make_entry("anon", (), "", "Zeta project"),
    ]
    labels = assign_labels(entries)
    ordered = sorted(entries, key=lambda e: sort_key(e, labels))
    assert [e.key for e in ordered] == [
        "ho2022",
        "wei2022chain",
        "wei2022emergent",
        "wei2022finetuned",
        "anon",
    ]
    assert sort_key(entries[-1], labels) == ("zeta project", "n.d.", "zeta project")


def test_pinned_letters_stay_and_new_works_take_free_letters(make_entry):
    old = [make_entry("plan", ("Wang",), "2023", "Plan-and-Solve", and_others=True),
           make_entry("self", ("Wang",), "2023", "Self-Consistency", and_others=True)]
    pins = {"plan": "Wang et al. 2023a", "self": "Wang et al. 2023b", "gone": "Wang et al. 2023c"}
    new = make_entry("math", ("Wang",), "2023", "Math-Shepherd", and_others=True)
    labels = assign_labels([*old, new], pins)
    assert [labels[k].year for k in ("plan", "self", "math")] == ["2023a", "2023b", "2023d"]
    assert assign_labels([*old, new])["math"].year == "2023a"  # what the pins prevent


def test_a_pin_whose_names_no_longer_fit_is_ignored(make_entry):
    entries = [make_entry("x", ("Li",), "2020", "B"), make_entry("y", ("Li",), "2020", "A")]
    labels = assign_labels(entries, {"x": "Li et al. 2020a"})
    assert (labels["y"].year, labels["x"].year) == ("2020a", "2020b")


def test_the_letters_file_belongs_to_the_project_not_to_a_shared_bib(tmp_path):
    from biblog.core.bib.letters import letters_path, pin_new_letters, read_pins

    shared = tmp_path / "shared" / "lab.bib"
    project = tmp_path / "blog"
    project.mkdir()
    assert letters_path([shared], project) == project / "lab.letters"
    labels = {"a": Label("Li et al.", "2020a"), "b": Label("Li et al.", "2020b"), "c": Label("Ho", "2021")}
    assert pin_new_letters([shared], project, labels) == 2
    assert read_pins(project / "lab.letters") == {"a": "Li et al. 2020a", "b": "Li et al. 2020b"}
    assert pin_new_letters([shared], project, labels) == 0
    assert not (tmp_path / "shared").exists()
