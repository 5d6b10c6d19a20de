"""``biblog init``: a new blog that builds strictly with furo and with alabaster, and never overwrites."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from biblog.cli.main import main


def strict_build(blog: Path, theme: str, python: str = sys.executable) -> Path:
    """Build BLOG as its Makefile does (-W --keep-going -n, dirhtml) with THEME; the output folder."""
    out = blog / "_build" / theme
    command = [python, "-m", "sphinx", "-b", "dirhtml", "-c", ".", "-d", str(out / "doctrees"), "-W",
               "--keep-going", "-n", "-q", "-D", f"html_theme={theme}", "docs", str(out / "html")]
    result = subprocess.run(command, cwd=blog, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return out / "html"


def check_new_blog_pages(html: Path, title: str) -> None:
    """The home page lists the example post; the post shows its header, citation and reference list."""
    home = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "lxml")
    cards = home.select(".biblog-card-title a")
    assert [a.get_text(strip=True) for a in cards] == ["Hello, blog"]
    assert title in home.title.get_text()
    post = BeautifulSoup((html / cards[0]["href"] / "index.html").read_text(encoding="utf-8"), "lxml")
    assert post.select_one("h1").get_text(strip=True).startswith("Hello, blog")
    assert post.select_one(".biblog-post-meta time.biblog-date")
    assert [a.get_text() for a in post.select("a.biblog-cite")] == ["Knuth 1984", "1984"]
    assert "Literate Programming" in post.select_one(".biblog-reference").get_text()
    assert post.select_one(".biblog-cite-this")


def init(tmp_path: Path, *options: str) -> Path:
    blog = tmp_path / "myblog"
    assert main(["init", str(blog), "--title", "Notes on Things", "--author", "Ann Other", *options]) == 0
    return blog


def test_init_writes_a_complete_blog(tmp_path: Path) -> None:
    blog = init(tmp_path)
    written = {p.relative_to(blog).as_posix() for p in blog.rglob("*") if p.is_file()}
    today = dt.date.today().isoformat()
    assert {"conf.py", "docs/index.md", f"docs/posts/{today}-hello-blog.md", "references.bib", "Makefile",
            ".readthedocs.yaml", "requirements.txt", "README.md", ".gitignore"} <= written
    makefile = (blog / "Makefile").read_text()
    assert all(f"\n{target}:" in makefile for target in ("html", "serve", "test"))
    assert "-D blog_show_drafts=1" in makefile
    conf = (blog / "conf.py").read_text()
    assert "project = 'Notes on Things'" in conf
    assert "author = 'Ann Other'" in conf


def test_readthedocs_file_is_valid(tmp_path: Path, shared_dir: Path) -> None:
    blog = init(tmp_path)
    schema = json.loads((shared_dir / "data" / "readthedocs-schema-v2.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load((blog / ".readthedocs.yaml").read_text()), schema)


@pytest.mark.parametrize("theme", ["furo", "alabaster"])
def test_new_blog_builds_strictly(tmp_path: Path, theme: str) -> None:
    blog = init(tmp_path)
    check_new_blog_pages(strict_build(blog, theme), "Notes on Things")


def test_new_blog_passes_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blog = init(tmp_path)
    capsys.readouterr()
    assert main(["--root", str(blog), "check"]) == 0
    assert capsys.readouterr().out.strip() == "0 errors, 0 warnings"


@pytest.mark.parametrize("existing", ["notes.txt", ".git/HEAD"])
def test_init_refuses_a_folder_that_holds_anything(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   existing: str) -> None:
    blog = tmp_path / "myblog"
    (blog / existing).parent.mkdir(parents=True)
    (blog / existing).write_text("mine")
    assert main(["init", str(blog)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.relative_to(blog).as_posix() for p in blog.rglob("*")) == sorted(
        {existing, *([".git"] if "/" in existing else [])})


def test_init_into_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "myblog").mkdir()
    assert (init(tmp_path) / "conf.py").is_file()
