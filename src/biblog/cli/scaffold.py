"""``biblog init DIR``: a new blog that builds strictly at once.

The files come from ``skeleton/`` in the package; a name ending in ``.in`` is
a ``string.Template`` filled with the title, the author, today's date and
biblog's version. Nothing is written into a folder that holds anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from .. import __version__

SKELETON = "skeleton"
#: skeleton names that cannot be stored under their real name in a package
RENAMED = {"gitignore": ".gitignore", "readthedocs.yaml": ".readthedocs.yaml"}
FIRST_POST = "docs/posts/first-post.md"


@dataclass(frozen=True)
class NewBlog:
    title: str
    author: str
    date: dt.date
    url: str = "https://example.org/"

    def fields(self) -> dict[str, str]:
        return {"title": self.title, "project": repr(self.title), "author": repr(self.author),
                "year": str(self.date.year), "date": self.date.isoformat(), "version": __version__,
                "url": self.url, "url_repr": repr(self.url)}

    def target_name(self, relative: str) -> str:
        name = relative.removesuffix(".in")
        if name == FIRST_POST:
            return f"docs/posts/{self.date.isoformat()}-hello-blog.md"
        folder, _, base = name.rpartition("/")
        return "/".join(filter(None, [folder, RENAMED.get(base, base)]))


def skeleton_files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    files = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.is_dir():
            files += skeleton_files(item, f"{prefix}{item.name}/")
        elif not item.name.endswith((".pyc", ".pyo")):
            files.append((prefix + item.name, item))
    return files


def render_files(blog: NewBlog) -> dict[str, str]:
    """Relative path -> text of every file of the new blog."""
    rendered = {}
    for relative, item in skeleton_files(resources.files("biblog") / SKELETON):
        text = item.read_text(encoding="utf-8")
        if relative.endswith(".in"):
            text = Template(text).substitute(blog.fields())
        rendered[blog.target_name(relative)] = text
    return rendered


def refusal(target: Path) -> str:
    """Why a blog cannot be created in TARGET ("" when it can)."""
    if target.exists() and not target.is_dir():
        return f"{target} exists and is not a folder; choose a new folder name"
    if target.is_dir() and any(target.iterdir()):
        return f"{target} is not empty; biblog init writes only into a new or empty folder, so nothing was written"
    return ""


def create_blog(target: Path, blog: NewBlog) -> list[Path]:
    written = []
    for relative, text in render_files(blog).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
