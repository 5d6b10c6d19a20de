"""The build's bibliography: loaded once per build, outside the environment.

It is loaded when first needed (from the on-disk parse cache when the
``.bib`` files did not change) and kept on the application object, which
parallel readers inherit when they fork. ``env-get-outdated`` compares the
files' content digest with the last build's: unchanged files cost nothing
(a no-change rebuild never loads them, unless they have problems to report
again), and an edit re-reads only the documents whose citations it affects,
instead of every citing document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..blog.domain import blog_domain
from ..blog.posts import is_post
from ..building.gcfreeze import freeze_what_the_build_holds, setup_gc_freeze
from ..core.bib.bibliography import Bibliography, content_digest, paused_gc, read_bibliography
from ..core.bib.delta import may_resolve_differently, resolving_changes, touched_names, updated_signatures
from ..core.bib.letters import pin_new_letters
from ..core.bib.resolver import Resolution
from ..warnings_ import warn
from .bibdata import blog_owns_the_bibliography

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

APP_ATTRIBUTE = "biblog_bibliography"


def bibfile_paths(app: Sphinx) -> list[Path]:
    # abspath, not resolve(): resolve() raises on a symlink loop, which the loader reports instead
    names = getattr(app, "biblog_bibfiles", None) or getattr(app.config, "bibtex_bibfiles", None) or []
    return [Path(os.path.abspath(Path(app.confdir, name))) for name in names]


def load_for_build(app: Sphinx) -> None:
    bibliography = read_bibliography(bibfile_paths(app), Path(app.confdir), Path(app.doctreedir))
    setattr(app, APP_ATTRIBUTE, bibliography)
    freeze_what_the_build_holds()
    pin_new_letters(bibfile_paths(app), Path(app.confdir), bibliography.labels)
    for problem in bibliography.problems:
        if problem.location.line:
            warn(problem.message, problem.subtype, str(problem.location))
        else:  # a whole file: Sphinx would take a location without a line for a document name
            warn(f"{problem.location}: {problem.message}", problem.subtype, None)


def current_bibliography(app: Sphinx) -> Bibliography:
    bibliography = getattr(app, APP_ATTRIBUTE, None)
    if bibliography is None:
        load_for_build(app)
        bibliography = getattr(app, APP_ATTRIBUTE)
    return bibliography


def docs_affected_by_bib_change(app: Sphinx, env: BuildEnvironment, added: set[str],
                                changed: set[str], removed: set[str]) -> list[str]:
    """Documents to re-read because an entry they cite or show, or a target they wrote, changed."""
    domain = blog_domain(env)
    if not blog_owns_the_bibliography(app) and not any(is_post(app, doc) for doc in env.found_docs):
        return []  # a sphinxcontrib-bibtex project without posts: its own extension reads the files
    digest = content_digest(bibfile_paths(app))
    if domain.data.get("bib_state") == (digest, 0):
        return []
    # 20,000 signatures and tens of thousands of texts looked at, in a build whose environment is
    # loaded: no garbage collection meanwhile (see ``paused_gc``)
    with paused_gc():
        bibliography = current_bibliography(app)
        domain.data["bib_state"] = (digest, len(bibliography.problems))
        old = domain.data["bib_signatures"]
        new, changed_keys = updated_signatures(bibliography, old)
        domain.data["bib_signatures"] = new
        affected = domain.docs_citing(changed_keys) if old else set()
        if affected:  # the references page shows these entries too, though it cites nothing itself
            affected |= domain.listing_docs("references")
        resolving = resolving_changes(changed_keys, old, new)
        if resolving:  # else only what pages show changed (a title, a link): no citation moves
            affected |= docs_resolving_differently(domain.natural_targets, bibliography, resolving, old, new)
    return sorted(affected - removed)


def docs_resolving_differently(natural_targets: dict[str, dict[str, str]], bibliography: Bibliography,
                               changed_keys: set[str], old: dict[str, tuple], new: dict[str, tuple]) -> set[str]:
    """Documents with a natural-text citation that the changed entries may make resolve to another key."""
    resolver = bibliography.resolver
    touched, lowered = touched_names(changed_keys, old, new), {key.lower() for key in changed_keys}
    return {docname for docname, targets in natural_targets.items()
            if any(may_resolve_differently(text, key, lowered, touched)
                   and resolution_key(resolver.resolve(text)) != key for text, key in targets.items())}


def resolution_key(resolution: Resolution) -> str:
    return resolution.keys[0] if resolution.ok else ""


def setup_bibliography(app: Sphinx) -> None:
    app.connect("env-get-outdated", docs_affected_by_bib_change)
    setup_gc_freeze(app)
