"""The two commands and Read the Docs: bootstrap staleness, the schema, a replayed RTD build."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

BOOTSTRAP_INPUTS = ("Makefile", "pyproject.toml", "requirements/docs.txt", "requirements/dev.txt")


@pytest.fixture
def makefile_copy(repo_root: Path, tmp_path: Path) -> Path:
    for name in BOOTSTRAP_INPUTS:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo_root / name, tmp_path / name)
    return tmp_path


def make_question(folder: Path) -> int:
    """``make -q venv``: 0 when .venv is up to date, 1 when make would (re)build it."""
    return subprocess.run(["make", "-q", "venv"], cwd=folder, capture_output=True, check=False).returncode


def test_missing_venv_is_built(makefile_copy: Path) -> None:
    assert make_question(makefile_copy) == 1


def test_fresh_venv_is_left_alone_and_stale_one_rebuilt(makefile_copy: Path) -> None:
    (makefile_copy / ".venv").mkdir()
    for stamp in (".biblog-docs", ".biblog-dev"):  # the build set, then the test tools over it
        (makefile_copy / ".venv" / stamp).touch()
    assert make_question(makefile_copy) == 0
    later = time.time() + 5
    os.utime(makefile_copy / "requirements" / "docs.txt", (later, later))
    assert make_question(makefile_copy) == 1


def test_requirements_are_fully_pinned(repo_root: Path) -> None:
    for name in ("requirements/docs.txt", "requirements/dev.txt"):
        lines = [line.strip() for line in (repo_root / name).read_text().splitlines()]
        requirements = [line for line in lines if line and not line.startswith(("#", "-r"))]
        assert requirements, name
        assert all("==" in line for line in requirements), name
    pinned = (repo_root / "requirements/docs.txt").read_text().lower().replace("_", "-")
    for package in ("sphinx==", "myst-parser==", "sphinxcontrib-bibtex==", "furo==", "sphinx-design=="):
        assert package in pinned


def rtd_config(repo_root: Path) -> dict:
    return yaml.safe_load((repo_root / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_readthedocs_config_matches_the_schema(repo_root: Path, shared_dir: Path) -> None:
    import json

    schema = json.loads((shared_dir / "data" / "readthedocs-schema-v2.json").read_text(encoding="utf-8"))
    config = rtd_config(repo_root)
    jsonschema.validate(config, schema)
    assert config["sphinx"]["fail_on_warning"] is True


def test_readthedocs_config_is_rejected_when_broken(shared_dir: Path) -> None:
    import json

    schema = json.loads((shared_dir / "data" / "readthedocs-schema-v2.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"version": 2, "build": {"os": "windows"}}, schema)


def copy_checkout(repo_root: Path, target: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", "*.egg-info", ".pytest_cache")
    shutil.copytree(repo_root, target, ignore=ignore)
    return target


@pytest.mark.site
def test_replayed_readthedocs_build(repo_root: Path, tmp_path: Path) -> None:
    """A fresh venv, the python.install steps, then the build command, as Read the Docs runs them."""
    checkout = copy_checkout(repo_root, tmp_path / "checkout")
    config = rtd_config(checkout)
    venv = tmp_path / "rtd-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    for step in config["python"]["install"]:
        if "requirements" in step:
            command = [python, "-m", "pip", "install", "-q", "-r", step["requirements"]]
        else:
            command = [python, "-m", "pip", "install", "-q", step["path"]]
        subprocess.run(command, cwd=checkout, check=True, capture_output=True)
    output = tmp_path / "rtd-output"
    conf_dir = checkout / Path(config["sphinx"]["configuration"]).parent
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(output), "PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    for command in config["build"]["jobs"]["build"]["html"]:
        args = [os.path.expandvars(a) if "$" in a else a for a in shlex.split(command)]
        args = [python if a == "python" else a.replace("$READTHEDOCS_OUTPUT", str(output)) for a in args]
        args = [a.replace("${READTHEDOCS_OUTPUT}", str(output)) for a in args]
        result = subprocess.run(args, cwd=conf_dir, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr[-3000:]
        assert "WARNING" not in result.stderr
    site = output / "html"
    assert (site / "index.html").is_file()
    assert (site / "posts" / "2025-05-01-thinking" / "index.html").is_file()
    assert not (site / "docs").exists()
