"""Rate limits are counted with one upsert statement (ratelimit.py) that needs SQLite 3.35 or later, or
PostgreSQL: say so at start-up rather than with a 500 at the first vote."""

import sqlite3

from django.core import checks
from django.db import connection


@checks.register(checks.Tags.compatibility)
def check_counter_database(app_configs, **kwargs):
    if connection.vendor == "postgresql":
        return []
    if connection.vendor == "sqlite" and sqlite3.sqlite_version_info >= (3, 35):
        return []
    return [
        checks.Error(
            f"The feedback rate limits need PostgreSQL or SQLite 3.35+, not {connection.vendor} "
            f"{sqlite3.sqlite_version if connection.vendor == 'sqlite' else ''}".strip()
            + ".",
            hint="Set DATABASE_URL to a PostgreSQL database, or use a Python built with a newer SQLite.",
            id="feedback.E001",
        )
    ]
