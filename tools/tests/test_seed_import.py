"""Seed facts -> BibTeX: keys, persons, entry types and merged duplicates."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from tools.seed_import import (
    Work,
    clean_venue,
    collect_works,
    format_work,
    normalise_record,
    site_name,
    split_authors,
    unique_key,
    works_to_bibtex,
)

LING = {
    "authors": "Wang Ling, et al",
    "title": "Program Induction by Rationale Generation: Learning to Solve "
    "and Explain Algebraic Word Problems",
    "venue": "arXiv",
    "year": 2017,
    "url": "https://arxiv.org/abs/1705.04146",
    "arxiv": "1705.04146",
    "doi": None,
    "kind": "paper",
}
HEREL = {
    "authors": "Herel & Mikolov",
    "title": "Thinking Tokens for Language Modeling",
    "venue": "AITP",
    "year": 2023,
    "url": "https://arxiv.org/abs/2405.08644",
    "arxiv": "2405.08644",
    "doi": None,
    "kind": "paper",
}
HO = {
    "authors": "Jonathan Ho & Tim Salimans",
    "title": "Classifier-Free Diffusion Guidance",
    "venue": "NeurIPS Workshop on Deep Generative Models and Downstream Applications",
    "year": 2021,
    "url": "https://arxiv.org/abs/2207.12598",
    "arxiv": "2207.12598",
    "doi": None,
    "kind": "paper",
}
CHILD = {
    "authors": "Rewon Child, et al",
    "title": "Generating Long Sequences with Sparse Transformers",
    "venue": "arXiv:.10509",
    "year": 2019,
    "url": "https://arxiv.org/abs/1904.10509",
    "arxiv": "1904.10509",
    "doi": None,
    "kind": "paper",
}
OPENAI = {
    "authors": "OpenAI",
    "title": "Learning to reason with LLMs",
    "venue": "Sep 12",
    "year": 2024,
    "url": "https://openai.com/index/learning-to-reason-with-llms/",
    "kind": "web",
}
HO_VIDEO = {
    "authors": "Ho & Salimans, et al",
    "title": "Video Diffusion Models",
    "venue": None,
    "year": 2022,
    "url": "https://arxiv.org/abs/2204.03458",
    "arxiv": "2204.03458",
    "doi": None,
    "kind": "paper",
}


def works_by_key(*posts: tuple[str, list[dict]]) -> dict[str, Work]:
    works = collect_works([{"slug": slug, "references": refs} for slug, refs in posts])
    return {w.key: w for w in works}


@pytest.mark.parametrize(
    ("raw", "names", "others"),
    [
        ("Wang Ling, et al", ["Wang Ling"], True),
        ("Herel & Mikolov", ["Herel", "Mikolov"], False),
        ("Jonathan Ho & Tim Salimans", ["Jonathan Ho", "Tim Salimans"], False),
        ("Ho & Salimans, et al", ["Ho", "Salimans"], True),
        (
            "Yuri Burda, Harri Edwards & Deepak Pathak, et al",
            ["Yuri Burda", "Harri Edwards", "Deepak Pathak"],
            True,
        ),
        ("Trivedi et al", ["Trivedi"], True),
        ("Ann Lee and Bo Chen 2020", ["Ann Lee", "Bo Chen"], False),
        (None, [], False),
        ("", [], False),
    ],
)
def test_split_authors(raw, names, others):
    assert split_authors(raw) == (names, others)


def test_keys_persons_and_types():
    works = works_by_key(("thinking", [LING, HEREL, HO, CHILD, OPENAI, HO_VIDEO]))
    assert [(k, w.entry_type, w.persons) for k, w in works.items()] == [
        ("ling2017program", "article", ["Wang Ling", "others"]),
        ("herel2023thinking", "inproceedings", ["Herel", "Mikolov"]),
        ("ho2021classifier", "inproceedings", ["Jonathan Ho", "Tim Salimans"]),
        ("child2019generating", "article", ["Rewon Child", "others"]),
        ("openai2024learning", "misc", ["{OpenAI}"]),
        ("ho2022video", "article", ["Ho", "Salimans", "others"]),
    ]
    assert works["ling2017program"].fields == {
        "title": "Program Induction by Rationale Generation: "
        "Learning to Solve and Explain Algebraic Word Problems",
        "year": "2017",
        "journal": "arXiv preprint",
        "eprint": "1705.04146",
        "archiveprefix": "arXiv",
        "url": "https://arxiv.org/abs/1705.04146",
    }
    assert works["herel2023thinking"].fields["booktitle"] == "AITP"
    assert works["ho2021classifier"].fields["booktitle"] == (
        "NeurIPS Workshop on Deep Generative Models and Downstream Applications"
    )
    assert works["child2019generating"].fields["journal"] == "arXiv preprint"
    assert works["openai2024learning"].fields == {
        "title": "Learning to reason with LLMs",
        "year": "2024",
        "howpublished": "openai.com",
        "url": "https://openai.com/index/learning-to-reason-with-llms/",
    }


def test_duplicates_by_arxiv_id_are_merged():
    variant = dict(
        CHILD, authors="Child et al.", title="Sparse Transformers", venue="arXiv preprint arXiv:1904.10509"
    )
    works = works_by_key(("transformer-family", [CHILD]), ("transformer-family-v2", [variant, CHILD]))
    assert list(works) == ["child2019generating"]
    work = works["child2019generating"]
    assert work.cited_by == ["transformer-family", "transformer-family-v2"]
    assert work.fields["title"] == "Generating Long Sequences with Sparse Transformers"


def test_same_stem_gets_more_title_words():
    other = dict(
        HO, title="Classifier Guidance Revisited", arxiv="2300.00001", url="https://arxiv.org/abs/2300.00001"
    )
    assert list(works_by_key(("p", [HO, other]))) == ["ho2021classifier", "ho2021classifierguidance"]


def test_year_from_arxiv_id_when_missing():
    record = dict(HEREL, year=None)
    assert list(works_by_key(("p", [record]))) == ["herel2024thinking"]


def test_unique_key():
    assert unique_key("ho2022", [], set()) == "ho2022"
    assert unique_key("ho2022", ["video"], {"ho2022video"}) == "ho20222"
    assert unique_key("ho2022", [], {"ho2022", "ho20222"}) == "ho20223"


@pytest.mark.parametrize(
    ("venue", "cleaned"),
    [
        ("arXiv:.10509", None),
        ("arXiv preprint arXiv:2201.11903", None),
        ("Sep 12", None),
        ("arXiv", None),
        ("NeuriPS 2022", "NeurIPS 2022"),
        ("ICRL", "ICLR"),
        ("OpenAI Blog", "OpenAI Blog"),
        ("Nature, Oct", "Nature"),
        (None, None),
    ],
)
def test_clean_venue(venue, cleaned):
    assert clean_venue(venue) == cleaned


def test_site_name():
    assert site_name("https://rajatvd.github.io/NTK/") == "rajatvd"
    assert site_name("https://www.lesswrong.com/x") == "lesswrong"
    assert site_name(None) == "web"


def test_bibtex_output_parses_back():
    works = list(works_by_key(("thinking", [LING, HEREL, OPENAI, HO_VIDEO])).values())
    text = works_to_bibtex(works)
    data = parse_string(text, "bibtex")
    assert list(data.entries) == ["ling2017program", "herel2023thinking", "openai2024learning", "ho2022video"]
    assert [str(p) for p in data.entries["ling2017program"].persons["author"]] == ["Ling, Wang", "others"]
    assert [str(p) for p in data.entries["openai2024learning"].persons["author"]] == ["{OpenAI}"]
    assert data.entries["herel2023thinking"].fields["eprint"] == "2405.08644"


def test_format_work_escapes_percent_and_ampersand():
    work = Work("k2020", "misc", {"title": "R&D at 100% {speed}", "url": "https://x.org/a%20b"}, ["A B"])
    assert format_work(work) == (
        "@misc{k2020,\n  author = {A B},\n  title = {R\\&D at 100\\% speed},\n  url = {https://x.org/a%20b},\n}"
    )


@pytest.mark.parametrize(
    ("year", "arxiv", "expected"),
    [(2009, "2009.06367", 2020), (1904, "1904.04762", 2019), (2006, "2006.16823", 2020),
     (None, "2201.03544", 2022), (2021, "2012.11635", 2021)],
)
def test_years_that_contradict_the_arxiv_id_are_taken_from_it(year, arxiv, expected) -> None:
    record = {"authors": "Ben Krause, et al", "title": "A title", "venue": "arXiv", "year": year,
              "url": f"https://arxiv.org/abs/{arxiv}", "arxiv": arxiv, "doi": None, "kind": "paper"}
    assert normalise_record(record)["year"] == expected


def test_verified_corrections_replace_wrong_facts() -> None:
    record = {"authors": "Anthropic", "title": "Red Teaming Language Models to Reduce Harms", "venue": None,
              "year": 2022, "url": "https://arxiv.org/abs/2202.03286", "arxiv": "2202.03286", "doi": None,
              "kind": "paper"}
    fixed = normalise_record(record)
    assert fixed["title"] == "Red Teaming Language Models with Language Models"
    assert fixed["authors"] == "Ethan Perez, et al"
    assert fixed["venue"] == "EMNLP"


def test_et_al_glued_to_the_surname_is_split() -> None:
    assert split_authors("Ebrahimiet al") == (["Ebrahimi"], True)
