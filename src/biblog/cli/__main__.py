"""``python -m biblog.cli``: the ``biblog`` command, as before the command line became a package."""

from __future__ import annotations

import sys

from .main import main

sys.exit(main())
