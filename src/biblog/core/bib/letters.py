"""Letters that never move: the a/b/c of "Wei et al. 2022a" are pinned in a file kept with the sources.

Works that would print alike ("Wei et al. 2022") get letters in title order
the first time they meet. From then on each keeps its letter: the build
records every lettered label in ``<name of the first .bib file>.letters`` (for
``references.bib``, ``references.letters``), one ``key<TAB>label`` a line, and
later builds give pinned entries their pinned letters and new entries the
next free ones. A removed entry's line stays, so its letter is never given to
another work. The file lives beside the bibliography and is committed with it,
so a clean build (Read the Docs builds from a fresh checkout every time) reads
the same letters as the writer's machine; memory kept only in the Sphinx
environment would be lost there. The command line reads the file and never
writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..atomic import replace_file
from ..model import Label

HEADER = (
    "# Letters of author-year labels, pinned so that adding or removing an entry never moves one.\n"
    "# Written by the biblog build; commit this file with the bibliography. key<TAB>label\n"
)


def letters_path(bibfiles: Sequence[Path], project: Path) -> Path | None:
    return project / f"{bibfiles[0].stem}.letters" if bibfiles else None


def read_pins(path: Path | None) -> dict[str, str]:
    """``{key: "Wei et al. 2022a"}`` from the file; nothing when there is none."""
    if path is None:
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    pins: dict[str, str] = {}
    for line in text.splitlines():
        key, tab, label = line.partition("\t")
        if tab and key.strip() and not key.startswith("#"):
            pins[key.strip()] = label.strip()
    return pins


def updated_pins(pins: Mapping[str, str], labels: Mapping[str, Label]) -> dict[str, str]:
    """The old pins with every label that now carries a letter added (never removed)."""
    updated = dict(pins)
    for key, label in labels.items():
        if label.year[-1:].isalpha() and label.year[-1:] != ".":
            updated[key] = label.parenthetical()
    return updated


def pin_new_letters(bibfiles: Sequence[Path], project: Path, labels: Mapping[str, Label]) -> int:
    """Write the letters file when a label got a letter it did not have; the number of new pins."""
    path = letters_path(bibfiles, project)
    if path is None:
        return 0
    pins = read_pins(path)
    updated = updated_pins(pins, labels)
    if updated == pins:
        return 0
    lines = [f"{key}\t{label}\n" for key, label in sorted(updated.items(), key=lambda item: (item[1], item[0]))]
    try:
        replace_file(path, (HEADER + "".join(lines)).encode("utf-8"))
    except OSError:
        return 0  # a read-only checkout: this build still uses the letters it computed
    return sum(1 for key in updated if pins.get(key) != updated[key])
