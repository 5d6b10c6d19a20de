"""Pure helpers that turn BibTeX field values (LaTeX) into plain text.

Math (``$...$``) is kept apart so that it can be rendered by MathJax; the rest
is read by pylatexenc, which knows accents, dashes, ties, font switches
(``{\\em ...}``, ``{\\bf ...}``) and text commands (``\\textit{...}``), so a
switch is dropped with its name instead of being glued to the text.
Commands that pylatexenc does not know are reported by ``unknown_commands``.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
#: LaTeX's other inline math, ``\\(\\lambda\\)``, written with dollars so that it stays math
PAREN_MATH = re.compile(r"(?<!\\)\\\((.+?)\\\)", re.DOTALL)
#: MathJax commands that make links, set attributes or load extensions
UNSAFE_MATH = re.compile(r"\\(href|url|class|cssId|style|data|html|require)(?![a-zA-Z])")
#: a % not escaped by a backslash (``\\\\%`` is a line break, then a bare %)
BARE_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
#: what pylatexenc would change; text without any of these only loses its braces
NEEDS_LATEX = re.compile(r"[\\~`%]|--|''")
#: a command's name as pylatexenc reads it: letters, or the one character after the backslash
COMMAND_NAME = re.compile(r"\\([A-Za-z]+|[^A-Za-z])")
WHITESPACE = re.compile(r"\s+")
#: what makes a field more than text in braces: what pylatexenc would change, or math
PLAIN = re.compile(r"[\\~`%$]|--|''")
#: commands common in .bib files that pylatexenc's tables lack: font switches and boxes (their
#: text stays), logos, and sorting tricks whose argument BibTeX never prints
EXTRA_COMMANDS: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(("em", "it", "bf", "sc", "rm", "sf", "tt", "sl", "up", "md", "normalfont",
                     "itshape", "bfseries", "scshape", "upshape", "slshape", "mdseries", "rmfamily",
                     "sffamily", "ttfamily", "relax", "protect", "nobreak", "ignorespaces", "/",
                     "xspace", "unskip", "hskip", "allowbreak", "-"), ("", "")),
    **dict.fromkeys(("mbox", "hbox", "textnormal", "textup", "textmd", "textsl", "MakeUppercase",
                     "MakeLowercase", "uppercase", "lowercase", "NoCaseChange", "path", "ensuremath",
                     "textsuperscript", "textsubscript", "bibstring"), ("{", "%s")),
    **dict.fromkeys(("noopsort", "SortNoop", "sortnoop", "noop"), ("{", "")),
    "slash": ("", "/"),
    "TeX": ("", "TeX"),
    "LaTeX": ("", "LaTeX"),
    "BibTeX": ("", "BibTeX"),
    "url": ("{", "%s"),
}


@functools.cache
def _converter() -> tuple[Any, Any, frozenset[str]]:
    """pylatexenc's walker and text converter with EXTRA_COMMANDS, and every command it knows."""
    from pylatexenc import latex2text, latexwalker, macrospec

    # pylatexenc logs what it cannot convert without saying where; biblog reports those
    # commands itself, at the entry's line (``unknown_commands``)
    logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)
    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category("biblog", prepend=True, macros=[
        macrospec.MacroSpec(name, args) for name, (args, _) in EXTRA_COMMANDS.items()])
    text_db = latex2text.get_default_latex_context_db()
    text_db.add_context_category("biblog", prepend=True, macros=[
        latex2text.MacroTextSpec(name, simplify_repl=_argument_text if repl == "%s" else repl)
        for name, (_, repl) in EXTRA_COMMANDS.items()])
    known = {spec.macroname for category in text_db.categories()
             for spec in text_db.iter_macro_specs([category])}
    converter = latex2text.LatexNodes2Text(latex_context=text_db, math_mode="verbatim",
                                           strict_latex_spaces=True)
    return walker_db, converter, frozenset(known)


def _argument_text(node: Any, converter: Any) -> str:
    """The text of a command's argument; "" when it has none (``\\url`` at the end of a title)."""
    arguments = getattr(getattr(node, "nodeargd", None), "argnlist", None) or []
    return "".join(converter.nodelist_to_text([argument]) for argument in arguments if argument is not None)


#: names and venues repeat across a collection (one author in hundreds of entries), and a title is
#: parsed for its text and for its unknown commands: parse each string once
@functools.lru_cache(maxsize=32768)
def _nodes(latex: str) -> tuple[Any, ...]:
    # pylatexenc keeps the exception that ends every parse in a local of its own frame (a reference
    # cycle), and a frame kept past its return keeps its callers' frames and all their locals: at the
    # end of a clean load, every entry's parse and build intermediates (half a million objects at
    # 20,000 entries), freed by a collection that took longer than a third of the load. Parsed in a
    # generator's frame, whose callers are not linked to it once it yields, the cycle holds only
    # pylatexenc's own objects.
    return next(_nodes_apart(latex))


def _nodes_apart(latex: str) -> Iterator[tuple[Any, ...]]:
    from pylatexenc import latexwalker

    walker_db = _converter()[0]
    walker = latexwalker.LatexWalker(latex, latex_context=walker_db, tolerant_parsing=True)
    try:
        yield tuple(walker.get_latex_nodes()[0])
    except (latexwalker.LatexWalkerError, IndexError, ValueError, RecursionError):
        yield ()


def _to_text(latex: str) -> str:
    """pylatexenc's text for ``latex``; its braces and commands dropped if pylatexenc fails on it."""
    # A bare % in a field is a percent sign to its author (BibTeX keeps it), not a LaTeX comment
    # that would swallow the rest of the title.
    latex = BARE_PERCENT.sub(r"\1\\%", latex)
    try:
        return str(_converter()[1].nodelist_to_text(list(_nodes(latex))))
    except (AttributeError, IndexError, KeyError, TypeError, ValueError, RecursionError):
        # e.g. '\title' without its argument (pylatexenc 2.10); the command is reported on its own
        return re.sub(r"\\[A-Za-z]+\s*|\\.", "", latex)


