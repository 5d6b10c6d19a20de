"""The common shape of a ``.bib`` entry, read by regular expressions instead of pybtex's scanner.

Nearly every entry in a collection is written ``@type{key, name = {value}, ...}``
with braced, quoted or numeric values, or ``@string`` macros. pybtex reads those token by token in
Python, which is most of what a clean load of 20,000 entries costs. ``simple_entry``
reads a unit (``units``) of exactly that shape in a few regular expression
matches and gives what pybtex's parser gives its ``process_entry``; any other
text (an undefined macro, ``#`` concatenation, parentheses, a missing comma, unbalanced or
deeply nested braces, another ``@`` command) gives ``None``, and pybtex reads it,
with its errors. The tests compare the two on generated text.
"""

from __future__ import annotations

import re
from string import digits
from typing import Protocol

from pybtex.database.input.bibtex import NAME_CHARS

#: pybtex's ``LowLevelParser.NAME``: a command or field name
NAME = rf"[{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS + digits)}]*"


def balanced(depth: int) -> str:
    """Text whose braces balance, nested at most ``depth`` deep.

    Possessive (``*+``, ``++``): a run or a braced group, once read, is never read again in
    another way, so a value that is not of this shape fails at once instead of backtracking.
    """
    inner = "[^{}]*+"
    for _ in range(depth):
        inner = rf"(?:[^{{}}]++|\{{{inner}\}})*+"
    return inner


BALANCED = balanced(4)
#: ``@type{key,``: pybtex skips whitespace before each token; the key is ``KEY_BRACE``
HEAD = re.compile(rf"[ \t]*@\s*({NAME})\s*\{{\s*([^\s,}}]+)\s*,")
#: one ``name = value`` and the whitespace after it: a braced, quoted or numeric value, or a macro
FIELD = re.compile(rf"\s*({NAME})\s*=\s*(?:\{{({BALANCED})\}}|\"((?:[^\"{{}}]++|\{{{BALANCED}\}})*+)\""
                   rf"|([0-9]+)|({NAME}))\s*")
#: the closing brace, then text pybtex skips (no ``@``: that would start another command)
TAIL = re.compile(r"\s*\}[^@]*")
#: commands that are not entries, which pybtex reads differently
NOT_ENTRIES = frozenset(("string", "preamble", "comment"))


class Macros(Protocol):
    """The ``@string`` macros defined so far, by name (case-insensitive, as pybtex's)."""

    def __contains__(self, name: object) -> bool: ...

    def __getitem__(self, name: str) -> str: ...


def simple_entry(text: str, macros: Macros) -> tuple[str, str, list[tuple[str, list[str]]]] | None:
    """``(type, key, [(name, [value])])`` as pybtex's parser reads ``text`` with the ``@string``
    ``macros`` defined before it, if it is one simple entry."""
    head = HEAD.match(text)
    if head is None or head.group(1).lower() in NOT_ENTRIES:
        return None
    fields: list[tuple[str, list[str]]] = []
    position = head.end()
    while field := FIELD.match(text, position):
        braced, quoted, number, macro = field.group(2, 3, 4, 5)
        if macro is not None:
            if macro not in macros:
                return None  # pybtex reports it
            fields.append((field.group(1), [macros[macro]]))
        else:
            fields.append((field.group(1), [braced if braced is not None else quoted if quoted is not None
                                            else number]))
        position = field.end()
        if not text.startswith(",", position):
            break
        position += 1
    if TAIL.fullmatch(text, position) is None:
        return None
    return head.group(1), head.group(2), fields
