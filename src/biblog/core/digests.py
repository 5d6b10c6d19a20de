"""Digests of plain values that are equal whenever the values are equal.

The next build compares them to decide what to write again (views, generated
pages, the references page's works), so equal values must give equal bytes
however their objects happen to be shared: a plain pickle writes an object met
twice as a back-reference, and the same posts read again (new string objects)
or loaded from the environment (shared ones) would pickle differently.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from typing import Any


def value_bytes(value: Any) -> bytes:
    """``value`` pickled without pickle's memo, so that equal values give equal bytes."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=4)
    pickler.fast = True  # no memo: nothing a digest is taken of refers to itself
    pickler.dump(value)
    return out.getvalue()


def digest(value: Any) -> str:
    """A short digest of ``value`` (strings, numbers, tuples, lists, dicts, dates, dataclasses)."""
    return hashlib.blake2b(value_bytes(value), digest_size=16).hexdigest()
