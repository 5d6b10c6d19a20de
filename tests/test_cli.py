"""The command line, in-process (main(argv)) and as a subprocess, on small projects."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from biblog.cli.main import main

MINIMAL = Path(__file__).parent / "roots" / "test-minimal"


@pytest.fixture
def blog(minimal_blog: Path) -> Path:
    return minimal_blog


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


@pytest.mark.parametrize(
    ("query", "how"),
    [
        ("wei2022chain", "key"),
        ("Wei et al. 2022", "citation"),
        ("Wei 2022", "citation"),
        ("10.5555/3600270.3602070", "DOI"),
        ("https://doi.org/10.5555/3600270.3602070", "DOI"),
        ("chain-of-thought prompting", "title words"),
    ],
)
def test_every_query_form_finds_the_work(blog: Path, capsys: pytest.CaptureFixture[str], query: str,
                                         how: str) -> None:
    assert run(blog, "cite", "--json", query) == 0
    result = json.loads(capsys.readouterr().out)
    top = result["matches"][0]
    assert top["key"] == "wei2022chain"
    assert top["how"] == how
    assert [place["post"] for place in top["cited_in"]] == [
        "posts/2024-03-05-second", "posts/2024-01-10-first", "posts/2024-01-10-first"]


@pytest.mark.parametrize("query", ["1603.08983", "arXiv:1603.08983", "https://arxiv.org/abs/1603.08983v2"])
def test_arxiv_ids_and_urls(blog: Path, capsys: pytest.CaptureFixture[str], query: str) -> None:
    assert run(blog, "cite", "--json", query) == 0
    assert [m["key"] for m in json.loads(capsys.readouterr().out)["matches"]] == ["graves2016adaptive"]


def test_json_shape_is_stable(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(blog, "cite", "--json", "graves2016adaptive")
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"query", "matches"}
    match = result["matches"][0]
    assert set(match) == {"key", "label", "how", "score", "reference", "links", "cited_in"}
    assert match["label"] == "Graves 2016"
    assert match["links"] == [{"kind": "arXiv", "url": "https://arxiv.org/abs/1603.08983"}]
    first = match["cited_in"][0]
    assert set(first) == {"post", "title", "date", "section", "url", "line", "sentence"}
    assert first["url"] == "https://blog.example.org/posts/2024-01-10-first/#cite-1"
    assert first["date"] == "2024-01-10"
    sections = [place["section"] for place in match["cited_in"]]
    assert sections == ["", "Method"]


def test_loose_queries_are_ranked(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(blog, "cite", "--json", "diffusion guidance classifier")
    scores = [(m["key"], m["score"]) for m in json.loads(capsys.readouterr().out)["matches"]]
    assert scores[0][0] == "ho2022classifier"
    assert scores == sorted(scores, key=lambda s: -s[1])


def test_text_output_names_posts_sections_and_urls(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(blog, "cite", "Graves 2016") == 0
    out = capsys.readouterr().out
    assert "graves2016adaptive  (Graves 2016)  [citation]" in out
    assert "2024-01-10  First post › Method" in out
    assert "https://blog.example.org/posts/2024-01-10-first/#cite-4" in out


def test_no_match_exits_1_with_a_hint(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(blog, "cite", "Nobody 1999") == 1
    assert "nothing matches 'Nobody 1999'" in capsys.readouterr().err


def test_an_unknown_author_year_query_never_matches_title_words(blog: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(blog, "cite", "--json", "Schulman et al. 2017") == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["matches"] == []
    assert "unknown citation 'Schulman et al. 2017': no entry by Schulman from 2017" in captured.err


def test_a_wrong_year_lists_the_authors_works_and_the_build_message(blog: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run(blog, "cite", "--json", "Wei et al. 2021") == 1
    captured = capsys.readouterr()
    assert [(m["key"], m["how"]) for m in json.loads(captured.out)["matches"]] == [
        ("wei2022chain", "same author, another year")]
    assert "write 'Wei et al. 2022'" in captured.err


def test_a_misspelt_author_gets_a_suggestion(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(blog, "cite", "Wie et al. 2022") == 1
    assert "did you mean Chain-of-Thought" in capsys.readouterr().err


def test_refs_most_cited_first_unused_and_per_post(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(blog, "refs", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["key"], r["posts"]) for r in rows] == [
        ("wei2022chain", 2), ("graves2016adaptive", 1), ("ho2022classifier", 1)]
    (blog / "refs.bib").write_text((blog / "refs.bib").read_text() + textwrap.dedent("""
        @misc{lonely2020,
          author = {Lone Author},
          title = {Nobody Cites This},
          year = {2020},
        }
        """))
    run(blog, "refs", "--unused", "--json")
    assert [r["key"] for r in json.loads(capsys.readouterr().out)] == ["lonely2020"]
    run(blog, "refs", "--post", "2024-03-05-second", "--json")
    assert [r["key"] for r in json.loads(capsys.readouterr().out)] == ["wei2022chain"]


BROKEN_BIB_A = """\
@article{smith2020deep,
  author = {John Smith and Ann Jones},
  title = {Deep Things},
  year = {2020},
  eprint = {2001.00001},
  archiveprefix = {arXiv},
}

