"""The site's search language, with a stemmer that remembers its answers for the whole build.

Sphinx memoises stemming per page only, so the same few thousand words of a
blog are stemmed again for every post. Stemming is most of the cost of
building the search index, which Sphinx does in the main process even in a
parallel build. The subclass is registered with ``app.add_search_language``,
Sphinx's own way to supply a search language; the index it builds is the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from itertools import chain
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.search import SearchLanguage


def language_class(lang: str) -> type[SearchLanguage] | None:
    """The class Sphinx would index ``lang`` with (the same lookup as its ``IndexBuilder``)."""
    from sphinx.search import languages

    found = languages.get(lang)
    if found is None and "_" in lang:
        found = languages.get(lang.partition("_")[0])
    if isinstance(found, str):
        module, name = found.rsplit(".", 1)
        found = getattr(import_module(module), name)
    return found


def with_remembered_stems(base: type[SearchLanguage]) -> type[SearchLanguage]:
    if getattr(base, "remembers_stems", False):
        return base

    class RememberedStems(base):  # type: ignore[valid-type,misc]
        remembers_stems = True

        def __init__(self, options: dict[str, str]) -> None:
            super().__init__(options)
            self.stems: dict[str, str] = {}

        def stem(self, word: str) -> str:
            stemmed = self.stems.get(word)
            if stemmed is None:
                stemmed = self.stems[word] = super().stem(word)
            return stemmed

    RememberedStems.__name__ = RememberedStems.__qualname__ = f"RememberedStems{base.__name__}"
    return RememberedStems


def words_for_the_index(indexer: Any, texts: Iterable[str]) -> str:
    """TEXTS for a ``search_text`` node: each word once, where the index is the same for it.

    Sphinx's index records which pages hold a word, not how often, and indexing
    the references page's every word cost up to half a second each time the page
    was written. Sphinx's own splitter finds words within spaces, so the distinct
    space-separated pieces give it the same words: 279,000 words become 1,546
    pieces in the benchmark's archive (15,658 works, a small made-up vocabulary),
    and about 2.5 times fewer in a real bibliography (IRIDIA's). A language that
    segments text by context (Japanese, Chinese) gets the text whole.
    """
    if not splits_within_spaces(getattr(indexer, "lang", None)):
        return "\n".join(texts)
    return " ".join(dict.fromkeys(chain.from_iterable(text.split() for text in texts)))


def splits_within_spaces(lang: Any) -> bool:
    """The language splits words as Sphinx's own splitter does (``\\w+``): no word spans a space."""
    from sphinx.search import SearchLanguage

    return (isinstance(lang, SearchLanguage) and type(lang).split is SearchLanguage.split
            and getattr(lang._word_re, "pattern", None) == r"\w+")


def register_search_language(app: Sphinx, config: Config) -> None:
    base = language_class(config.html_search_language or config.language or "en")
    if base is not None:
        app.add_search_language(with_remembered_stems(base))


def setup_search(app: Sphinx) -> None:
    app.connect("config-inited", register_search_language)
