"""What a reader loads and waits for at archive scale: ``python -m benchmarks.reader`` (``make bench``).

Writes the generated corpus (``benchmarks.corpus``, 1,000 posts x 20,000
entries by default), builds it with biblog (again only what changed, when the
corpus folder holds a previous build), prints the size of the pages a reader
loads, then opens the references page from disk in Debian's chromium
(Playwright, ``/usr/bin/chromium``) and measures: the page's load, the works
script's load (on the first focus of the filter), and each keystroke of a few
filter queries, from the ``input`` event to the list laid out again. The issue's
budgets: home page < 300 KB, references page < 1.5 MB, < 50 ms a keystroke.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from .corpus import write_corpus
from .run import HERE, sphinx_build

QUERIES = ["wei 2022", "attention", "graves adaptive", "zz-nothing"]
CHROMIUM = "/usr/bin/chromium"
BUDGET_MS = 50.0
#: one keystroke: the new value, the input event, the list laid out again
KEYSTROKE_JS = """(value) => {
    const input = document.getElementById("biblog-filter-input");
    const start = performance.now();
    input.value = value;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    document.body.offsetHeight;
    return [performance.now() - start, document.querySelectorAll(".biblog-site-references > li").length];
}"""


def page_sizes(html: Path) -> dict[str, int]:
    files = {"home page": html / "index.html", "home page 2": html / "page" / "2" / "index.html",
             "references page": html / "references" / "index.html",
             "works script (on demand)": html / "_biblog" / "works-references.js", "Atom feed": html / "atom.xml"}
    return {name: path.stat().st_size for name, path in files.items() if path.is_file()}


def measure_browser(html: Path) -> dict[str, object]:
    from playwright.sync_api import Route, sync_playwright

    def offline(route: Route) -> None:  # from disk, as a reader opening the folder; no CDN
        route.continue_() if route.request.url.startswith("file://") else route.abort()

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_page()
        page.route("**/*", offline)
        page.goto((html / "references" / "index.html").as_uri())
        load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        started = page.evaluate("performance.now()")
        page.focus("#biblog-filter-input")
        page.wait_for_function("() => window.biblogWorks && window.biblogWorks['references']")
        script_ms = page.evaluate("performance.now()") - started
        total = page.evaluate("window.biblogWorks['references'].length")
        keystrokes: list[float] = []
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                elapsed, _shown = page.evaluate(KEYSTROKE_JS, query[:end])
                keystrokes.append(elapsed)
            for end in range(len(query) - 1, -1, -1):  # and deleting it again
                elapsed, _shown = page.evaluate(KEYSTROKE_JS, query[:end])
                keystrokes.append(elapsed)
        anchor = page.evaluate("window.biblogWorks['references'].at(-1)[0]")
        started = page.evaluate("performance.now()")
        page.evaluate(f"location.hash = '#{anchor}'")
        page.wait_for_selector(f"li[id='{anchor}']", state="visible")
        reveal_ms = page.evaluate("performance.now()") - started
        browser.close()
    return {"load_ms": load_ms, "script_ms": script_ms, "works": total, "keystrokes": keystrokes,
            "reveal_ms": reveal_ms}


def report(sizes: dict[str, int], browser: dict[str, object]) -> str:
    lines = ["biblog reader benchmark: the pages a reader loads"]
    lines += [f"  {name:<26}{size / 1024:>10,.0f} KB" for name, size in sizes.items()]
    keys = browser["keystrokes"]
    assert isinstance(keys, list)
    lines += [
        f"  references page load     {browser['load_ms']:>10,.0f} ms (from disk, chromium)",
        f"  works script load        {browser['script_ms']:>10,.0f} ms ({browser['works']:,} works; on first focus)",
        f"  filter keystroke         {statistics.median(keys):>10,.1f} ms median, {max(keys):,.1f} ms max, "
        f"over {len(keys)} keystrokes ({'within' if max(keys) < BUDGET_MS else 'OVER'} the {BUDGET_MS:.0f} ms budget)",
        f"  #ref-key of the last work {browser['reveal_ms']:>9,.0f} ms to show it",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=HERE / "_corpus", help="where the corpus and build go")
    parser.add_argument("--jobs", default="auto", help="sphinx-build -j")
    args = parser.parse_args(argv)
    root = args.corpus / f"{args.posts}x{args.entries}-s{args.seed}"
    write_corpus(root, args.posts, args.entries, args.seed)
    print(f"building {args.posts} posts x {args.entries:,} entries under {root}", file=sys.stderr)
    build = sphinx_build(root / "biblog", root / "reader-build", "reader", jobs=args.jobs)
    if build.returncode != 0:
        print(f"the build failed: see {build.log}", file=sys.stderr)
        return 1
    html = root / "reader-build" / "html"
    print(report(page_sizes(html), measure_browser(html)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
