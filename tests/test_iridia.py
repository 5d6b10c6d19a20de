"""The real IRIDIA BibTeX collection (about 3,300 entries in six files) loads and builds clean.

``/work/shared/data/iridia-references`` (see its SOURCE.md) uses ``@string``
macros defined in earlier files, ``#`` concatenation, crossref targets in a
later file, LaTeX accents and math in titles. A generated blog loads the six
files in the documented order and cites 50 entries chosen deterministically:
some with accented authors, some with math in their titles, some with a
crossref. The build must give no warning at all, names must come out as
Unicode and title math as math, in the reference list and the hover cards.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pybtex.errors
import pytest
from bs4 import BeautifulSoup, Tag
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser
from sphinx.cmd.build import build_main

from biblog.citations.references import entry_anchor
from biblog.core.bib.bibtex import load_bibliography

#: the load order SOURCE.md gives: later files use macros and crossref targets of earlier ones
FILES = ["abbrev.bib", "journals.bib", "authors.bib", "articles.bib", "biblio.bib", "crossref.bib"]
POST = "posts/2024-06-01-iridia"
MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
ACCENT = re.compile(r"\\[`'^\"~=.uvHckr]|\\[oOlL]\b|\\ss\b|\\[ij]\b|\\aa\b")
LEFTOVER_LATEX = re.compile(r"[\\{}]")


@pytest.fixture(scope="module")
def iridia(shared_dir: Path) -> Path:
    folder = shared_dir / "data" / "iridia-references"
    assert (folder / "SOURCE.md").is_file()
    return folder


@pytest.fixture(scope="module")
def raw(iridia: Path) -> BibliographyData:
    """The collection as pybtex alone reads it, to choose entries independently of biblog."""
    parser = Parser(encoding="utf-8")
    with pybtex.errors.capture():
        for name in FILES:
            parser.parse_string((iridia / name).read_text(encoding="utf-8"))
    return parser.data


def spread(items: list[str], count: int) -> list[str]:
    """``count`` items evenly spaced over ``items``: deterministic, and not all from one letter."""
    return [items[index * len(items) // count] for index in range(min(count, len(items)))]


def authors_of(raw: BibliographyData, key: str) -> str:
    return " and ".join(str(p) for p in raw.entries[key].persons.get("author", []))


@pytest.fixture(scope="module")
def chosen(raw: BibliographyData) -> dict[str, list[str]]:
    keys = sorted(raw.entries, key=lambda k: (k.lower(), k))
    title = {k: raw.entries[k].fields.get("title", "") for k in keys}
    math = spread([k for k in keys if MATH.search(title[k]) and "\\$" not in title[k]], 12)
    stuetzle = spread([k for k in keys if 'St{\\"u}tzle' in authors_of(raw, k) and k not in math], 4)
    lopez = spread([k for k in keys if "L{\\'o}pez-Ib{\\'a}{\\~n}ez" in authors_of(raw, k)
                    and k not in math + stuetzle], 4)
    taken = set(math + stuetzle + lopez)
    accented = spread([k for k in keys if ACCENT.search(authors_of(raw, k)) and k not in taken], 10)
    taken |= set(accented)
    crossref = spread([k for k in keys if raw.entries[k].fields.get("crossref") and k not in taken], 15)
    taken |= set(crossref)
    others = spread([k for k in keys if k not in taken], 5)
    picked = {"math": math, "stuetzle": stuetzle, "lopez": lopez, "accented": accented,
              "crossref": crossref, "others": others}
    assert sum(len(v) for v in picked.values()) == 50
    return picked


@pytest.fixture(scope="module")
def site(iridia: Path, chosen: dict[str, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blog whose one post cites the 50 chosen entries; built with -W; its html folder."""
    folder = tmp_path_factory.mktemp("iridia")
    src = folder / "src"
    (src / "posts").mkdir(parents=True)
    bibfiles = [str(iridia / name) for name in FILES]
    (src / "conf.py").write_text(
        'extensions = ["biblog"]\nproject = "IRIDIA reading notes"\nblog_title = project\n'
        'blog_url = "https://blog.example.org/"\nblog_authors = ["Ada Author"]\n'
        f"bibtex_bibfiles = {bibfiles!r}\nhtml_theme = \"basic\"\nnitpicky = True\n", encoding="utf-8")
    (src / "index.md").write_text("# IRIDIA reading notes\n\n```{blog-latest}\n```\n\n"
                                  "```{toctree}\n:hidden:\n\nreferences\n```\n", encoding="utf-8")
    (src / "references.md").write_text("# References\n\n```{blog-references}\n```\n", encoding="utf-8")
    sections = [f"## {group.title()}\n\n" + "\n".join(f"Work {n} {{cite:p}}`{key}`." for n, key in enumerate(keys))
                for group, keys in chosen.items()]
    (src / f"{POST}.md").write_text(
        "---\ntitle: Fifty IRIDIA papers\ndate: 2024-06-01\ntags: [optimisation]\n"
        "summary: Fifty works from the IRIDIA bibliography.\n---\n\n" + "\n\n".join(sections) + "\n",
        encoding="utf-8")
    warnings = folder / "warnings.txt"
    status = build_main(["-b", "dirhtml", "-W", "--keep-going", "-q", "-w", str(warnings),
                         "-d", str(folder / "doctrees"), str(src), str(folder / "html")])
    assert warnings.read_text(encoding="utf-8") == ""
    assert status == 0
    return folder / "html"


@pytest.fixture(scope="module")
def post(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / POST / "index.html").read_text(encoding="utf-8"), "lxml")


