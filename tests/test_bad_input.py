"""Broken inputs: each gives one precise warning (file, line, the fix) and damages nothing else.

Every case under ``tests/badinput/`` is the small blog in ``base/`` with the
case's own files copied over it (its ``README`` says what is broken). Each is
built with ``-W --keep-going``, as ``make html`` does: the build must fail
with exactly the expected warnings (a case expecting none must pass), leave
the sources byte-identical, and still write every other page completely.
``biblog check`` on the same case must report the same problems: same files,
lines and kinds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

from biblog.cli.main import check_problems, main
from biblog.cli.sources import load_project
from sitehelpers import without_colours

CORPUS = Path(__file__).parent / "badinput"
BASE = CORPUS / "base"
GOOD_PAGES = ["index", "references", "posts/2024-01-10-good", "posts/2024-02-20-other"]
BROKEN_POST = "SRC/posts/2024-03-01-broken.md"

EXPECTED = {
    "bib-syntax-error": [
        "more.bib:9: WARNING: entry 'broken2020': expected ',' or '}' after the value that ends on line 9; "
        "add the missing ',' at the end of line 9 [biblog.bibtex_syntax]",
    ],
    "bib-unclosed-brace": [
        "more.bib:9: WARNING: entry 'open2021': the '{' on line 9 is never closed, so what follows is read "
        "as part of its value; close it with '}' (braces in a value must balance) [biblog.bibtex_syntax]",
    ],
    "bib-duplicate-key": [
        "more.bib:7: WARNING: duplicate key 'Graves2016Adaptive', first defined at refs.bib:3; rename one "
        "of the two entries (BibTeX keys ignore case) [biblog.duplicate_key]",
    ],
    "bib-string-cycle": [
        "more.bib:1: WARNING: @string 'iclrlong' uses the @string macro 'iclrshort' before its definition "
        "at more.bib:2; define each macro above its first use (so macros cannot refer to each other in a "
        "cycle) [biblog.bibtex_syntax]",
    ],
    "bib-undefined-macro": [
        "more.bib:10: WARNING: entry 'macro2023' uses the undefined @string macro 'nuerips'; did you mean "
        "'neurips'? Otherwise define it with @string{nuerips = {...}} before its first use, or write the "
        "value in braces: {nuerips} [biblog.bibtex_syntax]",
    ],
    "bib-crossref-missing": [
        "more.bib:1: WARNING: entry 'wang2023selfconsistency' has crossref 'iclr2032', which is not in any "
        "bibliography file; did you mean 'iclr2023'? Otherwise add that entry or remove the crossref field "
        "[biblog.crossref]",
    ],
    "fm-bad-yaml": [
        f"{BROKEN_POST}:2: WARNING: front matter is not valid YAML: mapping values are not allowed here; "
        "quote values that contain ':' or '#' [biblog.frontmatter]",
    ],
    "fm-bad-date": [
        f"{BROKEN_POST}:3: WARNING: bad date '2024-02-30': write it as YYYY-MM-DD, e.g. 2024-01-31 "
        "[biblog.frontmatter]",
    ],
    "fm-unknown-field": [
        f"{BROKEN_POST}:4: WARNING: unknown front matter field 'summry'; did you mean 'summary'? "
        "[biblog.frontmatter]",
    ],
    "cite-nothing": [
        f"{BROKEN_POST}:7: WARNING: unknown citation 'wei2022chian'; did you mean Chain-of-Thought Prompting "
        "Elicits Reasoning in Large Language Models (Wei et al. 2022, wei2022chain): write 'Wei et al. 2022'? "
        "[biblog.cite]",
    ],
    "post-unclosed-fence": [
        f"{BROKEN_POST}:8: WARNING: the fence '```{{note}}' is never closed, so everything after it is "
        "read as its content; close it with a line '```' [biblog.post]",
    ],
    "fm-deep-nesting": [
        f"{BROKEN_POST}:4: WARNING: front matter nests lists or mappings more than 50 deep; write fields as "
        "flat values, e.g. tags: [one, two] [biblog.frontmatter]",
    ],
    "fm-huge-number": [
        f"{BROKEN_POST}:2: WARNING: front matter: a number of 5000 digits is too long to read; write it in "
        "quotes if it is text [biblog.frontmatter]",
    ],
    "fm-duplicate-key": [
        f"{BROKEN_POST}:4: WARNING: the field 'title' is given twice (lines 2 and 4), and only one can be "
        "kept; remove one [biblog.frontmatter]",
    ],
    "fm-unclosed-quote": [
        f"{BROKEN_POST}:2: WARNING: front matter is not valid YAML: the quote opened on line 2 is never "
        "closed; close it with the same quote mark [biblog.frontmatter]",
    ],
    "fm-future-update": [
        f"{BROKEN_POST}:5: WARNING: update dated 2999-01-01 is in the future (today is "
        f"{dt.date.today().isoformat()}); date an update when it is made [biblog.frontmatter]",
    ],
    "post-cite-in-comment": [],
    "bib-control-characters": [
        "more.bib:3: WARNING: this line holds the control character U+001B, which a web page or feed cannot "
        "show; it is ignored: delete it from the file [biblog.bibfile]",
    ],
    "bib-bom-duplicate": [
        "more.bib:1: WARNING: duplicate key 'graves2016adaptive', first defined at refs.bib:3; rename one of "
        "the two entries (BibTeX keys ignore case) [biblog.duplicate_key]",
    ],
    "bib-crossref-cycle": [
        "more.bib:1: WARNING: entry 'loopa2020' is in a crossref cycle (loopa2020 -> loopb2020 -> loopa2020); "
        "a crossref names the book or proceedings the entry is part of: remove it from one of these entries "
        "[biblog.crossref]",
        "more.bib:8: WARNING: entry 'loopb2020' is in a crossref cycle (loopb2020 -> loopa2020 -> loopb2020); "
        "a crossref names the book or proceedings the entry is part of: remove it from one of these entries "
        "[biblog.crossref]",
    ],
    "bib-not-utf8": [
        "more.bib:2: WARNING: byte 0xE9 (column 15) is not UTF-8, so it is shown as '\ufffd'; save the file as "
        "UTF-8 [biblog.bibfile]",
        "more.bib:3: WARNING: byte 0xE9 (column 15) is not UTF-8, so it is shown as '\ufffd'; save the file as "
        "UTF-8 [biblog.bibfile]",
    ],
    "bib-unknown-command": [
        "more.bib:3: WARNING: entry 'unknown2022' uses the LaTeX command '\\foo' in its title, which biblog "
        "does not know, so only its argument is shown; write the text without it, or in Unicode "
        "[biblog.bibtex_latex]",
    ],
    "bib-comments-valid": [],
    "post-unclosed-colon-fence": [
        f"{BROKEN_POST}:8: WARNING: the fence ':::{{warning}}' is never closed, so everything after it is "
        "read as its content; close it with a line ':::' [biblog.post]",
    ],
    "post-not-utf8": [
        f"{BROKEN_POST}:8: WARNING: byte 0xe9 at column 11 (file offset 104) is not valid UTF-8; save the "
        "file as UTF-8 [biblog.post]",
    ],
}


def copy_case(case: str, srcdir: Path) -> None:
    ignore = shutil.ignore_patterns("README")
    shutil.copytree(BASE, srcdir, ignore=ignore)
    shutil.copytree(CORPUS / case, srcdir, ignore=ignore, dirs_exist_ok=True)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


class Build:
    def __init__(self, tmp_path: Path, case: str) -> None:
        self.srcdir = tmp_path / "src"
        self.outdir = tmp_path / "html"
        copy_case(case, self.srcdir)
        self.sources_before = tree_digest(self.srcdir)
        warning_file = tmp_path / "warnings.txt"
        self.status = build_main(["-b", "dirhtml", "-W", "--keep-going", "-q", "-w", str(warning_file),
                                  "-d", str(tmp_path / "doctrees"), str(self.srcdir), str(self.outdir)])
        self.sources_after = tree_digest(self.srcdir)
        text = without_colours(warning_file.read_text(encoding="utf-8")).replace(str(self.srcdir) + "/", "SRC/")
        self.warnings = [line for line in text.splitlines() if line.strip()]

    def page(self, docname: str) -> Path:
        return self.outdir / ("" if docname == "index" else docname) / "index.html"


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Build]:
    """Each case is built once; the tests below look at different sides of that one build."""
    return request.param, Build(tmp_path_factory.mktemp(request.param), request.param)


def test_every_case_folder_is_listed_and_explained() -> None:
    cases = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "base")
    assert cases == sorted(EXPECTED)
    for case in [*cases, "base"]:
        readme = (CORPUS / case / "README").read_text(encoding="utf-8").strip()
        assert readme, case
        assert "\n" not in readme, case


def test_the_base_blog_builds_without_warnings(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "src", ignore=shutil.ignore_patterns("README"))
    status = build_main(["-b", "dirhtml", "-W", "-q", "-w", str(tmp_path / "w.txt"), "-d", str(tmp_path / "d"),
                         str(tmp_path / "src"), str(tmp_path / "html")])
    assert status == 0
    assert (tmp_path / "w.txt").read_text(encoding="utf-8") == ""


def test_the_user_gets_one_warning_naming_file_line_and_fix(build: tuple[str, Build]) -> None:
    case, result = build
    assert result.warnings == EXPECTED[case]


def test_the_build_fails_under_warnings_as_errors(build: tuple[str, Build]) -> None:
    case, result = build
    assert result.status == (1 if EXPECTED[case] else 0)


#: what only ``biblog check`` looks at: entries nobody cites, entries lacking a field, one work twice
CHECK_ONLY = {"unused", "incomplete", "duplicate_work"}
WARNING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): WARNING: .*?(?: \[(?P<kind>[\w.]+)\])?$")


def test_check_reports_what_the_build_reports(build: tuple[str, Build]) -> None:
    """One reader for both: the same files, lines and kinds, from ``biblog check`` and from the build."""
    _case, result = build
    from_build = set()
    for warning in result.warnings:
        match = WARNING_LINE.match(warning)
        assert match, warning
        kind = (match.group("kind") or "sphinx").removeprefix("biblog.")
        from_build.add((match.group("path").removeprefix("SRC/"), int(match.group("line")), kind))
    project = load_project(result.srcdir)
    from_check = {(p.location.path, p.location.line, p.subtype) for p in check_problems(project)
                  if p.subtype not in CHECK_ONLY}
    assert from_check == from_build


def test_check_prints_as_many_lines_as_it_counts(build: tuple[str, Build]) -> None:
    _case, result = build
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        status = main(["--root", str(result.srcdir), "check"])
    *lines, summary = output.getvalue().splitlines()
    errors, warnings = (int(n) for n in re.findall(r"\d+", summary))
    assert len(lines) == errors + warnings
    assert errors == sum(": error: " in line for line in lines)
    assert status == (1 if errors else 0)


def test_the_sources_are_left_byte_identical(build: tuple[str, Build]) -> None:
    """Nothing the author wrote changes; the one file a build may add is the letters it pins."""
    _case, result = build
    added = {name: digest for name, digest in result.sources_after.items() if name not in result.sources_before}
    assert set(added) <= {"refs.letters"}
    assert {name: result.sources_after[name] for name in result.sources_before} == result.sources_before


def test_the_other_pages_still_render(build: tuple[str, Build]) -> None:
    _case, result = build
    for docname in GOOD_PAGES:
        assert result.page(docname).is_file(), docname
    good = BeautifulSoup(result.page("posts/2024-01-10-good").read_text(encoding="utf-8"), "lxml")
    assert good.select_one("h1").get_text(strip=True).startswith("A good post")
    assert good.select_one("li#ref-graves2016adaptive") is not None
    home = BeautifulSoup(result.page("index").read_text(encoding="utf-8"), "lxml")
    titles = [a.get_text(strip=True) for a in home.select(".biblog-card-title a")]
    assert {"A good post", "Another good post"} <= set(titles)
    feed = feedparser.parse((result.outdir / "atom.xml").read_bytes())
    assert not feed.bozo
    assert {"A good post", "Another good post"} <= {entry.title for entry in feed.entries}


def test_no_page_links_a_page_that_was_not_written(build: tuple[str, Build]) -> None:
    _case, result = build
    for page in sorted(result.outdir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for link in soup.select("a[href]"):
            href = link["href"].split("#")[0]
            if not href or "://" in href or href.startswith(("mailto:", "/")):
                continue
            target = (page.parent / href).resolve()
            assert (target / "index.html" if href.endswith("/") else target).is_file(), (page, href)


def test_no_page_is_half_written(build: tuple[str, Build]) -> None:
    _case, result = build
    pages = sorted(result.outdir.rglob("*.html"))
    assert len(pages) >= len(GOOD_PAGES)
    for page in pages:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    assert not [p for p in result.outdir.rglob("*") if p.suffix in (".tmp", ".partial")]


# More BibTeX mistakes, at the loader: each is one problem naming the line to fix and how.

LOADER_CASES = {
    "duplicate field": ("@misc{a,\n  title = {A},\n  year = 2020,\n  title = {B},\n}\n",
                        "refs.bib:4: error: entry 'a' has the field 'title' twice; remove one of the two "
                        "(the first is used)"),
    "missing equals": ("@misc{a,\n  title {A},\n  year = 2020,\n}\n",
                       "refs.bib:2: error: entry 'a': '=' expected; write fields as name = {value}, separated "
                       "by commas"),
    "unclosed quote": ('@misc{a,\n  title = "A title,\n  year = 2020,\n}\n\n@misc{b, title = {B}}\n',
                       "refs.bib:2: error: entry 'a': the '\"' on line 2 opens a value that is never closed; "
                       "close it with '\"' (or write the value in braces)"),
    "entry never closed": ("@misc{a,\n  title = {A},\n  year = 2020,\n\n",
                           "refs.bib:1: error: entry 'a' is never closed; end it with '}'"),
    "missing comma in a parenthesised entry": ("@misc(a,\n  title = {A}\n  year = 2020\n)\n",
                                               "refs.bib:2: error: entry 'a': expected ',' or ')' after the value "
                                               "that ends on line 2; add the missing ',' at the end of line 2"),
    "no key": ("@misc{\n  title = {A},\n}\n",
               "refs.bib:1: error: an @misc entry without a key; start it with its key: "
               "@misc{key, field = {value}, ...}"),
    "a brace closes the entry early": ("@misc{a,\n  title = {A}},\n  year = 2020,\n}\n",
                                       "refs.bib:2: error: entry 'a' is closed by the '}' on line 2, so "
                                       "'year = ...' on line 3 is outside any entry and ignored; remove that "
                                       "'}' or move the field into the entry"),
    "a stray closing brace in a quoted value": ('@misc{a,\n  title = "A } B",\n}\n',
                                                "refs.bib:2: error: entry 'a': this '}' closes a brace that was "
                                                "never opened; remove it or add the matching '{'"),
}


@pytest.mark.parametrize("case", sorted(LOADER_CASES))
def test_the_loader_explains_other_bibtex_mistakes(tmp_path: Path, case: str) -> None:
    from biblog.core.bib.bibtex import load_bibliography

    text, expected = LOADER_CASES[case]
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    loaded = load_bibliography([tmp_path / "refs.bib"], tmp_path)
    assert [str(problem) for problem in loaded.problems] == [expected]


def test_control_characters_reach_no_page_and_no_feed(tmp_path: Path) -> None:
    result = Build(tmp_path, "bib-control-characters")
    post = result.page("posts/2024-03-01-broken").read_text(encoding="utf-8")
    reference = BeautifulSoup(post, "lxml").select_one("li#ref-ctrl2024")
    assert reference is not None
    assert "Terminal [31mColours[0m and a NUL" in reference.get_text()
    for path in [*result.outdir.rglob("*.html"), result.outdir / "atom.xml"]:
        text = path.read_text(encoding="utf-8")
        assert "\x1b" not in text, path
        assert "\x00" not in text, path


def test_a_font_switch_becomes_text_and_comments_are_no_entries(tmp_path: Path) -> None:
    result = Build(tmp_path, "bib-comments-valid")
    post = BeautifulSoup(result.page("posts/2024-03-01-broken").read_text(encoding="utf-8"), "lxml")
    reference = post.select_one("li#ref-lazy1992")
    assert reference is not None
    assert "Lazy Code Motion" in reference.get_text()
    assert "emLazy" not in reference.get_text()
    assert "Rüthing" in reference.get_text()


def test_a_bibliography_that_is_a_symlink_loop_is_one_located_warning(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(BASE, srcdir, ignore=shutil.ignore_patterns("README"))
    (srcdir / "more.bib").unlink()
    (srcdir / "loop.bib").symlink_to("more.bib")
    (srcdir / "more.bib").symlink_to("loop.bib")
    status = build_main(["-b", "dirhtml", "-q", "-w", str(tmp_path / "w.txt"), "-d", str(tmp_path / "d"),
                         str(srcdir), str(tmp_path / "html")])
    warnings = without_colours((tmp_path / "w.txt").read_text(encoding="utf-8"))
    assert status == 0
    assert "WARNING: more.bib: cannot read the bibliography: Too many levels of symbolic links; check the path " \
        "in bibtex_bibfiles [biblog.bibfile]" in warnings
    assert ".rst" not in warnings
    assert "Traceback" not in warnings
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        assert main(["--root", str(srcdir), "check"]) == 1
    assert "more.bib: error: cannot read the bibliography: Too many levels of symbolic links" in output.getvalue()
