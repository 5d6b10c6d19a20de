"""The remembering stemmer gives the answers of the language it wraps."""

from __future__ import annotations

from sphinx.search.en import SearchEnglish

from biblog.blog.search import language_class, with_remembered_stems


def test_same_stems_as_the_wrapped_language_and_remembered() -> None:
    plain, remembering = SearchEnglish({}), with_remembered_stems(SearchEnglish)({})
    words = ["diffusion", "models", "Modelling", "reasoning", "reasons", "attention", "attentive", "ran"]
    assert [remembering.stem(w) for w in words] == [plain.stem(w) for w in words]
    assert remembering.stems == {w: plain.stem(w) for w in words}


def test_wrapping_twice_is_wrapping_once() -> None:
    once = with_remembered_stems(SearchEnglish)
    assert with_remembered_stems(once) is once
    assert issubclass(once, SearchEnglish)
    assert once.lang == "en"


def test_language_lookup_follows_sphinx() -> None:
    assert language_class("fr").__name__.endswith("SearchFrench")
    assert language_class("pt_BR").__name__.endswith("SearchPortuguese")
    assert language_class("xx") is None
