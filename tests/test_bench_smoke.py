"""The benchmark harness (``make bench``) works end to end at a tiny size. No timing assertions."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for `benchmarks`

from benchmarks import corpus as bench_corpus
from benchmarks import run as bench_run

POSTS, ENTRIES = 4, 50


def test_corpus_is_deterministic_and_complete(tmp_path: Path) -> None:
    first = bench_corpus.write_corpus(tmp_path / "a", POSTS, ENTRIES, seed=3)
    bench_corpus.write_corpus(tmp_path / "b", POSTS, ENTRIES, seed=3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)
    assert len(first.posts) == POSTS
    assert len(first.entries) == ENTRIES
    assert 'extensions = ["biblog"]' in (tmp_path / "a/biblog/conf.py").read_text()
    assert 'extensions = ["myst_parser"]' in (tmp_path / "a/floor/conf.py").read_text()
    bib = (tmp_path / "a/biblog/references.bib").read_text()
    assert bib.count("\n@") + 1 == ENTRIES
    assert "eprint = {" in bib
    for name, biblog_text, floor_text in first.posts:
        assert re.fullmatch(r"posts/\d{4}-\d{2}-\d{2}-[a-z-]+", name)
        assert biblog_text.startswith("---\ntitle: ")
        words = len(biblog_text.split())
        assert 2400 <= words <= 4500, words
        roles = re.findall(r"\{cite:[pt]\}`[^`]+`", biblog_text)
        assert 20 <= len(roles) <= 30
        assert "{cite:" not in floor_text
        assert "```python" in floor_text
        assert "$$" in floor_text
        assert "|---|" in floor_text


def test_harness_prints_every_row_and_builds_without_warnings(tmp_path: Path, capsys) -> None:
    status = bench_run.main(["--posts", str(POSTS), "--entries", str(ENTRIES), "--corpus", str(tmp_path),
                             "--json", str(tmp_path / "results.json"), "--quiet"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert f"{POSTS} posts x {ENTRIES} entries" in out
    for _row, label in bench_run.ROWS:
        assert re.search(rf"^\| {re.escape(label.format(jobs='auto'))} +\|", out, re.MULTILINE), (label, out)
    assert "biblog full build speed-up with -j auto: " in out
    assert "floor full build speed-up with -j auto: " in out
    assert "biblog output after the incremental steps vs a fresh -j auto build: identical" in out
    logs = tmp_path / f"{POSTS}x{ENTRIES}-s1" / "_build" / "logs"
    for log in logs.glob("biblog-*.log"):
        assert "build succeeded" in log.read_text(), log
        assert "WARNING:" not in log.read_text(), log
    for warnings in logs.glob("biblog-*.warnings"):
        assert warnings.read_text().strip() == "", warnings
    # The table's own counts: every biblog build warned 0 times; the incremental steps re-read little.
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
            for line in out.splitlines() if line.startswith("| ")}
    assert all(cells[-1].startswith("0 /") for cells in list(rows.values())[1:])
    assert rows["full build (-j 1)"][3] == f"{POSTS + 2} / {POSTS + 2}"  # the posts, index, references
    assert rows["no-change rebuild"][3] == "0 / 0"
    assert rows["edit one post"][3].startswith("1 /")


def test_growth_exponent_is_the_log_log_slope() -> None:
    assert abs(bench_run.fitted_exponent([(10, 1.0), (100, 10.0), (1000, 100.0)]) - 1.0) < 1e-9
    assert abs(bench_run.fitted_exponent([(10, 1.0), (100, 100.0)]) - 2.0) < 1e-9
    sizes = [{"posts": p, "entries": e, "citations": c,
              "results": {v: {"full": {"seconds": t, "peak_mb": 100.0 + c / 100}} for v in ("biblog", "floor")}}
             for p, e, c, t in [(2, 10, 100, 1.0), (20, 100, 1000, 10.0)]]
    report = bench_run.growth_report(sizes)
    assert "biblog time ~ citations^1.00, peak memory 110 MB" in report


def test_citations_are_counted_per_key(tmp_path: Path) -> None:
    corpus = bench_corpus.write_corpus(tmp_path, POSTS, ENTRIES, seed=3)
    roles = [r for _n, text, _f in corpus.posts for r in re.findall(r"\{cite:[pt]\}`([^`]+)`", text)]
    assert bench_run.count_citations(corpus) == sum(r.count(";") + r.count(",") + 1 for r in roles) > len(roles) > 0


def test_differing_files_names_changed_missing_and_extra_files(tmp_path: Path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    for root in (one, other):
        (root / "posts").mkdir(parents=True)
        (root / "index.html").write_text("same")
    (one / "posts" / "a.html").write_text("old")
    (other / "posts" / "a.html").write_text("new")
    (one / "only-here.html").write_text("x")
    (other / "only-there.html").write_text("y")
    assert bench_run.differing_files(one, other) == ["only-here.html", "only-there.html", "posts/a.html"]


def test_an_edit_is_stamped_later_than_the_last_read_even_when_the_clock_lags(tmp_path: Path) -> None:
    # A build that read the file "in the future" (a clock stepped back since, or a lagging filesystem clock).
    path = tmp_path / "post.md"
    path.write_text("edited")
    read_us = (time.time_ns() + 30 * 10**9) // 1_000
    bench_run.stamp_after(path, read_us)
    assert -(path.stat().st_mtime_ns // -1_000) > read_us
    # With a sane clock, the file gets the current time, not one in the future.
    earlier = time.time_ns() // 1_000 - 5 * 10**6
    before = time.time_ns()
    bench_run.stamp_after(path, earlier)
    assert before <= path.stat().st_mtime_ns <= time.time_ns()


def test_progress_is_parsed_when_sphinx_prints_it_on_one_terminal_line() -> None:
    # What sphinx-build prints with CI=true, FORCE_COLOR or on a terminal, even with -N.
    one_line = ("\x1b[2K\x1b[01mreading sources... \x1b[39;49;00m[ 50%] \x1b[32mindex\x1b[39;49;00m\r"
                "\x1b[2Kreading sources... [100%] posts/2024-01-02-a\r\n"
                "\x1b[2Kwriting output... [100%] posts/2024-01-02-a\r\n")
    assert bench_run.parse_log(one_line) == (["index", "posts/2024-01-02-a"], ["posts/2024-01-02-a"])
    one_per_line = "reading sources... [ 50%] index\nreading sources... [100%] posts/2024-01-02-a\n"
    assert bench_run.parse_log(one_per_line) == (["index", "posts/2024-01-02-a"], [])


def test_the_archive_floor_keeps_its_posts_out_of_the_navigation(tmp_path: Path) -> None:
    corpus = bench_corpus.write_corpus(tmp_path / "a", POSTS, ENTRIES, seed=3, navigation=False)
    bench_corpus.write_corpus(tmp_path / "b", POSTS, ENTRIES, seed=3, navigation=False)
    index = (tmp_path / "a/floor/index.md").read_text()
    assert "toctree" not in index
    assert index == (tmp_path / "b/floor/index.md").read_text()  # still deterministic
    for name, _biblog, _floor in corpus.posts:
        assert f"]({name}.md)" in index
        floor = (tmp_path / "a/floor" / f"{name}.md").read_text()
        assert floor.startswith("---\norphan: true\ntitle: ")
        assert (tmp_path / "a/biblog" / f"{name}.md").read_text() == _biblog  # biblog's posts are unchanged


def test_the_default_run_keeps_the_existing_sizes_and_all_adds_the_archive() -> None:
    assert bench_run.SIZE_SETS["standard"] == ["small", "default", "large"]
    assert bench_run.SIZE_SETS["all"] == ["small", "default", "large", "archive"]
    assert bench_run.SIZES["archive"] == (1000, 20000)
    assert bench_run.SIZES["archive"][0] >= bench_run.NO_NAVIGATION_FROM
    assert bench_run.SIZES["large"][0] < bench_run.NO_NAVIGATION_FROM
