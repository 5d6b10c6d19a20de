"""Update notes: inline MyST subset parsed into segments, rendered as escaped HTML."""

from __future__ import annotations

import pytest

from biblog.core.notes import doc_targets, normalise_doc_target, note_html, parse_note, plain_note


def test_parse_note_segments():
    note = (
        "See {doc}`the post <../posts/2024-01-01-x.md>` and {doc}`/posts/y`, **bold** *em* `code` "
        "[site](https://e.org/a) [rel](other.md)."
    )
    assert parse_note(note) == (
        ("text", "See ", ""),
        ("doc", "the post", "../posts/2024-01-01-x.md"),
        ("text", " and ", ""),
        ("doc", "", "/posts/y"),
        ("text", ", ", ""),
        ("strong", "bold", ""),
        ("text", " ", ""),
        ("em", "em", ""),
        ("text", " ", ""),
        ("code", "code", ""),
        ("text", " ", ""),
        ("url", "site", "https://e.org/a"),
        ("text", " ", ""),
        ("doc", "rel", "other.md"),
        ("text", ".", ""),
    )


def test_plain_text_note_is_one_segment():
    assert parse_note("Fixed a typo.") == (("text", "Fixed a typo.", ""),)
    assert parse_note("") == ()


def test_doc_targets():
    segments = parse_note("{doc}`a` [b](b.md) [c](https://c.org) *d*")
    assert doc_targets(segments) == ["a", "b.md"]


@pytest.mark.parametrize(
    ("target", "from_docname", "expected"),
    [
        ("../posts/x.md", "posts/y", "posts/x"),
        ("/posts/x", "posts/y", "posts/x"),
        ("x.md", "posts/y", "posts/x"),
        ("x.md#section", "posts/y", "posts/x"),
        ("./x", "index", "x"),
        ("../index", "posts/y", "index"),
        ("posts/2024-01-01-a", "index", "posts/2024-01-01-a"),
        ("../../a/b", "one/two/three", "a/b"),
    ],
)
def test_normalise_doc_target(target, from_docname, expected):
    assert normalise_doc_target(target, from_docname) == expected


def href_of(target: str) -> str | None:
    return {"posts/x": "../x/", "evil": '"><script>'}.get(target)


def title_of(target: str) -> str | None:
    return {"posts/x": "Post <X> & more"}.get(target)


def test_note_html_escapes_html_in_text():
    html = note_html(parse_note("Removed <script>alert(1)</script> & fixed"), href_of, title_of)
    assert html == "Removed &lt;script&gt;alert(1)&lt;/script&gt; &amp; fixed"


def test_note_html_renders_links_and_formatting():
    segments = parse_note("See {doc}`posts/x`, {doc}`gone`, **<b>** `a<b` [s](https://e.org/?a=1&b=2)")
    assert note_html(segments, href_of, title_of) == (
        'See <a class="reference internal" href="../x/">Post &lt;X&gt; &amp; more</a>, gone, '
        "<strong>&lt;b&gt;</strong> <code>a&lt;b</code> "
        '<a class="reference external" href="https://e.org/?a=1&amp;b=2">s</a>'
    )


def test_note_html_escapes_hrefs():
    html = note_html(parse_note("{doc}`x <evil>`"), href_of, title_of)
    assert html == '<a class="reference internal" href="&quot;&gt;&lt;script&gt;">x</a>'


def test_javascript_link_is_not_an_external_link():
    segments = parse_note("[click](javascript:void(0))")
    assert segments == (("doc", "click", "javascript:void(0"), ("text", ")", ""))
    # an unknown document stays plain text: no href at all
    assert note_html(segments, href_of, title_of) == "click)"


def test_plain_note_uses_titles_for_bare_doc_links():
    segments = parse_note("See {doc}`posts/x` and {doc}`named <posts/x>` and {doc}`gone`.")
    assert plain_note(segments, title_of) == "See Post <X> & more and named and gone."
