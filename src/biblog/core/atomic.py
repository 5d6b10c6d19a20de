"""Files biblog writes are replaced whole or not at all.

Each is written beside its target and renamed over it, so an interrupted
build never leaves a half-written feed, sitemap, cache or bibliography.
"""

from __future__ import annotations

from pathlib import Path


def replace_file(target: Path, data: bytes) -> None:
    partial = target.with_name(target.name + ".tmp")
    partial.write_bytes(data)
    partial.replace(target)
