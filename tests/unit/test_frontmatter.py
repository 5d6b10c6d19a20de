"""Front matter -> validated post facts, with exact messages and line numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from biblog.core.frontmatter import parse_front_matter, split_front_matter
from biblog.core.model import UpdateNote

PATH = "docs/posts/2024-01-31-hello.md"
STEM = "2024-01-31-hello"


def problems(source: str, stem: str = STEM) -> list[str]:
    return [str(p) for p in parse_front_matter(source, PATH, stem).problems]


def test_valid_front_matter():
    source = """---
title: "Hello: world"
date: 2024-01-31
tags: [ml, diffusion]
authors: Ann Lee, Bo Chen
summary: A first post.
updates:
  - date: 2024-02-01
    note: Fixed a *typo*.
  - date: 2024-03-01
    note: Added a section.
myst:
  enable_extensions: [dollarmath]
---
# Body
"""
    front = parse_front_matter(source, PATH, STEM)
    assert front.problems == []
    assert front.title == "Hello: world"
    assert front.date == dt.date(2024, 1, 31)
    assert front.tags == ("ml", "diffusion")
    assert front.authors == ("Ann Lee", "Bo Chen")
    assert front.summary == "A first post."
    assert front.updates == (
        UpdateNote(dt.date(2024, 3, 1), "Added a section."),
        UpdateNote(dt.date(2024, 2, 1), "Fixed a *typo*."),
    )


def test_unknown_field_suggests_the_close_one():
    assert problems("---\ntitle: Hello\ndate: 2024-01-31\ntagz: [a]\n---\n") == [
        f"{PATH}:4: error: unknown front matter field 'tagz'; did you mean 'tags'?"
    ]


def test_unknown_field_without_close_match_lists_known_fields():
    assert problems("---\ntitle: Hello\ndate: 2024-01-31\nfoo: 1\n---\n") == [
        f"{PATH}:4: error: unknown front matter field 'foo'; known fields: "
        "title, date, tags, summary, authors, updates, draft"
    ]


def test_unknown_update_field():
    source = "---\ndate: 2024-01-31\nupdates:\n  - date: 2024-02-01\n    note: x\n    notes: y\n---\n"
    assert problems(source) == [f"{PATH}:6: error: unknown update field 'notes'; did you mean 'note'?"]


@pytest.mark.parametrize("value", ["31/01/2024", "2024-13-01", "2024-02-30", "tomorrow"])
def test_bad_date(value):
    front = parse_front_matter(f"---\ntitle: Hello\ndate: {value}\n---\n", PATH, STEM)
    assert front.date is None
    assert [str(p) for p in front.problems] == [
        f"{PATH}:3: error: bad date '{value}': write it as YYYY-MM-DD, e.g. 2024-01-31"
    ]


def test_bad_update_date():
    source = "---\ndate: 2024-01-31\nupdates:\n  - date: 2024-02-30\n    note: x\n---\n"
    assert problems(source) == [
        f"{PATH}:4: error: bad date '2024-02-30': write it as YYYY-MM-DD, e.g. 2024-01-31"
    ]


def test_update_before_post_date():
    source = "---\ntitle: Hello\ndate: 2024-01-31\nupdates:\n  - date: 2023-12-01\n    note: early\n---\n"
    front = parse_front_matter(source, PATH, STEM)
    assert front.updates == ()
    assert [str(p) for p in front.problems] == [
        f"{PATH}:5: error: update dated 2023-12-01 is before the post's date 2024-01-31; "
        "fix one of the two dates"
    ]


def test_update_without_note_or_date():
    source = "---\ndate: 2024-01-31\nupdates:\n  - date: 2024-02-01\n  - note: undated\n---\n"
    assert problems(source) == [
        f"{PATH}:4: error: every update needs a 'note:' saying what changed",
        f"{PATH}:5: error: every update needs 'date: YYYY-MM-DD'",
    ]


def test_file_name_date_mismatch():
    assert problems("---\ntitle: Hello\ndate: 2024-02-01\n---\n") == [
        f"{PATH}:3: error: date 2024-02-01 does not match the file name's 2024-01-31; "
        "rename the file or fix the date"
    ]


def test_file_name_not_a_post_name():
    assert problems("---\ntitle: Hello\ndate: 2024-01-31\n---\n", "Hello_World") == [
        f"{PATH}:3: error: post file name 'Hello_World' must be YYYY-MM-DD-slug "
        "(lower-case letters, digits and dashes)"
    ]


@pytest.mark.parametrize(
    ("source", "line", "problem"),
    [
        ("---\ntitle: Hello: world\ndate: 2024-01-31\n---\n", 2, "mapping values are not allowed here"),
        ("---\ntitle: Hello\n  bad: [\ndate: 2024-01-31\n---\n", 3, "mapping values are not allowed here"),
        ("---\ntitle: Hello\ntags: [a, b\ndate: 2024-01-31\n---\n", 4, "expected ',' or ']', but got ':'"),
    ],
)
def test_bad_yaml_is_located(source, line, problem):
    front = parse_front_matter(source, PATH, STEM)
    assert [str(p) for p in front.problems] == [
        f"{PATH}:{line}: error: front matter is not valid YAML: {problem}; "
        "quote values that contain ':' or '#'"
    ]
    assert front.date is None


def test_missing_date():
    assert problems("---\ntitle: Hello\n---\n") == [
        f"{PATH}:2: error: a post needs 'date: YYYY-MM-DD' in its front matter"
    ]


def test_missing_front_matter():
    assert problems("# Just a title\n") == [
        f"{PATH}:1: error: a post needs YAML front matter between '---' lines with at least 'date:'"
    ]


def test_front_matter_must_be_a_mapping():
    assert problems("---\n- a\n- b\n---\n") == [
        f"{PATH}:2: error: front matter must be a mapping of fields such as 'title:' and 'date:'"
    ]


def test_wrong_types_are_reported_on_their_line():
    source = "---\ntitle: [a, b]\ndate: 2024-01-31\ntags: {a: 1}\nupdates: soon\n---\n"
    assert problems(source) == [
        f"{PATH}:2: error: 'title' must be text, e.g. title: \"...\"",
        f"{PATH}:4: error: 'tags' must be a list of names, e.g. tags: [one, two]",
        f"{PATH}:5: error: 'updates' must be a list of '- date: YYYY-MM-DD' / 'note: ...' items",
    ]


def test_datetime_value_keeps_its_date():
    front = parse_front_matter("---\ndate: 2024-01-31 10:30:00\n---\n", PATH, STEM)
    assert (front.date, front.problems) == (dt.date(2024, 1, 31), [])


def test_split_front_matter():
    assert split_front_matter("---\na: 1\n---\nbody") == ("a: 1\n", 2)
    assert split_front_matter("---\n---\n") == ("", 2)
    assert split_front_matter("body\n---\na: 1\n---\n") == ("", 0)


def test_control_characters_are_reported_with_their_field_and_line_and_left_out():
    source = """---
