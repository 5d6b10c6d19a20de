"""Author-year labels: "Graves 2016", "Ho and Salimans 2022", "Wei et al. 2022a".

Labels are a pure function of the whole bibliography, never of which posts
cite what, so the same paper carries the same label in every post.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from string import ascii_lowercase

from .latex import fold
from .model import Entry, Label

NO_YEAR = "n.d."


def label_names(entry: Entry) -> str:
    surnames = entry.surnames
    if not surnames:
        return short_title(entry)
    if len(surnames) >= 3 or entry.and_others:
        return f"{surnames[0]} et al."
    if len(surnames) == 2:
        return f"{surnames[0]} and {surnames[1]}"
    return surnames[0]


def short_title(entry: Entry) -> str:
    """Anonymous works are cited by title (or by where they were published)."""
    title = entry.title.split(":")[0].strip() or entry.venue or entry.key
    words = title.split()
    return title if len(words) <= 6 else " ".join(words[:6]) + "…"


def suffix(index: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = ascii_lowercase[rest] + letters
    return letters


def assign_labels(entries: Iterable[Entry]) -> dict[str, Label]:
    """Label every entry; works that would print alike get "a", "b", ..."""
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[(fold(label_names(entry)), entry.year)].append(entry)
    labels: dict[str, Label] = {}
    for group in groups.values():
        year = group[0].year or NO_YEAR
        if len(group) == 1:
            labels[group[0].key] = Label(label_names(group[0]), year)
            continue
        # Title order makes the letters independent of file order and of keys.
        ordered = sorted(group, key=lambda e: (fold(e.title), e.key))
        for index, entry in enumerate(ordered):
            labels[entry.key] = Label(label_names(entry), year + suffix(index))
    return labels


def sort_key(entry: Entry, labels: Mapping[str, Label]) -> tuple[str, str, str]:
    """Reference lists are sorted by author, then year (with its letter)."""
    label = labels[entry.key]
    # By the label's names, so that "2023a" and "2023b" stay side by side and in order.
    return (fold(label.names), label.year, fold(entry.title))
