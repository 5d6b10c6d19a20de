"""Hostile input comes out as text, never as markup, attributes or executable links.

``tests/roots/test-hostile`` has .bib entries and front matter written to break
out of HTML, attributes, JSON and URLs. The build and the command line must
show that text literally everywhere (reference lists, hover-card data, the
references page, the listings, the feed, the meta tags, ``biblog cite`` and
``biblog refs``) and never emit a ``javascript:``, ``data:`` or ``vbscript:``
link: only http, https and ftp URLs become links (``Link.make``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from lxml import etree
from sphinx.cmd.build import build_main

from biblog.blog.tagpages import tag_slug
from biblog.cli.main import main
from sitehelpers import without_colours

ROOT = Path(__file__).parent / "roots" / "test-hostile"
POST = "posts/2024-01-10-hostile"
PLAIN = "posts/2024-03-01-plain"
ATOM = "{http://www.w3.org/2005/Atom}"
#: attributes a browser follows or loads
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset")
EXECUTABLE = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)

POST_TITLE = "<script>alert('title')</script> & <b>bold</b> \"><img src=x onerror=alert('title')>"
POST_SUMMARY = "\"><img src=x onerror=alert('summary')> and <b>bold</b> summary"
HOSTILE_TAG = '<i>x</i> "q" &'
NOTE_TEXT = "Fixed <script>alert('note')</script>, \"><img src=x onerror=alert('note')> and a link"
SCRIPT_TITLE = "<script>alert(1)</script> Considered Harmful"
SCRIPT_VENUE = 'Journal of "><img src=x onerror=alert(2)>'
SCRIPT_TOOLTIP = f"Mallory Script. {SCRIPT_TITLE}. {SCRIPT_VENUE}. 2020."
IMG_TEXT = '"><img src=x onerror=alert(5)>'
HOSTILE_KEYS = ["xss2020script", "xss2021img", "xss2022space", "xss2022data", "xss2022vbscript", "math2024token",
                "xss2023math", "safe2023quote", "ctrl2024escape"]


def straight(text: str) -> str:
    """MyST's smart quotes turn the title's quotes curly in headings; compare them straight."""
    return text.translate(str.maketrans("‘’“”", "''\"\""))


class Site:
    def __init__(self, folder: Path) -> None:
        self.srcdir = folder / "src"
        self.outdir = folder / "html"
        shutil.copytree(ROOT, self.srcdir)
        warning_file = folder / "warnings.txt"
        self.status = build_main(["-b", "dirhtml", "-q", "-w", str(warning_file), "-d", str(folder / "doctrees"),
                                  str(self.srcdir), str(self.outdir)])
        self.warnings = without_colours(warning_file.read_text(encoding="utf-8")).splitlines()

    def soup(self, docname: str) -> BeautifulSoup:
        path = self.outdir / ("" if docname == "index" else docname) / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def pages(self) -> list[Path]:
        return [p for p in sorted(self.outdir.rglob("*.html")) if "_static" not in p.parts]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return Site(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    shutil.copytree(ROOT, root)
    return root


def cli(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--root", str(root), *args]) == 0
    return capsys.readouterr().out


def entry_item(soup: BeautifulSoup, key: str) -> Tag:
    item = soup.select_one(f"li#ref-{key}")
    assert item is not None, key
    return item


# The loader: one warning per refused URL or unsafe math, naming entry, file and line.

def test_each_refused_url_unsafe_math_and_control_character_is_one_located_warning(site: Site) -> None:
    refused = "which is not shown as a link: only http, https and ftp URLs become links; write a full " \
              "address such as https://example.org/paper [biblog.bib]"
    assert site.warnings == [
        f"refs.bib:8: WARNING: entry 'xss2020script' has url 'javascript:alert(3)', {refused}",
        f"refs.bib:15: WARNING: entry 'xss2021img' has url 'JaVaScRiPt:alert(6)', {refused}",
        f"refs.bib:23: WARNING: entry 'xss2022space' has url 'javascript:alert(8)', {refused}",
        f"refs.bib:30: WARNING: entry 'xss2022data' has url 'data:text/html,<script>alert(9)</script>', {refused}",
        f"refs.bib:37: WARNING: entry 'xss2022vbscript' has url 'vbscript:msgbox(10)', {refused}",
        "refs.bib:42: WARNING: entry 'xss2023math' has math using '\\href' in its title, which could make a "
        "link or run code in readers' browsers; that math is shown as text: remove the command [biblog.bib]",
        "refs.bib:55: WARNING: this line holds the control character U+001B, which a web page or feed cannot "
        "show; it is ignored: delete it from the file [biblog.bibfile]",
        f"{site.srcdir / PLAIN}.md:5: WARNING: 'summary' contains the control character U+001B, which a web "
        "page or feed cannot show; remove it [biblog.frontmatter]",
        f"{site.srcdir / POST}.md:8: WARNING: the update note of 2024-02-01 links 'javascript:alert('note'', "
        "which is not a page of the site; correct the link (e.g. {doc}`/posts/YYYY-MM-DD-slug`) or remove it "
        "[biblog.frontmatter]",
    ]
    assert site.status == 0  # warnings, not errors, without -W


# Every page: no injected element, no event-handler attribute, no executable link.

def test_no_page_has_an_injected_element_or_attribute(site: Site) -> None:
    assert len(site.pages()) >= 8
    for path in site.pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        where = path.relative_to(site.outdir)
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], where
        assert soup.find("img") is None, where
        assert not [b for b in soup.find_all("b") if "bold" in b.get_text()], where
        handlers = [(el.name, name) for el in soup.find_all(True) for name in el.attrs
                    if name.lower().startswith("on")]
        assert handlers == [], where


def test_no_output_links_to_an_executable_scheme(site: Site) -> None:
    files = [*site.pages(), site.outdir / "atom.xml"]
    for path in files:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml" if path.suffix == ".html" else "xml")
        for element in soup.find_all(True):
            for name in URL_ATTRIBUTES:
                value = re.sub(r"[\x00-\x20]", "", str(element.get(name, "")))
                assert not EXECUTABLE.match(value), (path, element.name, value)
        # MathJax would turn \href{javascript:...} in typeset math into a link
        assert not [m for m in soup.select(".math") if "\\href" in m.get_text()], path


# The post: reference list and hover-card data.

def test_reference_list_shows_the_entries_as_text(site: Site) -> None:
    soup = site.soup(POST)
    script = entry_item(soup, "xss2020script")
    assert script.select_one(".biblog-title").get_text() == SCRIPT_TITLE
    assert script.select_one(".biblog-venue").get_text() == SCRIPT_VENUE
    assert script.select(".biblog-link") == []  # its javascript: url is not a link
    img = entry_item(soup, "xss2021img")
    assert img.select_one(".biblog-title").get_text() == IMG_TEXT
    assert img.select_one(".biblog-authors").get_text().startswith('"><img src=x onerror=alert(4)>')
    assert [(a.get_text(), a["href"]) for a in img.select(".biblog-link")] == [
        ("DOI", "https://doi.org/10.1000/x%22onmouseover=%22alert(7)")]
    for key in ("xss2022space", "xss2022data", "xss2022vbscript"):
        assert entry_item(soup, key).select(".biblog-link") == [], key
    safe = entry_item(soup, "safe2023quote")
    assert [a["href"] for a in safe.select(".biblog-link")] == ["https://example.org/paper?a=1&b=%222%22%3Cx%3E"]
    assert set(safe.select_one(".biblog-link").attrs) == {"class", "href"}


def test_math_that_could_link_is_shown_as_its_source(site: Site) -> None:
    item = entry_item(site.soup(POST), "xss2023math")
    title = item.select_one(".biblog-title")
    assert title.get_text() == "Math that links $\\href{javascript:alert(11)}{x}$ and math that does not \\(x^2\\)"
    assert [m.get_text() for m in title.select(".math")] == ["\\(x^2\\)"]


def test_hover_card_data_is_text(site: Site) -> None:
    soup = site.soup(POST)
    link = soup.select_one('a.biblog-cite[href="#ref-xss2020script"]')
    assert link["title"] == SCRIPT_TOOLTIP
    assert set(link.attrs) == {"class", "href", "title"}
    img_link = soup.select_one('a.biblog-cite[href="#ref-xss2021img"]')
    assert img_link.get_text().startswith('"><img src=x onerror=alert(4)>')
    assert IMG_TEXT in img_link["title"]
    # The card shows a copy of the reference list item the link points to: text only.
    card = entry_item(soup, "xss2021img")
    assert card.find("img") is None
    assert card.find("script") is None


def test_post_header_title_and_update_note_are_text(site: Site) -> None:
    soup = site.soup(POST)
    assert straight(soup.select_one("h1").get_text()).startswith(POST_TITLE)
    assert straight(soup.title.get_text()).startswith(POST_TITLE)
    note = soup.select_one(".biblog-update").get_text(" ", strip=True)
    assert NOTE_TEXT in note
    assert soup.select_one(".biblog-updates a") is None  # the javascript: link stayed text
    bibtex = soup.select_one(".biblog-bibtex").get_text()
    assert "title = {<script>alert('title')</script>" in bibtex


def test_meta_descriptions_are_attribute_values_only(site: Site) -> None:
    soup = site.soup(POST)
    description = soup.select_one('meta[name="description"]')
    assert set(description.attrs) == {"name", "content"}
    assert description["content"] == POST_SUMMARY
    og_description = soup.select_one('meta[property="og:description"]')
    assert set(og_description.attrs) == {"property", "content"}
    assert og_description["content"] == POST_SUMMARY
    og_title = soup.select_one('meta[property="og:title"]')
    assert set(og_title.attrs) == {"property", "content"}
    assert straight(og_title["content"]) == POST_TITLE
    assert [m["content"] for m in soup.select('meta[property="article:tag"]')] == ["security", HOSTILE_TAG]
    assert all(set(m.attrs) == {"property", "content"} for m in soup.select("meta[property]"))
    assert len(soup.select("meta")) == len(soup.head.select("meta"))  # none pushed into the body


def test_a_hostile_tag_is_text_on_its_tag_page_and_in_its_link_preview(site: Site) -> None:
    tag_page = site.outdir / "tags" / tag_slug(HOSTILE_TAG) / "index.html"
    soup = BeautifulSoup(tag_page.read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('meta[property="og:title"]')["content"] == f"Posts tagged “{HOSTILE_TAG}”"
    assert all(set(m.attrs) == {"property", "content"} for m in soup.select("meta[property]"))
    assert HOSTILE_TAG in soup.select_one("h1").get_text()
    assert HOSTILE_TAG in soup.title.get_text()  # the theme strips tags from the page title: "<i>" must be text
    assert not soup.select("main i, article i")


# Site-wide pages.

def test_references_page_shows_the_entries_as_text(site: Site) -> None:
    soup = site.soup("references")
    assert entry_item(soup, "xss2020script").select_one(".biblog-title").get_text() == SCRIPT_TITLE
    assert entry_item(soup, "xss2021img").select_one(".biblog-title").get_text() == IMG_TEXT
    places = entry_item(soup, "xss2020script").select(".biblog-citing-places a")
    assert POST_TITLE in [a.get_text() for a in places]


@pytest.mark.parametrize("docname", ["index", "archive", "whats-new", "tags", "tags/security"])
def test_listings_show_title_summary_and_note_as_text(site: Site, docname: str) -> None:
    soup = site.soup(docname)
    links = [a.get_text(strip=True) for a in soup.select(f'a[href$="{POST.split("/")[1]}/"]')]
    assert POST_TITLE in links
    if docname in ("index", "tags/security"):
        assert POST_SUMMARY in [p.get_text() for p in soup.select(".biblog-summary")]
    if docname in ("index", "whats-new"):
        assert NOTE_TEXT in soup.get_text(" ")


def test_feed_holds_the_text_as_text(site: Site) -> None:
    tree = etree.parse(str(site.outdir / "atom.xml"))  # strict XML: control characters were dropped
    entries = {e.findtext(f"{ATOM}id").rsplit("/", 2)[1]: e for e in tree.getroot().iter(f"{ATOM}entry")}
    hostile = entries["2024-01-10-hostile"]
    title = hostile.find(f"{ATOM}title")
    assert (title.text, len(title), title.get("type", "text")) == (POST_TITLE, 0, "text")
    summary = hostile.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert len(summary) == 0
    assert summary.text.startswith(POST_SUMMARY)
    assert "[Updated on 2024-02-01: Fixed <script>alert('note')</script>" in summary.text
    plain = entries["2024-03-01-plain"].findtext(f"{ATOM}summary")
    assert plain == "A summary with terminal escapes]0;pwned[31m and a bell, citing one hostile entry."
    namespaces = {element.tag.split("}")[0] for element in tree.getroot().iter()}
    assert namespaces == {ATOM[:-1]}


# The command line: JSON is data, links are checked, the terminal gets no control characters.

def test_cite_json_holds_the_text_as_data(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    match = json.loads(cli(project, capsys, "cite", "--json", "xss2021img"))["matches"][0]
    assert match["reference"] == f'"><img src=x onerror=alert(4)> and Eve Quote. {IMG_TEXT}. 2021.'
    assert match["label"].startswith('"><img src=x onerror=alert(4)>')
    assert match["links"] == [{"kind": "DOI", "url": "https://doi.org/10.1000/x%22onmouseover=%22alert(7)"}]
    assert match["cited_in"][0]["title"] == POST_TITLE
    script = json.loads(cli(project, capsys, "cite", "--json", "xss2020script"))["matches"][0]
    assert (script["reference"], script["links"]) == (SCRIPT_TOOLTIP, [])


@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_cli_never_offers_an_executable_link(project: Path, capsys: pytest.CaptureFixture[str], key: str) -> None:
    match = json.loads(cli(project, capsys, "cite", "--json", key))["matches"][0]
    assert all(link["url"].startswith(("https://", "http://", "ftp://")) for link in match["links"])
    text = cli(project, capsys, "cite", key)
    assert not re.search(r"(?i)(URL|DOI|arXiv): *(javascript|data|vbscript):", text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)


def test_refs_json_holds_the_labels_as_data(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(cli(project, capsys, "refs", "--json"))
    labels = {row["key"]: row["label"] for row in rows}
    assert set(labels) == set(HOSTILE_KEYS)
    assert labels["xss2021img"] == '"><img src=x onerror=alert(4)> and Quote 2021'
    text = cli(project, capsys, "refs")
    assert '"><img src=x onerror=alert(4)> and Quote 2021' in text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)


# Typeset math: MathJax's safe mode on every page that loads MathJax (the browser test clicks the links).

def mathjax_settings(soup: BeautifulSoup) -> dict:
    inline = [s.get_text() for s in soup.find_all("script") if s.get_text().startswith("window.MathJax = ")]
    assert len(inline) == 1
    return json.loads(inline[0].removeprefix("window.MathJax = "))


def test_every_page_that_loads_mathjax_turns_its_safe_mode_on(site: Site) -> None:
    loading = 0
    for path in site.pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if not soup.select('script[src*="mathjax"]'):
            continue
        loading += 1
        settings = mathjax_settings(soup)
        assert "ui/safe" in settings["loader"]["load"], path
        safe = settings["options"]["safeOptions"]
        assert safe["allow"]["URLs"] == "safe"
        assert {name for name, allowed in safe["safeProtocols"].items() if allowed} == {"http", "https"}
    assert loading == len(site.pages())  # the 404 page too


def test_a_site_s_own_mathjax_settings_keep_the_safe_mode(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    shutil.copytree(ROOT, root)
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('mathjax4_config = {"loader": {"load": ["[tex]/physics"]}, "tex": {"tags": "ams"},\n'
                   '                   "options": {"safeOptions": {"safeProtocols": {"javascript": True}}}}\n')
    assert build_main(["-b", "dirhtml", "-q", "-d", str(tmp_path / "dt"), str(root), str(tmp_path / "html")]) == 0
    settings = mathjax_settings(BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "lxml"))
    assert settings["loader"]["load"] == ["[tex]/physics", "ui/safe"]
    assert settings["tex"] == {"tags": "ams"}
    assert settings["options"]["safeOptions"]["safeProtocols"]["javascript"] is False
