"""Pure: a post's YAML front matter -> validated facts, with precise errors.

Errors name the line of the offending value (counted in the source file) and
say what to write instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .model import Location, Problem, UpdateNote
from .yamlsafe import FrontMatterLoader, duplicate_keys, nesting_problem, yaml_problem

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.DOTALL)
POST_FIELDS = ("title", "date", "tags", "summary", "authors", "updates", "draft")
#: keys that MyST-Parser or other extensions read from front matter
PASSTHROUGH_FIELDS = ("myst", "html_meta", "orphan", "nocomments", "og:description", "og:image")
UPDATE_FIELDS = ("date", "note")
#: C0 and C1 control characters but tab and line breaks: no web page, feed or BibTeX entry may hold them.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
POST_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9][a-z0-9-]*)$")


@dataclass
class FrontMatter:
    title: str = ""
    date: dt.date | None = None
    tags: tuple[str, ...] = ()
    summary: str = ""
    authors: tuple[str, ...] = ()
    updates: tuple[UpdateNote, ...] = ()
    #: ``draft: true``: left out of a normal build, shown with a banner when blog_show_drafts is on
    draft: bool = False
    problems: list[Problem] = field(default_factory=list)
    #: the YAML loaded as MyST's own reader (``yaml.safe_load``) loads it: no need to try that again
    loads_as_myst: bool = False


def split_front_matter(source: str) -> tuple[str, int]:
    """The YAML text and the line where it starts (2), or ``("", 0)``."""
    match = FRONT_MATTER.match(source)
    return (match.group(1) or "", 2) if match else ("", 0)


def parse_front_matter(source: str, path: str, docname_stem: str) -> FrontMatter:
    text, first_line = split_front_matter(source)
    result = FrontMatter()
    if not first_line:
        result.problems.append(Problem(Location(path, 1), "a post needs YAML front matter between "
                                       "'---' lines with at least 'date:'", "frontmatter"))
        return result
    try:
        too_deep = nesting_problem(text, first_line, path)
        if too_deep:
            result.problems.append(too_deep)
            return result
        data, duplicates, lines, result.loads_as_myst = load_with_lines(text, first_line, path)
    except yaml.YAMLError as error:
        result.problems.append(yaml_problem(error, first_line, path))
        return result
    result.problems += duplicates
    if not isinstance(data, dict):
        result.problems.append(Problem(Location(path, first_line), "front matter must be a mapping "
                                       "of fields such as 'title:' and 'date:'", "frontmatter"))
        return result
    FieldReader(result, path, lines, first_line).read(data, docname_stem)
    return result


def load_with_lines(text: str, first_line: int, path: str) -> tuple[Any, list[Problem], dict[str, int], bool]:
    """The YAML's data, its keys given twice, each field's line, and whether ``yaml.safe_load`` loads it too.

    One parse: the loader is a SafeLoader that differs only where ``safe_load``
    raises (see ``yamlsafe``), and it says when that happened.
    """
    loader = FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        # Read from the node tree before constructing: a merge key ('<<') rewrites the tree.
        duplicates, lines = duplicate_keys(node, first_line, path), key_lines(node, first_line)
        data = (loader.construct_document(node) if node is not None else None) or {}
        return data, duplicates, lines, not loader.kept_a_date_as_text
    finally:
        loader.dispose()


def key_lines(node: Any, first_line: int) -> dict[str, int]:
    """Line of each top-level value, and ``updates.N.key`` for update items."""
    lines: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # "? [a]: b": the load refuses it, with its line
            continue
        lines[key_node.value] = first_line + value_node.start_mark.line
        if key_node.value == "updates" and isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value):
                lines[f"updates.{index}"] = first_line + item.start_mark.line
                if isinstance(item, yaml.MappingNode):
                    for sub_key, sub_value in item.value:
                        lines[f"updates.{index}.{sub_key.value}"] = first_line + sub_value.start_mark.line
    return lines


@dataclass
class FieldReader:
    result: FrontMatter
    path: str
    lines: dict[str, int]
    first_line: int

    def problem(self, where: str, message: str) -> None:
        # "updates.1.date" falls back to the item's line, then to the field's.
        parts = where.split(".")
        prefixes = (".".join(parts[:n]) for n in range(len(parts), 0, -1))
        line = next((self.lines[p] for p in prefixes if p in self.lines), self.first_line)
        self.result.problems.append(Problem(Location(self.path, line), message, "frontmatter"))

    def read(self, data: dict[str, Any], docname_stem: str) -> None:
        for key in data:
            if key not in POST_FIELDS and key not in PASSTHROUGH_FIELDS:
                self.problem(str(key), unknown_field_message(str(key), POST_FIELDS))
        self.result.title = self.text(data, "title")
        self.result.summary = self.text(data, "summary")
        self.result.tags = self.string_list(data, "tags")
        self.result.authors = self.string_list(data, "authors")
        self.result.date = self.date(data.get("date"), "date")
        self.check_file_name(docname_stem)
        self.result.updates = self.updates(data.get("updates"))
        self.result.draft = self.flag(data, "draft")

    def flag(self, data: dict[str, Any], key: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problem(key, f"'{key}' must be true or false, e.g. {key}: true")
            return False
        return value

    def text(self, data: dict[str, Any], key: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str | int | float):
            self.problem(key, f"'{key}' must be text, e.g. {key}: \"...\"")
            return ""
        return self.printable(key, str(value)).strip()

    def printable(self, where: str, value: str) -> str:
        """VALUE without control characters, reported once per field.

        YAML's "\\a" or "\\x1b" escapes would otherwise reach the HTML raw.
        """
        found = CONTROL_CHARACTER.search(value)
        if found is None:
            return value
        self.problem(where, f"'{where.split('.')[-1]}' contains the control character U+{ord(found.group()):04X}, "
                     "which a web page or feed cannot show; remove it")
        return CONTROL_CHARACTER.sub("", value)

    def string_list(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
            return tuple(name for v in value if (name := self.printable(key, str(v)).strip()))
        self.problem(key, f"'{key}' must be a list of names, e.g. {key}: [one, two]")
        return ()

    def date(self, value: Any, where: str) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value is None:
            if where == "date":
                self.problem(where, "a post needs 'date: YYYY-MM-DD' in its front matter")
            else:
                self.problem(where, "every update needs 'date: YYYY-MM-DD'")
            return None
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.problem(where, f"bad date '{value}': write it as YYYY-MM-DD, e.g. 2024-01-31")
            return None

    def check_file_name(self, stem: str) -> None:
        match = POST_NAME.match(stem)
        if not match:
            self.problem("date", f"post file name '{stem}' must be YYYY-MM-DD-slug "
                         "(lower-case letters, digits and dashes)")
        elif self.result.date and match.group(1) != self.result.date.isoformat():
            self.problem("date", f"date {self.result.date.isoformat()} does not match the file name's "
                         f"{match.group(1)}; rename the file or fix the date")

    def updates(self, value: Any) -> tuple[UpdateNote, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem("updates", "'updates' must be a list of '- date: YYYY-MM-DD' / 'note: ...' items")
            return ()
        notes = [n for i, item in enumerate(value) if (n := self.update(i, item))]
        return tuple(sorted(notes, key=lambda n: n.date, reverse=True))

    def update(self, index: int, item: Any) -> UpdateNote | None:
        where = f"updates.{index}"
        if not isinstance(item, dict):
            self.problem(where, "each update is a mapping: '- date: YYYY-MM-DD' then 'note: ...'")
            return None
        for key in item:
            if key not in UPDATE_FIELDS:
                self.problem(f"{where}.{key}", unknown_field_message(str(key), UPDATE_FIELDS, "update"))
        date = self.date(item.get("date"), f"{where}.date")
        note = item.get("note")
        if not isinstance(note, str) or not note.strip():
            self.problem(f"{where}.note", "every update needs a 'note:' saying what changed")
            return None
        if date and date > dt.date.today():
            self.problem(f"{where}.date", f"update dated {date.isoformat()} is in the future (today is "
                         f"{dt.date.today().isoformat()}); date an update when it is made")
            return None
        if date and self.result.date and date < self.result.date:
            self.problem(f"{where}.date", f"update dated {date.isoformat()} is before the post's date "
                         f"{self.result.date.isoformat()}; fix one of the two dates")
            return None
        return UpdateNote(date, self.printable(f"{where}.note", note).strip()) if date else None


def unknown_field_message(key: str, known: tuple[str, ...], what: str = "front matter") -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "known fields: " + ", ".join(known)
    return f"unknown {what} field '{key}'; {hint}"
