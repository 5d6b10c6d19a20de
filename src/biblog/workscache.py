"""The references page's works as last rendered, so that a rewrite renders only what changed.

At 1,000 posts and 15,000 cited works the page is rewritten whenever a
citation's sentence changes, and rendering every work again (its entry and
every place citing it) cost about a second. Each work's rendered item and
description are kept with a digest of everything they are made of (the
entry's fields a reader sees, its label, and for each citing place the
post's title, the link, the section and the sentence); a work whose inputs
have the same digest as last time's reuses its item. Equal inputs give equal
HTML, so a build from the cache writes what a clean build writes.

The cache lives in the doctree folder, beside the environment, one file per
references page, and is read and written only by the post-transform that
renders the page, which Sphinx runs in the main process, also under ``-j``.
A file written by other code (another biblog version, or the same version
edited: the stamp holds a digest of the package's source) or that cannot be
read is ignored.

The file is a ``marshal`` of a few strings per work (the digest, its part of
the works script already encoded, see ``refpages.py``, and its description):
at 15,000 works a pickle of the inputs themselves took a fifth of a second to
load and as much to save, and encoding the whole script again as long.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .atomic import replace_file
from .model import Entry

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: bump when the rendering of a work changes without a version change
FORMAT = 3
#: marshal's own format, fixed so that a newer default cannot change what is written
MARSHAL_VERSION = 4
#: key -> (digest of its inputs, the work's part of the works script, description)
Works = dict[str, tuple[str, str, str]]


def cache_path(app: Sphinx, docname: str) -> Path:
    return Path(app.doctreedir, f"biblog-works-{docname.replace('/', '-')}.marshal")


def load_works(app: Sphinx, docname: str) -> Works:
    try:
        stamp, works = marshal.loads(cache_path(app, docname).read_bytes())  # our own file, in the doctree folder
    except Exception:  # missing, truncated or from an older layout: render everything
        return {}
    return works if stamp == code_stamp() and isinstance(works, dict) else {}


def save_works(app: Sphinx, docname: str, works: Works) -> None:
    try:
        data = marshal.dumps((code_stamp(), works), MARSHAL_VERSION)
    except ValueError:  # a value marshal cannot write (an entry field of a new kind): no cache, render all
        cache_path(app, docname).unlink(missing_ok=True)
        return
    replace_file(cache_path(app, docname), data)


def code_stamp() -> tuple[int, str, str, str]:
    """What made the cached HTML: the format, biblog's version and a digest of its modules and templates.

    And the Python version, whose ``marshal`` wrote the file.
    """
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *package.glob("templates/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return FORMAT, __version__, digest.hexdigest()[:16], sys.version


def entry_facts(entry: Entry, shown: tuple[str, ...]) -> tuple[Any, ...]:
    """The entry's fields given by :func:`shown_fields`, in order, as plain values (a link as a pair)."""
    return tuple(tuple((link.kind, link.url) for link in entry.links) if name == "links" else getattr(entry, name)
                 for name in shown)


def shown_fields() -> tuple[str, ...]:
    """Every field of an entry but where it was written: a line shift changes nothing shown."""
    return tuple(f.name for f in fields(Entry) if f.name != "location")
