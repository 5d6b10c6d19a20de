"""Titles with math as plain text and markup; slugs that transliterate accents."""

from __future__ import annotations

import pytest

from biblog.blog.tagpages import tag_slug
from biblog.blog.titles import title_markup, title_text
from biblog.cli.main import slugify


@pytest.mark.parametrize(("title", "text"), [
    ("Attention in $O(n^2)$ time", "Attention in O(n²) time"),
    (r"$\alpha$-divergences", "α-divergences"),
    (r"$x_{t+1} \mid x_t$", "x_(t+1) | x_t"),
    (r"$\mathcal{O}(n \log n)$ sorting", "O(n log n) sorting"),
    (r"Costs \$5", "Costs $5"),
    ("No math at all", "No math at all"),
])
def test_title_text(title: str, text: str) -> None:
    assert title_text(title) == text


def test_title_markup_escapes_text_and_marks_math() -> None:
    assert str(title_markup("<b> in $O(n^2)$")) == (
        '&lt;b&gt; in <span class="math notranslate nohighlight">\\(O(n^2)\\)</span>')


def test_slugs_transliterate_accents() -> None:
    assert slugify("Über $O(n^2)$ attention") == "uber-o-n-2-attention"
    assert slugify("???") == "post"
    assert len(slugify("word " * 40)) <= 60
    assert tag_slug("Über") == "uber"
    assert tag_slug("Machine Learning") == "machine-learning"
