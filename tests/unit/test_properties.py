"""Property-based tests: any input to the readers yields a result or typed, located problems, never an exception.

The strategies mix the characters that matter to each reader (YAML's and
BibTeX's punctuation, braces, quotes, backslashes, control characters, bytes
that are not UTF-8) with structures built from valid pieces, so that
Hypothesis explores near-valid inputs as well as noise.
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biblog.cli.markdown import cite_roles, markdown_parser
from biblog.core.bib.bibliography import Bibliography
from biblog.core.bib.bibtex import load_bibliography
from biblog.core.bib.latex import decode_text, plain_text, unknown_commands
from biblog.core.frontmatter import CONTROL_CHARACTER, FRONT_MATTER, FrontMatter, parse_front_matter
from biblog.core.model import Problem
from biblog.core.yamlsafe import loadable

PROPERTIES = settings(max_examples=int(os.environ.get("BIBLOG_EXAMPLES", "150")), deadline=None, database=None,
                      suppress_health_check=[HealthCheck.too_slow])
KINDS = {"frontmatter", "bibfile", "bibtex_syntax", "bibtex_latex", "duplicate_key", "crossref", "bib"}

YAML_PIECES = st.sampled_from(["title: ", "date: ", "tags: ", "updates:\n  - date: ", "    note: ", "summary: ",
                               "authors: ", "2024-03-01", "2024-02-30", "[", "]", "{", "}", "- ", "\n", "  ",
                               '"', "'", ":", "#", "&a", "*a", "!!int ", "!!python/object ", "9" * 50, "\x1b",
                               "\x00", "\t", "---", "...", "? ", "|", ">", "title", ",", "\\"])
YAML_TEXT = st.one_of(st.text(max_size=300), st.lists(YAML_PIECES, max_size=60).map("".join))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                    st.dates())
YAML_VALUES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=8), children, max_size=4), max_leaves=20)
FIELDS = st.dictionaries(st.sampled_from(["title", "date", "tags", "summary", "authors", "updates", "x"]),
                         YAML_VALUES, max_size=6)

BIB_PIECES = st.sampled_from(["@misc", "@article", "@string", "@comment", "@preamble", "@proceedings", "{", "}",
                              "(", ")", ",", "=", '"', "#", "%", "\\", "\\em ", "\\'e", "$", "$x$", "key", "title",
                              "author", "crossref", "doi", "url", "year", " and ", "2020", "\n", " ", "\x1b",
                              "\x00", "\ufeff", "é", "\\providecommand{\\x}[1]{#1}", "\\x{", "others"])
BIB_TEXT = st.one_of(st.text(max_size=300), st.lists(BIB_PIECES, max_size=80).map("".join))
BIB_BYTES = st.one_of(BIB_TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=200))


def assert_located(problems: list[Problem] | tuple[Problem, ...], path: str, lines: int) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.subtype in KINDS, problem
        assert problem.severity in ("error", "warning")
        assert problem.location.path == path
        assert 0 <= problem.location.line <= lines + 1, problem
        assert problem.message.strip()


@PROPERTIES
@given(YAML_TEXT)
def test_any_front_matter_text_gives_facts_or_located_problems(text: str) -> None:
    source = f"---\n{text}\n---\n\nBody.\n"
    front = parse_front_matter(source, "p.md", "2024-03-01-slug")
    assert isinstance(front, FrontMatter)
    assert_located(front.problems, "p.md", len(source.splitlines()))  # YAML also breaks lines at U+0085
    for value in (front.title, front.summary, *front.tags, *front.authors, *(u.note for u in front.updates)):
        assert isinstance(value, str)
        assert not CONTROL_CHARACTER.search(value)


@PROPERTIES
@given(YAML_TEXT)
def test_front_matter_said_to_load_as_myst_loads_does_load_with_safe_load(text: str) -> None:
    """The reader skips its second YAML parse (``loadable``) on this word: it must never be wrong."""
    source = f"---\n{text}\n---\n\nBody.\n"
    front = parse_front_matter(source, "p.md", "2024-03-01-slug")
    yaml_text = FRONT_MATTER.match(source)
    assert yaml_text is not None
    if front.loads_as_myst:
        assert loadable(yaml_text.group(1) or "")


def test_an_impossible_date_loads_for_the_post_but_not_as_myst() -> None:
    front = parse_front_matter("---\ndate: 2024-03-01\nsummary: 2024-02-30\n---\n", "p.md", "2024-03-01-slug")
    assert (front.problems, front.loads_as_myst) == ([], False)
    assert not loadable("date: 2024-03-01\nsummary: 2024-02-30\n")


@PROPERTIES
@given(FIELDS)
def test_any_yaml_structure_gives_facts_or_located_problems(fields: dict) -> None:
    source = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n"
    front = parse_front_matter(source, "p.md", "2024-03-01-slug")
    assert_located(front.problems, "p.md", len(source.splitlines()))


@PROPERTIES
@given(st.lists(BIB_BYTES, min_size=1, max_size=3))
def test_any_bib_files_give_entries_or_located_problems(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, data in enumerate(files):
            paths.append(Path(folder) / f"f{index}.bib")
            paths[-1].write_bytes(data)
        loaded = load_bibliography(paths, Path(folder))
        bibliography = Bibliography.from_loaded(loaded)
    lines = {path.name: data.count(b"\n") for path, data in zip(paths, files, strict=True)}
    for problem in loaded.problems:
        assert problem.location.path in lines, problem
        assert_located([problem], problem.location.path, lines[problem.location.path])
    for entry in loaded.entries.values():
        for text in (entry.title, entry.venue, entry.year, *entry.authors):
            assert not CONTROL_CHARACTER.search(text), text
        assert bibliography.labels[entry.key].parenthetical()


@PROPERTIES
@given(BIB_TEXT)
def test_latex_to_text_never_raises_and_never_keeps_control_characters(latex: str) -> None:
    latex = CONTROL_CHARACTER.sub("", latex)  # the loader removes them before decoding
    assert isinstance(decode_text(latex), str)
    assert isinstance(plain_text(latex), str)
    assert all(isinstance(name, str) for name in unknown_commands(latex))


@PROPERTIES
@given(st.text(max_size=80), BIB_TEXT)
def test_the_resolver_answers_any_citation_text(target: str, bib: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "refs.bib"
        path.write_text(bib, encoding="utf-8", errors="surrogatepass")
        bibliography = Bibliography.from_loaded(load_bibliography([path], Path(folder)))
    resolution = bibliography.resolver.resolve(target)
    assert isinstance(resolution.ok, bool)


MARKDOWN_PIECES = st.sampled_from(["{cite:p}`a`", "{cite:t}`b; c`", "`", "``", "```", "```{note}", "```python",
                                   ":::", ":::{note}", "<!--", "-->", "## ", "# ", "\n", "\n\n", " ", "- ", "> ",
                                   "| a |", "|---|", "$", "$$", "\\", "{", "}", "[x](y)", "x", "\t", "\x1b",
                                   "\r", "\u2028", "---\n"])


@functools.cache
def parser() -> object:
    return markdown_parser({})


@PROPERTIES
@given(st.lists(MARKDOWN_PIECES, max_size=60).map("".join))
def test_any_post_gives_its_citations_at_lines_of_the_file(text: str) -> None:
    lines = len(text.splitlines()) or 1
    for use in cite_roles(parser(), text):
        assert use.name in ("cite:p", "cite:t")
        assert 1 <= use.line <= lines, (use, text)
        assert use.target.strip()
