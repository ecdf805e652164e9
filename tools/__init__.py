"""Benchmarks and audits of the site, kept out of the `explainer` package (which holds only the site).

Each module is a script run from the repository root, as the Makefile does: `python -m tools.bench`,
`tools.benchhttp`, `tools.loadtest`, `tools.lighthouse`, `tools.pageweight`. They set Django up
themselves with the site's settings; `tools/serve.sh` starts the production server for `make serve`
and for the benchmarks alike.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ToolError(SystemExit):
    """A failure to report in one line, without a traceback (exit status 1), like a CommandError."""


def setup_django():
    """Configure Django as manage.py does, for a script run outside it."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "explainer.settings")
    django.setup()
