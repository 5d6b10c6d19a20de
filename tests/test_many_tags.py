"""Tag pages grow with posts x tags, not with its square: a post with 3,000 tags builds in seconds.

Each tag page shows its posts as cards; a card listed every tag of its post,
so one post with 3,000 tags wrote 3,000 pages of 3,000 tag links each (448 MB,
about a minute). A card now shows its first few tags and a link to the post.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

ROOT = Path(__file__).parent / "roots" / "test-blog"
TAGS = [f"topic-{number}" for number in range(3000)]


def test_a_post_with_3000_tags_builds_quickly_and_its_tag_pages_stay_small(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    (srcdir / "posts" / "2025-09-01-many.md").write_text(
        f"---\ntitle: Many tags\ndate: 2025-09-01\ntags: [{', '.join(TAGS)}]\nsummary: Lots of tags.\n---\n\n"
        "A post with very many tags.\n", encoding="utf-8")
    started = time.monotonic()
    status = build_main(["-b", "dirhtml", "-q", "-d", str(tmp_path / "doctrees"), str(srcdir), str(tmp_path / "html")])
    elapsed = time.monotonic() - started
    assert status == 0
    assert elapsed < 120, f"{elapsed:.0f} s"  # about 10 s here; it was a minute, and quadratic
    pages = list((tmp_path / "html" / "tags").glob("topic-*/index.html"))
    assert len(pages) == len(TAGS)
    sizes = sorted(page.stat().st_size for page in pages)
    assert sizes[-1] < 20_000, sizes[-1]  # each page: one card, a few tags (3,000 links were 160 kB)
    card = BeautifulSoup(pages[0].read_text(encoding="utf-8"), "lxml").select_one(".biblog-card")
    assert [a.get_text() for a in card.select(".biblog-tags a.biblog-tag")] == TAGS[:8]
    more = card.select_one(".biblog-tags a.biblog-more-tags")
    assert (more.get_text(), more["href"]) == ("and 2992 more", "../../posts/2025-09-01-many/")
    post = BeautifulSoup((tmp_path / "html" / "posts" / "2025-09-01-many" / "index.html").read_text(
        encoding="utf-8"), "lxml")
    assert len(post.select(".biblog-post-meta a.biblog-tag")) == len(TAGS)  # the post itself shows all, once
