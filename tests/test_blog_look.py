"""What a reader sees, as built: a blog's furniture, math in titles, figures, related posts, search.

The root ``test-blog-look`` has a post titled with math (``$O(n^2)$``), a tag
with an accent, three posts sharing cited works, a guide page citing one of
them, and two figures, one of them without alt text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blog_support import content, feed_of, page_at, warning_lines
from cite_helpers import edit
from sitehelpers import html_of

QUADRATIC = "posts/2024-01-01-quadratic"
SPARSE = "posts/2024-02-01-sparse"
LINEAR = "posts/2024-03-01-linear"
UNRELATED = "posts/2024-04-01-unrelated"
MATH = "span.math.notranslate.nohighlight"


def search_index(app) -> dict:
    text = Path(app.outdir, "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def docs_with_term(index: dict, term: str) -> set[str]:
    found = index["terms"].get(term, [])
    return {index["docnames"][i] for i in ([found] if isinstance(found, int) else found)}


@pytest.fixture
def look(app):
    app.build()
    return app


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_a_missing_alt_text_is_a_located_warning(look) -> None:
    assert warning_lines(look) == [
        f"SRC/{QUADRATIC}.md:21: WARNING: the image 'figures/line.svg' has no alt text: describe it for "
        "readers who cannot see it, with ':alt: ...' under the figure or image directive (or ![text](path) "
        "in Markdown) [biblog.figure]"]


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_figures_in_posts_are_numbered_per_post_and_numref_works(look) -> None:
    post = content(look, QUADRATIC)
    figures = post.select("figure")
    assert [f.select_one(".caption-number").get_text(strip=True) for f in figures] == ["Fig. 1", "Fig. 2"]
    assert figures[0].img["alt"].startswith("A straight line")
    numrefs = [a.get_text() for a in post.select("a.reference.internal[href^='#fig-']")]
    assert numrefs == ["Fig. 1", "Figure 2"]


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_a_blog_not_a_documentation_site(look) -> None:
    page = html_of(look, QUADRATIC)
    assert page.select(".view-this-page") == []  # no link to the raw Markdown
    assert not Path(look.outdir, "genindex").exists()
    assert page.select("a[href*='genindex']") == []
    assert not any(Path(look.outdir, "_sources").rglob("*.md"))
    byline = page.select_one("article .biblog-byline")
    assert byline.get_text(" ", strip=True) == "By Ada Author, Bo Builder and Cy Coauthor"
    unrelated = content(look, UNRELATED).select_one(".biblog-byline")
    assert unrelated.get_text(" ", strip=True) == "By Ada Author"  # blog_authors when front matter has none
    nav = [a.get_text(strip=True) for a in html_of(look, "index").select(".sidebar-tree a")]
    assert nav == ["Archive", "Tags", "References", "How this blog is made"]
    assert "documentation" not in page.title.get_text()


@pytest.mark.sphinx("dirhtml", testroot="blog-look", confoverrides={"numfig": False, "html_show_sourcelink": True})
def test_the_engine_never_overrides_a_setting_the_site_made(app) -> None:
    app.build()
    assert app.config.numfig is False
    assert app.config.html_show_sourcelink is True
    assert app.config.html_use_index is False  # left unset: the blog default
    figures = content(app, QUADRATIC).select("figure")
    assert [f.select(".caption-number") for f in figures] == [[], []]


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_math_in_a_title_everywhere(look) -> None:
    for docname, selector in (("index", ".biblog-card-title a"), ("archive", ".biblog-titles a"),
                              ("tags", ".biblog-titles a"), (SPARSE, ".biblog-related a"),
                              (SPARSE, ".biblog-also a")):
        links = [a for a in content(look, docname).select(selector) if "Attention in" in a.get_text()]
        assert links, (docname, selector)
        for link in links:
            assert link.select_one(MATH).get_text() == r"\(O(n^2)\)", (docname, link)
            assert "$" not in link.get_text()
    card = next(c for c in content(look, "index").select(".biblog-card") if c.select_one(MATH))
    assert card.select_one(".biblog-summary " + MATH).get_text() == r"\(O(n^2)\)"
    page = html_of(look, QUADRATIC)
    assert page.title.get_text() == "Attention in O(n²) time - Look blog"
    assert page.select_one("meta[property='og:title']")["content"] == "Attention in O(n²) time"
    entries = [e for e in feed_of(look).entries if "Attention" in e.title]
    assert [e.title for e in entries] == ["Attention in O(n²) time"]
    assert entries[0].summary == "Why attention costs O(n²) and what the kestrel trick does about it."
    description = page.select_one("meta[name='description']")["content"]
    assert description == "Why attention costs O(n²) and what the kestrel trick does about it."


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_references_page_typesets_math_in_quoted_passages(look) -> None:
    contexts = content(look, "references").select(".biblog-context")
    with_math = [c for c in contexts if "grows fast" in c.get_text()]
    assert with_math
    assert with_math[0].select_one(MATH).get_text() == r"\(C = n^2 d\)"
    assert not any("$" in c.get_text() for c in contexts)
    places = [a.get_text() for a in content(look, "references").select(".biblog-citing-places a")]
    assert "How this blog is made" in places  # a page's title, never its file name
    assert "guide" not in places


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_slugs_transliterate_accents(look) -> None:
    tags = {a.get_text(): a["href"] for a in content(look, QUADRATIC).select("a.biblog-tag")}
    assert tags == {"Über": "../../tags/uber/", "attention": "../../tags/attention/"}
    assert Path(look.outdir, "tags", "uber", "index.html").is_file()


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_related_posts_share_the_most_cited_works(look) -> None:
    def related(docname: str) -> list[str]:
        return [" ".join(li.get_text().split()) for li in content(look, docname).select(".biblog-related li")]

    assert related(SPARSE) == [r"Attention in \(O(n^2)\) time shares 3 references",
                               "Linear attention shares 1 reference"]
    assert related(QUADRATIC) == ["Sparse attention shares 3 references", "Linear attention shares 1 reference"]
    assert related(UNRELATED) == []
    assert content(look, UNRELATED).select(".biblog-related") == []


@pytest.mark.sphinx("dirhtml", testroot="blog-look", srcdir="blog-look-related-incremental")
def test_related_posts_follow_an_incremental_build(look, make_app) -> None:
    source = Path(look.srcdir, f"{UNRELATED}.md")
    edit(source, source.read_text(encoding="utf-8").replace("`e2020`", "`e2020; a2020; b2020; c2020`"))
    look.cleanup()
    again = make_app("dirhtml", srcdir=look.srcdir)
    again.build()
    related = [li.a.get_text() for li in content(again, SPARSE).select(".biblog-related li")]
    assert related == ["Unrelated post", "Attention in \\(O(n^2)\\) time", "Linear attention"]
    shares = [s.get_text() for s in content(again, UNRELATED).select(".biblog-shared")]
    assert shares == ["shares 3 references", "shares 3 references", "shares 1 reference"]


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_search_indexes_title_summary_and_prose_only(look) -> None:
    index = search_index(look)
    assert docs_with_term(index, "zebraword") == {QUADRATIC}  # prose
    assert docs_with_term(index, "kestrel") == {QUADRATIC}  # only in the summary
    # Words that appear only in the header, footer, related posts, neighbours and cards.
    for furniture in ("copi", "bibtex", "previou", "relat", "share", "minut"):
        assert docs_with_term(index, furniture) == set(), furniture
    assert QUADRATIC not in docs_with_term(index, "linear")  # a neighbour's title
    # The snippets: every generated part of a page is marked for biblog.js to leave out.
    post = content(look, QUADRATIC)
    for part in post.select(".biblog-post-meta, .biblog-related, .biblog-cite-this, .biblog-post-nav"):
        assert part.find_parent(class_="no-search") is not None, part.get("class")
    assert content(look, "index").select_one(".biblog-postlist").find_parent(class_="no-search")


@pytest.mark.sphinx("dirhtml", testroot="blog-look")
def test_not_found_page_lives_where_blog_url_says(look) -> None:
    page = page_at(look, "404/index.html")
    hrefs = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert hrefs
    assert all(href.startswith("/notes/_static/") for href in hrefs), hrefs


@pytest.mark.sphinx("dirhtml", testroot="blog-look", srcdir="blog-look-serve",
                    confoverrides={"notfound_urls_prefix": "/"})
def test_not_found_page_under_make_serve(app, repo_root: Path) -> None:
    app.build()
    hrefs = [link["href"] for link in page_at(app, "404/index.html").select("link[rel=stylesheet]")]
    assert all(href.startswith("/_static/") for href in hrefs), hrefs
    serve = (repo_root / "Makefile").read_text(encoding="utf-8").split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "-D notfound_urls_prefix=/" in serve
