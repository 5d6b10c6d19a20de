"""A furo-themed blog builds with the builders that are not HTML ones: text, LaTeX, man...

biblog loads furo before the builder exists (so that rebuilds compare the same
configuration, ``site.settle_late_settings``); furo stops any non-HTML builder
at ``builder-inited``, so its handlers must run under HTML builders only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cite_helpers import warning_lines

#: builder -> a file it writes for the blog (linkcheck checks no external link: no network in tests)
OUTPUTS = {
    "text": "posts/2024-01-10-first.txt",
    "latex": "*.tex",
    "man": "*.1",
    "texinfo": "*.texi",
    "xml": "posts/2024-01-10-first.xml",
    "linkcheck": "output.json",
}


@pytest.mark.parametrize("builder", sorted(OUTPUTS))
def test_a_furo_blog_builds_with_a_non_html_builder(builder, make_app, rootdir, tmp_path) -> None:
    src = tmp_path / "blog"
    shutil.copytree(rootdir / "test-blog", src)
    app = make_app(builder, srcdir=src, builddir=tmp_path / "build",
                   confoverrides={"html_theme": "furo", "linkcheck_ignore": [r"https?://"]})
    app.build()
    assert warning_lines(app) == []
    assert app.statuscode == 0
    outdir = Path(app.outdir)
    assert [path for path in outdir.glob(OUTPUTS[builder]) if path.stat().st_size], builder
    # furo's build-finished writes its pygments.css into an HTML build's _static folder
    assert not (outdir / "_static" / "pygments.css").exists()
