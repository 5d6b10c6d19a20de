"""Pure helpers that turn BibTeX field values (LaTeX) into plain text.

Math (``$...$``) is kept apart so that it can be rendered by MathJax; the rest
is decoded with latexcodec (accents, dashes, ties) and loses its grouping
braces and formatting commands, which only steer BibTeX's case handling.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
FORMATTING_COMMAND = re.compile(r"\\(textit|textbf|textsc|texttt|emph|textrm|textsf|mbox|url|href)\s*")
LEFTOVER_COMMAND = re.compile(r"\\([a-zA-Z]+)\s*")
#: MathJax commands that make links, set attributes or load extensions
UNSAFE_MATH = re.compile(r"\\(href|url|class|cssId|style|data|html|require)(?![a-zA-Z])")


#: what latexcodec would change; text without any of these only loses its braces
NEEDS_LATEXCODEC = re.compile(r"[\\~`<>%\"]|--|''")


def decode_text(latex: str) -> str:
    """``M{\\"u}ller -- {GPT}`` -> ``Müller – GPT``."""
    text = FORMATTING_COMMAND.sub("", latex)
    # latexcodec drops leading whitespace, which separates a word from the
    # math before it ("$x$ time"); keep it.
    leading = " " if text[:1].isspace() else ""
    # latexcodec tokenises character by character (about 0.2 ms per title);
    # most names and titles are plain ASCII words and braces.
    if NEEDS_LATEXCODEC.search(text):
        import latexcodec  # noqa: F401  (registers the "ulatex" codec; imported when first needed)

        with contextlib.suppress(UnicodeDecodeError, ValueError):
            text = codecs.decode(text, "ulatex")  # type: ignore[call-overload]
    text = LEFTOVER_COMMAND.sub(r"\1", text)
    text = text.replace("{", "").replace("}", "").replace("\\", "")
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", leading + text))


def split_math(latex: str) -> list[tuple[str, str]]:
    """Split a title into ``("text", ...)`` and ``("math", ...)`` parts, the text decoded.

    Unsafe math (see ``math_parts``) becomes text, kept as its LaTeX source.
    """
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


def plain_text(latex: str) -> str:
    """Decoded text with its math kept as ``$...$`` source, the form entries store titles in.

    A literal dollar stays escaped (``\\$``): in "costs \\$5 for $n$ tokens" the
    math is ``$n$``, and reading the title back must not find "$5 for $" instead.
    """
    return re.sub(r"\s+", " ", "".join(
        value.replace("$", "\\$") if kind == "text" else f"${value}$" for kind, value in split_math(latex)
    )).strip()


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
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
