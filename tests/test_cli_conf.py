"""The command line reads conf.py as Sphinx does, honours blog_* settings and prints the builder's URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from biblog.cli.main import main


@pytest.fixture
def blog(minimal_blog: Path) -> Path:
    return minimal_blog


def cited_urls(root: Path, capsys: pytest.CaptureFixture[str], *options: str) -> list[str]:
    assert main(["--root", str(root), *options, "cite", "--json", "graves2016adaptive"]) == 0
    return [place["url"] for place in json.loads(capsys.readouterr().out)["matches"][0]["cited_in"]]


def test_conf_py_using_sphinx_tags_is_read(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = blog / "conf.py"
    conf.write_text(conf.read_text() + "\nif tags.has('draft'):\n    blog_title = 'Draft'\n")
    assert main(["--root", str(blog), "check"]) == 0
    assert "NameError" not in capsys.readouterr().err


def test_broken_conf_py_is_one_clear_line(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (blog / "conf.py").write_text("extensions = [\n")
    assert main(["--root", str(blog), "check"]) == 2
    err = capsys.readouterr().err
    assert "conf.py" in err
    assert "Traceback" not in err


def test_urls_follow_the_builder(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dirhtml = cited_urls(blog, capsys)
    html = cited_urls(blog, capsys, "--builder", "html")
    assert dirhtml[0] == "https://blog.example.org/posts/2024-01-10-first/#cite-1"
    assert html[0] == "https://blog.example.org/posts/2024-01-10-first.html#cite-1"


def test_html_link_suffix_is_honoured(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = blog / "conf.py"
    conf.write_text(conf.read_text() + "\nhtml_link_suffix = ''\n")
    assert cited_urls(blog, capsys, "--builder", "html")[0].endswith("/posts/2024-01-10-first#cite-1")


def test_new_and_check_honour_blog_posts_dir(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (blog / "posts").rename(blog / "writing")
    conf = blog / "conf.py"
    conf.write_text(conf.read_text() + "\nblog_posts_dir = 'writing'\n")
    assert main(["--root", str(blog), "new", "A third post", "--date", "2024-05-01"]) == 0
    created = Path(capsys.readouterr().out.strip())
    assert created == blog / "writing" / "2024-05-01-a-third-post.md"
    urls = cited_urls(blog, capsys)
    assert urls[0].startswith("https://blog.example.org/writing/2024-01-10-first/")


def test_settings_come_from_conf_py_not_a_guess(blog: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = blog / "conf.py"
    conf.write_text(conf.read_text().replace('blog_url = "https://blog.example.org/"',
                                              'blog_url = "https://elsewhere.example.com/blog"'))
    assert cited_urls(blog, capsys)[0].startswith("https://elsewhere.example.com/blog/posts/")


def test_import_seed_is_not_an_engine_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import-seed", "facts.json"])
    assert "invalid choice" in capsys.readouterr().err


