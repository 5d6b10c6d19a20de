"""What every build imports: a library only a rare path needs is imported by that path, not by every build."""

from __future__ import annotations

import subprocess
import sys


def test_loading_the_extension_does_not_import_beautifulsoup() -> None:
    # bs4 is for a failed build's page repair only (failed_build.missing_targets): ~50 ms of every build
    code = "import sys, biblog.extension; print('bs4' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_bibliography_read_from_its_cache_imports_no_bibtex_parser(tmp_path) -> None:
    # the loader (pybtex, pylatexenc, biblog.bibtex) is for a changed .bib only: a post's edit does without it
    (tmp_path / "refs.bib").write_text("@article{graves2016,\n  author = {Graves, Alex},\n  year = {2016}\n}\n",
                                       encoding="utf-8")
    code = ("import sys; from pathlib import Path; from biblog.bibliography import read_bibliography; "
            f"root = Path({str(tmp_path)!r}); "
            "bib = read_bibliography([root / 'refs.bib'], root, root / 'cache'); "
            "print(len(bib.entries), 'biblog.bibtex' in sys.modules)")
    outputs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
               for _ in range(2)]
    assert outputs == [["1", "True"], ["1", "False"]]  # parsed once, then read from the cache
