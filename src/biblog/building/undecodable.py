"""Sources that are not valid in the input encoding: a located error, not a traceback.

Sphinx decodes each source with ``Path.read_text`` and lets a
``UnicodeDecodeError`` end the build with a traceback that names no file,
after some pages were written. Each document about to be read is decoded
here first; one that cannot be is reported with its file, line and byte and
left out of this build (it is not read, listed or written, and its previous
page is removed as any deleted document's is), and checked again next build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..warnings_ import Sub, warn
from .stale_output import remove_output

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def decoding_problem(data: bytes, encoding: str) -> tuple[int, str] | None:
    """``(line, message)`` for the first byte that ``encoding`` cannot decode, or None."""
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode(encoding, errors="replace")) + 1
        name = "UTF-8" if encoding.lower().replace("_", "-").startswith("utf-8") else encoding
        return line, (f"byte 0x{data[error.start]:02x} at column {column} (file offset {error.start}) "
                      f"is not valid {name}; save the file as {name}")
    return None


def skip_undecodable(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    for docname in list(docnames):
        path = env.doc2path(docname)
        try:
            problem = decoding_problem(path.read_bytes(), encoding)
        except OSError as error:
            problem = (0, f"cannot be read: {error.strerror}")
        if problem is None:
            continue
        line, message = problem
        warn(message, Sub.post, f"{path}:{line}" if line else str(path))
        docnames.remove(docname)
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)
        env.all_docs.pop(docname, None)
        env.found_docs.discard(docname)
        remove_output(app, docname)


def setup_undecodable(app: Sphinx) -> None:
    # Late, so that documents other handlers add to the list are checked too.
    app.connect("env-before-read-docs", skip_undecodable, priority=900)
