"""The site checks themselves: they catch what they are meant to catch, on small hand-written sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_support import warning_lines
from sitecheck import check_links, vnu_errors

BASE = "https://blog.example.org/sub/"


def write(root: Path, relative: str, body: str, head: str = "") -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title>{head}</head>'
                    f"<body>\n{body}\n</body></html>\n", encoding="utf-8")


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """A clean dirhtml site: every link below resolves."""
    write(tmp_path, "index.html", '<a href="posts/one/">one</a> <a href="posts/one/#intro">intro</a>'
          ' <a href="#">top</a> <a href="mailto:a@example.org">mail</a> <a href="https://other.example.org/x">x</a>',
          head='<link rel="stylesheet" href="_static/site.css?v=1">'
               f'<link rel="canonical" href="{BASE}">')
    write(tmp_path, "posts/one/index.html", '<h1 id="intro">One</h1><a name="old-anchor"></a>'
          f'<a href="../../">home</a> <a href="{BASE}posts/one/#old-anchor">self</a>'
          ' <a href="/sub/posts/one/#intro">root-relative</a> <img src="../../_static/x.png" alt="">')
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "site.css").write_text("body {}\n", encoding="utf-8")
    (tmp_path / "_static" / "x.png").write_bytes(b"\x89PNG\r\n")
    return tmp_path


def test_a_clean_site_passes(tiny_site: Path) -> None:
    assert check_links(tiny_site, BASE) == []


def test_catches_a_missing_page(tiny_site: Path) -> None:
    write(tiny_site, "about/index.html", '<a href="../posts/two/">two</a>')
    assert check_links(tiny_site, BASE) == [
        "about/index.html:3: a[href]='../posts/two/': no such file (posts/two/)"]


def test_catches_a_missing_anchor_and_absolute_links_under_the_base(tiny_site: Path) -> None:
    write(tiny_site, "about/index.html", f'<a href="{BASE}posts/one/#outro">outro</a>\n<a href="#nowhere">x</a>')
    assert check_links(tiny_site, BASE) == [
        f"about/index.html:3: a[href]='{BASE}posts/one/#outro': no id 'outro' in posts/one/index.html",
        "about/index.html:4: a[href]='#nowhere': no id 'nowhere' in about/index.html"]


def test_catches_assets_javascript_and_folders_without_a_slash(tiny_site: Path) -> None:
    write(tiny_site, "about/index.html", '<script src="../_static/gone.js"></script>\n'
          '<a href="javascript:void(0)">js</a>\n<a href="../posts/one">no slash</a>\n'
          '<img src="/elsewhere/x.png" alt="">')
    assert check_links(tiny_site, BASE) == [
        "about/index.html:3: script[src]='../_static/gone.js': no such file (_static/gone.js)",
        "about/index.html:4: a[href]='javascript:void(0)': javascript: URL",
        "about/index.html:5: a[href]='../posts/one': a folder linked without its trailing slash",
        "about/index.html:6: img[src]='/elsewhere/x.png': outside the site (https://blog.example.org/elsewhere/x.png)"]


def test_catches_broken_links_in_the_sitemap(tiny_site: Path) -> None:
    (tiny_site / "sitemap.xml").write_text(
        '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<url><loc>{BASE}posts/one/</loc></url>\n<url><loc>{BASE}posts/gone/</loc></url>\n</urlset>\n",
        encoding="utf-8")
    assert check_links(tiny_site, BASE) == [
        f"sitemap.xml:4: loc='{BASE}posts/gone/': no such file (posts/gone/)"]


def test_vnu_reports_errors_with_file_and_line(tiny_site: Path) -> None:
    assert vnu_errors(tiny_site) == []
    write(tiny_site, "about/index.html", '<p id="x">a</p>\n<div id="x"><p>b</div>')
    assert [str(e) for e in vnu_errors(tiny_site)] == ["about/index.html:4: Duplicate ID “x”."]


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="sitecheck-blog")
def test_a_built_test_blog_has_no_broken_link(app) -> None:
    """blog_url is https://blog.example.org/: the 404 page links from / (not notfound's /en/latest/)."""
    app.build()
    assert warning_lines(app) == []
    assert check_links(Path(app.outdir), app.config.blog_url) == []
