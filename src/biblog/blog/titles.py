"""Post titles with math: markup for pages, readable plain text for the browser tab and the feed.

A front-matter title keeps its math as ``$...$`` (``Attention in $O(n^2)$``).
Pages typeset it with MathJax (``title_markup``); places that show text only,
the ``<title>`` of a page and the feed, get ``Attention in O(n²)``
(``title_text``): the few commands titles use become their characters, and
the rest loses only its backslash and braces.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

from ..citations.refhtml import title_html
from ..core.bib.latex import math_parts

GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
         "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega")
SYMBOLS = {
    "cdot": "·", "times": "×", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "approx": "≈",
    "infty": "∞", "sum": "∑", "prod": "∏", "to": "→", "rightarrow": "→", "leftarrow": "←", "mid": "|",
    "in": "∈", "sqrt": "√", "partial": "∂", "nabla": "∇", "pm": "±", "ldots": "…", "dots": "…", "sim": "∼",
}
SUPERSCRIPTS = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\\[a-zA-Z]+|.))")
COMMAND = re.compile(r"\\([a-zA-Z]+)")


def command_text(name: str) -> str:
    if name.lower() in GREEK:
        case = "CAPITAL" if name[0].isupper() else "SMALL"
        return unicodedata.lookup(f"GREEK {case} LETTER {name.upper()}")
    if name in SYMBOLS:
        return SYMBOLS[name]
    if name.startswith(("math", "text", "operatorname", "left", "right", "big")):
        return ""  # \mathcal{O} -> O, \left( -> (
    return name  # \log -> log


def script_text(match: re.Match[str]) -> str:
    mark, group, single = match.groups()
    body = group if group is not None else single
    table = SUPERSCRIPTS if mark == "^" else SUBSCRIPTS
    translated = body.translate(table)
    if all(ord(c) > 127 for c in translated if not c.isspace()) and body.strip():
        return translated
    return mark + (body if len(body) == 1 else "(" + body + ")")


def math_text(tex: str) -> str:
    """``O(n^2)`` -> ``O(n²)``; ``\\alpha_t`` -> ``α_t``."""
    text = SCRIPT.sub(script_text, tex)
    text = COMMAND.sub(lambda m: command_text(m.group(1)), text)
    return re.sub(r"\s+", " ", text.replace("{", "").replace("}", "")).strip()


def title_text(title: str) -> str:
    """A title as plain text: its math readable, its literal dollars plain."""
    return "".join(math_text(value) if kind == "math" else value for kind, value in math_parts(title))


def title_markup(title: str) -> Markup:
    """A title as HTML with its math marked up for MathJax, the rest escaped."""
    return Markup(title_html(title))
