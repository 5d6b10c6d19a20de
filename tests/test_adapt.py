"""Made to be adapted: templates overridden from templates_path, strings translated, dates per language."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from blog_support import content, page_at, tag_page, warning_lines

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "biblog"
TEMPLATE_NAMES = sorted(p.name for p in (PACKAGE / "templates").glob("*.html"))


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="adapt-french",
                    confoverrides={"language": "fr", "blog_date_format": "%-d %B %Y"})
def test_interface_strings_and_dates_follow_language(app) -> None:
    app.build()
    assert warning_lines(app) == []
    home = content(app, "index")
    assert home.select_one(".biblog-postlist-heading").get_text() == "Derniers billets (6)"
    card = home.select(".biblog-card")[1]
    assert card.select_one("time.biblog-date").get_text() == "14 février 2025"
    assert card.select_one(".biblog-reading-time").get_text() == "1 min de lecture"
    post = content(app, "posts/2024-01-10-first")
    assert post.select_one(".biblog-cite-this-title").get_text() == "Citer ce billet"
    assert tag_page(app, "beta").select_one(".biblog-tag-page-meta").get_text().startswith("3 billets")


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="adapt-english")
def test_english_is_the_default(app) -> None:
    app.build()
    assert content(app, "index").select_one(".biblog-postlist-heading").get_text() == "Latest posts (6)"
    assert tag_page(app, "beta").select_one(".biblog-tag-page-meta").get_text().startswith("3 posts")


@pytest.mark.sphinx("dirhtml", testroot="blog", srcdir="adapt-template", confoverrides={"templates_path": ["_t"]})
def test_a_template_of_the_same_name_in_templates_path_wins(app) -> None:
    folder = Path(app.srcdir, "_t")
    folder.mkdir()
    (folder / "post_card.html").write_text('<p class="my-card">{{ post.title }} / {{ human_date(post.date) }}</p>\n')
    app.build()
    home = page_at(app, "index.html")
    assert [p.get_text() for p in home.select(".my-card")][:2] == ["Fifth post / June 30, 2025",
                                                                   "Fourth post / February 14, 2025"]
    assert home.select(".biblog-card") == []
    assert content(app, "posts/2024-01-10-first").select_one(".biblog-cite-this")  # the others are biblog's


def test_readme_lists_every_overridable_template(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert [name for name in TEMPLATE_NAMES if f"`{name}`" not in readme] == []


def test_catalog_template_is_current_and_french_is_complete(tmp_path: Path) -> None:
    """locale/biblog.pot holds every string of the templates (`make locale` regenerates it)."""
    fresh = tmp_path / "biblog.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(PACKAGE / "locale" / "babel.cfg"), "--no-location", "--omit-header", "-o", str(fresh),
                    str(PACKAGE)], check=True, capture_output=True)
    def ids(path: Path) -> set[str]:
        with path.open("rb") as handle:
            return {str(m.id) for m in read_po(handle) if m.id}
    assert ids(fresh) == ids(PACKAGE / "locale" / "biblog.pot")
    french = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "biblog.po"
    with french.open("rb") as handle:
        untranslated = [m.id for m in read_po(handle) if m.id and not m.string]
    assert ids(fresh) <= ids(french)
    assert untranslated == []


def test_readme_settings_table_is_complete(repo_root: Path) -> None:
    from dataclasses import fields

    from biblog.config import BlogConfig

    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip().strip("`") for line in readme.splitlines() if line.startswith("| `")}
    assert {f"blog_{f.name}" for f in fields(BlogConfig)} | {"bibtex_bibfiles"} <= rows


def test_readme_starts_a_blog_in_three_commands(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Start your own blog", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in section.strip().splitlines()]
    assert [c.split()[0] for c in commands] == ["pip", "biblog", "make"]


def test_a_rebuild_spells_only_new_dates_and_a_new_format_all_again(make_app, rootdir: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import biblog.blog.render

    source = tmp_path / "blog"
    shutil.copytree(rootdir / "test-blog", source)
    make_app("dirhtml", srcdir=source).build()
    spelled: list[object] = []
    real_format_date = biblog.blog.render.format_date

    def counting_format_date(*args, **kwargs):
        spelled.append(kwargs["date"].date())
        return real_format_date(*args, **kwargs)

    monkeypatch.setattr(biblog.blog.render, "format_date", counting_format_date)
    post = source / "posts" / "2024-05-20-third.md"
    post.write_text(post.read_text(encoding="utf-8").replace("date: 2024-05-20", "date: 2024-05-21"), encoding="utf-8")
    app = make_app("dirhtml", srcdir=source)
    app.build()
    assert spelled == [dt.date(2024, 5, 21)]  # the kept dates are not spelled again
    assert content(app, "index").select_one("time.biblog-date").get_text() == "June 30, 2025"
    spelled.clear()
    app = make_app("dirhtml", srcdir=source, confoverrides={"blog_date_format": "%d/%m/%Y"})
    app.build()
    assert len(spelled) >= 6  # a new format spells every date again
    assert content(app, "index").select_one("time.biblog-date").get_text() == "30/06/2025"
