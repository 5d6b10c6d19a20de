"""Problems about a document are reported again on every build, until fixed.

Sphinx reports a warning only when the work that finds it runs: a second
``make html`` with nothing changed passed although a broken citation (found
when its post is read), a missing reference (found when a page is written,
with ``-n``) or a page outside every toctree (found by the consistency
check, which runs only when something was read) was still there. So every
warning about a document is recorded, by phase, and reported again on each
build that does not redo that phase for that document, so that ``-W`` fails
as long as a problem exists:

- read: per document in the biblog domain (cleared when the document is
  read again or removed, merged after parallel reads); reported again when
  the build starts, for each document not read again;
- consistency: all of them, replaced whenever Sphinx runs its check, reported
  again before writing when it does not;
- write: per document, replaced whenever the page is written, reported
  again at the end for the pages not written. The environment is saved
  before writing, so these two live in a file beside it.

Warnings of biblog's whole-site checks run on every build (``env-updated``)
and need no recording.
"""

from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx.util.logging import NAMESPACE, get_node_location

from ..blog.domain import blog_domain
from ..core.atomic import replace_file
from ..warnings_ import LOGGER

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

RECORDER_ATTRIBUTE = "biblog_problem_recorder"
LATER_PROBLEMS_FILE = "biblog-problems.pickle"  # in the doctree folder, beside the environment


class RecordedProblem(NamedTuple):
    #: the warning's type and subtype, for ``suppress_warnings``
    type: str | None
    subtype: str | None
    message: str
    #: a docname, ``(docname, line)`` or ``"path:line"``, as Sphinx takes it
    location: Any


Problems = dict[str, list[RecordedProblem]]


@dataclass
class LaterProblems:
    """The consistency and write problems of the last build, kept in ``LATER_PROBLEMS_FILE``."""

    consistency: Problems = field(default_factory=dict)
    write: Problems = field(default_factory=dict)


class ProblemRecorder(logging.Handler):
    """Records each warning about a document, in the phase set by the build's events (see ``setup``)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(level=logging.WARNING)
        self.app = app
        self.phase: str | None = None
        self.consistency_checked = False
        self.consistency: Problems = {}
        self.write: Problems = {}
        self.written: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if self.phase not in ("read", "consistency", "write"):
            return
        location = getattr(record, "location", None)
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        docname = docname_of(self.app.env, location)
        if docname is None:
            return
        problem = RecordedProblem(getattr(record, "type", None), getattr(record, "subtype", None),
                                  record.getMessage(), location)
        found = {"read": blog_domain(self.app.env).problems, "consistency": self.consistency,
                 "write": self.write}[self.phase]
        problems = found.setdefault(docname, [])
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


def report(env: BuildEnvironment, problems: Problems, skip: set[str]) -> None:
    for docname in sorted(problems):
        if docname in skip or docname not in env.found_docs:
            continue
        for problem in problems[docname]:
            LOGGER.warning("%s", problem.message, type=problem.type, subtype=problem.subtype,
                           location=problem.location)


def later_problems_file(app: Sphinx) -> Path:
    return Path(app.doctreedir, LATER_PROBLEMS_FILE)


def load_later_problems(app: Sphinx) -> LaterProblems:
    try:
        loaded = pickle.loads(later_problems_file(app).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return LaterProblems()
    return loaded if isinstance(loaded, LaterProblems) else LaterProblems()


# -- the phases, in the order of a build's events


def start_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report the read problems of the documents not read in this build, then record anew."""
    report(env, blog_domain(env).problems, skip=set(docnames))
    recorder(app).phase = "read"


def start_consistency(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After Sphinx hands over the warnings it held back while reading, before its consistency check."""
    recorder(app).phase = "consistency"
    return []


def end_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    recorder(app).consistency_checked = True


def start_writing(app: Sphinx, builder: Any) -> None:
    found = recorder(app)
    found.phase = None
    if not found.consistency_checked:
        found.consistency = load_later_problems(app).consistency
        report(app.env, found.consistency, skip=set())
    found.phase = "write"


def note_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    recorder(app).written.add(docname)


def stop_writing(app: Sphinx) -> list[Any]:
    """Pages generated after the documents (tag pages, feed) are made anew on every build."""
    recorder(app).phase = "written"
    return []


def finish(app: Sphinx, exception: BaseException | None) -> None:
    found = getattr(app, RECORDER_ATTRIBUTE, None)
    if not isinstance(found, ProblemRecorder):
        return
    logging.getLogger(NAMESPACE).removeHandler(found)
    delattr(app, RECORDER_ATTRIBUTE)
    if exception is not None or found.phase not in ("write", "written"):
        return  # Sphinx deletes the environment after an error: everything is found again next time
    found.phase = None
    write = {doc: problems for doc, problems in load_later_problems(app).write.items()
             if doc in app.env.found_docs and doc not in found.written}
    report(app.env, write, skip=set())
    write.update({doc: found.write[doc] for doc in found.written if doc in found.write})
    replace_file(later_problems_file(app), pickle.dumps(LaterProblems(found.consistency, write)))


def stop_recording(app: Sphinx, env: BuildEnvironment) -> None:
    recorder(app).phase = None


def recorder(app: Sphinx) -> ProblemRecorder:
    found = getattr(app, RECORDER_ATTRIBUTE, None)
    if not isinstance(found, ProblemRecorder):
        found = ProblemRecorder(app)
        setattr(app, RECORDER_ATTRIBUTE, found)
        # Sphinx's own logger, above its handlers: it sees every warning once, as
        # it is emitted (or, after a parallel read, as the main process replays it).
        logging.getLogger(NAMESPACE).addHandler(found)
    return found


def setup_persisted_problems(app: Sphinx) -> None:
    # After the undecodable-source check (900), which drops such documents from the list;
    # they are checked again on every build, so their warning needs no recording.
    app.connect("env-before-read-docs", start_reading, priority=950)
    # First: biblog's whole-site checks run on every build anyway.
    app.connect("env-updated", stop_recording, priority=1)
    # Sphinx's consistency check follows, when something was read.
    app.connect("env-get-updated", start_consistency, priority=999)
    app.connect("env-check-consistency", end_consistency, priority=999)
    app.connect("write-started", start_writing)
    # In the main process, also when pages are written by parallel workers.
    app.connect("doctree-resolved", note_written)
    app.connect("html-collect-pages", stop_writing, priority=1)
    app.connect("build-finished", finish)
