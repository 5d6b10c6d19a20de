"""Cite-this-post: the one-line citation and a BibTeX entry that pybtex reads back."""

from __future__ import annotations

import datetime as dt

import pytest
from pybtex.database import parse_string

from biblog.core.citeself import authors_text, bibtex_escape, post_bibtex, post_citation, post_key
from biblog.core.model import Post


def make_post(title: str = "Why We Think", authors: tuple[str, ...] = ("Ada Lovelace",)) -> Post:
    return Post(
        docname="posts/2025-05-01-thinking",
        slug="thinking",
        title=title,
        date=dt.date(2025, 5, 1),
        authors=authors,
    )


def parsed(post: Post, site: str = "The Notebook", url: str = "https://example.org/posts/thinking/"):
    data = parse_string(post_bibtex(post, site, url), "bibtex")
    assert list(data.entries) == [post_key(post)]
    return data.entries[post_key(post)]


def test_post_bibtex_text():
    assert (
        post_bibtex(make_post(), "The Notebook", "https://example.org/posts/thinking/")
        == """\
@article{lovelace2025think,
  title = {Why We Think},
  author = {Ada Lovelace},
  journal = {The Notebook},
  year = {2025},
  month = may,
  url = {https://example.org/posts/thinking/},
}"""
    )


def test_post_bibtex_parses_back_with_pybtex():
    entry = parsed(make_post(authors=("Ada Lovelace", "Ann van der Berg")))
    assert entry.type == "article"
    assert dict(entry.fields) == {
        "title": "Why We Think",
        "journal": "The Notebook",
        "year": "2025",
        "month": "May",
        "url": "https://example.org/posts/thinking/",
    }
    assert [str(p) for p in entry.persons["author"]] == ["Lovelace, Ada", "van der Berg, Ann"]


def test_special_characters_are_escaped_and_parse_back():
    entry = parsed(make_post(title="100% of {tokens} & $cost$ #1 a_b ~x^2"), site="A & B")
    assert entry.fields["title"] == (
        r"100\% of \{tokens\} \& \$cost\$ \#1 a\_b \textasciitilde{}x\textasciicircum{}2"
    )
    assert entry.fields["journal"] == r"A \& B"


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("a lone } brace", r"a lone \textbraceright{} brace"),
        ("a lone { brace", r"a lone \textbraceleft{} brace"),
        ("}{ inverted", r"\textbraceright{}\textbraceleft{} inverted"),
    ],
)
def test_unbalanced_braces_still_parse_back(title, field):
    assert parsed(make_post(title=title)).fields["title"] == field


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain", "plain"),
        ("R&D 50%", r"R\&D 50\%"),
        ("{x}", r"\{x\}"),
        ("}", r"\textbraceright{}"),
        ("a~b^c", r"a\textasciitilde{}b\textasciicircum{}c"),
    ],
)
def test_bibtex_escape(text, escaped):
    assert bibtex_escape(text) == escaped


def test_post_without_authors_is_by_the_site():
    post = make_post(authors=())
    assert post_key(post) == "blog2025think"
    assert [str(p) for p in parsed(post, site="{The Notebook}").persons["author"]] == [r"\{The Notebook\}"]
    assert post_citation(post, "The Notebook", "https://x.org/") == (
        "The Notebook. (May 2025). \"Why We Think\". The Notebook. https://x.org/"
    )


@pytest.mark.parametrize(
    ("authors", "text"),
    [
        ((), ""),
        (("A",), "A"),
        (("A", "B"), "A and B"),
        (("A", "B", "C"), "A, B and C"),
    ],
)
def test_authors_text(authors, text):
    assert authors_text(make_post(authors=authors)) == text


def test_post_key_skips_short_words_and_folds_surname():
    assert post_key(make_post(title="On the RL of AI", authors=("Jo O'Neil-Smith",))) == "oneilsmith2025post"
    assert post_key(make_post(title="An ODE view", authors=("A B",))) == "b2025view"
