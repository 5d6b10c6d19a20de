"""LaTeX field values -> display text, with math kept apart."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from biblog.core.bib.latex import (
    PLAIN,
    _unknown_commands,
    closing_stop,
    decode_text,
    fold,
    math_parts,
    plain_braced,
    plain_split,
    plain_text,
    readable,
    split_math,
    unknown_commands,
)


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('M{\\"u}ller -- {GPT}', "Müller – GPT"),
        ("Caf{\\'e}", "Café"),
        ("\\textit{Deep} \\emph{Learning}", "Deep Learning"),
        ("{{Nested}} braces", "Nested braces"),
        ("a~b", "a b"),  # the tie becomes a space
        ("  two   spaces ", " two spaces "),
    ],
)
def test_decode_text(latex, text):
    assert decode_text(latex) == text


def test_split_math_keeps_spaces_around_math():
    assert split_math("On $k$-means for $\\mathcal{O}(n)$ time") == [
        ("text", "On "),
        ("math", "k"),
        ("text", "-means for "),
        ("math", "\\mathcal{O}(n)"),
        ("text", " time"),
    ]


def test_escaped_dollar_is_not_math():
    assert split_math("costs \\$5") == [("text", "costs $5")]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("RL$^2$: Fast {RL}", "RL$^2$: Fast RL"),
        ("RL $^ 2$: Fast", "RL $^ 2$: Fast"),
        ("On $k$-means in $O(n)$ time", "On $k$-means in $O(n)$ time"),
        ("$x$", "$x$"),
        ("  {\\'E}t{\\'e}  ", "Été"),
    ],
)
def test_plain_text(latex, text):
    assert plain_text(latex) == text


def test_a_literal_dollar_beside_math_survives_storing_and_reading_back():
    stored = plain_text("Costs \\$5 per $n$ tokens, not \\$6")
    assert stored == "Costs \\$5 per $n$ tokens, not \\$6"
    assert math_parts(stored) == [("text", "Costs $5 per "), ("math", "n"), ("text", " tokens, not $6")]
    assert readable(stored) == "Costs $5 per $n$ tokens, not $6"


def test_fold():
    assert fold("Müller") == fold("MULLER") == "muller"
    assert fold("Jégou") == "jegou"


def test_closing_stop_only_where_no_sentence_mark_ends_the_text() -> None:
    assert [closing_stop(t) for t in ("Why Think?", "Stop!", "Proc. Conf.", 'Is It "Real?"', "On $k$", "")] \
        == ["", "", "", "", ".", "."]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("{\\em Lazy Code Motion}", "Lazy Code Motion"),  # was "emLazy Code Motion"
        ("A {\\bf bold} and {\\it slanted} {\\sc Word}", "A bold and slanted Word"),
        ("\\textsc{Abc} \\mbox{x}y", "Abc xy"),
        ("{\\noopsort{a}}Zeta", "Zeta"),  # a sorting trick BibTeX never prints
        ("\\TeX{} and \\LaTeX", "TeX and LaTeX"),
        ("\\v{S}tefan {\\relax Ch}ebyshev", "Štefan Chebyshev"),
        ("50\\% \\& more", "50% & more"),
        ("unbalanced {", "unbalanced "),
        ("Improving 50% of {\\em the} Time", "Improving 50% of the Time"),  # not a LaTeX comment
    ],
)
def test_font_switches_and_commands_become_text(latex, text):
    assert decode_text(latex) == text


def test_math_stays_math_and_an_escaped_dollar_stays_a_dollar():
    assert plain_text("{\\em Fast} $O(n)$ for \\$5") == "Fast $O(n)$ for \\$5"
    assert split_math("{\\em Fast} $O(n)$ for \\$5") == [("text", "Fast "), ("math", "O(n)"), ("text", " for $5")]


def test_unknown_commands_are_named_and_known_ones_are_not():
    assert unknown_commands("The \\foo{Bar} and \\baz Method") == ["baz", "foo"]
    assert unknown_commands("{\\em X} \\textit{Y} M{\\\"u}ller $\\mathcal{O}(n)$ \\slash") == []


def test_inline_math_in_parentheses_stays_math():
    assert plain_text("The ({1+\\(\\lambda\\)}) EA") == "The (1+$\\lambda$) EA"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab Z{}\t\n-'.:é\u0301ñ\u00a0"), max_size=30))
def test_plain_text_of_braced_text_equals_its_split_reading(latex):
    """``plain_text`` reads text without math or LaTeX by dropping braces; the full reading agrees."""
    assume(PLAIN.search(latex) is None)
    assert plain_braced(latex) == plain_split(latex)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\\'", "\\\"", "\\emph", "\\textbf", "\\weird", "\\\\", "\\(", "\\)", "\\ ",
                                 "{", "}", "e", "x y", "$", "%", "\\c", "\\v{", "\\foo2"]), max_size=8).map("".join))
def test_unknown_commands_known_by_name_equal_pylatexenc_reading(latex):
    """A field whose every command name is known is not parsed for unknown commands; parsing agrees."""
    assume("\\" in latex)
    assert unknown_commands(latex) == list(_unknown_commands(latex))
