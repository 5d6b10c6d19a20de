"""What every build imports: a library only a rare path needs is imported by that path, not by every build."""

from __future__ import annotations

import subprocess
import sys


def test_loading_the_extension_does_not_import_beautifulsoup() -> None:
    # bs4 is for a failed build's page repair only (failed_build.missing_targets): ~50 ms of every build
    code = "import sys, biblog.extension; print('bs4' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
