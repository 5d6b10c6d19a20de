"""The frozen records: how they print and what they derive."""

from __future__ import annotations

import datetime as dt
import pickle

from biblog.core.model import Label, Location, Post, Problem, UpdateNote


def test_location_and_problem_text():
    assert str(Location("refs.bib", 12)) == "refs.bib:12"
    assert str(Location("refs.bib", 0)) == "refs.bib"
    problem = Problem(Location("a.md", 3), "bad", "frontmatter", "warning")
    assert str(problem) == "a.md:3: warning: bad"


def test_label_forms():
    label = Label("Wei et al.", "2022a")
    assert (label.parenthetical(), label.textual()) == ("Wei et al. 2022a", "Wei et al. (2022a)")


def test_post_derived_values_and_pickling():
    post = Post(
        "posts/x",
        "x",
        "X",
        dt.date(2024, 1, 1),
        words=700,
        updates=(UpdateNote(dt.date(2024, 3, 1), "b"), UpdateNote(dt.date(2024, 2, 1), "a")),
    )
    assert post.last_updated == dt.date(2024, 3, 1)
    assert post.reading_minutes == 3
    assert Post("p", "p", "P", dt.date(2024, 1, 1)).reading_minutes == 1
    assert pickle.loads(pickle.dumps(post)) == post
