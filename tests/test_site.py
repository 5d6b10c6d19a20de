"""The flagship site: built once with -W and nitpicky, then checked against the facts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from biblog.cli.sources import load_project

pytestmark = pytest.mark.site

POSTS = "docs/posts"


@pytest.fixture(scope="session")
def facts(shared_dir: Path) -> dict[str, dict]:
    posts = json.loads((shared_dir / "data" / "seed-posts.json").read_text(encoding="utf-8"))
    return {p["slug"]: p for p in posts}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_clean_urls_without_docs_prefix(site: Path, facts: dict) -> None:
    for slug in facts:
        assert (site / "posts" / slug / "index.html").is_file(), slug
    hrefs = [a.get("href", "") for a in soup(site / "index.html").select("a")]
    assert not [h for h in hrefs if "docs/" in h]
    assert "posts/2025-05-01-thinking/" in hrefs


def home_pages(site: Path) -> list[BeautifulSoup]:
    """The home page, then each older page its "Older posts" link leads to."""
    pages, path = [], site / "index.html"
    while True:
        pages.append(soup(path))
        older = pages[-1].select_one(".biblog-pager a[rel=next]")
        if older is None:
            return pages
        path = (path.parent / older["href"] / "index.html").resolve()


def test_index_lists_every_post_newest_first(site: Path, facts: dict) -> None:
    pages = home_pages(site)
    assert pages[0].select_one(".biblog-postlist-heading").get_text() == f"Latest posts ({len(facts)})"
    assert [len(page.select(".biblog-card")) for page in pages[:-1]] == [20] * (len(pages) - 1)
    dates = [t["datetime"] for page in pages for t in page.select(".biblog-card .biblog-post-meta time.biblog-date")]
    expected = sorted((p["date"] for p in facts.values()), reverse=True)
    assert dates == expected
    titles = [a.get_text() for page in pages for a in page.select(".biblog-card-title a")]
    assert titles[0] == "Why We Think"
    assert titles[-1] == "Are Deep Neural Networks Dramatically Overfitted?"


def front_matter(path: Path) -> dict:
    import yaml

    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_every_post_matches_the_facts(repo_root: Path, facts: dict) -> None:
    project = load_project(repo_root)
    for slug, fact in facts.items():
        path = repo_root / POSTS / f"{slug}.md"
        meta = front_matter(path)
        assert meta["title"] == fact["title"], slug
        assert str(meta["date"]) == fact["date"], slug
        assert meta["tags"] == fact["tags"], slug
        assert sorted(str(u["date"]) for u in meta.get("updates") or []) == sorted(
            u["date"] for u in fact["updates"]), slug
        post = project.posts[f"posts/{slug}"]
        cited = {c.resolution.keys[0] for c in post.citations if c.resolution.ok}
        own = own_keys(project, fact)
        assert len(cited & own) >= 10 or cited >= own, f"{slug} cites {len(cited & own)} of its references"
        assert cited <= own, f"{slug} cites works outside its reference list: {sorted(cited - own)}"


def own_keys(project, fact: dict) -> set[str]:
    """The keys of a post's reference list, found by arXiv id, URL or exact title."""
    from tools.seed_import import normalise_record

    keys = set()
    by_arxiv = {e.arxiv: k for k, e in project.bibliography.entries.items() if e.arxiv}
    by_url = {link.url: k for k, e in project.bibliography.entries.items() for link in e.links}
    by_title = {e.title.lower(): k for k, e in project.bibliography.entries.items() if e.title}
    for record in fact["references"]:
        rec = normalise_record(record)
        key = (by_arxiv.get(rec.get("arxiv") or "") or by_url.get(rec.get("url") or "")
               or by_title.get((rec.get("title") or "").strip(" .").lower()))
        assert key, f"no entry for reference {record}"
        keys.add(key)
    return keys


def body_words(path: Path) -> int:
    text = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.DOTALL)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)
    return len(re.findall(r"[A-Za-z][A-Za-z'-]*", text))


def test_every_post_has_enough_body_text(repo_root: Path, facts: dict) -> None:
    short = {slug: n for slug in facts if (n := body_words(repo_root / POSTS / f"{slug}.md")) < 1200}
    assert not short


def test_posts_do_not_share_twelve_word_runs_with_the_facts(repo_root: Path, shared_dir: Path) -> None:
    def strings(obj):
        if isinstance(obj, str):
            yield obj
        elif isinstance(obj, dict):
            for value in obj.values():
                yield from strings(value)
        elif isinstance(obj, list):
            for value in obj:
                yield from strings(value)

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", text.lower())

    data = json.loads((shared_dir / "data" / "seed-posts.json").read_text(encoding="utf-8"))
    runs = {tuple(w[i : i + 12]) for s in strings(data) for w in [words(s)] for i in range(len(w) - 11)}
    for path in sorted((repo_root / POSTS).glob("*.md")):
        w = words(path.read_text(encoding="utf-8"))
        shared = [" ".join(w[i : i + 12]) for i in range(len(w) - 11) if tuple(w[i : i + 12]) in runs]
        assert not shared, f"{path.name}: {shared[0]}"


def test_references_bib_is_clean_and_fully_cited(repo_root: Path, facts: dict) -> None:
    data = parse_file(str(repo_root / "references.bib"))
    text = (repo_root / "references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.MULTILINE)
    assert len(keys) == len(set(keys)) == len(data.entries)
    arxiv = [e.fields["eprint"] for e in data.entries.values() if "eprint" in e.fields]
    assert len(arxiv) == len(set(arxiv))
    known = {r["arxiv"] for p in facts.values() for r in p["references"] if r["arxiv"]}
    assert set(arxiv) <= known
    project = load_project(repo_root)
    cited = {c.resolution.keys[0] for p in project.posts.values() for c in p.citations if c.resolution.ok}
    assert set(data.entries) - cited == set()


def test_site_and_cli_agree_on_who_cites_what(site: Path, repo_root: Path) -> None:
    project = load_project(repo_root)
    from_cli: dict[str, set[str]] = {}
    for post in project.posts.values():
        for citation in post.citations:
            if citation.resolution.ok:
                from_cli.setdefault(citation.resolution.keys[0], set()).add(post.docname)
    # Every work, not only the page's first ones: the works script holds their list items.
    works = (site / "_biblog" / "works-references.js").read_text(encoding="utf-8")
    items = "".join(work[2] for work in json.loads(works.split("] = ", 1)[1].rstrip().removesuffix(";")))
    page = BeautifulSoup(f'<ul class="biblog-site-references">{items}</ul>', "lxml")
    from_site: dict[str, set[str]] = {}
    for item in page.select(".biblog-site-references > li"):
        key = item["id"].removeprefix("ref-")
        links = item.select(".biblog-citing-places a")
        hrefs = {re.sub(r"^\.\./|/?#.*$", "", a["href"]) for a in links}
        if posts := {h for h in hrefs if h.startswith("posts/")}:
            from_site[key] = posts
    normalised_cli = {nodes_id(k): v for k, v in from_cli.items()}
    assert from_site == normalised_cli


def nodes_id(key: str) -> str:
    from docutils.nodes import make_id

    return make_id(key)