def item(soup: BeautifulSoup, key: str) -> Tag:
    found = soup.find("li", id=entry_anchor(key))
    assert found is not None, key
    return found


def text_without_math(element: Tag) -> str:
    copy = BeautifulSoup(str(element), "lxml")
    for math in copy.select(".math"):
        math.decompose()
    return copy.get_text()


def test_the_six_files_load_without_a_problem_and_fast(iridia: Path) -> None:
    start = time.perf_counter()
    loaded = load_bibliography([iridia / name for name in FILES], iridia)
    seconds = time.perf_counter() - start
    assert loaded.problems == ()
    assert len(loaded.entries) > 3300
    assert seconds < 5, f"loading the six files took {seconds:.2f} s"
    print(f"\nloaded {len(loaded.entries)} entries from six files in {seconds:.2f} s")


def test_no_latex_is_left_in_any_entry(iridia: Path) -> None:
    """Font switches ({\\em ...}), accents and the @preamble's \\rpackage{...} all become text.

    Before pylatexenc, "{\\em pachycondyla apicalis}" became "empachycondyla apicalis" and
    "\\rpackage{irace}" became "rpackageirace"; math is the only LaTeX left, between dollars.
    """
    loaded = load_bibliography([iridia / name for name in FILES], iridia)
    glued_switch = re.compile(r"\b(?:em|it|bf|sc)[A-Z]|rpackage|proglang|softwarepackage|MaxMinAntSystem")
    for entry in loaded.entries.values():
        for text in (entry.title, entry.venue, *entry.authors):
            outside_math = MATH.sub(" ", text.replace("\\$", "$$"))
            assert not LEFTOVER_LATEX.search(outside_math), (entry.key, text)
            assert not glued_switch.search(outside_math), (entry.key, text)
    assert loaded.entries["LopDubPerStuBir2016irace"].title.startswith("The irace Package")
    assert "pachycondyla apicalis" in loaded.entries["MonVenSli2000:fgcs"].title


def test_macros_concatenation_and_crossref_are_resolved(iridia: Path, chosen: dict[str, list[str]]) -> None:
    entries = load_bibliography([iridia / name for name in FILES], iridia).entries
    for key in chosen["crossref"]:
        assert entries[key].venue, key  # the booktitle comes from the crossref target
        assert re.fullmatch(r"\d{4}", entries[key].year), key
    for key in chosen["stuetzle"]:
        assert "Stützle" in entries[key].surnames, key
    for entry in entries.values():
        assert not LEFTOVER_LATEX.search(" ".join(entry.authors)), entry.key


def test_the_build_gives_no_warning(site: Path) -> None:
    assert (site / POST / "index.html").is_file()
    assert (site / "references" / "index.html").is_file()


def test_every_cited_entry_is_in_the_post_reference_list(post: BeautifulSoup, chosen: dict[str, list[str]]) -> None:
    keys = [key for keys in chosen.values() for key in keys]
    assert len(post.select(".biblog-reference-list > li")) == 50
    for key in keys:
        assert item(post, key).select_one(".biblog-authors, .biblog-title") is not None
    assert post.select(".biblog-cite-unresolved") == []


def test_accented_names_are_unicode(post: BeautifulSoup, chosen: dict[str, list[str]]) -> None:
    for key in chosen["stuetzle"]:
        assert "Thomas Stützle" in item(post, key).select_one(".biblog-authors").get_text(), key
    for key in chosen["lopez"]:
        assert "Manuel López-Ibáñez" in item(post, key).select_one(".biblog-authors").get_text(), key
    for key in chosen["accented"] + chosen["stuetzle"] + chosen["lopez"]:
        authors = item(post, key).select_one(".biblog-authors").get_text()
        assert not LEFTOVER_LATEX.search(authors), (key, authors)
        assert re.search(r"[^\x00-\x7f]", authors), (key, authors)  # some accent survived as Unicode


def test_title_math_is_rendered_as_math(post: BeautifulSoup, raw: BibliographyData,
                                        chosen: dict[str, list[str]]) -> None:
    for key in chosen["math"]:
        title = item(post, key).select_one(".biblog-title")
        maths = [m.get_text() for m in title.select("span.math")]
        expected = [m.group(1).strip() for m in MATH.finditer(raw.entries[key].fields["title"])]
        assert maths == [f"\\({m}\\)" for m in expected], key
        assert "$" not in text_without_math(title), key
    assert post.select_one('script[src*="mathjax"]') is not None


def test_hover_card_data(post: BeautifulSoup, chosen: dict[str, list[str]]) -> None:
    """The card shows a copy of the reference list item; the link's title is the plain preview."""
    for key in chosen["stuetzle"]:
        link = post.select_one(f'a.biblog-cite[href="#{item(post, key)["id"]}"]')
        assert "Thomas Stützle" in link["title"], key
        assert "St{" not in link["title"]
    for key in chosen["math"]:
        card = item(post, key)
        assert card.select(".biblog-title span.math"), key
        link = post.select_one(f'a.biblog-cite[href="#{card["id"]}"]')
        assert "$" in link["title"], key  # plain text keeps the math source


def test_crossref_entries_show_the_inherited_venue(post: BeautifulSoup, chosen: dict[str, list[str]]) -> None:
    for key in chosen["crossref"]:
        venue = item(post, key).select_one(".biblog-venue")
        assert venue is not None, key
        assert venue.get_text().strip(), key
        assert not LEFTOVER_LATEX.search(venue.get_text()), (key, venue.get_text())


def test_references_page_lists_the_fifty(site: Path) -> None:
    soup = BeautifulSoup((site / "references" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert len(soup.select(".biblog-site-references > li")) == 50
