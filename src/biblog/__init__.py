"""biblog: a Sphinx extension and command line for research blogs with a real bibliography."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from .extension import setup_extension

    setup_extension(app)
    # Every per-document fact lives in the biblog domain, whose merge_domaindata
    # makes parallel reading safe; writing only reads the merged view. env_version 4: the modules moved into
    # subpackages, so an environment pickled before names classes that are gone; Sphinx reads afresh.
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 4}
