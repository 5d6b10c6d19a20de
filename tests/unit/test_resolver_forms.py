"""The forms writers use for author-year citations, and what the resolver does with each."""

from __future__ import annotations

import pytest

from biblog.core.bib.labels import assign_labels
from biblog.core.bib.names import Fit, edit_distance, name_fit, surname_keys
from biblog.core.bib.resolver import Resolver, arxiv_year, describe_failure, parse_natural, split_targets


@pytest.fixture
def resolver(make_entry) -> Resolver:
    entries = {e.key: e for e in [
        make_entry("he2020momentum", ("He", "Fan", "Wu"), "2020", "Momentum Contrast for Unsupervised Visual "
                   "Representation Learning", authors=("Kaiming He", "Haoqi Fan", "Yuxin Wu"), arxiv="1911.05722"),
        make_entry("he2019rethinking", ("He", "Girshick", "Dollár"), "2019", "Rethinking ImageNet Pre-training",
                   authors=("Kaiming He", "Ross Girshick", "Piotr Dollár")),
        make_entry("li2020junnan", ("Li", "Zhou", "Xiong"), "2020", "Prototypical Contrastive Learning",
                   authors=("Junnan Li", "Pan Zhou", "Caiming Xiong")),
        make_entry("li2020yujia", ("Li", "Choi", "Chung"), "2020", "Competition-level code",
                   authors=("Yujia Li", "David Choi", "Junyoung Chung")),
        make_entry("ribeiro2016should", ("Ribeiro",), "2016", "Why Should I Trust You?", and_others=True,
                   authors=("Marco Tulio Ribeiro", "others")),
        make_entry("burda2018large", ("Burda", "Edwards", "Pathak"), "2018", "Large-Scale Study of Curiosity",
                   and_others=True, authors=("Yuri Burda", "Harri Edwards", "Deepak Pathak", "others")),
        make_entry("burda2019rnd", ("Burda",), "2019", "Exploration by Random Network Distillation",
                   and_others=True, authors=("Yuri Burda", "others"), arxiv="1810.12894"),
        make_entry("oord2016wavenet", ("van den Oord", "Dieleman", "Zen"), "2016", "WaveNet",
                   authors=("Aäron van den Oord", "Sander Dieleman", "Heiga Zen")),
        make_entry("muller2019", ("Müller", "Kornblith"), "2019", "When does label smoothing help?"),
        make_entry("openai2023gpt4", ("OpenAI",), "2023", "GPT-4 Technical Report"),
        make_entry("vaswani2017attention", ("Vaswani", "Shazeer", "Parmar"), "2017", "Attention Is All You Need"),
    ]}
    return Resolver(entries, assign_labels(entries.values()))


@pytest.mark.parametrize(("text", "key"), [
    ("He, et al. 2020", "he2020momentum"),
    ("Li, et al., 2020", None),
    ("Junnan Li et al. 2020", "li2020junnan"),
    ("J. Li et al. 2020", "li2020junnan"),
    ("Y. Li et al., 2020", "li2020yujia"),
    ("Yujia Li, et al. (2020)", "li2020yujia"),
    ("Ribeiro, Singh and Guestrin 2016", "ribeiro2016should"),
    ("Ribeiro, Singh, & Guestrin, 2016", "ribeiro2016should"),
    ("Burda, Edwards and Pathak et al. 2018", "burda2018large"),
    ("van den Oord et al. 2016", "oord2016wavenet"),
    ("Van Den Oord et al., 2016", "oord2016wavenet"),
    ("Oord et al. 2016", "oord2016wavenet"),
    ("Aaron van den Oord et al. 2016", "oord2016wavenet"),
    ("Muller and Kornblith 2019", "muller2019"),
    ("Mueller & Kornblith 2019", "muller2019"),
    ("Müller et al. 2019", "muller2019"),
    ("OpenAI 2023", "openai2023gpt4"),
    ("OpenAI, 2023", "openai2023gpt4"),
    ("(Vaswani et al., 2017)", "vaswani2017attention"),
    ("Vaswani et. al 2017", "vaswani2017attention"),
    ("Vaswani et al.'s (2017)", "vaswani2017attention"),
    ("Burda et al. 2019", "burda2019rnd"),
    ("see Vaswani et al. 2017", "vaswani2017attention"),
    ("e.g., Vaswani et al., 2017", "vaswani2017attention"),
])
def test_forms_in_the_wild(resolver, text, key):
    resolution = resolver.resolve(text)
    assert resolution.keys == ((key,) if key else ("li2020junnan", "li2020yujia"))


