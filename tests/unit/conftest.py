"""Factories for the pure unit tests: records built by hand, no Sphinx, no files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from biblog.core.model import Entry, Location


def build_entry(
    key: str,
    surnames: tuple[str, ...] = (),
    year: str = "2022",
    title: str = "",
    and_others: bool = False,
    venue: str = "",
    **extra: Any,
) -> Entry:
    return Entry(
        key=key,
        entry_type=extra.pop("entry_type", "article"),
        surnames=surnames,
        and_others=and_others,
        authors=extra.pop("authors", surnames),
        title=title or key,
        year=year,
        venue=venue,
        links=(),
        location=Location("refs.bib", 1),
        fingerprint=key,
        **extra,
    )


@pytest.fixture
def make_entry() -> Callable[..., Entry]:
    return build_entry
