"""A post's length counts its prose, never its code, math, comments or raw markup, however deep."""

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from biblog.blog.posts import count_words


def doctree(*children: nodes.Node) -> nodes.document:
    document = new_document("<test>", get_default_settings(Parser))
    document.extend(children)
    return document


def test_counts_prose_at_any_depth() -> None:
    section = nodes.section("", nodes.title("", "Two words"),
                            nodes.paragraph("", "one two three", nodes.emphasis("", "four five")))
    assert count_words(doctree(section)) == 7


def test_skips_code_math_comments_and_raw_and_everything_under_them() -> None:
    skipped = [nodes.literal_block("", "x = 1 + 2"), nodes.math_block("", "a + b = c"),
               nodes.comment("", "not shown here"), nodes.raw("", "<b>raw html</b>", format="html"),
               nodes.literal_block("", "", nodes.inline("", "nested code words"))]
    quote = nodes.block_quote("", nodes.paragraph("", "kept words"), nodes.literal_block("", "dropped words"))
    assert count_words(doctree(nodes.paragraph("", "prose here"), *skipped, quote)) == 4


def test_inline_literals_and_math_in_a_sentence_count() -> None:
    para = nodes.paragraph("", "", nodes.Text("see "), nodes.literal("", "the code"), nodes.Text(" and "),
                          nodes.math("", "x"))
    assert count_words(doctree(para)) == 5


def test_an_escaped_space_joins_two_words_as_the_page_shows_them() -> None:
    assert count_words(doctree(nodes.paragraph("", "", nodes.Text("one\x00 two three")))) == 2