#: names and venues recur across a collection: each string is decoded once
@functools.lru_cache(maxsize=65536)
def decode_text(latex: str) -> str:
    """``M{\\"u}ller -- {GPT}`` -> ``Müller – GPT``; ``{\\em Lazy}`` -> ``Lazy``."""
    text = latex
    if NEEDS_LATEX.search(latex):
        text = _to_text(latex)
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text))


def unknown_commands(latex: str) -> list[str]:
    """Commands in ``latex`` (outside math) that are not known, so not turned into text."""
    if "\\" not in latex or _converter()[2].issuperset(COMMAND_NAME.findall(latex)):
        # every name after a backslash is known: pylatexenc, which finds no other names, finds none
        # unknown (a name recurs in hundreds of entries, written a little differently in many)
        return []
    return list(_unknown_commands(latex))


#: a name with an accent recurs in every entry of its author: each string is read once
@functools.lru_cache(maxsize=65536)
def _unknown_commands(latex: str) -> tuple[str, ...]:
    known = _converter()[2]
    found: list[str] = []
    latex = dollar_math(latex)
    pending = [node for kind, part in _math_split(latex) if kind == "text" for node in _nodes(part)]
    while pending:
        node = pending.pop()
        if node is None:
            continue
        name = getattr(node, "macroname", None)
        if name and name not in known and name not in found:
            found.append(name)
        pending += getattr(node, "nodelist", None) or []
        arguments = getattr(getattr(node, "nodeargd", None), "argnlist", None) or []
        pending += arguments
    return tuple(sorted(found))


def _math_split(latex: str) -> list[tuple[str, str]]:
    parts, position = [], 0
    for match in MATH.finditer(latex):
        parts += [("text", latex[position : match.start()]), ("math", match.group(1))]
        position = match.end()
    return [*parts, ("text", latex[position:])]


def dollar_math(latex: str) -> str:
    """``\\(x\\)`` written as ``$x$``, the one inline math form the rest of biblog reads."""
    return PAREN_MATH.sub(lambda m: f"${m.group(1)}$", latex)


def split_math(latex: str) -> list[tuple[str, str]]:
    """Split a title into ``("text", ...)`` and ``("math", ...)`` parts, the text decoded.

    Unsafe math (see ``math_parts``) becomes text, kept as its LaTeX source.
    """
    latex = dollar_math(latex)
    decoded = [(kind, decode_text(value) if kind == "text" else value) for kind, value in math_parts(latex)]
    return [("text" if kind == "source" else kind, value) for kind, value in decoded if value]


def math_parts(latex: str) -> list[tuple[str, str]]:
    """Split text at its ``$...$`` math without decoding anything (for titles already decoded).

    Math using a MathJax command that makes links or loads code (``\\href``,
    ``\\class``, ...) is a ``("source", "$...$")`` part: shown as text, never typeset.
    A literal dollar, written ``\\$``, is a plain ``$`` in the text parts.
    """
    parts: list[tuple[str, str]] = []
    position = 0
    for match in MATH.finditer(latex):
        if match.start() > position:
            parts.append(("text", readable(latex[position : match.start()])))
        if UNSAFE_MATH.search(match.group(1)):
            parts.append(("source", match.group(0)))
        else:
            parts.append(("math", match.group(1).strip()))
        position = match.end()
    if position < len(latex):
        parts.append(("text", readable(latex[position:])))
    return [(kind, value) for kind, value in parts if value]


@functools.lru_cache(maxsize=65536)
def plain_text(latex: str) -> str:
    """Decoded text with its math kept as ``$...$`` source, the form entries store titles in.

    A literal dollar stays escaped (``\\$``): in "costs \\$5 for $n$ tokens" the
    math is ``$n$``, and reading the title back must not find "$5 for $" instead.
    """
    if PLAIN.search(latex) is None:  # no math and nothing pylatexenc would change: only braces go
        return plain_braced(latex)
    return plain_split(latex)


def plain_split(latex: str) -> str:
    """``plain_text``, its math split off and its text parts decoded."""
    return re.sub(r"\s+", " ", "".join(
        value.replace("$", "\\$") if kind == "text" else f"${value}$" for kind, value in split_math(latex)
    )).strip()


def plain_braced(latex: str) -> str:
    """``plain_text`` of text without math and without anything ``NEEDS_LATEX`` finds, as ``split_math`` and
    ``decode_text`` would make it, without splitting it (most titles of a collection: the tests compare)."""
    text = WHITESPACE.sub(" ", latex.replace("{", "").replace("}", ""))
    if not text.isascii():  # NFC leaves ASCII as it is
        text = WHITESPACE.sub(" ", unicodedata.normalize("NFC", text))
    return text.strip()


def readable(text: str) -> str:
    """A stored title or venue as a tooltip, a terminal or a search box shows it: ``\\$`` is ``$``."""
    return text.replace("\\$", "$")


def closing_stop(text: str) -> str:
    """The full stop a reference puts after a title or venue, unless it already ends a sentence.

    "Are Reasoning Models Faithful?" is followed by nothing, not by "?." as
    with a blind ". " join; a closing quote after the mark does not count.
    """
    return "" if text.rstrip().rstrip("\"'”’»")[-1:] in (".", "?", "!") else "."


def fold(text: str) -> str:
    """Accent- and case-insensitive form used to compare names and titles."""
    if text.isascii():  # nothing to decompose: the common case, ten times faster
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
