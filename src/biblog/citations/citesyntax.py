"""Citation roles that did not parse are located errors, never plain text or an empty "( )".

MyST reads ``{cite:p}`Wei et al. 2022`` as a role only when the role name touches
a closed pair of backticks. Without the closing backtick, or with a space before
the opening one, the whole thing is plain text (and the space case turns the
target into inline code); with nothing between the backticks the role has no
target (``citedomain.BlogCiteRole`` reports that one). A transform looks at
the parsed document's text for role names left over, and reports each with its
file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..warnings_ import Sub, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ROLE_NAME = re.compile(r"\{cite(?::[a-z]+)?\}")
#: text in these is shown as written: a role name there is an example, not a mistake
VERBATIM = (nodes.literal, nodes.FixedTextElement, nodes.math, nodes.raw, nodes.comment)


class MalformedCitations(SphinxTransform):
    # Any time after parsing and before ``doctree-read``, where citations are
    # recorded: the empty ones must be gone by then.
    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if "{cite" in text and not inside_verbatim(text):  # the test first: a post has thousands of texts
                for match in ROLE_NAME.finditer(text.astext()):
                    self.report(text, match)

    def report(self, text: nodes.Text, match: re.Match[str]) -> None:
        role = match.group(0)
        after = text.astext()[match.end():]
        following = text.parent.children[text.parent.index(text) + 1:] if text.parent else []
        if after.startswith("`"):
            written = role + after.split("\n")[0]
            why = f"'{written}' has no closing backtick; write {role}`target`"
        elif not after.strip() and following and isinstance(following[0], nodes.literal):
            written = f"{role} `{following[0].astext()}`"
            why = (f"'{written}' has a space before the backtick, so it is plain text and code; "
                   f"write {role}`{following[0].astext()}`")
        else:
            written = role
            why = f"'{role}' has no target; write {role}`key` or {role}`Surname et al. YEAR`"
        warn(f"malformed citation: {why}", Sub.cite, self.location(text.parent, role))

    def location(self, node: nodes.Node | None, needle: str) -> str:
        """``path:line`` of the first line from the node's own that holds ``needle``."""
        source = self.document.get("source") or ""
        line = getattr(node, "line", None) or 0
        while node is not None and not line:
            node = node.parent
            line = getattr(node, "line", None) or 0
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError, ValueError):
            return f"{source}:{line}" if line else source
        found = next((n for n in range(max(line, 1), len(lines) + 1) if needle in lines[n - 1]), line)
        return f"{source}:{found}" if found else source


def inside_verbatim(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, VERBATIM):
            return True
        parent = parent.parent
    return False


def setup_citation_syntax(app: Sphinx) -> None:
    app.add_transform(MalformedCitations)
