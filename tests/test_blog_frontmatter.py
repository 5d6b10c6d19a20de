"""Front matter problems reach the user as one precise warning each, with file and line."""

from __future__ import annotations

import pytest

from blog_support import card_titles, content, warning_lines


@pytest.mark.sphinx("dirhtml", testroot="blog-frontmatter", srcdir="blog-frontmatter-warnings")
def test_each_problem_is_one_warning_with_file_and_line(app) -> None:
    app.build()
    assert warning_lines(app) == [
        "SRC/posts/2024-01-01-unknown.md:4: WARNING: unknown front matter field 'titel'; "
        "did you mean 'title'? [biblog.frontmatter]",
        "SRC/posts/2024-01-02-baddate.md:3: WARNING: bad date '2024-13-45': write it as "
        "YYYY-MM-DD, e.g. 2024-01-31 [biblog.frontmatter]",
        "SRC/posts/2024-01-03-early.md:5: WARNING: update dated 2023-12-31 is before the post's "
        "date 2024-01-03; fix one of the two dates [biblog.frontmatter]",
        "SRC/posts/2024-01-04-badyaml.md:2: WARNING: front matter is not valid YAML: mapping "
        "values are not allowed here; quote values that contain ':' or '#' [biblog.frontmatter]",
        "SRC/posts/2024-02-06-same.md:1: WARNING: duplicate post slug 'same': "
        "posts/2024-01-05-same.md and posts/2024-02-06-same.md; rename one of the files "
        "[biblog.frontmatter]",
    ]


@pytest.mark.sphinx("dirhtml", testroot="blog-frontmatter", srcdir="blog-frontmatter-listing")
def test_posts_without_a_date_stay_out_of_listings(app) -> None:
    app.build()
    titles = card_titles(content(app, "index"))
    assert titles == ["Same slug, second", "Same slug, first", "Early update", "Unknown field"]
    early = content(app, "index").select(".biblog-card")[2]
    assert early.select(".biblog-card-update") == []  # the bad update note is dropped


@pytest.mark.sphinx("dirhtml", testroot="blog-frontmatter", srcdir="blog-frontmatter-suppress",
                    confoverrides={"suppress_warnings": ["biblog.frontmatter"]})
def test_frontmatter_warnings_can_be_silenced_by_subtype(app) -> None:
    app.build()
    assert warning_lines(app) == []
