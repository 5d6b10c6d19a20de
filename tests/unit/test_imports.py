"""What every build imports: a library only a rare path needs is imported by that path, not by every build."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path


def test_loading_the_extension_does_not_import_beautifulsoup() -> None:
    # bs4 is for a failed build's page repair only (failed_build.missing_targets): ~50 ms of every build
    code = "import sys, biblog.extension; print('bs4' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_bibliography_read_from_its_cache_imports_no_bibtex_parser(tmp_path) -> None:
    # the loader (pybtex, pylatexenc, biblog.core.bib.bibtex) is for a changed .bib only: a post's edit does without it
    (tmp_path / "refs.bib").write_text("@article{graves2016,\n  author = {Graves, Alex},\n  year = {2016}\n}\n",
                                       encoding="utf-8")
    code = ("import sys; from pathlib import Path; from biblog.core.bib.bibliography import read_bibliography; "
            f"root = Path({str(tmp_path)!r}); "
            "bib = read_bibliography([root / 'refs.bib'], root, root / 'cache'); "
            "print(len(bib.entries), 'biblog.core.bib.bibtex' in sys.modules)")
    outputs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
               for _ in range(2)]
    assert outputs == [["1", "True"], ["1", "False"]]  # parsed once, then read from the cache


ENGINE = Path(__file__).resolve().parents[2] / "src" / "biblog"
#: what ``biblog.core`` must never import, not even lazily: it serves the command line and the tests without Sphinx
SPHINX_SIDE = {"sphinx", "docutils", "sphinxcontrib", "myst_parser", "sphinx_design", "sphinxext", "notfound"}


def imports_of(path: Path) -> list[str]:
    """The absolute names of every module ``path`` imports, in functions and ``TYPE_CHECKING`` blocks too."""
    package = ".".join(path.relative_to(ENGINE.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.append(node.module or "")
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            found.append(".".join([*base, *([node.module] if node.module else [])]))
    return found


def test_the_core_imports_nothing_of_sphinx_nor_the_rest_of_biblog() -> None:
    modules = sorted((ENGINE / "core").rglob("*.py"))
    assert len(modules) > 20
    bad = {f"{path.relative_to(ENGINE)}: {name}" for path in modules for name in imports_of(path)
           if name.split(".")[0] in SPHINX_SIDE or (name.startswith("biblog") and not name.startswith("biblog.core"))}
    assert bad == set()


def test_importing_the_whole_core_loads_neither_sphinx_nor_docutils() -> None:
    names = [".".join(p.relative_to(ENGINE.parent).with_suffix("").parts).removesuffix(".__init__")
             for p in sorted((ENGINE / "core").rglob("*.py"))]
    code = (f"import importlib, sys; [importlib.import_module(n) for n in {names!r}]; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sphinx', 'docutils', 'sphinxcontrib'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
