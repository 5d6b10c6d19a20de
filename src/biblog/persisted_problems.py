"""Problems found while reading a document are reported again on every build, until fixed.

Sphinx reports a warning only when the document that causes it is read, so
a second ``make html`` with nothing changed passed although a broken
citation was still there. Every warning emitted while documents are read is
recorded per document in the biblog domain (cleared when the document is
read again or removed, merged after parallel reads); at the start of the
next build, the recorded problems of every document that will not be read
again are reported again, with their type and location, so that
``-W`` fails as long as a problem exists.

Warnings of checks that look at the whole site run on every build
(``env-updated``) and need no recording.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.util.logging import NAMESPACE, get_node_location

from .domain import blog_domain
from .warnings_ import LOGGER

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

RECORDER_ATTRIBUTE = "biblog_problem_recorder"


class RecordedProblem(NamedTuple):
    #: the warning's type and subtype, for ``suppress_warnings``
    type: str | None
    subtype: str | None
    message: str
    #: a docname, ``(docname, line)`` or ``"path:line"``, as Sphinx takes it
    location: Any


class ProblemRecorder(logging.Handler):
    """Records each warning about a document while documents are read (see ``setup``)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(level=logging.WARNING)
        self.app = app
        self.recording = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.recording:
            return
        location = getattr(record, "location", None)
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        docname = docname_of(self.app.env, location)
        if docname is None:
            return
        problem = RecordedProblem(getattr(record, "type", None), getattr(record, "subtype", None),
                                  record.getMessage(), location)
        problems = blog_domain(self.app.env).problems.setdefault(docname, [])
        if problem not in problems:
            problems.append(problem)


def docname_of(env: BuildEnvironment, location: Any) -> str | None:
    """The document a warning's location points into, if it is one of the project's."""
    if isinstance(location, tuple) and location:
        location = location[0]
    if not isinstance(location, str) or not location:
        return None
    if location in env.found_docs:
        return location
    path = location.rpartition(":")[0] if ":" in location else location
    try:
        return env.path2doc(path)
    except (ValueError, OSError):
        return None


def report_again(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report the recorded problems of the documents not read in this build, then record anew."""
    rereading = set(docnames)
    problems = blog_domain(env).problems
    for docname in sorted(problems):
        if docname in rereading or docname not in env.found_docs:
            continue
        for problem in problems[docname]:
            LOGGER.warning("%s", problem.message, type=problem.type, subtype=problem.subtype,
                           location=problem.location)
    recorder(app).recording = True


def stop_recording(app: Sphinx, env: BuildEnvironment) -> None:
    recorder(app).recording = False


def recorder(app: Sphinx) -> ProblemRecorder:
    found = getattr(app, RECORDER_ATTRIBUTE, None)
    if not isinstance(found, ProblemRecorder):
        found = ProblemRecorder(app)
        setattr(app, RECORDER_ATTRIBUTE, found)
        # Sphinx's own logger, above its handlers: it sees every warning once, as
        # it is emitted (or, after a parallel read, as the main process replays it).
        logging.getLogger(NAMESPACE).addHandler(found)
    return found


def remove_recorder(app: Sphinx, exception: BaseException | None) -> None:
    found = getattr(app, RECORDER_ATTRIBUTE, None)
    if isinstance(found, ProblemRecorder):
        logging.getLogger(NAMESPACE).removeHandler(found)
        delattr(app, RECORDER_ATTRIBUTE)


def setup_persisted_problems(app: Sphinx) -> None:
    # After the undecodable-source check (900), which drops such documents from the list;
    # they are checked again on every build, so their warning needs no recording.
    app.connect("env-before-read-docs", report_again, priority=950)
    # Before any other handler: whole-site checks run on every build anyway.
    app.connect("env-updated", stop_recording, priority=1)
    app.connect("build-finished", remove_recorder)
