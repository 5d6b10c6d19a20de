"""The references page's works as last rendered, so that a rewrite renders only what changed.

At 1,000 posts and 15,000 cited works the page is rewritten whenever a
citation's sentence changes, and rendering every work again (its entry and
every place citing it) cost about a second. Each work's rendered item and
description are kept with everything they are made of (the entry's fields
a reader sees, its label, and for each citing place the post's title, the
link, the section and the sentence); a work whose inputs are equal to last
time's reuses its item. Equal inputs give equal HTML, so a build from the
cache writes what a clean build writes.

The cache lives in the doctree folder, beside the environment, one file per
references page, and is read and written only by the post-transform that
renders the page, which Sphinx runs in the main process, also under ``-j``.
A file written by other code (another biblog version, or the same version
edited: the stamp holds a digest of the package's source) or that cannot be
read is ignored.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .atomic import replace_file
from .model import Entry

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: bump when the rendering of a work changes without a version change
FORMAT = 1
#: key -> (inputs, list item HTML, description)
Works = dict[str, tuple[Any, str, str]]


def cache_path(app: Sphinx, docname: str) -> Path:
    return Path(app.doctreedir, f"biblog-works-{docname.replace('/', '-')}.pickle")


def load_works(app: Sphinx, docname: str) -> Works:
    try:
        with open(cache_path(app, docname), "rb") as f:
            stamp, works = pickle.load(f)  # our own file, in the build's doctree folder
    except Exception:  # missing, truncated or from an older layout: render everything
        return {}
    return works if stamp == code_stamp() and isinstance(works, dict) else {}


def save_works(app: Sphinx, docname: str, works: Works) -> None:
    replace_file(cache_path(app, docname), pickle.dumps((code_stamp(), works), pickle.HIGHEST_PROTOCOL))


def code_stamp() -> tuple[int, str, str]:
    """What made the cached HTML: the format, biblog's version and a digest of its modules and templates."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("templates/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return FORMAT, __version__, digest.hexdigest()[:16]


def entry_facts(entry: Entry, shown: tuple[str, ...]) -> tuple[Any, ...]:
    """The entry's fields given by :func:`shown_fields`, in order."""
    return tuple(getattr(entry, name) for name in shown)


def shown_fields() -> tuple[str, ...]:
    """Every field of an entry but where it was written: a line shift changes nothing shown."""
    return tuple(f.name for f in fields(Entry) if f.name != "location")
