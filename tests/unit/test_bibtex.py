"""Loading .bib files: LaTeX decoding, names, links, macros, crossrefs and located problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from biblog.core.bib.bibtex import load_bibliography, scan_entry_lines
from biblog.core.model import Link, Location, Problem


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, *files: tuple[str, str]):
    return load_bibliography([write(tmp_path, name, text) for name, text in files], tmp_path)


def load_one(tmp_path: Path, text: str):
    loaded = load(tmp_path, ("refs.bib", text))
    assert loaded.problems == ()
    return loaded.entries


def test_latex_accents_are_decoded(tmp_path):
    entries = load_one(
        tmp_path,
        """
@article{muller2020,
  author = {M{\\"u}ller, J{\\'e}r{\\^o}me and Herv{\\'e} J{\\'e}gou},
  title = {{\\"U}ber Caf{\\'e}s -- a study},
  journal = {Revue d'{\\'E}t{\\'e}},
  year = {2020},
}
""",
    )
    entry = entries["muller2020"]
    assert entry.surnames == ("Müller", "Jégou")
    assert entry.authors == ("Jérôme Müller", "Hervé Jégou")
    assert entry.title == "Über Cafés – a study"
    assert entry.venue == "Revue d'Été"
    assert entry.year == "2020"
    assert entry.entry_type == "article"
    assert entry.location == Location("refs.bib", 2)


def test_braced_names_and_organisations_stay_whole(tmp_path):
    entries = load_one(
        tmp_path,
        """
@misc{openai2024,
  author = {{OpenAI}},
  title = {GPT-4 Technical Report},
  year = 2024,
}
@misc{team2023,
  author = {{DeepSeek-AI Team} and Ada Lovelace},
  title = {T},
  year = 2023,
}
""",
    )
    assert entries["openai2024"].surnames == ("OpenAI",)
    assert entries["openai2024"].authors == ("OpenAI",)
    assert entries["team2023"].surnames == ("DeepSeek-AI Team", "Lovelace")
    assert entries["team2023"].authors == ("DeepSeek-AI Team", "Ada Lovelace")


@pytest.mark.parametrize("written", ["Laurens van der Maaten", "van der Maaten, Laurens"])
def test_name_particles_belong_to_the_surname(tmp_path, written):
    entries = load_one(
        tmp_path,
        f"@article{{tsne, author = {{{written} and Geoffrey Hinton}}, title = {{t-SNE}}, year = 2008}}\n",
    )
    assert entries["tsne"].surnames == ("van der Maaten", "Hinton")
    assert entries["tsne"].authors == ("Laurens van der Maaten", "Geoffrey Hinton")


def test_and_others(tmp_path):
    entries = load_one(
        tmp_path, "@article{ling2017, author = {Wang Ling and others}, title = {P}, year = 2017}\n"
    )
    entry = entries["ling2017"]
    assert entry.surnames == ("Ling",)
    assert entry.and_others is True
    assert entry.authors == ("Wang Ling", "others")


def test_editors_stand_in_for_missing_authors(tmp_path):
    entries = load_one(tmp_path, "@book{ed, editor = {Jane Roe}, title = {Edited}, year = 1999}\n")
    assert entries["ed"].surnames == ("Roe",)
    assert entries["ed"].and_others is False


def test_math_in_titles_is_kept_between_dollars(tmp_path):
    entries = load_one(
        tmp_path,
        """
@article{rl2, title = {RL$^2$: Fast {Reinforcement} Learning}, year = 2016}
@article{kmeans, title = {On $k$-means in $\\mathcal{O}(n \\log n)$ time}, year = 2020}
""",
    )
    assert entries["rl2"].title == "RL$^2$: Fast Reinforcement Learning"
    assert entries["kmeans"].title == "On $k$-means in $\\mathcal{O}(n \\log n)$ time"


def test_venue_with_volume_number_and_pages(tmp_path):
    entries = load_one(
        tmp_path,
        """
@article{j, title = {T}, journal = {JMLR}, volume = {15}, number = {1}, pages = {1929--1958}, year = 2014}
@inproceedings{c, title = {T}, booktitle = {\\textit{NeurIPS}}, year = 2017}
""",
    )
    assert entries["j"].venue == "JMLR, 15(1):1929–1958"
    assert entries["c"].venue == "NeurIPS"


def test_math_in_venues_is_kept_between_dollars(tmp_path):
    entries = load_one(tmp_path, "@inproceedings{m, title = {T}, booktitle = {Proc. of the {$k$}-{Server} Workshop},"
                                 " year = 2019}\n")
    assert entries["m"].venue == "Proc. of the $k$-Server Workshop"


def test_duplicate_key_in_two_files_names_both_locations(tmp_path):
    loaded = load(
        tmp_path,
        ("a.bib", "@misc{first, title = {F}}\n\n@misc{wei2022, title = {A}, year = 2022}\n"),
        ("b.bib", "% another file\n@misc{Wei2022,\n  title = {B}, year = 2022}\n"),
    )
    assert loaded.problems == (
        Problem(
            Location("b.bib", 2),
            "duplicate key 'Wei2022', first defined at a.bib:3; rename one of the two entries "
            "(BibTeX keys ignore case)",
            "duplicate_key",
        ),
    )
    assert str(loaded.problems[0]).startswith("b.bib:2: error: duplicate key 'Wei2022'")
    assert list(loaded.entries) == ["first", "wei2022"]
    assert loaded.entries["wei2022"].title == "A"


def test_duplicate_key_in_one_file(tmp_path):
    loaded = load(tmp_path, ("refs.bib", "@misc{k, title = {A}}\n@misc{k, title = {B}}\n"))
    assert [(str(p.location), p.message) for p in loaded.problems] == [
        (
            "refs.bib:2",
            "duplicate key 'k', first defined at refs.bib:1; rename one of the two entries "
            "(BibTeX keys ignore case)",
        )
    ]


def test_unclosed_brace_at_end_of_file_is_located(tmp_path):
    loaded = load(
        tmp_path,
        (
            "refs.bib",
            "@misc{ok, title = {ok}, year = 2000}\n\n"
            "@misc{broken,\n  title = {unclosed,\n  year = 2000,\n}\n",
        ),
    )
    assert loaded.problems == (
        Problem(
            Location("refs.bib", 4),
            "entry 'broken': the '{' on line 4 is never closed, so what follows is read as part "
            "of its value; close it with '}' (braces in a value must balance)",
            "bibtex_syntax",
        ),
    )
    assert loaded.entries["ok"].title == "ok"


def test_missing_comma_is_located(tmp_path):
    loaded = load(
        tmp_path,
        ("refs.bib", "@misc{ok,\n  title = {ok},\n}\n\n@misc{bad,\n  title = {x}\n  year = 2000,\n}\n"),
    )
    assert loaded.problems == (
        Problem(
            Location("refs.bib", 6),
            "entry 'bad': expected ',' or '}' after the value that ends on line 6; add the missing ',' "
            "at the end of line 6",
            "bibtex_syntax",
        ),
    )


def test_string_macros_serve_later_files(tmp_path):
    loaded = load(
        tmp_path,
        ("macros.bib", '@string{neurips = "Advances in Neural Information Processing Systems"}\n'),
        ("refs.bib", "@inproceedings{v, title = {T}, booktitle = neurips, year = 2017}\n"),
    )
    assert loaded.problems == ()
    assert loaded.entries["v"].venue == "Advances in Neural Information Processing Systems"
    assert loaded.entries["v"].location == Location("refs.bib", 1)


def test_undefined_string_macro(tmp_path):
    loaded = load(
        tmp_path,
        ("refs.bib", "@misc{ok, title = {ok}}\n@misc{u,\n  title = {x},\n  howpublished = nomacro,\n}\n"),
    )
    assert loaded.problems == (
        Problem(
            Location("refs.bib", 4),
            "entry 'u' uses the undefined @string macro 'nomacro'; define it with "
            "@string{nomacro = {...}} before its first use, or write the value in braces: {nomacro}",
            "bibtex_syntax",
        ),
    )


def test_crossref_to_missing_entry(tmp_path):
    loaded = load(
        tmp_path, ("refs.bib", "@inproceedings{child,\n  title = {C},\n  crossref = {nowhere},\n}\n")
    )
    assert loaded.problems == (
        Problem(
            Location("refs.bib", 1),
            "entry 'child' has crossref 'nowhere', which is not in any bibliography file; "
            "add that entry or remove the crossref field",
            "crossref",
        ),
    )
    assert "child" in loaded.entries


def test_crossref_inherits_fields_and_title_as_booktitle(tmp_path):
    entries = load_one(
        tmp_path,
        """
@inproceedings{child,
  author = {Ada Kid},
  title = {Child Paper},
  crossref = {conf2021},
}
@inproceedings{keeps, author = {Bo Own}, title = {Own}, year = 1999,
  booktitle = {Own Venue}, crossref = {conf2021}}
@proceedings{conf2021,
  editor = {Ed Itor},
  title = {Proceedings of Conf},
  year = {2021},
  publisher = {Pub},
}
""",
    )
    child = entries["child"]
    assert (child.title, child.year, child.venue, child.surnames) == (
        "Child Paper",
        "2021",
        "Proceedings of Conf",
        ("Kid",),
    )
    keeps = entries["keeps"]
    assert (keeps.year, keeps.venue) == ("1999", "Own Venue")


def test_unsafe_urls_never_become_links(tmp_path):
    loaded = load(
        tmp_path,
        ("refs.bib", """
@misc{js, title = {J}, url = {javascript:alert(1)}}
@misc{data, title = {D}, url = {data:text/html,<script>x</script>}}
@misc{web, title = {W}, url = {https://example.org/paper}}
"""),
    )
    entries = loaded.entries
    assert [(str(p.location), p.subtype) for p in loaded.problems] == [("refs.bib:2", "bib"), ("refs.bib:3", "bib")]
    assert entries["js"].links == ()
    assert entries["data"].links == ()
    assert entries["web"].links == (Link("URL", "https://example.org/paper"),)


def test_arxiv_and_doi_links(tmp_path):
    entries = load_one(
        tmp_path,
        """
@article{a, title = {A}, eprint = {2201.11903}, archiveprefix = {arXiv}, doi = {10.48550/arXiv.2201.11903}}
@article{bare, title = {B}, eprint = {1705.04146v2}}
@article{other, title = {O}, eprint = {hep-th/9901001}}
@article{dup, title = {D}, eprint = {2201.11903}, archiveprefix = {arXiv}, url = {https://arxiv.org/abs/2201.11903/}}
""",
    )
    assert entries["a"].links == (
        Link("arXiv", "https://arxiv.org/abs/2201.11903"),
        Link("DOI", "https://doi.org/10.48550/arXiv.2201.11903"),
    )
    assert (entries["a"].arxiv, entries["a"].doi) == ("2201.11903", "10.48550/arXiv.2201.11903")
    assert entries["bare"].links == (Link("arXiv", "https://arxiv.org/abs/1705.04146v2"),)
    assert entries["other"].links == ()
    assert entries["dup"].links == (Link("arXiv", "https://arxiv.org/abs/2201.11903"),)


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path):
    loaded = load_bibliography([tmp_path / "missing.bib"], tmp_path)
    assert loaded.entries == {}
    assert [(str(p.location), p.subtype) for p in loaded.problems] == [("missing.bib", "bibfile")]
    assert loaded.problems[0].message.startswith("cannot read the bibliography: ")
    assert loaded.problems[0].message.endswith("; check the path in bibtex_bibfiles")


def test_digest_changes_with_content_and_fingerprint_with_fields(tmp_path):
    first = load(tmp_path, ("refs.bib", "@misc{k, title = {A}}\n"))
    again = load(tmp_path, ("refs.bib", "@misc{k, title = {A}}\n"))
    changed = load(tmp_path, ("refs.bib", "@misc{k, title = {B}}\n"))
    assert first.digest == again.digest != changed.digest
    assert (
        first.entries["k"].fingerprint == again.entries["k"].fingerprint != changed.entries["k"].fingerprint
    )


def test_scan_entry_lines_skips_strings_and_comments():
    text = '@string{x = "y"}\n@comment{nothing}\n  @Article{key1,\n@misc( key2 ,\n'
    assert scan_entry_lines(text, "f.bib") == [("key1", Location("f.bib", 3)), ("key2", Location("f.bib", 4))]


# Inputs found by fuzzing: each loads what it can and reports the rest at its line.


def test_control_characters_are_removed_with_a_located_warning(tmp_path):
    loaded = load(tmp_path, ("refs.bib", "@misc{a,\n  title = {Red \x1b[31mText\x00},\n  year = 2020,\n}\n"))
    assert loaded.entries["a"].title == "Red [31mText"
    assert [str(p) for p in loaded.problems] == [
        "refs.bib:2: warning: this line holds the control character U+001B, which a web page or feed cannot "
        "show; it is ignored: delete it from the file"]


def test_a_byte_that_is_not_utf8_is_named_and_the_rest_loads(tmp_path):
    (tmp_path / "refs.bib").write_bytes(b"@misc{a, title = {Caf\xe9}, year = 2020}\n@misc{b, title = {B}}\n")
    loaded = load_bibliography([tmp_path / "refs.bib"], tmp_path)
    assert sorted(loaded.entries) == ["a", "b"]
    assert [str(p) for p in loaded.problems] == [
        "refs.bib:1: error: byte 0xE9 (column 22) is not UTF-8, so it is shown as '\ufffd'; save the file as UTF-8"]


def test_a_byte_order_mark_does_not_hide_a_duplicate_key(tmp_path):
    (tmp_path / "refs.bib").write_bytes(b"\xef\xbb\xbf@misc{a, title = {A}}\n@misc{A, title = {B}}\n")
    loaded = load_bibliography([tmp_path / "refs.bib"], tmp_path)
    assert [p.subtype for p in loaded.problems] == ["duplicate_key"]
    assert loaded.problems[0].location == Location("refs.bib", 2)


def test_percent_comment_lines_and_bare_comments_are_no_entries(tmp_path):
    entries = load_one(tmp_path, "% @Comment{jabref-meta: databaseType:bibtex;}\n% @misc{old, title={Old}}\n"
                       "@comment a free note\n@misc{a, title = {A}}\n@Comment{jabref-meta: x;}\n")
    assert list(entries) == ["a"]


def test_a_crossref_cycle_is_an_error_at_each_entry(tmp_path):
    loaded = load(tmp_path, ("refs.bib", "@misc{a, crossref = {b}, title = {A}}\n"
                                         "@misc{b, crossref = {a}, title = {B}}\n@misc{c, crossref = {a}}\n"))
    assert [(p.location.line, p.subtype) for p in loaded.problems] == [(1, "crossref"), (2, "crossref")]
    assert "(a -> b -> a)" in loaded.problems[0].message


def test_preamble_commands_are_expanded_and_unknown_ones_warn(tmp_path):
    loaded = load(tmp_path, ("refs.bib", '@preamble{"\\providecommand{\\rpackage}[1]{{#1}} "\n'
                             '  # "\\providecommand{\\MMAS}{{$\\cal MAX$--$\\cal MIN$} {Ant} {System}}"}\n'
                             "@misc{a, title = {The \\rpackage{irace} Package for \\MMAS}}\n"
                             "@misc{b,\n  title = {A \\foo{Bar}},\n}\n"))
    assert loaded.entries["a"].title == "The irace Package for $\\cal MAX$–$\\cal MIN$ Ant System"
    assert loaded.entries["b"].title == "A Bar"
    assert [str(p) for p in loaded.problems] == [
        "refs.bib:5: warning: entry 'b' uses the LaTeX command '\\foo' in its title, which biblog does not "
        "know, so only its argument is shown; write the text without it, or in Unicode"]


def test_a_paper_does_not_inherit_its_proceedings_doi(tmp_path):
    entries = load_one(tmp_path, "@inproceedings{p, title = {P}, crossref = {conf}}\n"
                       "@proceedings{conf, title = {Conf}, year = 2020, doi = {10.1/conf}}\n")
    assert entries["p"].doi == ""
    assert entries["p"].venue == "Conf"
    assert entries["conf"].doi == "10.1/conf"


def test_a_symlink_loop_is_a_problem_not_a_traceback(tmp_path):
    (tmp_path / "a.bib").symlink_to("b.bib")
    (tmp_path / "b.bib").symlink_to("a.bib")
    loaded = load_bibliography([tmp_path / "a.bib"], tmp_path)
    assert [str(p) for p in loaded.problems] == [
        "a.bib: error: cannot read the bibliography: Too many levels of symbolic links; check the path in "
        "bibtex_bibfiles"]


@pytest.mark.parametrize("order", ["paper first", "paper last"])
def test_a_crossref_chain_is_inherited_whatever_the_order(tmp_path, order):
    paper = "@inproceedings{paper, author = {A. Author}, title = {Paper}, crossref = {proc}}\n"
    rest = ("@proceedings{proc, title = {Proceedings}, crossref = {series}}\n"
            "@proceedings{series, title = {Series}, year = 2020, publisher = {Springer}}\n")
    entries = load_one(tmp_path, paper + rest if order == "paper first" else rest + paper)
    assert (entries["paper"].venue, entries["paper"].year) == ("Proceedings", "2020")


@pytest.mark.parametrize("reference", [False, True])
def test_a_name_with_too_many_commas_is_a_located_problem_not_a_traceback(tmp_path, reference):
    path = write(tmp_path, "refs.bib", "@article{a,\n  title = {T},\n  author = {Doe, Jr, Jane, Extra and Roe, Rita},\n"
                 "  year = {2000},\n}\n@article{b,\n  author = {Doe, Jr, Jane, Extra},\n  title = {U},\n}\n")
    loaded = load_bibliography([path], tmp_path, reference=reference)
    assert [(p.location.line, p.subtype) for p in loaded.problems] == [(3, "bibtex_syntax"), (7, "bibtex_syntax")]
    assert "'Doe, Jr, Jane, Extra' in its author" in loaded.problems[0].message
    # as pybtex repairs it: what follows the second comma is read as the given names
    assert loaded.entries["a"].surnames == ("Doe", "Roe")
    assert loaded.entries["a"].authors == ("Jane Extra Doe Jr", "Rita Roe")
