"""Every biblog warning has type "biblog", a subtype from ``Sub`` and a location.

Users silence one kind with ``suppress_warnings = ["biblog.unused"]``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

LOGGER = logging.getLogger("biblog")


class Sub(StrEnum):
    config = "config"
    bibtex = "bibtex"
    cite = "cite"
    ambiguous = "ambiguous"
    frontmatter = "frontmatter"
    post = "post"
    listing = "listing"
    feed = "feed"
    figure = "figure"


def warn(message: str, subtype: Sub | str, location: Any) -> None:
    """``location`` is a node, a docname, a ``(docname, line)`` pair or a "path:line" string."""
    LOGGER.warning(message, type="biblog", subtype=str(getattr(subtype, "value", subtype)),
                   location=location)
