"""An update note that links a page which does not exist is a located warning.

The note is shown on the post, the home page and "What's new", where such a
link becomes plain text (``notes.note_html``); without this check, nobody
would hear of it. Checked on every build, after reading, because the target
may be added or removed in any build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.notes import doc_targets, normalise_doc_target, parse_note
from ..warnings_ import Sub, warn
from .domain import blog_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def check_note_links(app: Sphinx, env: BuildEnvironment) -> None:
    for docname, post in sorted(blog_domain(env).posts.items()):
        for update in post.updates:
            for target in doc_targets(parse_note(update.note)):
                if normalise_doc_target(target, docname) in env.found_docs:
                    continue
                warn(f"the update note of {update.date} links '{target}', which is not a page of the site; "
                     "correct the link (e.g. {doc}`/posts/YYYY-MM-DD-slug`) or remove it",
                     Sub.frontmatter, (docname, line_of(env, docname, target)))


def line_of(env: BuildEnvironment, docname: str, target: str) -> int:
    """The first line of the source that holds ``target`` (the note's line), else 1."""
    try:
        lines = env.doc2path(docname).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if target in line), 1)


def setup_note_links(app: Sphinx) -> None:
    app.connect("env-updated", check_note_links)
