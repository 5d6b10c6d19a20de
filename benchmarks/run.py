"""Benchmark biblog against a citation-free floor: ``python -m benchmarks.run`` (``make bench``).

For each size, writes the generated corpus (``benchmarks.corpus``) in two
variants and builds both with ``sphinx-build -b dirhtml``, each build in a
fresh subprocess:

* full build (``-j 1``, clean output and doctrees)
* no-change rebuild
* rebuild after editing one post's text
* rebuild after editing one ``.bib`` entry (biblog only)
* full build with ``-j auto`` (biblog only; ``--jobs`` sets the value)

and prints wall times, the biblog/floor ratios, the documents re-read and
re-written (parsed from Sphinx's "reading sources..." and "writing output..."
lines), warnings, and peak memory.

Sizes (``--sizes``): small = 20 x 500, default = 60 x 1,000,
large = 300 x 10,000, archive = 1,000 x 20,000 (a few minutes), both = small
and default, standard = small, default and large, all = the four (the
default, what ``make bench`` runs: about a quarter of an hour). With several
sizes it also prints how the full build grows with the number of citations,
as a fitted exponent, and the peak memory.
``--posts N --entries M`` benchmarks that one size instead.

At the archive size the floor keeps its posts out of the site navigation, as
biblog does (``write_corpus(navigation=False)``): furo draws the whole
navigation on every page, and 1,000 posts in it would measure the theme.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sphinx.util.console import strip_colors

from .corpus import Corpus, write_corpus

HERE = Path(__file__).resolve().parent
SIZES = {"small": (20, 500), "default": (60, 1000), "large": (300, 10000), "archive": (1000, 20000)}
SIZE_SETS = {"small": ["small"], "default": ["default"], "large": ["large"], "archive": ["archive"],
             "both": ["small", "default"], "standard": ["small", "default", "large"],
             "all": ["small", "default", "large", "archive"]}
#: from this many posts on, the floor keeps its posts out of the navigation (see the module's doc)
NO_NAVIGATION_FROM = 1000

#: table rows, in order: (row id, label)
ROWS = [
    ("full", "full build (-j 1)"),
    ("nochange", "no-change rebuild"),
    ("edit_post", "edit one post"),
    ("edit_bib", "edit one .bib entry"),
    ("full_parallel", "full build (-j {jobs})"),
]

READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (.+?)\s*$")
WRITING = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (.+?)\s*$")


@dataclass
class Build:
    seconds: float
    returncode: int
    peak_mb: float
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    warnings: int = 0
    log: str = ""


def parse_log(text: str, universe: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Documents named in "reading sources... [ 50%] NAME" and "writing output... [ 50%] NAME" lines.

    Parallel builds name chunks, "FIRST .. LAST"; those are expanded over
    ``universe`` (all docnames, in Sphinx's sorted order) when it is given.
    """
    read: list[str] = []
    written: list[str] = []
    # With CI=true, FORCE_COLOR or a terminal, Sphinx prints progress over one line, each
    # item as "ESC[2K reading sources... [ 50%] NAME \r": drop its escapes, split at \r.
    for line in strip_colors(text).splitlines():
        for segment in line.split("\r"):
            segment = segment.strip()
            for pattern, found in ((READING, read), (WRITING, written)):
                if m := pattern.match(segment):
                    found += expand(m.group(1), universe)
    return list(dict.fromkeys(read)), list(dict.fromkeys(written))


def expand(names: str, universe: list[str] | None) -> list[str]:
    first, sep, last = names.partition(" .. ")
    if not sep:
        return [names]
    if universe and first in universe and last in universe:
        return universe[universe.index(first):universe.index(last) + 1]
    return [first, last]


def count_warnings(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines()
               if "WARNING" in line or "ERROR" in line)


def sphinx_build(src: Path, build: Path, name: str, jobs: str = "1", clean: bool = False,
                 universe: list[str] | None = None) -> Build:
    """One ``sphinx-build -b dirhtml`` in a fresh, measured subprocess."""
    out, doctrees = build / "html", build / "doctrees"
    if clean:
        shutil.rmtree(build, ignore_errors=True)
    logs = build.parent / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    result, log, warnfile = logs / f"{name}.json", logs / f"{name}.log", logs / f"{name}.warnings"
    command = [sys.executable, "-m", "sphinx", "-b", "dirhtml", "-N", "-j", jobs, "-w", str(warnfile),
               "-d", str(doctrees), str(src), str(out)]
    warnfile.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "benchmarks.measure", str(result), str(log), "--", *command],
                   check=True, cwd=HERE.parent)
    data = json.loads(result.read_text(encoding="utf-8"))
    text = log.read_text(encoding="utf-8", errors="replace")
    read, written = parse_log(text, universe)
    return Build(data["seconds"], data["returncode"], data["maxrss_kb"] / 1024, read, written,
                 count_warnings(warnfile), str(log))


