"""The references page at any size: a small page, the rest of the works on demand.

At 20,000 works one page holding them all weighs 19 MB, takes seconds to
load, and MathJax gives up on it. So the page holds the first
``blog_references_per_page`` works, and every work (its ready-made HTML and
the words the filter matches) goes to a script beside the site's pages,
``_biblog/works-<page>.js``, that ``biblog.js`` loads only when a reader
filters, pages on, or follows a ``#ref-key`` link to a work not on the
first page. Each work keeps one URL, ``references/#ref-key``, wherever it
shows. A script (not JSON fetched) because browsers refuse ``fetch`` on
pages opened from disk, and load a ``<script>`` there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.osutil import relative_uri

from ..core.atomic import replace_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx

WORKS_DIR = "_biblog"
#: the works' JSON, compact and in UTF-8 (``json.dumps`` with these options makes an encoder per call)
WORK_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def works_script_name(docname: str) -> str:
    return f"{WORKS_DIR}/works-{docname.replace('/', '-')}.js"


def work_fragment(anchor: str, words: str, html: str) -> bytes:
    """One work's part of the works script: (anchor, words to match, list item HTML), as JSON in UTF-8.

    Bytes, as the script is written: at 15,000 works (21 MB) encoding them all again, or decoding
    them from the works cache (``workscache.py``), cost a tenth of a second on every rewrite.
    """
    return WORK_JSON.encode([anchor, words, html]).encode("utf-8")


def works_script_head(docname: str) -> bytes:
    """The works script up to its first work's part."""
    return f"(window.biblogWorks = window.biblogWorks || {{}})[{json.dumps(docname)}] = [".encode()


def works_script(docname: str, pieces: Sequence[bytes | memoryview]) -> bytes:
    """``pieces``: the works' :func:`work_fragment` in the page's order, or runs of them already
    separated by commas.

    Joined, not encoded again: the JSON of a list is its items' JSON between commas.
    """
    return b"".join((works_script_head(docname), b",".join(pieces), b"];\n"))


def works_script_path(app: Sphinx, docname: str) -> Path:
    return Path(app.outdir, works_script_name(docname))


def write_works_script(app: Sphinx, docname: str, data: bytes, written: bytes = b"") -> str:
    """Writes the script, unless the file already holds it, and returns its URL relative to the page.

    ``written``: what the file held when last written, if it still does (else it is read to compare).
    At 15,000 works it weighs 21 MB, and most rebuilds of the page change none of it: left alone, the
    file keeps its time stamp, so a browser's cache and a copy to a server (rsync) keep it too.
    """
    name = works_script_name(docname)
    Path(app.outdir, WORKS_DIR).mkdir(parents=True, exist_ok=True)
    if data != written:
        replace_if_changed(Path(app.outdir, name), data)
    return relative_uri(app.builder.get_target_uri(docname), name)


def replace_if_changed(target: Path, data: bytes) -> None:
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
    except OSError:
        pass  # missing or unreadable: written below
    replace_file(target, data)


def works_list_html(docname: str, first: Sequence[bytes], total: int, per_page: int, script_url: str) -> str:
    """The first page of works, and the pager ``biblog.js`` brings to life.

    ``first``: the :func:`work_fragment` of the first ``per_page`` works, of ``total``.
    """
    shown = [json.loads(fragment)[2] for fragment in first[:per_page]]
    rest = total - len(shown)
    note = (f'<p class="biblog-works-note">The first {len(shown)} of {total} works, in order; '
            f"the filter above searches them all.</p>\n" if rest else "")
    return (f'<div class="biblog-works" data-works="{escape(script_url)}" data-page="{escape(docname)}" '
            f'data-per-page="{per_page}" data-total="{total}">\n'
            f'<ul class="biblog-site-references">\n{"".join(shown)}</ul>\n{note}'
            f'<nav class="biblog-works-pager" aria-label="Pages of works" hidden>'
            f'<button type="button" class="biblog-works-newer">‹ Previous</button> '
            f'<span class="biblog-works-where"></span> '
            f'<button type="button" class="biblog-works-older">Next ›</button></nav>\n</div>\n')
