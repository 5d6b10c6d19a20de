"""``conf.py`` read for the command line the way Sphinx reads it, and page URLs as a builder writes them.

``sphinx.config.Config.read`` runs ``conf.py`` with ``tags`` and the other
names Sphinx provides, so a ``conf.py`` written for ``sphinx-build`` works
here too. The ``blog_*`` settings are registered with the same defaults the
extension declares (``config.BlogConfig``), so the command line and the
build never disagree about a setting left unset.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

from ..config import BlogConfig

#: the builders whose page URLs the command line can print
BUILDERS = ("dirhtml", "html")
#: settings of other extensions and builders that the command line reads too
OTHER_SETTINGS: dict[str, Any] = {"bibtex_bibfiles": None, "html_file_suffix": None, "html_link_suffix": None}


@dataclass(frozen=True)
class ProjectConf:
    blog: BlogConfig
    #: every setting the command line uses, by its conf.py name
    values: dict[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def read_conf(confdir: Path, overrides: dict[str, Any] | None = None) -> ProjectConf:
    """The settings of ``confdir/conf.py``; ``ConfigError`` with Sphinx's message when it fails."""
    config = Config.read(confdir, overrides=overrides or {}, tags=Tags())
    defaults = {f"blog_{f.name}": default_of(f) for f in fields(BlogConfig)} | OTHER_SETTINGS
    for name, default in defaults.items():
        if name not in config:
            config.add(name, default, "env", ())
    values = {name: getattr(config, name) for name in [*defaults, "project", "author"]}
    return ProjectConf(BlogConfig.from_sphinx(config), values)


def default_of(item: Any) -> Any:
    return item.default_factory() if callable(item.default_factory) else item.default


def page_path(docname: str, builder: str, conf: ProjectConf) -> str:
    """The path of DOCNAME's page under the site's root, as BUILDER links to it."""
    if builder == "dirhtml":
        if docname == "index":
            return ""
        return (docname[: -len("/index")] if docname.endswith("/index") else docname) + "/"
    # Sphinx's rule: html_link_suffix, else html_file_suffix, else ".html" ("" is a suffix too).
    suffix = next((s for s in (conf.get("html_link_suffix"), conf.get("html_file_suffix")) if s is not None),
                  ".html")
    return docname + suffix


__all__ = ["BUILDERS", "ConfigError", "ProjectConf", "page_path", "read_conf"]
