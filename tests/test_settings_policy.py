"""The engine never changes a site's own setting silently: it fills unset ones, warns on conflicting ones."""

from __future__ import annotations

import pytest

from blog_support import warning_lines


@pytest.mark.sphinx("dirhtml", testroot="minimal", srcdir="policy-defaults")
def test_unset_settings_get_biblogs_defaults(app) -> None:
    assert app.config.myst_enable_extensions == ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]
    assert app.config.ogp_social_cards == {"enable": False}
    assert app.config.html_baseurl == "https://blog.example.org/"


@pytest.mark.sphinx("dirhtml", testroot="minimal", srcdir="policy-own",
                    confoverrides={"myst_enable_extensions": ["colon_fence"],
                                   "html_baseurl": "https://mirror.example.net/",
                                   "ogp_social_cards": {"enable": True, "image": "x.png"}})
def test_a_sites_own_settings_are_kept(app) -> None:
    assert app.config.myst_enable_extensions == ["colon_fence"]
    assert app.config.html_baseurl == "https://mirror.example.net/"
    assert app.config.ogp_social_cards == {"enable": True, "image": "x.png"}
    assert warning_lines(app) == []


@pytest.mark.sphinx("dirhtml", testroot="minimal", srcdir="policy-conflict",
                    confoverrides={"myst_title_to_header": False})
def test_a_conflicting_value_is_named_with_the_fix(app) -> None:
    (line,) = warning_lines(app)
    assert "conf.py sets myst_title_to_header = False, but biblog needs True" in line
    assert "remove the setting from conf.py" in line
    assert line.endswith("[biblog.config]")
    assert app.config.myst_title_to_header is True
