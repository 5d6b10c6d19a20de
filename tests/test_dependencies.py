"""What ``pyproject.toml`` declares is what the engine imports: nothing more, nothing less.

An import is an ``import`` statement in ``src/biblog`` or an extension the
engine loads by name (``app.setup_extension("notfound.extension")``, which
appears in the source as a string naming the module).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import import_module
from importlib.metadata import packages_distributions
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "src" / "biblog"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(repo_root: Path, extras: bool = False) -> set[str]:
    """The dependencies, and with ``extras`` the optional ones a user may install (not "dev")."""
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    if extras:
        requirements += [r for name, group in project.get("optional-dependencies", {}).items()
                         if name != "dev" for r in group]
    return {normalise(re.split(r"[<>=!~;\[ ]", requirement)[0]) for requirement in requirements}


def imported_modules() -> set[str]:
    """Dotted names of the modules the engine imports or loads as extensions."""
    found: set[str] = set()
    for path in ENGINE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
                    r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*", node.value):
                found.add(node.value)  # kept only if it names an installed module, below
    return found


def distributions_of(modules: set[str]) -> set[str]:
    """The installed distributions providing these modules (namespace packages by their full name)."""
    owners = packages_distributions()
    result = set()
    for module in modules:
        top = module.split(".")[0]
        if top in sys.stdlib_module_names or top == "biblog" or top not in owners:
            continue
        candidates = owners[top]
        if len(candidates) > 1:  # a namespace package such as sphinxcontrib: match the full name
            candidates = [d for d in candidates if normalise(d) == normalise(module.replace(".", "-"))]
        result |= {normalise(d) for d in candidates}
    return result


def test_every_declared_dependency_is_imported(repo_root: Path) -> None:
    assert declared(repo_root, extras=True) - distributions_of(imported_modules()) == set()


def test_every_imported_package_is_declared(repo_root: Path) -> None:
    # furo, an extra (biblog[furo]), is loaded only when a site chooses it as its theme.
    assert distributions_of(imported_modules()) - declared(repo_root, extras=True) == set()


def test_every_entry_point_names_an_object_that_exists(repo_root: Path) -> None:
    # the command and the style plugins are found by these strings: a moved module must move them too
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    targets = [*project["scripts"].values(), *(v for group in project["entry-points"].values() for v in group.values())]
    assert len(targets) == 4
    for target in targets:
        module, _, name = target.partition(":")
        assert callable(getattr(import_module(module), name)), target