@article{smith2020other,
  author = {John Smith and Ann Jones},
  title = {Deep Things Again},
  year = {2020},
  eprint = {2001.00001},
  archiveprefix = {arXiv},
}

@article{notitle2021,
  author = {Nora Title},
  year = {2021},
}
"""

BROKEN_BIB_B = """\
@article{smith2020deep,
  author = {Someone Else},
  title = {A Duplicate Key},
  year = {2019},
}

@article{lee2021a,
  author = {Kim Lee and Sam Park and Alex Wu},
  title = {First},
  year = {2021},
}

@article{lee2021b,
  author = {Kim Lee and Max Moe and Alex Wu},
  title = {Second},
  year = {2021},
}
"""

BROKEN_POST = """\
---
title: Broken
date: 2024-05-01
---

Cites a typo {cite:p}`smith2020dep` and an ambiguous text {cite:t}`Lee et al. 2021`.
"""


def test_check_reports_each_problem_once_with_file_and_line(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "broken"
    (root / "posts").mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["biblog"]\nbibtex_bibfiles = ["a.bib", "b.bib"]\n')
    (root / "a.bib").write_text(BROKEN_BIB_A)
    (root / "b.bib").write_text(BROKEN_BIB_B)
    (root / "posts" / "2024-05-01-broken.md").write_text(BROKEN_POST)
    assert run(root, "check") == 1
    lines = capsys.readouterr().out.splitlines()
    assert "b.bib:1: error: duplicate key 'smith2020deep', first defined at a.bib:1; rename one of the two " \
           "entries (BibTeX keys ignore case)" in lines
    assert "a.bib:9: error: arXiv id 2001.00001 is also in entry 'smith2020deep'; merge the two entries and " \
           "keep one key" in lines
    assert "a.bib:17: warning: entry 'notitle2021' has no title; add the field if the fact is known" in lines
    assert "posts/2024-05-01-broken.md:6: error: unknown citation 'smith2020dep'; did you mean " \
           "Deep Things (Smith and Jones 2020a, smith2020deep): write 'Smith and Jones 2020a'; " \
           "Deep Things Again (Smith and Jones 2020b, smith2020other): write 'Smith and Jones 2020b'?" in lines
    assert "posts/2024-05-01-broken.md:6: error: ambiguous citation 'Lee et al. 2021': it fits 2 entries; " \
           "write 'Lee et al. 2021a' for First (Lee et al. 2021a, lee2021a); 'Lee et al. 2021b' for Second " \
           "(Lee et al. 2021b, lee2021b)" in lines
    assert "a.bib:17: warning: entry 'notitle2021' is not cited by any post" in lines
    assert len(lines) == len(set(lines))
    assert lines[-1] == "4 errors, 6 warnings"


def test_check_passes_on_a_clean_project(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(blog, "check") == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "0 errors, 0 warnings"


def test_new_creates_a_post_that_builds(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sphinx.testing.util import SphinxTestApp

    assert run(blog, "new", "A Fresh Idea: Tests!", "--date", "2024-06-01", "--tags", "alpha, gamma") == 0
    path = blog / "posts" / "2024-06-01-a-fresh-idea-tests.md"
    assert capsys.readouterr().out.strip() == str(path)
    assert run(blog, "new", "A Fresh Idea: Tests!", "--date", "2024-06-01") == 1
    app = SphinxTestApp("dirhtml", srcdir=blog, builddir=blog / "_build")
    try:
        app.build()
        assert app.warning.getvalue() == ""
        assert (Path(app.outdir) / "posts" / "2024-06-01-a-fresh-idea-tests" / "index.html").is_file()
    finally:
        app.cleanup()


def test_the_console_script_runs_as_a_subprocess(blog: Path) -> None:
    found = subprocess.run([sys.executable, "-m", "biblog.cli", "--root", str(blog), "cite", "Ho and Salimans 2022"],
                           capture_output=True, text=True, check=False)
    assert found.returncode == 0
    assert found.stdout.startswith("ho2022classifier  (Ho and Salimans 2022)")
    missing = subprocess.run([sys.executable, "-m", "biblog.cli", "--root", str(blog), "cite", "zzzz"],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 1
    outside = subprocess.run([sys.executable, "-m", "biblog.cli", "refs"], cwd="/",
                             capture_output=True, text=True, check=False)
    assert outside.returncode == 2
    assert "no conf.py" in outside.stderr


def test_a_reader_that_stops_early_gets_no_traceback(blog: Path) -> None:
    # `biblog refs --unused | head -1`: far more output than a pipe holds, and the reader leaves after one line.
    with (blog / "refs.bib").open("a", encoding="utf-8") as bib:
        for n in range(3000):
            bib.write(f"\n@misc{{unused{n},\n  author = {{Nobody, A.}},\n  title = {{Unused {n}}},\n"
                      f"  year = {{2020}},\n}}\n")
    process = subprocess.Popen([sys.executable, "-m", "biblog.cli", "--root", str(blog), "refs", "--unused"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.stdout, process.stderr
    assert stdout is not None
    assert stderr is not None
    first = stdout.readline()
    stdout.close()
    errors = stderr.read()
    process.wait(timeout=60)
    assert first.strip(), errors
    assert "Traceback" not in errors, errors
    assert "BrokenPipeError" not in errors, errors
    assert process.returncode == 1


# check reads posts as MyST does (the build's parser), and only asks of entries what their type needs.

CHECK_BIB = """\
@proceedings{conf2020,
  editor = {Eve Editor},
  title = {Proceedings of a Conference},
  year = {2020},
  doi = {10.1/conf2020},
}