def test_a_given_name_that_contradicts_rules_the_work_out_and_is_suggested(resolver):
    resolution = resolver.resolve("Pan Li et al. 2020")
    assert resolution.keys == ()
    assert set(resolution.candidates) >= {"li2020junnan", "li2020yujia"}
    assert "other given names" in describe_failure(resolution, {})


def test_the_preprint_year_cites_a_work_and_is_ambiguous_when_another_fits(resolver):
    assert resolver.resolve("Burda et al. 2018").keys == ("burda2018large", "burda2019rnd")
    resolution = resolver.resolve("He et al. 2019")
    assert resolution.keys == ("he2019rethinking", "he2020momentum")
    message = describe_failure(resolution, {})
    assert "'He et al. 2020' for Momentum Contrast for Unsupervised" in message
    assert "'he2019rethinking' for Rethinking ImageNet Pre-training" in message


def test_failures_suggest_near_years_and_near_spellings(resolver):
    message = describe_failure(resolver.resolve("Vaswany et al. 2017"), {})
    assert "Attention Is All You Need (Vaswani et al. 2017, vaswani2017attention)" in message
    assert resolver.resolve("Vaswani et al. 2018").candidates == ("vaswani2017attention",)
    assert resolver.resolve("Vaswani et al. 2020").candidates == ()
    assert resolver.resolve("vasawni2017attention").candidates[0] == "vaswani2017attention"
    assert resolver.resolve("shulman2017proximal").candidates == ()


@pytest.mark.parametrize(("text", "targets"), [
    ("Wei et al. 2022, Ho and Salimans 2022", ["Wei et al. 2022", "Ho and Salimans 2022"]),
    ("Wei, et al. 2022; Ho 2022a, Graves 2016", ["Wei, et al. 2022", "Ho 2022a", "Graves 2016"]),
    ("Ribeiro, Singh and Guestrin 2016", ["Ribeiro, Singh and Guestrin 2016"]),
    ("Li et al. (2020), Ho (2022)", ["Li et al. (2020)", "Ho (2022)"]),
    ("Graves, 2016", ["Graves, 2016"]),
    ("graves2016, ho2022a", ["graves2016", "ho2022a"]),
])
def test_split_targets_between_natural_citations(text, targets):
    assert split_targets(text) == targets


def test_parse_keeps_the_written_names_in_order():
    parsed = parse_natural("Burda, Edwards and Pathak et al. (2018b)")
    assert parsed is not None
    assert (parsed.surnames, parsed.et_al, parsed.year, parsed.suffix) == (
        ("burda", "edwards", "pathak"), True, "2018", "b")


def test_names_and_distances():
    assert surname_keys("van den Oord") >= {"vandenoord", "oord"}
    assert "mueller" in surname_keys("Müller")
    assert name_fit("J.-B. Alayrac", "Alayrac", "Jean-Baptiste Alayrac") == Fit.FULL
    assert name_fit("Pan Li", "Li", "Junnan Li") == Fit.CONFLICT
    assert edit_distance("boiko", "bioko") == 1
    assert edit_distance("schulman", "shulman") == 1


def test_arxiv_year_from_eprint_links_and_old_ids(make_entry):
    assert arxiv_year(make_entry("a", arxiv="1911.05722")) == "2019"
    assert arxiv_year(make_entry("b", arxiv="hep-th/9901001")) == "1999"
    assert arxiv_year(make_entry("c", venue="arXiv preprint arXiv:2201.11903")) == "2022"
