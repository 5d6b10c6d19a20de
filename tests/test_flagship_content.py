"""The flagship's content holds its numbers: depth, figures, honest credit and a clean bibliography.

These read the sources (posts, figure scripts, ``references.bib``); the built
pages are checked in ``test_site.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from statistics import mean

import pytest
from pybtex.database import parse_file

from test_site import body_words

POSTS = "docs/posts"
FIGURE = re.compile(r"^```\{figure\}\s+(?P<path>\S+)\n(?P<options>(?::[\w-]+:.*\n)*)", re.MULTILINE)
TEMPLATED_OPENERS = re.compile(r"^(This post|In this post|This article|Here we)\b", re.IGNORECASE)


def posts(repo_root: Path) -> list[Path]:
    found = sorted((repo_root / POSTS).glob("*.md"))
    assert len(found) == 30
    return found


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def test_posts_are_long_enough_to_learn_from(repo_root: Path) -> None:
    words = {path.stem: body_words(path) for path in posts(repo_root)}
    assert min(words.values()) >= 2500, {slug: n for slug, n in words.items() if n < 2500}
    assert mean(words.values()) >= 3500


def test_every_post_has_two_original_figures_with_alt_text(repo_root: Path) -> None:
    for path in posts(repo_root):
        figures = list(FIGURE.finditer(body(path)))
        assert len(figures) >= 2, path.name
        for figure in figures:
            image = repo_root / "docs" / figure.group("path").lstrip("/")
            assert image.is_file(), f"{path.name}: {image} is missing"
            assert image.parent.name == path.stem, f"{path.name}: figures live in docs/figures/<slug>/"
            alt = re.search(r"^:alt:\s*(\S.*)$", figure.group("options"), re.MULTILINE)
            assert alt, f"{path.name}: {image.name} needs alt text"
            assert len(alt.group(1).split()) >= 5, f"{path.name}: {image.name} needs real alt text"
        assert (repo_root / "figures" / f"{path.stem}.py").is_file(), f"{path.name}: no figure script"


def test_figures_are_svg_drawn_by_their_scripts(repo_root: Path) -> None:
    for image in (repo_root / "docs" / "figures").rglob("*"):
        if image.is_file():
            assert image.suffix == ".svg", image
            assert image.stat().st_size < 200_000, f"{image} is too large for a page"
            script = (repo_root / "figures" / f"{image.parent.name}.py").read_text(encoding="utf-8")
            assert f'"{image.stem}"' in script, f"no script draws {image}"


def test_posts_open_with_their_subject_and_credit_the_original(repo_root: Path) -> None:
    for path in posts(repo_root):
        text = body(path).strip()
        first = text.split("\n\n", 1)[0]
        assert not TEMPLATED_OPENERS.match(first), f"{path.name} opens with a template: {first[:60]}"
        assert f"https://lilianweng.github.io/posts/{path.stem}/" in text, f"{path.name} does not link its original"


def test_the_flagship_credits_its_own_authors(repo_root: Path) -> None:
    conf = (repo_root / "conf.py").read_text(encoding="utf-8")
    assert "Lilian Weng" not in conf
    about = (repo_root / "docs" / "about.md").read_text(encoding="utf-8")
    assert "https://lilianweng.github.io/" in about
    assert "demonstration" in about


@pytest.fixture(scope="module")
def bibliography(repo_root: Path):
    return parse_file(str(repo_root / "references.bib"))


def test_at_most_one_entry_in_ten_cuts_its_author_list(bibliography) -> None:
    entries = bibliography.entries.values()
    cut = [e.key for e in entries if any(str(p) == "others" for p in e.persons.get("author", []))]
    assert len(cut) <= len(entries) // 10


def test_first_authors_have_given_names(bibliography) -> None:
    bare = [e.key for e in bibliography.entries.values()
            if e.persons.get("author") and not e.persons["author"][0].first_names
            and len(e.persons["author"][0].last_names) == 1 and not str(e.persons["author"][0]).startswith("{")]
    assert len(bare) <= len(bibliography.entries) // 10, bare


def test_every_venue_has_one_name(repo_root: Path) -> None:
    text = (repo_root / "references.bib").read_text(encoding="utf-8")
    braced = re.findall(r"^\s*(?:journal|booktitle)\s*=\s*[{\"](.*)[}\"],?$", text, re.MULTILINE)
    assert braced == [], "venues are @string macros, one per venue"
    macros = dict(re.findall(r"^@string\{(\w+)\s*=\s*\{(.*)\}\}$", text, re.MULTILINE))
    spelled = Counter(name.lower().replace(" ", "") for name in macros.values())
    assert [name for name, count in spelled.items() if count > 1] == []


def test_no_field_is_garbled(bibliography) -> None:
    for entry in bibliography.entries.values():
        for name in ("title", "journal", "booktitle"):
            value = entry.fields.get(name, "")
            assert value.count("(") == value.count(")"), (entry.key, name, value)
            assert value.count("[") == value.count("]"), (entry.key, name, value)
            assert not re.search(r"\b\d+\(\d+\)|pp?\.\s*\d", value), (entry.key, name, value)


def test_a_preprint_is_not_dated_before_its_arxiv_id(bibliography) -> None:
    """A paper presented at a venue may be posted to arXiv later; an arXiv-only entry may not predate its id."""
    for entry in bibliography.entries.values():
        arxiv = re.fullmatch(r"(\d\d)(\d\d)\.\d{4,5}", entry.fields.get("eprint", ""))
        venue = entry.fields.get("journal", "") + entry.fields.get("booktitle", "")
        if arxiv and entry.fields.get("year", "").isdigit() and (not venue or "arxiv" in venue.lower()):
            assert int(entry.fields["year"]) >= 2000 + int(arxiv.group(1)), entry.key