title: "Bell \\a title"
date: 2024-01-31
tags: [ok, "esc\\x1b"]
updates:
  - date: 2024-02-01
    note: "C1 \\x85 note"
---
"""
    front = parse_front_matter(source, PATH, STEM)
    assert [str(p) for p in front.problems] == [
        f"{PATH}:2: error: 'title' contains the control character U+0007, which a web page or feed cannot show; "
        "remove it",
        f"{PATH}:4: error: 'tags' contains the control character U+001B, which a web page or feed cannot show; "
        "remove it",
        f"{PATH}:7: error: 'note' contains the control character U+0085, which a web page or feed cannot show; "
        "remove it",
    ]
    assert front.title == "Bell  title"
    assert front.tags == ("ok", "esc")
    assert front.updates[0].note == "C1  note"


# Inputs found by fuzzing: each is a located problem, never an exception.


def messages(source: str) -> list[str]:
    return [str(p) for p in parse_front_matter(source, "p.md", "2024-03-01-x").problems]


def test_nesting_ten_thousand_deep_is_a_problem_not_a_recursion_error():
    source = "---\ntitle: x\ndate: 2024-03-01\ntags: " + "[" * 10000 + "]" * 10000 + "\n---\n"
    assert messages(source) == ["p.md:4: error: front matter nests lists or mappings more than 50 deep; write "
                                "fields as flat values, e.g. tags: [one, two]"]


def test_a_number_of_5000_digits_is_a_problem_not_a_value_error():
    assert messages("---\ntitle: " + "9" * 5000 + "\ndate: 2024-03-01\n---\n") == [
        "p.md:2: error: front matter: a number of 5000 digits is too long to read; write it in quotes if it is "
        "text"]


def test_duplicate_keys_are_reported_at_the_second():
    assert messages("---\ntitle: a\ndate: 2024-03-01\ntitle: b\nupdates:\n  - date: 2024-03-02\n"
                    "    note: x\n    note: y\n---\n") == [
        "p.md:4: error: the field 'title' is given twice (lines 2 and 4), and only one can be kept; remove one",
        "p.md:8: error: the field 'note' is given twice (lines 7 and 8), and only one can be kept; remove one"]


def test_an_unclosed_quote_is_reported_where_it_opens():
    assert messages('---\ntitle: "unclosed\ndate: 2024-03-01\ntags: [a]\nsummary: s\n\n\n---\n') == [
        "p.md:2: error: front matter is not valid YAML: the quote opened on line 2 is never closed; close it "
        "with the same quote mark"]


def test_an_update_dated_in_the_future_is_reported():
    [message] = messages("---\ntitle: a\ndate: 2024-03-01\nupdates:\n  - date: 2999-01-01\n    note: x\n---\n")
    assert message.startswith("p.md:5: error: update dated 2999-01-01 is in the future (today is ")
