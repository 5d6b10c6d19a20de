"""Resolving what authors write in citation roles: keys and natural text."""

from __future__ import annotations

import pytest

from biblog.core.bib.labels import assign_labels
from biblog.core.bib.resolver import (
    NaturalCitation,
    Resolution,
    Resolver,
    describe_failure,
    parse_natural,
    split_targets,
)
from biblog.core.model import Entry, Label


def fixture_entries(make_entry) -> dict[str, Entry]:
    return {
        e.key: e
        for e in [
            make_entry("graves2016adaptive", ("Graves",), "2016", "Adaptive Computation Time"),
            make_entry("ho2022classifier", ("Ho", "Salimans"), "2022", "Classifier-Free Diffusion Guidance"),
            make_entry("ho2022video", ("Ho", "Salimans"), "2022", "Video Diffusion Models", and_others=True),
            make_entry("wei2022chain", ("Wei", "Wang", "Schuurmans"), "2022", "Chain-of-Thought Prompting"),
            make_entry("wang2023self", ("Wang", "Wei", "Schuurmans"), "2023", "Self-Consistency"),
            make_entry("wang2023voyager", ("Wang", "Xie", "Jiang"), "2023", "Voyager"),
            make_entry(
                "vandermaaten2008", ("van der Maaten", "Hinton"), "2008", "Visualizing Data using t-SNE"
            ),
            make_entry("muller2020", ("Müller",), "2020", "Über"),
            make_entry("autogpt", (), "", "AutoGPT"),
        ]
    }


@pytest.fixture
def entries(make_entry) -> dict[str, Entry]:
    return fixture_entries(make_entry)


@pytest.fixture
def labels(entries) -> dict[str, Label]:
    return assign_labels(entries.values())


@pytest.fixture
def resolver(entries, labels) -> Resolver:
    return Resolver(entries, labels)


def test_labels_of_the_fixture(labels):
    assert labels["wang2023self"].parenthetical() == "Wang et al. 2023a"
    assert labels["wang2023voyager"].parenthetical() == "Wang et al. 2023b"
    assert labels["autogpt"].parenthetical() == "AutoGPT n.d."


@pytest.mark.parametrize("target", ["wei2022chain", "Wei2022Chain", "  WEI2022CHAIN "])
def test_key_lookup_ignores_case(resolver, target):
    resolution = resolver.resolve(target)
    assert resolution.keys == ("wei2022chain",)
    assert resolution.ok


@pytest.mark.parametrize(
    ("target", "key"),
    [
        ("Graves 2016", "graves2016adaptive"),
        ("Graves (2016)", "graves2016adaptive"),
        ("Graves, 2016", "graves2016adaptive"),
        ("Ho and Salimans 2022", "ho2022classifier"),
        ("Ho & Salimans 2022", "ho2022classifier"),
        ("Ho et al. 2022", "ho2022video"),
        ("Wei et al. 2022", "wei2022chain"),
        ("Wei et al., 2022", "wei2022chain"),
        ("wei  et al 2022", "wei2022chain"),
        ("Wang et al. 2023b", "wang2023voyager"),
        ("Wang et al. 2023a", "wang2023self"),
        ("van der Maaten and Hinton 2008", "vandermaaten2008"),
        ("Maaten and Hinton 2008", "vandermaaten2008"),
        ("Muller 2020", "muller2020"),
        ("AutoGPT n.d.", "autogpt"),
    ],
)
def test_natural_text_resolves_to_one_key(resolver, target, key):
    assert resolver.resolve(target) == Resolution(target, (key,), (key,))


def test_natural_text_with_no_match(resolver, labels):
    resolution = resolver.resolve("Smith 2020")
    assert resolution == Resolution("Smith 2020", (), ())
    assert describe_failure(resolution, labels) == (
        "unknown citation 'Smith 2020': no entry by Smith from 2020; "
        "add it to the bibliography or fix the spelling"
    )


def test_et_al_for_a_single_author_still_resolves_a_unique_match(resolver):
    assert resolver.resolve("Graves et al. 2016").keys == ("graves2016adaptive",)