@proceedings{bare2021,
  title = {Proceedings without Editors},
  year = {2021},
}

@inproceedings{one2020,
  author = {Ann One},
  title = {First Paper},
  crossref = {conf2020},
}

@inproceedings{two2020,
  author = {Bob Two},
  title = {Second Paper},
  crossref = {conf2020},
}

@misc{repository,
  howpublished = {github.com},
  url = {https://github.com/example/tool},
}
"""

CHECK_POST = """\
---
title: Checked
date: 2024-05-01
---

Cites {cite:p}`one2020` and {cite:p}`two2020`, and
on its second line {cite:p}`bare2021`; a repository {cite:p}`repository` needs no title or year.

<!-- {cite:p}`nothing2099` is not read by the build, so not by check -->

## Results of {cite:t}`smith2099`

```python
x = "{cite:p}`code2099`"
```

:::{note}
Inside a note, {cite:p}`conf2020` and {cite:p}`typo2099`.
:::
"""


def test_check_reads_posts_as_the_build_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "blog"
    (root / "posts").mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["biblog"]\nbibtex_bibfiles = ["refs.bib"]\n')
    (root / "refs.bib").write_text(CHECK_BIB)
    (root / "posts" / "2024-05-01-checked.md").write_text(CHECK_POST)
    assert run(root, "check") == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "posts/2024-05-01-checked.md:11: error: unknown citation 'smith2099': no entry has this key or author "
        "and year; add it to the bibliography or fix the spelling",
        "posts/2024-05-01-checked.md:18: error: unknown citation 'typo2099': no entry has this key or author "
        "and year; add it to the bibliography or fix the spelling",
        "2 errors, 0 warnings",
    ]


def test_a_post_with_a_byte_that_is_not_utf8_is_named(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = blog / "posts" / "2024-01-10-first.md"
    text = post.read_bytes()
    post.write_bytes(text.replace(b"\n\n", b"\n\nCaf\xe9.\n\n", 1))
    line = text[: text.index(b"\n\n")].count(b"\n") + 3
    assert run(blog, "check") == 1
    assert f"posts/2024-01-10-first.md:{line}: error: byte 0xE9 (column 4) is not UTF-8; save the file as UTF-8" \
        in capsys.readouterr().out.splitlines()


def test_check_passes_on_the_iridia_collection(tmp_path: Path, shared_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """3,300 real entries: crossref DOIs are not duplicates, proceedings need no author, no error at all."""
    folder = shared_dir / "data" / "iridia-references"
    names = ["abbrev.bib", "journals.bib", "authors.bib", "articles.bib", "biblio.bib", "crossref.bib"]
    bibfiles = [str(folder / n) for n in names]
    (tmp_path / "conf.py").write_text(f'extensions = ["biblog"]\nbibtex_bibfiles = {bibfiles}\n')
    assert run(tmp_path, "check") == 0
    *lines, summary = capsys.readouterr().out.splitlines()
    assert summary.startswith("0 errors, ")
    assert [line for line in lines if "is not cited by any post" not in line] == []


def test_cite_urls_use_the_anchors_the_build_gives(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Roles the build does not link (unknown, unlinked with '!', empty) take no anchor: the CLI agrees."""
    from sphinx.cmd.build import main as sphinx_build

    (blog / "posts" / "2024-06-01-anchors.md").write_text(textwrap.dedent("""\
        ---
        title: Anchors
        date: 2024-06-01
        ---

        Unknown {cite:p}`nosuch2099`, unlinked {cite:p}`!graves2016adaptive`, empty {cite:p}` `.

        Linked {cite:p}`graves2016adaptive`.
        """), encoding="utf-8")
    assert run(blog, "check") == 1
    out = capsys.readouterr().out
    assert ("posts/2024-06-01-anchors.md:6: error: a citation cannot be unlinked: remove the '!' from "
            "'{cite:p}`!graves2016adaptive`'") in out.splitlines()
    run(blog, "cite", "--json", "graves2016adaptive")
    places = json.loads(capsys.readouterr().out)["matches"][0]["cited_in"]
    url = next(place["url"] for place in places if place["post"] == "posts/2024-06-01-anchors")
    anchor = url.partition("#")[2]
    assert anchor == "cite-1"
    out_dir = blog / "_build" / "html"
    assert sphinx_build(["-b", "dirhtml", "-q", str(blog), str(out_dir)]) == 0
    html = (out_dir / "posts" / "2024-06-01-anchors" / "index.html").read_text(encoding="utf-8")
    cited = html[html.index(f'id="{anchor}"'):]
    assert cited.index("Graves") < cited.index("</a>")
