"""Citation roles in a post as MyST reads it, for the command line.

``biblog check`` and ``biblog cite`` find citations with MyST's own Markdown
parser, configured from ``conf.py`` as the build configures it, so what the
build reads they read (headings, tables, lists, directive bodies), and what the
build ignores (HTML comments, code, math) they ignore too.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

CITE_ROLES = ("cite:p", "cite:t")
#: directives whose body is not Markdown: roles inside them are not read
VERBATIM_DIRECTIVES = ("code", "code-block", "sourcecode", "code-cell", "literalinclude", "math",
                       "raw", "eval-rst", "eval-md", "mermaid", "graphviz", "csv-table")
DIRECTIVE_NAME = re.compile(r"\{([^}]*)\}")


@dataclass(frozen=True)
class RoleUse:
    line: int  #: 1-based line of the role in the file
    name: str  #: "cite:p" or "cite:t"
    target: str
    section: str  #: the enclosing section's title ("" before the first ## heading)
    #: the role's paragraph, roles written out, and where this role starts in it
    paragraph: str
    position: int


def markdown_parser(settings: dict[str, Any]) -> Any:
    """MyST's Markdown parser with ``conf.py``'s ``myst_*`` settings and the extensions biblog turns on."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    from ..blog.site import MYST_EXTENSIONS

    names = {f.name for f in dataclasses.fields(MdParserConfig)}
    values = {k[5:]: v for k, v in settings.items() if k.startswith("myst_") and k[5:] in names}
    values["enable_extensions"] = set(values.get("enable_extensions") or ()) | set(MYST_EXTENSIONS)
    values["title_to_header"] = True
    try:
        config = MdParserConfig(**values)
    except (TypeError, ValueError):  # the build reports bad myst_* settings; read with the defaults
        config = MdParserConfig(enable_extensions=set(MYST_EXTENSIONS), title_to_header=True)
    return create_md_parser(config, RendererHTML)


def cite_roles(parser: Any, text: str, offset: int = 0, section: str = "") -> Iterator[RoleUse]:
    """Every citation role MyST finds in ``text``, in document order; ``offset`` lines precede it."""
    tokens = parser.parse(text)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag != "h1" and index + 1 < len(tokens):
            section = written_out(tokens[index + 1], plain=True)[0]
        if token.type == "inline" and token.map:
            yield from roles_in(token, offset + token.map[0] + 1, section)
        elif token.type in ("fence", "colon_fence") and token.map and reads_markdown(token.info):
            yield from cite_roles(parser, token.content, offset + token.map[0] + 1, section)


def reads_markdown(info: str) -> bool:
    name = DIRECTIVE_NAME.match(info.strip())
    return bool(name) and name.group(1).strip() not in VERBATIM_DIRECTIVES  # type: ignore[union-attr]


def roles_in(token: Any, first_line: int, section: str) -> Iterator[RoleUse]:
    paragraph, starts = written_out(token)
    line = first_line
    for child, start in zip(token.children or [], starts, strict=True):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "myst_role" and child.meta.get("name") in CITE_ROLES:
            yield RoleUse(line, child.meta["name"], child.content, section, paragraph, start)


def written_out(token: Any, plain: bool = False) -> tuple[str, list[int]]:
    """An inline token's text with roles written out (or as their text, ``plain``), and where each child starts."""
    parts: list[str] = []
    starts = []
    for child in token.children or []:
        starts.append(sum(len(p) for p in parts))
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "myst_role":
            parts.append(child.content if plain else f"{{{child.meta.get('name', '')}}}`{child.content}`")
        elif child.type == "code_inline":
            parts.append(child.content if plain else " " * len(child.content))
        else:
            parts.append(child.content)
    return "".join(parts).strip() if plain else "".join(parts), starts