def last_read_us(doctrees: Path, docname: str) -> int:
    """When the last build read DOCNAME, in microseconds since the epoch (from its saved environment)."""
    with open(doctrees / "environment.pickle", "rb") as f:
        env = pickle.load(f)  # our own build's file, written moments ago
    return int(env.all_docs[docname])


def stamp_after(path: Path, read_us: int) -> None:
    """Give an edited file a modification time Sphinx sees as later than its last read.

    Sphinx re-reads a document whose mtime is later than the moment it was last
    read (``time.time_ns()`` in the build's process); a clock stepped back or a
    filesystem with coarse timestamps would hide the edit, and the row would
    measure nothing. So the file gets a time past both now and that moment.
    """
    target = max(time.time_ns(), (read_us + 1_000) * 1_000)
    for _attempt in range(5):
        os.utime(path, ns=(target, target))
        if -(os.stat(path).st_mtime_ns // -1_000) > read_us:  # rounded up, as Sphinx does
            return
        target += 1_000_000_000  # the filesystem keeps whole seconds or coarser
    raise RuntimeError(f"{path}: cannot give it a modification time later than its last read")


def edit_post(root: Path, corpus: Corpus) -> str:
    """Append a sentence to the first paragraph of the middle post, in both variants."""
    name = corpus.posts[len(corpus.posts) // 2][0]
    for variant in ("biblog", "floor"):
        path = root / variant / f"{name}.md"
        read_us = last_read_us(root / "_build" / variant / "doctrees", name)
        text = path.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n\n")
        first, nl, rest = body.partition("\n")
        path.write_text(head + sep + first + " This sentence was added by the benchmark." + nl + rest,
                        encoding="utf-8")
        stamp_after(path, read_us)
    return name


def edit_bib(root: Path, corpus: Corpus) -> str:
    """Change the title of the first entry the first post cites."""
    text = corpus.posts[0][1]
    cited = re.search(r"\{cite:[pt]\}`([A-Za-z0-9]+)[`,]", text)
    key = cited.group(1) if cited else corpus.entries[0].key
    path = root / "biblog" / "references.bib"
    bib = path.read_text(encoding="utf-8")
    start = bib.index(f"{{{key},")
    title = bib.index("  title = {", start) + len("  title = {")
    path.write_text(bib[:title] + "Revised: " + bib[title:], encoding="utf-8")  # biblog compares content, not mtime
    return key


def bench_size(posts: int, entries: int, seed: int, corpus_root: Path, jobs: str,
               progress: bool = True) -> tuple[dict[str, dict[str, Build]], int, list[str]]:
    """Every step's builds, by variant and row; the number of citations in the corpus; and the
    output files in which the incremental -j 1 build and the fresh parallel build differ."""
    root = corpus_root / f"{posts}x{entries}-s{seed}"
    # also undoes the previous run's edits
    corpus = write_corpus(root, posts, entries, seed, navigation=posts < NO_NAVIGATION_FROM)
    results: dict[str, dict[str, Build]] = {"biblog": {}, "floor": {}}

    def run(variant: str, row: str, **kwargs: object) -> None:
        if progress:
            print(f"  {variant:6} {row} ...", end="", flush=True, file=sys.stderr)
        build = sphinx_build(root / variant, root / "_build" / (variant + ("-par" if row == "full_parallel" else "")),
                             f"{variant}-{row}", **kwargs)  # type: ignore[arg-type]
        results[variant][row] = build
        if progress:
            print(f" {build.seconds:.1f} s" + ("" if build.returncode == 0 else " FAILED"), file=sys.stderr)

    for variant in ("biblog", "floor"):
        run(variant, "full", clean=True)
        run(variant, "nochange")
    edit_post(root, corpus)
    for variant in ("biblog", "floor"):
        run(variant, "edit_post")
    edit_bib(root, corpus)
    run("biblog", "edit_bib")
    universe = sorted(set(results["biblog"]["full"].read) | set(results["biblog"]["full"].written))
    for variant in ("biblog", "floor"):
        run(variant, "full_parallel", jobs=jobs, clean=True, universe=universe)
    # The -j 1 folder went through every incremental step; the parallel one was built fresh
    # from the same final sources: they must agree.
    differences = differing_files(root / "_build" / "biblog" / "html", root / "_build" / "biblog-par" / "html")
    return results, count_citations(corpus), differences


def differing_files(one: Path, other: Path) -> list[str]:
    """Files of two output folders that are missing from one of them or differ in content."""
    def files(root: Path) -> dict[str, Path]:
        return {str(p.relative_to(root)): p for p in root.rglob("*") if p.is_file()}

    a, b = files(one), files(other)
    return sorted(name for name in a.keys() | b.keys()
                  if name not in a or name not in b or a[name].read_bytes() != b[name].read_bytes())


def count_citations(corpus: Corpus) -> int:
    """Cited keys over all posts: a ``{cite:p}`a, b``` role counts its two keys."""
    return sum(len(re.split(r"\s*[;,]\s*", roles)) for _name, text, _floor in corpus.posts
               for roles in re.findall(r"\{cite:[pt]\}`([^`]+)`", text))


def fitted_exponent(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(time) against log(size): time ~ size ** slope."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
            / sum((x - mean_x) ** 2 for x in xs))


def growth_report(sizes: list[dict]) -> str:
    lines = ["growth of the full build (-j 1) with the number of citations, fitted over "
             + ", ".join(f"{s['posts']}x{s['entries']} ({s['citations']:,} citations)" for s in sizes) + ":"]
    for variant in ("biblog", "floor"):
        points = [(s["citations"], s["results"][variant]["full"]["seconds"]) for s in sizes]
        peak = max(s["results"][variant]["full"]["peak_mb"] for s in sizes)
        lines.append(f"  {variant:6} time ~ citations^{fitted_exponent(points):.2f}, "
                     f"peak memory {peak:.0f} MB (largest size)")
    return "\n".join(lines)


def fmt_seconds(build: Build | None) -> str:
    if build is None:
        return "n/a"
    return f"{build.seconds:.2f} s" + ("" if build.returncode == 0 else " FAILED")


def fmt_counts(build: Build | None) -> str:
    return "n/a" if build is None else f"{len(build.read)} / {len(build.written)}"


def table(posts: int, entries: int, results: dict[str, dict[str, Build]], jobs: str,
          differences: list[str] | None = None) -> str:
    header = ["step", "biblog", "floor", "biblog/floor", "biblog read/written", "floor read/written",
              "biblog peak MB", "floor peak MB", "warnings b/f"]
    rows = [header]
    for row, label in ROWS:
        b, f = results["biblog"].get(row), results["floor"].get(row)
        ratio = f"{b.seconds / f.seconds:.2f}x" if b and f and f.seconds else "n/a"
        rows.append([label.format(jobs=jobs), fmt_seconds(b), fmt_seconds(f), ratio, fmt_counts(b), fmt_counts(f),
                     f"{b.peak_mb:.0f}" if b else "n/a", f"{f.peak_mb:.0f}" if f else "n/a",
                     f"{b.warnings if b else 'n/a'} / {f.warnings if f else 'n/a'}"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = [f"biblog benchmark: {posts} posts x {entries:,} entries"]
    for i, r in enumerate(rows):
        lines.append("| " + " | ".join(c.ljust(w) if j == 0 else c.rjust(w)
                                         for j, (c, w) in enumerate(zip(r, widths, strict=True))) + " |")
        if i == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for variant in ("biblog", "floor"):
        serial, parallel = results[variant].get("full"), results[variant].get("full_parallel")
        if serial and parallel and parallel.seconds:
            lines.append(f"{variant} full build speed-up with -j {jobs}: {serial.seconds / parallel.seconds:.2f}x "
                         f"({serial.seconds:.2f} s vs {parallel.seconds:.2f} s)")
    if differences is not None:
        same = "identical" if not differences else f"{len(differences)} files differ: {', '.join(differences[:5])}"
        lines.append(f"biblog output after the incremental steps vs a fresh -j {jobs} build: {same}")
    lines.append("(a parallel build writes its first document before printing progress, so its written count "
                 "is one short)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", choices=sorted(SIZE_SETS), default="all")
    parser.add_argument("--posts", type=int, help="benchmark this many posts (with --entries) instead of --sizes")
    parser.add_argument("--entries", type=int, help="BibTeX entries (with --posts)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", default="auto", help="-j value of the parallel full build (default: auto)")
    parser.add_argument("--corpus", type=Path, default=HERE / "_corpus", help="where corpora and builds go")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--quiet", action="store_true", help="no per-build progress on stderr")
    args = parser.parse_args(argv)

    if args.posts or args.entries:
        sizes = [(args.posts or SIZES["default"][0], args.entries or SIZES["default"][1])]
    else:
        sizes = [SIZES[name] for name in SIZE_SETS[args.sizes]]
    failed = False
    raw = []
    for posts, entries in sizes:
        if not args.quiet:
            print(f"building {posts} posts x {entries} entries under {args.corpus}", file=sys.stderr)
        results, citations, differences = bench_size(posts, entries, args.seed, args.corpus, args.jobs,
                                                     progress=not args.quiet)
        print(table(posts, entries, results, args.jobs, differences), flush=True)
        print(flush=True)
        failed |= any(b.returncode for r in results.values() for b in r.values())
        raw.append({"posts": posts, "entries": entries, "seed": args.seed, "jobs": args.jobs,
                    "citations": citations, "differing_files": differences,
                    "results": {v: {k: asdict(b) for k, b in r.items()} for v, r in results.items()}})
    if len(raw) > 1:
        print(growth_report(raw), flush=True)
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
