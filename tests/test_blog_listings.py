"""Generated listings: home page, archive, tags index, one page per tag, "What's new"."""

from __future__ import annotations

import pytest

from blog_support import card_titles, content, page_at, tag_page, warning_lines

NEWEST_FIRST = ["Fifth post", "Fourth post", "Third post", "Second post", "First post",
                "Origins of adaptive computation"]


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-listings-home")
def test_home_lists_cards_newest_first(app) -> None:
    app.build()
    assert warning_lines(app) == []
    home = content(app, "index")
    assert home.select_one(".biblog-postlist-heading").get_text() == "Latest posts (6)"
    assert card_titles(home) == NEWEST_FIRST
    cards = {c.select_one(".biblog-card-title").get_text(strip=True): c for c in home.select(".biblog-card")}
    fourth = cards["Fourth post"]
    assert fourth.select_one(".biblog-card-title a")["href"] == "posts/2025-02-14-fourth/"
    assert fourth.select_one("time.biblog-date").get_text() == "February 14, 2025"
    assert fourth.select_one(".biblog-age")["data-date"] == "2025-02-14"
    assert fourth.select_one(".biblog-reading-time").get_text() == "1 min read"
    assert fourth.select_one(".biblog-summary").get_text() == "A post from the next year."
    assert [(a.get_text(), a["href"]) for a in fourth.select("a.biblog-tag")] == [
        ("beta", "tags/beta/"), ("gamma", "tags/gamma/")]
    # Update notes are short dated lines, not a bullet list.
    assert fourth.select("ul") == []
    assert [p.get_text() for p in fourth.select("p.biblog-card-update")] == [
        "Updated March 1, 2025: Clarified the second section."]
    assert fourth.select_one("p.biblog-card-update time")["datetime"] == "2025-03-01"
    assert cards["Fifth post"].select(".biblog-tags") == []


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-listings-summary")
def test_summary_defaults_to_first_paragraph_without_citation_keys(app) -> None:
    app.build()
    cards = content(app, "index").select(".biblog-card")
    origins = cards[-1].select_one(".biblog-summary").get_text()
    assert origins.startswith("Adaptive computation time lets a network decide how long to think")
    assert origins.endswith("becomes the summary of the post.")
    for card in cards:
        summary = card.select_one(".biblog-summary").get_text()
        for leak in ("graves2016adaptive", "wei2022chain", "{cite", "`"):
            assert leak not in summary


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-listings-archive")
def test_archive_groups_by_year_newest_first(app) -> None:
    app.build()
    years = content(app, "archive").select("section.biblog-year")
    assert [y["id"] for y in years] == ["year-2025", "year-2024", "year-2023"]
    assert [y.select_one(".biblog-year-heading").get_text() for y in years] == [
        "2025 (2)", "2024 (3)", "2023 (1)"]
    assert [a.get_text() for a in years[1].select("li a")] == ["Third post", "Second post", "First post"]
    assert years[1].select_one("li a")["href"] == "../posts/2024-05-20-third/"


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-listings-tags")
def test_tag_pages_list_their_posts_newest_first(app) -> None:
    app.build()
    beta = tag_page(app, "beta")
    assert beta.h1.get_text() == "Posts tagged “beta”"
    assert card_titles(beta) == ["Fourth post", "Second post", "First post"]
    assert beta.select_one(".biblog-card-title a")["href"] == "../../posts/2025-02-14-fourth/"
    assert beta.select_one("a.biblog-all-tags")["href"] == "../"
    first_card_tags = beta.select_one(".biblog-card").select("a.biblog-tag")
    assert [a["href"] for a in first_card_tags] == ["", "../gamma/"]
    assert card_titles(tag_page(app, "machine-learning")) == ["Third post"]
    page = page_at(app, "tags/gamma/index.html")
    assert page.title.get_text().startswith("Posts tagged “gamma”")
    feed_link = page.head.select_one('link[rel=alternate][type="application/atom+xml"]')
    assert feed_link["href"] == "../../atom.xml"


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-listings-tagindex")
def test_tags_index_links_to_each_tag_page(app) -> None:
    app.build()
    cloud = content(app, "tags").select(".biblog-tag-cloud a.biblog-tag")
    assert [(a.get_text(), a["href"]) for a in cloud] == [
        ("alpha (2)", "alpha/"), ("beta (3)", "beta/"), ("gamma (2)", "gamma/"),
        ("Machine Learning (1)", "machine-learning/")]
    sections = content(app, "tags").select("section.biblog-tag-section")
    assert [s.select_one(".biblog-year-heading a")["href"] for s in sections] == [
        "alpha/", "beta/", "gamma/", "machine-learning/"]


@pytest.mark.sphinx("html", testroot="blog", srcdir="blog-listings-html")
def test_tag_pages_with_the_html_builder(app) -> None:
    app.build()
    assert warning_lines(app) == []
    assert card_titles(tag_page(app, "alpha")) == ["First post", "Origins of adaptive computation"]
    all_tags = tag_page(app, "alpha").select_one("a.biblog-all-tags")
    assert all_tags["href"] == "../tags.html"
    tags = content(app, "posts/2024-01-10-first").select(".biblog-post-meta a.biblog-tag")
    assert [a["href"] for a in tags] == ["../tags/alpha.html", "../tags/beta.html"]
    assert content(app, "tags").select_one(".biblog-tag-cloud a")["href"] == "tags/alpha.html"


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="blog-listings-whatsnew")
def test_whats_new_merges_posts_and_updates_by_date(app) -> None:
    app.build()
    events = content(app, "whats-new").select("li.biblog-event")
    assert [(e.time["datetime"], e["class"][1]) for e in events] == [
        ("2025-06-30", "biblog-event-new"), ("2025-03-01", "biblog-event-update"),
        ("2025-02-14", "biblog-event-new"), ("2024-06-01", "biblog-event-update"),
        ("2024-05-20", "biblog-event-new"), ("2024-04-01", "biblog-event-update"),
        ("2024-03-05", "biblog-event-new"), ("2024-01-10", "biblog-event-new"),
        ("2023-11-20", "biblog-event-new")]
    assert " ".join(events[5].get_text().split()) == (
        "2024-04-01 Updated Second post: Added a link back to First post.")
    assert events[5].select("a")[1]["href"] == "../posts/2024-01-10-first/"
