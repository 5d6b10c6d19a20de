"""The regular-expression reader of simple entries gives what pybtex's parser gives, or steps aside."""

from __future__ import annotations

import pybtex.errors
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database.input.bibtex import Parser, month_names
from pybtex.utils import CaseInsensitiveDict

from biblog.core.bib.scan import simple_entry


class Recorder(Parser):
    """pybtex's own parser, recording what it hands ``process_entry``."""

    def __init__(self) -> None:
        super().__init__(encoding="utf-8")
        self.seen: list[tuple[str, str | None, list[tuple[str, list[str]]]]] = []

    def process_entry(self, entry_type, key, fields) -> None:
        self.seen.append((entry_type, key, [(name, list(value)) for name, value in fields]))


def pybtex_reads(text: str) -> tuple[list, list, CaseInsensitiveDict]:
    parser = Recorder()
    parser.macros["venue"] = "The {Venue}"
    macros = CaseInsensitiveDict(parser.macros)
    with pybtex.errors.capture() as captured:
        try:
            parser.parse_string(text)
        except pybtex.errors.PybtexError as fatal:  # what bibunits captures too
            captured.append(fatal)
    return parser.seen, list(captured), macros


def check(text: str) -> bool:
    """True when the fast reader read ``text`` (and then it must agree with pybtex, without errors)."""
    seen, errors, macros = pybtex_reads(text)
    simple = simple_entry(text, macros)
    if simple is None:
        return False
    assert errors == []
    assert len(seen) == 1
    entry_type, key, fields = seen[0]
    # pybtex hands the value as parts to join; the fast reader has one part per field
    assert (entry_type, key, [(name, ["".join(value)]) for name, value in fields]) == \
        (simple[0], simple[1], simple[2])
    return True


@pytest.mark.parametrize("text", [
    "@article{key,\n  author = {Ann Lee and Bo Ma},\n  title = {A {GPT} \"quoted\" title},\n  year = 2020,\n}\n",
    "@Book { key ,title={x} , note = \"with {\"} braces\"}\n\n",
    "  @misc{k,}\n",
    "@misc{k,\n  title = {Deep {{{nesting}}} ok},\n  x = {},\n}\ntext between entries\n",
    "@misc{k, title = {\n  spread\n  out\n}}",
    "@misc{k, month = jan, booktitle = Venue, journal = venue}\n",
    "@misc{k, title = {a}}}\n",  # text after an entry (a stray brace too) is skipped, as pybtex skips it
])
def test_common_shapes_are_read_as_pybtex_reads_them(text):
    assert check(text)


@pytest.mark.parametrize("text", [
    "@string{x = {y}}\n",
    "@misc{k, month = undefined}\n",
    "@misc{k, title = {a} # {b}}\n",
    "@misc(k, title = {a})\n",
    "@misc{k, title = {a} year = {b}}\n",
    "@misc{k, title = {open\n",
    "@misc{k, title = {{{{{{too deep}}}}}}}\n",
    "@misc{k, title = {a}} @misc{j, title = {b}}\n",
    "junk before @misc{k, title = {a}}\n",
])
def test_other_shapes_are_left_to_pybtex(text):
    assert simple_entry(text, CaseInsensitiveDict(month_names)) is None


PIECES = ["venue", "@", "misc", "Article", "{", "}", "(", ")", ",", "=", " ", "\n", "\t", '"', "#", "key", "title",
          "year", "2020", "jan", "{x}", "\\'e", "%", "@string", "a b", "\u00a0", "1a"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_on_any_text_the_fast_reader_agrees_with_pybtex_or_steps_aside(pieces):
    check("".join(pieces))


VALUE_PIECES = ["word", "word", "word", "word", " ", " ", "{b}", "{b}", "\n", "{", "}", "{b}", '"', "\\'e", "#",
                ",", "=", "@", "%", "(", "2020"]


def field_text(name: str, kind: str, value: list[str], sep: str) -> str:
    inner = "".join(value)
    written = {"brace": f"{{{inner}}}", "quote": f'"{inner}"', "number": "2020" + inner[:1],
               "macro": inner[:1] + "jan"}[kind]
    return f"{name} = {written}{sep}"


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=st.sampled_from(["@misc{k,", "@Article{Key2020 ,", " @book {b,\n", "@misc{k", "@string{k,"]),
       fields=st.lists(st.tuples(st.sampled_from(["title", "Year", "note", "title"]),
                                 st.sampled_from(["brace", "brace", "quote", "number", "macro"]),
                                 st.lists(st.sampled_from(VALUE_PIECES), max_size=5),
                                 st.sampled_from([",", ",", ",\n  ", "", " # "])),
                       max_size=4),
       tail=st.sampled_from(["}", "}", "\n}\n", ",}", "}\nafter", "", "}@misc{j,}"]))
def test_on_entry_like_text_the_fast_reader_agrees_with_pybtex_or_steps_aside(head, fields, tail):
    check(head + "".join(field_text(*field) for field in fields) + tail)
