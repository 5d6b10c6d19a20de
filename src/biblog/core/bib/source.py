"""A ``.bib`` file's text as pybtex should see it, and what pybtex leaves to LaTeX.

Before parsing: bytes that are not UTF-8, control characters and a byte-order
mark are reported at their line and removed; comment lines that pybtex would
read as commands are blanked (offsets and lines kept). After parsing: commands
the files define in their ``@preamble`` are expanded in the shown fields, as
LaTeX would expand them; neither pybtex nor pylatexenc evaluates a preamble,
hence the small expander here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..frontmatter import CONTROL_CHARACTER
from ..model import Location, Problem

if TYPE_CHECKING:
    from pybtex.database import BibliographyData
    from pybtex.database import Entry as PybtexEntry

#: fields shown to readers, whose LaTeX commands must all be known
SHOWN_FIELDS = ("title", "author", "editor", "journal", "booktitle", "howpublished", "publisher", "school",
                "institution", "organization")
#: a line that biber and JabRef read as a comment (``% @Comment{...}``), and ``@comment`` without
#: braces, which BibTeX skips: pybtex would read either as a command and report a syntax error
PERCENT_COMMENT = re.compile(r"^[ \t]*%[^\n]*@[^\n]*$", re.MULTILINE)
BARE_COMMENT = re.compile(r"@[ \t]*comment\b(?![ \t]*[{(])", re.IGNORECASE)
#: a command the files define for LaTeX in their @preamble (``\providecommand{\proglang}[1]{{#1}}``)
NEW_COMMAND = re.compile(r"\\(?:provide|new|renew)command\*?\s*\{?\s*\\([A-Za-z]+)\s*\}?\s*(?:\[(\d)\])?\s*(?=\{)")


def read_source(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, and located problems for what could not be read as it is.

    A byte that is not UTF-8 is named with its line and column and read as U+FFFD,
    so the rest of the file still loads; control characters are removed (they would
    reach the pages, the feed and the command line's JSON); a byte-order mark is dropped.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Problem(Location(shown, 0), f"cannot read the bibliography: {reason}; check the path "
                              "in bibtex_bibfiles", "bibfile")]
    data = data.removeprefix(b"\xef\xbb\xbf")
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problems += [Problem(Location(shown, number), f"byte 0x{byte:02X} (column {column}) is not UTF-8, "
                             "so it is shown as '\ufffd'; save the file as UTF-8", "bibfile")
                     for number, column, byte in undecodable_bytes(data)]
        text = data.decode("utf-8", errors="replace")
    if CONTROL_CHARACTER.search(text) is None:  # the common case: one scan of the text, not one per line
        return text, problems
    for number, line in enumerate(text.split("\n"), start=1):
        found = CONTROL_CHARACTER.search(line)
        if found:
            problems.append(Problem(Location(shown, number), f"this line holds the control character "
                                    f"U+{ord(found.group()):04X}, which a web page or feed cannot show; it is "
                                    "ignored: delete it from the file", "bibfile", "warning"))
    return CONTROL_CHARACTER.sub("", text), problems


def undecodable_bytes(data: bytes) -> list[tuple[int, int, int]]:
    """(line, column, byte) of the first byte that is not UTF-8 on each line."""
    found = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            found.append((number, len(line[: error.start].decode("utf-8")) + 1, line[error.start]))
    return found


def balanced_group(text: str, start: int) -> int:
    """End (exclusive) of the brace group opening at ``text[start]``, or -1 if it never closes."""
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index + 1
    return -1


def preamble_commands(preamble: str) -> dict[str, tuple[int, str]]:
    """Commands defined in the @preamble: name -> (number of arguments, body)."""
    commands = {}
    for match in NEW_COMMAND.finditer(preamble):
        end = balanced_group(preamble, match.end())
        if end > 0:
            commands[match.group(1)] = (int(match.group(2) or 0), preamble[match.end() + 1 : end - 1])
    return commands


def expand_commands(value: str, commands: dict[str, tuple[int, str]]) -> str:
    """``value`` with each use of a preamble command replaced by its body, once (no recursion)."""
    for name, (count, body) in commands.items():
        pattern = re.compile(rf"\\{name}(?![A-Za-z])\s*")
        position = 0
        while (use := pattern.search(value, position)) is not None:
            arguments, end = command_arguments(value, use.end(), count)
            if len(arguments) < count:
                position = use.end()
                continue
            expanded = substitute_arguments(body, arguments)
            value = value[: use.start()] + expanded + value[end:]
            position = use.start() + len(expanded)
    return value


def command_arguments(value: str, start: int, count: int) -> tuple[list[str], int]:
    """Up to ``count`` brace groups from ``start``, and where they end."""
    arguments: list[str] = []
    end = start
    while len(arguments) < count and end < len(value) and value[end] == "{":
        close = balanced_group(value, end)
        if close < 0:
            break
        arguments.append(value[end + 1 : close - 1])
        end = close
    return arguments, end


def substitute_arguments(body: str, arguments: list[str]) -> str:
    def argument(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return arguments[index - 1] if 0 < index <= len(arguments) else ""

    return re.sub(r"#(\d)", argument, body)


def expand_preamble_commands(data: BibliographyData) -> None:
    """Expand the commands the @preamble defines in every shown field, as LaTeX would."""
    commands = preamble_commands(data.preamble)
    if not commands:
        return
    for entry in data.entries.values():
        expand_entry_commands(entry, commands)


def expand_entry_commands(entry: PybtexEntry, commands: dict[str, tuple[int, str]]) -> None:
    """Expand ``commands`` (from ``preamble_commands``) in the entry's shown fields."""
    for name in SHOWN_FIELDS:
        value = entry.fields.get(name)
        if value and "\\" in value:
            entry.fields[name] = expand_commands(value, commands)


def without_comments(text: str) -> str:
    """``text`` with comment lines and bare ``@comment`` blanked, offsets and lines kept."""
    text = PERCENT_COMMENT.sub(lambda m: " " * len(m.group()), text)
    return BARE_COMMENT.sub(lambda m: " " * len(m.group()), text)
