"""Which generated pages (tag pages, home pages 2 onwards) a build writes again.

Each page has a signature: what the whole site gives every page (navigation,
titles, configuration, extension versions, the pages update notes link), and
what the page itself shows (its posts). The signatures of the pages written
last time are kept in the doctree folder, beside the environment; a page is
written again when its signature changed or its output file is missing. A
post's edit thus rewrites the few pages showing it, not all of them (at
1,000 posts, a hundred home pages and as many tag pages).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.atomic import replace_file
from ..core.digests import digest

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .views import Views


def site_inputs_digest(app: Sphinx, views: Views, shown_by_all: Any = None) -> str:
    """What every generated page shows of the site: navigation, titles, configuration, versions."""
    env = app.env
    build_info = getattr(app.builder, "build_info", None)
    inputs = (
        shown_by_all, sorted(views.note_targets.items()),
        sorted(env.toctree_includes.items()), sorted((d, t.astext()) for d, t in env.titles.items()),
        str(getattr(build_info, "config_hash", "")), str(getattr(build_info, "tags_hash", "")),
        sorted((name, str(ext.version)) for name, ext in app.extensions.items()),
    )
    return digest(inputs)


def page_signatures(site_digest: str, shown: dict[str, Any]) -> dict[str, str]:
    """pagename -> signature, from the site's digest and what each page shows (picklable)."""
    return {name: digest((site_digest, inputs)) for name, inputs in shown.items()}


def pages_to_write(app: Sphinx, stamp_name: str, signatures: dict[str, str]) -> list[str]:
    """The pages whose signature changed or whose output is missing, in ``signatures``' order.

    The stamp is removed until :func:`save_signatures` runs, once every page was written: an
    interrupted build writes them all again.
    """
    stamp = Path(app.doctreedir, stamp_name)
    try:
        written = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        written = {}
    if not isinstance(written, dict):
        written = {}
    stamp.unlink(missing_ok=True)
    return [name for name, signature in signatures.items()
            if written.get(name) != signature or not output_path(app, name).is_file()]


def save_signatures(app: Sphinx, stamp_name: str, signatures: dict[str, str]) -> None:
    replace_file(Path(app.doctreedir, stamp_name), json.dumps(signatures, sort_keys=True).encode("utf-8"))


def output_path(app: Sphinx, pagename: str) -> Path:
    return Path(app.outdir, app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
