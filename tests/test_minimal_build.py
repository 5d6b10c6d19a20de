"""A smoke test of the whole extension on the smallest blog: builds with no warning."""

from __future__ import annotations

import pytest

from sitehelpers import article, html_of, warnings_of


@pytest.mark.sphinx("dirhtml", testroot="minimal")
def test_minimal_blog_builds_without_warnings(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    first = article(html_of(app, "posts/2024-01-10-first"))
    citations = [c.get_text() for c in first.select(".biblog-citation")]
    assert citations[:3] == ["(Graves 2016)", "Wei et al. (2022)", "(Ho and Salimans 2022; Wei et al. 2022)"]
    entries = [li["id"] for li in first.select(".biblog-reference-list > li")]
    assert entries == ["ref-graves2016adaptive", "ref-ho2022classifier", "ref-wei2022chain"]