def test_natural_text_matching_two_entries_is_ambiguous(resolver, labels):
    resolution = resolver.resolve("Wang et al. 2023")
    assert resolution.keys == ("wang2023self", "wang2023voyager")
    assert resolution.candidates == ("wang2023self", "wang2023voyager")
    assert describe_failure(resolution, labels) == (
        "ambiguous citation 'Wang et al. 2023': it fits 2 entries; write "
        "'Wang et al. 2023a' for Self-Consistency (Wang et al. 2023a, wang2023self); "
        "'Wang et al. 2023b' for Voyager (Wang et al. 2023b, wang2023voyager)"
    )


def test_a_name_count_that_fits_neither_work_is_ambiguous(resolver):
    resolution = resolver.resolve("Ho 2022")
    assert resolution.keys == ("ho2022classifier", "ho2022video")
    assert [h.pick for h in resolution.hints] == ["Ho and Salimans 2022", "Ho et al. 2022"]


def test_wrong_suffix_does_not_resolve(resolver):
    resolution = resolver.resolve("Wang et al. 2023c")
    assert resolution.keys == ()
    assert resolution.candidates == ("wang2023self", "wang2023voyager")


def test_misspelt_key_suggests_close_keys(resolver, labels):
    resolution = resolver.resolve("wei2022chian")
    assert resolution == Resolution("wei2022chian", (), ("wei2022chain",))
    assert describe_failure(resolution, labels) == (
        "unknown citation 'wei2022chian'; did you mean Chain-of-Thought Prompting "
        "(Wei et al. 2022, wei2022chain): write 'Wei et al. 2022'?"
    )


def test_unknown_key_without_suggestion(resolver, labels):
    resolution = resolver.resolve("zzz")
    assert resolution == Resolution("zzz", (), ())
    assert describe_failure(resolution, labels) == (
        "unknown citation 'zzz': no entry has this key or author and year; "
        "add it to the bibliography or fix the spelling"
    )


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("a, b", ["a", "b"]),
        ("a,b ,c", ["a", "b", "c"]),
        ("graves2016, ho2022", ["graves2016", "ho2022"]),
        ("smith2020a,smith2020b", ["smith2020a", "smith2020b"]),
        ("Graves 2016; Ling et al. 2017", ["Graves 2016", "Ling et al. 2017"]),
        ("Wei et al., 2022", ["Wei et al., 2022"]),
        ("Wei et al., 2022; graves2016, ho2022", ["Wei et al., 2022", "graves2016", "ho2022"]),
        ("Ho and Salimans 2022", ["Ho and Salimans 2022"]),
        ("a;; b;", ["a", "b"]),
        ("wei2022chain", ["wei2022chain"]),
    ],
)
def test_split_targets(text, targets):
    assert split_targets(text) == targets


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("Wei et al. 2022", NaturalCitation(("wei",), True, "2022", "")),
        ("Ho & Salimans (2022b)", NaturalCitation(("ho", "salimans"), False, "2022", "b")),
        ("Müller, 2020", NaturalCitation(("muller",), False, "2020", "")),
        ("Smith n.d.a", NaturalCitation(("smith",), False, "n.d.", "a")),
        ("no year here", None),
    ],
)
def test_parse_natural(text, parsed):
    assert parse_natural(text) == parsed


def test_a_repeated_target_is_resolved_once_and_the_memo_is_not_pickled(resolver):
    import pickle

    first = resolver.resolve("Wei et al. 2022")
    assert resolver.resolve(" Wei et al. 2022 ") is first  # the memo, keyed by the stripped text
    resolver.resolve("wei2022chain")
    assert "wei2022chain" not in resolver.resolved  # keys are looked up, not remembered
    assert resolver.resolve("Smith 2020") is resolver.resolve("Smith 2020")  # failures too
    loaded = pickle.loads(pickle.dumps(resolver))
    assert loaded.resolved == {}
    assert loaded.resolve("Wei et al. 2022") == first
