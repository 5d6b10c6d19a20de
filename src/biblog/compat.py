"""The one place that knows how a transform reaches the Sphinx application.

Sphinx 9 deprecates ``SphinxTransform.app`` and ``BuildEnvironment.app`` in
favour of private attributes without offering a public replacement, so the
lookup lives here and nowhere else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def sphinx_app(env: BuildEnvironment) -> Sphinx:
    """The application building ``env``, without a deprecation warning on Sphinx 9."""
    app = getattr(env, "_app", None)
    return app if app is not None else env.app


def set_by_user(config: Config, name: str) -> bool:
    """True when ``conf.py`` or ``-D`` gives NAME a value (Sphinx offers no public way to ask)."""
    raw = getattr(config, "_raw_config", {})
    return name in raw or name in getattr(config, "overrides", {})
