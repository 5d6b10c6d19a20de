"""Author-year labels: "Graves 2016", "Ho and Salimans 2022", "Wei et al. 2022a".

Labels are a pure function of the whole bibliography, never of which posts
cite what, so the same paper carries the same label in every post.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from string import ascii_lowercase

from ..model import Entry, Label
from .latex import fold

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


def assign_labels(entries: Iterable[Entry], pins: Mapping[str, str] | None = None) -> dict[str, Label]:
    """Label every entry; works that would print alike get "a", "b", ...

    ``pins`` (``{key: "Wei et al. 2022a"}``, see ``letters.py``) keeps the letters
    earlier builds gave: a pinned entry keeps its letter while its names and
    year still print alike, pinned letters of other keys (removed entries
    included) are never reused, and the others take the free letters in title order.
    """
    return group_labels(label_groups(entries).values(), pins)


def group_key(entry: Entry) -> tuple[str, str]:
    """The entries that would print alike share this: their folded names and their folded year as
    printed, so that a work without a year and one dated "n.d." (or "Forthcoming" and "forthcoming")
    are told apart by their letters."""
    return (fold(label_names(entry)), fold(entry.year or NO_YEAR))


def label_groups(entries: Iterable[Entry]) -> dict[tuple[str, str], list[Entry]]:
    """The entries by ``group_key``, each group in the order given."""
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[group_key(entry)].append(entry)
    return dict(groups)


def group_labels(groups: Iterable[list[Entry]], pins: Mapping[str, str] | None = None) -> dict[str, Label]:
    """The labels of whole groups (``label_groups``): a group's labels depend on its members and on the
    pins of its names and year only, so the groups an edit did not touch need not be labelled again."""
    groups = list(groups)
    pinned: dict[str, dict[str, str]] | None = None  # "wang et al. 2023" -> {key: label}, made if needed
    labels: dict[str, Label] = {}
    for group in groups:
        year = group[0].year or NO_YEAR
        if len(group) == 1:
            labels[group[0].key] = Label(label_names(group[0]), year)
            continue
        if pinned is None:  # a few groups (an edit's): the pins of their names and years only
            pinned = pinned_by_label(pins or {}, {fold(f"{label_names(g[0])} {g[0].year or NO_YEAR}")
                                                  for g in groups if len(g) > 1} if len(groups) < 64 else None)
        labels.update(lettered(group, year, pinned.get(fold(f"{label_names(group[0])} {year}"), {})))
    return labels


def pinned_by_label(pins: Mapping[str, str], prefixes: set[str] | None = None) -> dict[str, dict[str, str]]:
    """The pins by the folded names and year they pin a letter of; only those of ``prefixes`` if given.

    An ASCII label folds to its lower case: one whose last four characters lowered end no prefix
    cannot fold to one, and is passed over without folding it (most of 14,000 pins, for one group).
    """
    endings = None if prefixes is None else {prefix[-4:] for prefix in prefixes}
    by_label: dict[str, dict[str, str]] = defaultdict(dict)
    for key, label in pins.items():
        base = label.rstrip(ascii_lowercase)
        if endings is not None and base.isascii() and base[-4:].lower() not in endings:
            continue
        folded = fold(base)
        if prefixes is None or folded in prefixes:
            by_label[folded][key] = label
    return by_label


def lettered(group: list[Entry], year: str, pins: Mapping[str, str]) -> dict[str, Label]:
    """Letters for works that print alike; ``pins`` are the pinned labels of this group's names and year."""
    prefix = fold(f"{label_names(group[0])} {year}")  # the group's names print alike once folded

    def pinned_letter(label: str) -> str:
        letter = fold(label)[len(prefix):] if fold(label).startswith(prefix) else ""
        return letter if letter.isalpha() and letter.islower() else ""

    # Title order makes first letters independent of file order and of keys.
    ordered = sorted(group, key=lambda e: (fold(e.title), e.key))
    keys = {e.key for e in group}
    taken = {pinned_letter(label) for key, label in pins.items() if key not in keys} - {""}
    letters: dict[str, str] = {}
    for entry in ordered:
        letter = pinned_letter(pins.get(entry.key, ""))
        if letter and letter not in taken:
            letters[entry.key] = letter
            taken.add(letter)
    free = (suffix(i) for i in range(len(group) + len(taken) + 1) if suffix(i) not in taken)
    for entry in ordered:
        if entry.key not in letters:
            letters[entry.key] = next(free)
    return {e.key: Label(label_names(e), (e.year or NO_YEAR) + letters[e.key]) for e in group}


def sort_key(entry: Entry, labels: Mapping[str, Label]) -> tuple[str, str, str]:
    """Reference lists are sorted by author, then year (with its letter)."""
    label = labels[entry.key]
    # By the label's names, so that "2023a" and "2023b" stay side by side and in order.
    return (fold(label.names), label.year, fold(entry.title))
