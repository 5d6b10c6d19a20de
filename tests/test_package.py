"""The package as a user gets it: wheel and sdist built, the wheel installed into a fresh venv, a blog made with it.

The fresh venv takes its dependencies from this test environment's site-packages
(a ``.pth`` line: the folder is added to ``sys.path``, but ``.pth`` files in it,
the editable install's among them, are not run), so only biblog comes from the
wheel and the test needs no network.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from test_init import check_new_blog_pages, strict_build

pytestmark = pytest.mark.package

REPO = Path(__file__).resolve().parent.parent
#: what the installed engine must carry besides its modules
DATA = ["biblog/templates/post_card.html", "biblog/static/biblog.css", "biblog/static/biblog-theme.css",
        "biblog/skeleton/conf.py.in", "biblog/skeleton/docs/posts/first-post.md.in",
        "biblog/skeleton/readthedocs.yaml", "biblog/skeleton/gitignore",
        "biblog/locale/fr/LC_MESSAGES/biblog.mo", "biblog/py.typed"]


def run(*command: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", out, REPO)
    return out


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (no index: every dependency must already be satisfied)."""
    env = tmp_path_factory.mktemp("venv")
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (wheel,) = dist.glob("biblog-*.whl")
    run(python, "-m", "pip", "install", "--quiet", "--no-index", wheel)
    return env


def test_wheel_and_sdist_carry_templates_static_files_and_skeleton(dist: Path) -> None:
    (wheel,) = dist.glob("biblog-*.whl")
    (sdist,) = dist.glob("biblog-*.tar.gz")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert [name for name in DATA if name not in names] == []
    assert not [name for name in names if "seed_import" in name or name.startswith("tools/")]
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert [name for name in DATA if f"src/{name}" not in in_sdist] == []


def test_wheel_carries_every_module_of_every_subpackage(dist: Path) -> None:
    (wheel,) = dist.glob("biblog-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = [path.relative_to(REPO / "src").as_posix() for path in (REPO / "src" / "biblog").rglob("*.py")]
    assert "biblog/core/bib/bibtex.py" in modules
    assert [name for name in modules if name not in names] == []


def test_metadata(dist: Path) -> None:
    from biblog import __version__

    (wheel,) = dist.glob("biblog-*.whl")
    assert wheel.name.startswith(f"biblog-{__version__}-")
    metadata = next(n for n in zipfile.ZipFile(wheel).namelist() if n.endswith("METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Classifier: Framework :: Sphinx :: Extension" in text
    requires = [line for line in text.splitlines() if line.startswith("Requires-Dist:")]
    assert not [r for r in requires if r.startswith("Requires-Dist: furo") and "extra ==" not in r]


def test_installed_wheel_makes_a_blog_that_builds_with_furo_and_alabaster(installed: Path,
                                                                          tmp_path: Path) -> None:
    python = installed / "bin" / "python"
    where = run(python, "-c", "import biblog; print(biblog.__file__)").strip()
    assert where.startswith(str(installed)), where  # the wheel, not the checkout
    assert run(python, "-c", "import importlib.util as u; print(u.find_spec('biblog.seed_import'))").strip() == "None"
    run(installed / "bin" / "biblog", "init", "myblog", "--title", "Packaged", "--author", "Ann", cwd=tmp_path)
    blog = tmp_path / "myblog"
    for theme in ("furo", "alabaster"):
        check_new_blog_pages(strict_build(blog, theme, python=str(python)), "Packaged")
    assert run(installed / "bin" / "biblog", "check", cwd=blog).strip() == "0 errors, 0 warnings"
