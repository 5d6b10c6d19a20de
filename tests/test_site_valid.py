"""The flagship site is valid HTML (the Nu HTML Checker finds no error) and has no broken internal link."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from sitecheck import check_links, vnu_errors

pytestmark = pytest.mark.site


@pytest.fixture(scope="session")
def base_url(repo_root: Path) -> str:
    """The URL the site is published at, from conf.py: absolute links under it are internal."""
    conf = runpy.run_path(str(repo_root / "conf.py"))
    return conf.get("html_baseurl") or conf["blog_url"]


def test_every_page_passes_the_nu_html_checker(site: Path) -> None:
    errors = vnu_errors(site)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(map(str, errors))


def test_no_broken_internal_link_or_anchor(site: Path, base_url: str) -> None:
    problems = check_links(site, base_url)
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)
