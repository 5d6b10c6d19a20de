"""YAML front matter read without surprises: every failure is a located ``Problem``.

PyYAML composes recursively (deep nesting would exhaust Python's stack), some
of its constructors raise bare ``ValueError`` or ``IndexError`` (``!!int ''``,
a 5,000-digit number), it keeps the last of two equal keys without a word, and
it reports an unclosed quote where the text ends rather than where the quote
opens. Each is turned here into a problem at the line to fix.
"""

from __future__ import annotations

from typing import Any

import yaml

from .model import Location, Problem

#: deeper than any real front matter, and far below what PyYAML's recursive composer survives
MAX_NESTING = 50
YAML_FIX = "quote values that contain ':' or '#'"
#: what PyYAML's SafeLoader constructors raise, besides YAMLError, on values such as
#: ``!!int ''``, ``!!float x`` or a 5,000-digit integer
CONSTRUCTOR_ERRORS = (ValueError, IndexError, TypeError, OverflowError)


class FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that leaves an impossible date (2024-13-01) as text.

    PyYAML raises a bare ``ValueError`` for such a timestamp; as text it reaches
    the date check, which reports it on its own line with the fix. Any other
    value that a constructor cannot read becomes a located YAML error.
    """

    #: an impossible date was kept as text: ``yaml.safe_load`` (MyST's reader) would raise instead
    kept_a_date_as_text = False

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except CONSTRUCTOR_ERRORS as error:
            tag = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"the value {str(node.value)[:40]!r} cannot be read as {tag} ({error}); "
                "write it in quotes if it is text", node.start_mark) from None


def construct_timestamp_or_text(loader: FrontMatterLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        loader.kept_a_date_as_text = True
        return loader.construct_scalar(node)


def construct_int_or_problem(loader: FrontMatterLoader, node: yaml.ScalarNode) -> Any:
    """An integer, or a located error for one too long for Python to read (over 4,300 digits)."""
    try:
        return loader.construct_yaml_int(node)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {len(node.value)} digits is too long to read; write it in quotes "
            "if it is text", node.start_mark) from None


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp_or_text)
FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", construct_int_or_problem)


def loadable(text: str) -> bool:
    """Whether YAML readers (ours, MyST's) can load ``text`` without an error."""
    try:
        if nesting_problem(text, 0, ""):
            return False
        yaml.safe_load(text)  # what MyST uses: it raises ValueError for 2024-02-30 or a 5,000-digit number
    except (yaml.YAMLError, *CONSTRUCTOR_ERRORS):
        return False
    return True


def yaml_problem(error: yaml.YAMLError, first_line: int, path: str) -> Problem:
    """PyYAML's error at the line to fix: where an unclosed quote opens, not where the text ends."""
    mark = getattr(error, "problem_mark", None)
    line = first_line + mark.line if mark else first_line
    problem = getattr(error, "problem", None) or str(error)
    context, opened = getattr(error, "context", None) or "", getattr(error, "context_mark", None)
    if context.startswith("while scanning a quoted scalar") and opened is not None:
        line = first_line + opened.line
        return Problem(Location(path, line), f"front matter is not valid YAML: the quote opened on line {line} "
                       "is never closed; close it with the same quote mark", "frontmatter")
    if isinstance(error, yaml.constructor.ConstructorError):
        return Problem(Location(path, line), f"front matter: {problem}", "frontmatter")
    return Problem(Location(path, line), f"front matter is not valid YAML: {problem}; {YAML_FIX}",
                   "frontmatter")


def nesting_problem(text: str, first_line: int, path: str) -> Problem | None:
    """A located problem for lists or mappings nested deeper than MAX_NESTING.

    PyYAML composes recursively and would hit Python's recursion limit; its
    scanner is iterative, so the depth is counted on the tokens first.
    """
    # Each level opens at an indicator ('[', '{', '-', ':' or '?'): with few of them (any real
    # front matter) no level can be too deep, and the scan, a whole YAML pass, is not needed.
    if sum(text.count(indicator) for indicator in "[{-:?") <= MAX_NESTING:
        return None
    depth = 0
    for token in yaml.scan(text, Loader=FrontMatterLoader):
        if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken
                      | yaml.BlockSequenceStartToken | yaml.BlockMappingStartToken):
            depth += 1
            if depth > MAX_NESTING:
                line = first_line + token.start_mark.line
                return Problem(Location(path, line), f"front matter nests lists or mappings more than "
                               f"{MAX_NESTING} deep; write fields as flat values, e.g. tags: [one, two]",
                               "frontmatter")
        elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken | yaml.BlockEndToken):
            depth -= 1
    return None


def duplicate_keys(node: Any, first_line: int, path: str) -> list[Problem]:
    """A problem for each key given twice in one mapping: YAML would silently keep the last."""
    problems = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.SequenceNode):
            pending += current.value
        if not isinstance(current, yaml.MappingNode):
            continue
        seen: dict[str, int] = {}
        for key_node, value_node in current.value:
            pending.append(value_node)
            key, line = str(key_node.value), first_line + key_node.start_mark.line
            if key in seen:
                problems.append(Problem(Location(path, line), f"the field '{key}' is given twice (lines "
                                        f"{seen[key]} and {line}), and only one can be kept; remove one",
                                        "frontmatter"))
            seen.setdefault(key, line)
    return sorted(problems, key=lambda p: p.location.line)
