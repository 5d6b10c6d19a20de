"""Malformed citation roles are located errors, never plain text or an empty "( )"."""

from __future__ import annotations

import pytest

from cite_helpers import page, warning_lines

POST = "posts/2024-01-01-typos"


@pytest.mark.sphinx("dirhtml", testroot="cite-syntax")
def test_malformed_roles_are_located_errors(app) -> None:
    app.build()
    problems = [line.split("/posts/", 1)[1] for line in warning_lines(app) if "/posts/" in line]
    # The roles report empty targets while the page is parsed, the transform the rest afterwards.
    assert sorted(problems, key=lambda line: int(line.split(":")[1])) == [
        "2024-01-01-typos.md:8: WARNING: malformed citation: '{cite:p}`Graves 2016 here.' has no closing "
        "backtick; write {cite:p}`target` [biblog.cite]",
        "2024-01-01-typos.md:10: WARNING: malformed citation: '{cite:p} `Graves 2016`' has a space before "
        "the backtick, so it is plain text and code; write {cite:p}`Graves 2016` [biblog.cite]",
        "2024-01-01-typos.md:12: WARNING: empty citation '{cite:p}` `': write a key or 'Surname et al. YEAR' "
        "between the backticks [biblog.cite]",
        "2024-01-01-typos.md:14: WARNING: empty citation '{cite:t}` `': write a key or 'Surname et al. YEAR' "
        "between the backticks [biblog.cite]",
        "2024-01-01-typos.md:14: WARNING: empty citation '{cite:p}`;`': write a key or 'Surname et al. YEAR' "
        "between the backticks [biblog.cite]",
        "2024-01-01-typos.md:16: WARNING: malformed citation: '{cite:p}' has no target; write {cite:p}`key` "
        "or {cite:p}`Surname et al. YEAR` [biblog.cite]",
        # Sphinx's "no link" mark: sphinxcontrib-bibtex's own role fails on it with a KeyError.
        "2024-01-01-typos.md:24: WARNING: a citation cannot be unlinked: remove the '!' from "
        "'{cite:p}`!Graves 2016`' [biblog.cite]",
    ]
    article = page(app, POST)
    assert [span.get_text() for span in article.select(".biblog-citation")] == ["(Graves 2016)", "Graves 2016"]
    assert article.select_one(".biblog-cite-unresolved").get_text() == "Graves 2016"
    assert "( )" not in article.get_text()
