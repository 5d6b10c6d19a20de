"""The remembering stemmer gives the answers of the language it wraps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from sphinx.search.en import SearchEnglish

from biblog.blog.search import language_class, with_remembered_stems, words_for_the_index


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


class Indexer:
    """What ``words_for_the_index`` reads of Sphinx's ``IndexBuilder``: its language."""

    def __init__(self, lang) -> None:
        self.lang = lang


TEXTS = st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=8)


@given(TEXTS)
def test_the_index_gets_the_same_words_each_once(texts) -> None:
    lang = with_remembered_stems(SearchEnglish)({})
    fed = words_for_the_index(Indexer(lang), texts)
    whole = lang.split("\n".join(texts))
    assert set(lang.split(fed)) == set(whole)
    pieces = fed.split()
    assert len(pieces) == len(set(pieces))


def test_repeated_titles_are_fed_once() -> None:
    lang = SearchEnglish({})
    titles = ["Attention is all you need (2017)", "Attention, again: all you need?", "attention"]
    fed = words_for_the_index(Indexer(lang), titles)
    assert fed == "Attention is all you need (2017) Attention, again: need? attention"


def test_a_language_that_segments_by_context_gets_the_text_whole() -> None:
    from sphinx.search.zh import SearchChinese

    titles = ["注意力 机制", "注意力 机制"]
    assert words_for_the_index(Indexer(SearchChinese({})), titles) == "注意力 机制\n注意力 机制"
