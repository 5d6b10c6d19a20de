"""Reference entries and citations as HTML strings: escaped, math marked up, memoized."""

from __future__ import annotations

from dataclasses import replace

from biblog.citations.references import tooltip
from biblog.citations.refhtml import entry_body_html, title_html
from biblog.core.bib.bibliography import Bibliography
from biblog.core.bib.labels import assign_labels
from biblog.core.model import Link


def bibliography_of(*entries) -> Bibliography:
    return Bibliography({e.key: e for e in entries}, (), "digest", assign_labels(entries))


def test_title_and_venue_math_is_marked_up_for_mathjax_and_text_is_escaped(make_entry) -> None:
    entry = make_entry("k2019", ("Knuth",), year="2019", title="On $k<n$ & <b>bold</b> claims",
                       venue="Proc. of the $k$-Server Workshop")
    link, _why = Link.make("arXiv", "https://arxiv.org/abs/1901.00001")
    entry = replace(entry, links=(link,))
    html = entry_body_html(bibliography_of(entry), entry, "Donald Knuth")
    assert ('<span class="biblog-title">On <span class="math notranslate nohighlight">\\(k&lt;n\\)</span>'
            " &amp; &lt;b&gt;bold&lt;/b&gt; claims</span>") in html
    assert ('<em class="biblog-venue">Proc. of the '
            '<span class="math notranslate nohighlight">\\(k\\)</span>-Server') in html
    assert '<a class="biblog-link reference external" href="https://arxiv.org/abs/1901.00001">arXiv</a>' in html
    assert html.startswith('<span class="biblog-authors">Donald Knuth</span> (2019). ')


def test_an_entry_is_rendered_once_per_build(make_entry) -> None:
    entry = make_entry("a2020", ("Able",), year="2020")
    bibliography = bibliography_of(entry)
    first = entry_body_html(bibliography, entry, "A. Able")
    bibliography.memo[("entry-html", "a2020")] = "memoized"
    assert entry_body_html(bibliography, entry, "A. Able") == "memoized" != first


def test_unsafe_math_stays_source_text() -> None:
    assert title_html("Click $\\href{javascript:alert(1)}{x}$") == "Click $\\href{javascript:alert(1)}{x}$"


def test_a_title_ending_in_a_question_mark_gets_no_extra_full_stop(make_entry) -> None:
    asked = make_entry("c2025", ("Chua", "Evans"), year="2025", title="Are Reasoning Models More Faithful?",
                       venue="arXiv preprint")
    told = make_entry("d2024", ("Dai",), year="2024", title="A Plain Statement", venue="Proc. Conf.")
    bibliography = bibliography_of(asked, told)
    assert 'More Faithful?</span> <em class="biblog-venue">arXiv preprint</em>. ' in \
        entry_body_html(bibliography, asked, "James Chua and Owain Evans")
    assert 'A Plain Statement</span>. <em class="biblog-venue">Proc. Conf.</em> ' in \
        entry_body_html(bibliography, told, "D. Dai")


def test_a_literal_dollar_is_a_dollar_sign_and_the_math_beside_it_is_math(make_entry) -> None:
    entry = make_entry("c2024", ("Cost",), year="2024", title="Costs \\$5 per $n$ tokens")
    html = entry_body_html(bibliography_of(entry), entry, "C. Cost")
    assert '"biblog-title">Costs $5 per <span class="math notranslate nohighlight">\\(n\\)</span> tokens<' in html
    assert "Costs $5 per $n$ tokens." in tooltip(entry)  # the no-JavaScript preview and the CLI
