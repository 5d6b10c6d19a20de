"""Citations on a small blog: what readers see in posts and on the references page.

The root ``cite-basic`` has two posts citing a bibliography with one, two and
many authors, a/b suffixes and odd names; it builds without any warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from biblog.blog.domain import blog_domain
from biblog.blog.views import views_of
from biblog.citations.recording import citation_keys, is_citation
from cite_helpers import POST_A, POST_B, citation_texts, page, warning_lines

pytestmark = pytest.mark.sphinx("dirhtml", testroot="cite-basic", freshenv=True)


@pytest.fixture
def site(app):
    app.build()
    return app


def reference_ids(soup) -> list[str]:
    return [li["id"] for li in soup.select(".biblog-reference-list > li")]


def entry(soup, key: str):
    return soup.select_one(f"li#ref-{key}")


def test_builds_without_warnings(site) -> None:
    assert warning_lines(site) == []


def test_parenthetical_and_textual_forms(site) -> None:
    texts = citation_texts(site, POST_A)
    assert texts[:3] == ["(Wei et al. 2022)", "Wei et al. (2022)", "Graves (2016)"]
    assert "(Ho and Salimans 2022)" in texts  # two authors
    assert "(Radford et al. 2019)" in texts  # "and others" makes "et al." even with one name
    assert not any("[" in t or "]" in t for t in texts)


def test_several_keys_in_one_role(site) -> None:
    group = page(site, POST_A).select_one("#cite-4")
    assert group.get_text() == "(Graves 2016; Ling et al. 2017; Cobbe et al. 2021)"
    assert [a["href"] for a in group.select("a")] == [
        "#ref-graves2016adaptive", "#ref-ling2017program", "#ref-cobbe2021training"]


def test_textual_form_links_only_the_year(site) -> None:
    group = page(site, POST_A).select_one("#cite-2")
    assert "biblog-cite-t" in group["class"]
    assert [a.get_text() for a in group.select("a")] == ["2022"]


def test_natural_text_renders_like_the_key(site) -> None:
    soup = page(site, POST_A)
    by_key, by_text = soup.select_one("#cite-1"), soup.select_one("#cite-8")
    assert by_text.get_text() == by_key.get_text() == "(Wei et al. 2022)"
    assert by_text.a["href"] == by_key.a["href"] == "#ref-wei2022chain"
    assert citation_texts(site, POST_B) == ["(Wang et al. 2023b)", "Wei et al. (2022)"]


def test_doctree_records_resolved_keys_and_written_targets(site) -> None:
    groups = list(site.env.get_doctree(POST_A).findall(is_citation))
    assert len(groups) == 17
    assert (citation_keys(groups[0]), groups[0]["refdomain"], groups[0]["reftype"]) == (["wei2022chain"], "cite", "p")
    assert groups[7]["biblog_written"] == {"Wei et al. 2022": "wei2022chain"}
    assert citation_keys(groups[3]) == ["graves2016adaptive", "ling2017program", "cobbe2021training"]
    targets = blog_domain(site.env).natural_targets[POST_A]
    assert targets["Wang et al. 2023b"] == "wang2023selfconsistency"
    assert targets["Muller and Chollet 2020"] == "muller2020accent"


def test_same_author_and_year_get_letters(site) -> None:
    soup = page(site, POST_A)
    assert soup.select_one("#cite-6").get_text() == "(Wang et al. 2023b)"  # written "Wang et al. 2023b"
    assert soup.select_one("#cite-7").get_text() == "(Wang et al. 2023a)"  # written as the key
    assert soup.select_one("#cite-9").get_text() == "Wang et al. (2023a)"  # written "Wang et al. 2023a"
    assert entry(soup, "wang2023plan").select_one(".biblog-entry").get_text().startswith(
        "Lei Wang, Wanyu Xu and Yihuai Lan (2023a). Plan-and-Solve Prompting.")


def test_a_label_is_the_same_in_every_post(site) -> None:
    in_a = page(site, POST_A).select_one("a[href='#ref-wang2023selfconsistency']").get_text()
    in_b = page(site, POST_B).select_one("a[href='#ref-wang2023selfconsistency']").get_text()
    assert in_a == in_b == "Wang et al. 2023b"


@pytest.mark.parametrize(("anchor", "text"), [
    ("cite-10", "(Müller and Chollet 2020)"),  # LaTeX accents decoded
    ("cite-11", "(Gemini Team 2023)"),  # braced corporate author kept whole
    ("cite-12", "(van der Maaten and Hinton 2008)"),  # particle kept with the surname
    ("cite-13", "(Radford et al. 2019)"),  # "and others"
    ("cite-14", "(OpenAI 2023)"),  # {OpenAI}
    ("cite-15", "(AutoGPT n.d.)"),  # no author, no year: short title and "n.d."
    ("cite-16", "(Müller and Chollet 2020)"),  # written without the accent
    ("cite-17", "van der Maaten and Hinton (2008)"),  # natural text with a particle
])
def test_odd_names(site, anchor: str, text: str) -> None:
    assert page(site, POST_A).select_one(f"#{anchor}").get_text() == text


def test_odd_names_in_reference_entries(site) -> None:
    soup = page(site, POST_A)
    authors = {key: entry(soup, key).select_one(".biblog-authors").get_text()
               for key in ("muller2020accent", "gemini2023", "vandermaaten2008visualizing",
                           "radford2019language", "openai2023gpt4", "autogpt")}
    assert authors == {
        "muller2020accent": "Thomas Müller and François Chollet",
        "gemini2023": "Gemini Team",
        "vandermaaten2008visualizing": "Laurens van der Maaten and Geoffrey Hinton",
        "radford2019language": "Alec Radford et al.",
        "openai2023gpt4": "OpenAI",
        "autogpt": "AutoGPT",
    }
    assert entry(soup, "openai2023gpt4").select_one(".biblog-title").get_text() == "GPT-4 Technical Report"
    assert "{" not in soup.select_one(".biblog-reference-list").get_text()
    assert "(n.d.)" in entry(soup, "autogpt").get_text()


def test_reference_list_has_only_what_the_post_cites(site) -> None:
    assert reference_ids(page(site, POST_B)) == ["ref-wang2023selfconsistency", "ref-wei2022chain"]
    in_a = reference_ids(page(site, POST_A))
    assert len(in_a) == len(set(in_a)) == 13
    assert "ref-wang2023selfconsistency" in in_a


def test_reference_list_is_sorted_by_author_then_year(site) -> None:
    ids = [i for i in reference_ids(page(site, POST_A)) if not i.startswith("ref-wang2023")]
    assert ids == [
        "ref-autogpt", "ref-cobbe2021training", "ref-gemini2023", "ref-graves2016adaptive",
        "ref-ho2022classifier", "ref-ling2017program", "ref-muller2020accent", "ref-openai2023gpt4",
        "ref-radford2019language", "ref-vandermaaten2008visualizing", "ref-wei2022chain",
    ]


def test_year_letters_are_listed_in_order(site) -> None:
    ids = [i for i in reference_ids(page(site, POST_A)) if i.startswith("ref-wang2023")]
    assert ids == ["ref-wang2023plan", "ref-wang2023selfconsistency"]


def test_citations_link_to_entries_on_the_same_page(site) -> None:
    soup = page(site, POST_A)
    links = soup.select(".biblog-citation a")
    assert len(links) == 19
    for link in links:
        assert link["href"].startswith("#ref-")
        assert soup.select_one(link["href"]) is not None, link["href"]
    assert soup.select_one("#cite-1 a")["title"].startswith("Jason Wei, Xuezhi Wang, Dale Schuurmans et al.")


def test_entries_link_back_to_each_citation(site) -> None:
    soup = page(site, POST_A)
    back = entry(soup, "wei2022chain").select(".biblog-backlinks a")
    assert [(a["href"], a.get_text()) for a in back] == [("#cite-1", "↩"), ("#cite-2", "2"), ("#cite-8", "3")]
    assert [a["href"] for a in entry(soup, "ling2017program").select(".biblog-backlinks a")] == ["#cite-4"]
    for anchor in soup.select(".biblog-backlinks a"):
        assert "biblog-citation" in soup.select_one(anchor["href"])["class"]


def test_entry_links_to_arxiv_doi_and_url(site) -> None:
    soup = page(site, POST_A)

    def links(key: str) -> list[tuple[str, str]]:
        return [(a.get_text(), a["href"]) for a in entry(soup, key).select("a.biblog-link")]

    assert links("graves2016adaptive") == [("arXiv", "https://arxiv.org/abs/1603.08983")]
    assert links("cobbe2021training") == [("arXiv", "https://arxiv.org/abs/2110.14168")]
    assert links("wei2022chain") == [("DOI", "https://doi.org/10.5555/3600270.3602070")]
    assert links("ling2017program") == [("URL", "https://aclanthology.org/P17-1015/")]
    assert links("ho2022classifier") == []


def test_reference_section_closes_the_post(site) -> None:
    soup = page(site, POST_A)
    section = soup.select_one("section#references.biblog-references")
    assert section.h2.get_text().strip("¶") == "References"
    assert section.find_parent("section")["id"] == "reasoning-at-length"


def test_also_cited_in_links_the_other_post(site) -> None:
    soup = page(site, POST_A)
    also = entry(soup, "wei2022chain").select_one(".biblog-also")
    assert also.get_text() == "Also cited in Sampling many chains."
    assert also.a["href"] == "../2024-03-01-sampling/#ref-wei2022chain"
    assert entry(soup, "graves2016adaptive").select_one(".biblog-also") is None
    back = entry(page(site, POST_B), "wei2022chain").select_one(".biblog-also")
    assert back.a.get_text() == "Reasoning at length"
    assert back.a["href"] == "../2024-02-01-reasoning/#ref-wei2022chain"


def test_site_references_list_every_cited_work_once(site) -> None:
    soup = page(site, "references")
    ids = [li["id"] for li in soup.select(".biblog-site-references > li")]
    assert len(ids) == len(set(ids)) == 13
    assert set(ids) == set(reference_ids(page(site, POST_A)))
    assert "ref-vaswani2017attention" not in ids  # in the .bib file, cited nowhere


def test_site_references_link_every_citing_post(site) -> None:
    item = page(site, "references").select_one("li#ref-wei2022chain")
    assert item.select_one(".biblog-cite-count").get_text() == "Cited 4 times in 2 posts:"
    places = [(a["href"], a.get_text()) for a in item.select(".biblog-citing-places a")]
    # newest post first, then document order
    assert places == [
        ("../posts/2024-03-01-sampling/#cite-2", "Sampling many chains"),
        ("../posts/2024-02-01-reasoning/#cite-1", "Reasoning at length"),
        ("../posts/2024-02-01-reasoning/#cite-2", "Reasoning at length"),
        ("../posts/2024-02-01-reasoning/#cite-8", "Reasoning at length"),
    ]


def test_site_references_show_section_and_context(site) -> None:
    places = page(site, "references").select("li#ref-wei2022chain .biblog-citing-places > li")
    assert places[0].get_text() == "Sampling many chains: “Self-consistency […] builds on […].”"
    assert places[1].select_one(".biblog-context").get_text() == "“Chains of thought help […].”"
    assert places[2].select_one(".biblog-context").get_text() == "“[…] showed it first.”"
    assert places[3].get_text().startswith("Reasoning at length › Sampling: “The same work")
    ling = page(site, "references").select_one("li#ref-ling2017program .biblog-citing-places > li")
    assert ling.get_text() == "Reasoning at length › Background: “Word problems have a long history […].”"


def test_site_references_have_a_filter_box(site) -> None:
    soup = page(site, "references")
    box = soup.select_one(".biblog-filter")
    assert box.label["for"] == "biblog-filter-input"
    assert box.label.get_text() == "Filter the 13 works by author, title or year"
    field = box.select_one("input#biblog-filter-input")
    assert field["type"] == "search"
    works = box.find_next_sibling("div")
    assert works["class"] == ["biblog-works"]
    assert works.select_one("ul")["class"] == ["biblog-site-references"]


def search_index(app) -> dict:
    import json

    text = Path(app.outdir, "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_search_indexes_citations_and_the_references_page_not_post_reference_lists(site) -> None:
    index = search_index(site)
    terms, docnames = index["terms"], index["docnames"]
    post_a = docnames.index(POST_A)
    # "Wei et al." is running text of the post: searching the author finds it.
    wei = terms["wei"]
    assert post_a in (wei if isinstance(wei, list) else [wei])
    # "Elicits" is only in a title; only the site-wide references page lists titles for search.
    elicit = terms["elicit"]
    assert (elicit if isinstance(elicit, list) else [elicit]) == [docnames.index("references")]
    # So do the labels with their letters: a search for "2023b" finds the page.
    label = terms["2023b"]
    assert docnames.index("references") in (label if isinstance(label, list) else [label])


def test_the_references_page_preview_is_not_made_of_its_entries(site) -> None:
    body = page(site, "references")
    titles = [t.get_text() for t in body.select(".biblog-title")]
    assert len(titles) >= 5
    description = body.find_parent("html").head.select_one('meta[property="og:description"]')
    shown = description["content"] if description else ""
    assert not [title for title in titles if title[:20] in shown]


def test_the_keys_a_post_cites_read_from_the_kept_rows_are_its_uses_keys(site) -> None:
    domain = blog_domain(site.env)
    uses = domain.uses_in(POST_A)
    assert len(uses) > 10
    assert domain.cited_keys(POST_A) == list(dict.fromkeys(use.key for use in uses))
    assert views_of(site.env).uses_of("wei2022chain")[0].docname in domain.citing_docs()
