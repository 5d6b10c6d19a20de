"""Matching a name as a writer cites it against an author of an entry.

Writers cite "Li", "J. Li", "Junnan Li", "van den Oord", "Oord", "Van Den Oord",
"Muller", "Mueller" or "Müller". A written name fits an author when some tail of
its words is the author's surname (compared without accents, case, hyphens or
particles) and the words before it are the author's given names, initials or
name particles. Pure functions, no Sphinx: the build and the CLI share them.
"""

from __future__ import annotations

import re
from enum import IntEnum
from functools import lru_cache

from .latex import fold

#: lower-case words that belong to a surname ("van den Oord", "de Freitas")
PARTICLES = frozenset(["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos",
                       "das", "ter", "ten", "bin", "ibn", "al", "el", "st", "zu", "vom", "y"])
#: German and Nordic spellings that writers transliterate ("Müller" -> "Mueller")
TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe",
                                 "œ": "oe", "å": "aa"})
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class Fit(IntEnum):
    """How well a written name fits an author, worst first."""

    NONE = 0
    CONFLICT = 1  #: the surname fits, the given names or initials written do not
    SURNAME = 2  #: the surname fits and nothing else was written
    FULL = 3  #: the surname and the given names or initials written fit


def letters(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


@lru_cache(maxsize=65536)
def surname_keys(surname: str) -> frozenset[str]:
    """Forms a surname can be written in: "van den Oord" -> {"vandenoord", "denoord", "oord"}."""
    keys = set()
    for spelling in {surname, surname.lower().translate(TRANSLITERATION)}:
        words = WORD.findall(fold(spelling).replace("-", " "))
        for start in range(len(words)):
            if start == 0 or words[start - 1] in PARTICLES or start == len(words) - 1:
                keys.add("".join(words[start:]))
    keys.discard("")
    return frozenset(keys)


def name_words(written: str) -> list[str]:
    """ "J.-B. Alayrac" -> ["j", "b", "alayrac"]; hyphens and full stops separate words."""
    return WORD.findall(fold(written).replace("-", " ").replace(".", " "))


def given_words(full_name: str, surname: str) -> list[str]:
    """ "Aaron van den Oord", "van den Oord" -> ["aaron"]."""
    words = name_words(full_name)
    tail = name_words(surname)
    if tail and words[-len(tail):] == tail:
        words = words[: -len(tail)]
    return [w for w in words if w not in PARTICLES and w != "jr"]


def given_fits(written: list[str], given: list[str], surname_words: list[str]) -> bool:
    """Each written word is a given name, an initial, a run of initials or a particle."""
    initials = "".join(w[0] for w in given)
    for word in written:
        if (word in PARTICLES and len(word) > 1) or word in surname_words:
            continue
        if not any(word == g or (len(word) == 1 and g.startswith(word))
                   or (len(g) == 1 and word.startswith(g)) for g in given) and word != initials:
            return False
    return True


def name_fit(written: str, surname: str, full_name: str = "") -> Fit:
    """How well ``written`` ("J. Li") fits the author ``surname`` ("Li") named ``full_name``."""
    words = name_words(written)
    keys = surname_keys(surname)
    best = Fit.NONE
    for start in range(len(words)):
        if "".join(words[start:]) not in keys:
            continue
        before = words[:start]
        given = given_words(full_name, surname) if full_name else []
        if not before:
            fit = Fit.SURNAME
        elif not given:
            fit = Fit.SURNAME if all(w[0].isalpha() for w in before) else Fit.CONFLICT
        else:
            fit = Fit.FULL if given_fits(before, given, name_words(surname)) else Fit.CONFLICT
        best = max(best, fit)
    return best


def lookup_keys(written: str) -> set[str]:
    """Keys under which an index of surnames may hold the author ``written`` names."""
    words = name_words(written)
    keys = {"".join(words[start:]) for start in range(len(words))}
    keys |= {letters(written.lower().translate(TRANSLITERATION))}
    return {k for k in keys if k}


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Edits (a swap of two neighbours counts as one) from ``a`` to ``b``, cut at ``limit + 1``.

    Written out because names are short and only failures need it: a table of a
    few dozen cells does not justify a dependency.
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def close_surnames(written_key: str, known: list[str]) -> list[tuple[int, str]]:
    """Surname keys one edit away (two for names of six letters or more), nearest first."""
    limit = 1 if len(written_key) < 6 else 2
    found = [(edit_distance(written_key, k, limit), k) for k in known]
    return sorted((d, k) for d, k in found if 0 < d <= limit)
