"""Drafts: out of every listing, the feed, the sitemap and search in a normal build; shown with a banner on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_support import card_titles, content, feed_of, page_at, warning_lines

DRAFT = "posts/2024-06-01-unfinished"


def everything_public(app) -> str:
    """The home page, archive, tags, what's new, references, feed, sitemap and search index, as text."""
    out = Path(app.outdir)
    parts = [page_at(app, f"{page}/index.html").get_text() for page in ("archive", "tags", "whats-new", "references")]
    parts += [page_at(app, "index.html").get_text(), (out / "atom.xml").read_text(), (out / "sitemap.xml").read_text(),
              (out / "searchindex.js").read_text()]
    return "\n".join(parts)


@pytest.mark.sphinx("dirhtml", testroot="drafts", srcdir="drafts-hidden")
def test_a_draft_is_left_out_of_a_normal_build(app) -> None:
    app.build()
    assert warning_lines(app) == []
    assert card_titles(content(app, "index")) == ["First post"]
    public = everything_public(app)
    for trace in ("Unfinished thoughts", "unfinished", "zanzibarian", "secret", "ho2022classifier"):
        assert trace not in public, trace
    assert [entry.title for entry in feed_of(app).entries] == ["First post"]
    assert not Path(app.outdir, DRAFT).exists()
    assert not Path(app.outdir, "_static", "biblog-drafts.css").exists() or all(
        "biblog-drafts.css" not in link["href"] for link in page_at(app, "index.html").select("link"))


@pytest.mark.sphinx("dirhtml", testroot="drafts", srcdir="drafts-shown", confoverrides={"blog_show_drafts": True})
def test_show_drafts_builds_it_with_a_banner(app) -> None:
    app.build()
    assert warning_lines(app) == []
    assert card_titles(content(app, "index")) == ["Unfinished thoughts", "First post"]
    post = content(app, DRAFT)
    banner = post.select_one(".biblog-draft-banner")
    assert banner is not None
    assert banner.get_text().startswith("Draft")
    assert content(app, "posts/2024-01-10-first").select_one(".biblog-draft-banner") is None
    styles = [link["href"] for link in page_at(app, f"{DRAFT}/index.html").select("link[rel=stylesheet]")]
    assert any("biblog-drafts.css" in href for href in styles)


def test_serve_turns_drafts_on_from_the_command_line(tmp_path: Path, rootdir: Path) -> None:
    """``-D blog_show_drafts=1``, as ``make serve`` passes it, means on; ``=0`` means off."""
    import shutil
    import subprocess
    import sys

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-drafts", src)
    for value, built in (("1", True), ("0", False)):
        out = tmp_path / f"out{value}"
        result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "dirhtml", "-W", "-D",
                                 f"blog_show_drafts={value}", str(src), str(out)],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert (out / DRAFT / "index.html").is_file() is built


@pytest.mark.sphinx("dirhtml", testroot="drafts", srcdir="drafts-bad-value")
def test_a_draft_value_that_is_not_true_or_false_is_reported(app) -> None:
    path = Path(app.srcdir, "posts", "2024-01-10-first.md")
    path.write_text(path.read_text().replace("tags: [alpha, beta]", "tags: [alpha, beta]\ndraft: maybe"))
    app.build()
    assert any("'draft' must be true or false" in line for line in warning_lines(app))
