"""A fixed-window rate limit per client, counted in the database.

Why the database and not the cache: `make serve` starts one worker per core, and without a shared
cache (CACHE_URL) each worker kept its own counters, so a client got the limit once per worker. The
database is shared by every worker and every app server in any set-up this site supports (SQLite on
one machine, PostgreSQL behind several), so counting there needs no extra service and cannot be
misconfigured. One atomic upsert per counted request (INSERT … ON CONFLICT DO UPDATE … RETURNING, in
SQLite ≥ 3.35 and PostgreSQL) is cheap next to the vote or report it guards, and two requests at once
can never both read the same count."""

import time

from django.conf import settings
from django.db import connection

from .models import RateCounter


def client_address(request) -> str:
    """The reader's address. Behind a proxy, the last X-Forwarded-For entry is the one it added; only
    trusted when TRUST_X_FORWARDED_FOR is on, since anyone can send the header."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def count(action: str, client: str, window: int, now: int) -> int:
    """Add one to this client's counter for `action` in the window holding `now`; return the new count."""
    window_start = now // window * window
    q = connection.ops.quote_name
    table, n = q(RateCounter._meta.db_table), q("count")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({q('action')}, {q('client')}, {q('window_start')}, {q('expires')}, {n}) "
            f"VALUES (%s, %s, %s, %s, 1) ON CONFLICT ({q('action')}, {q('client')}, {q('window_start')}) "
            f"DO UPDATE SET {n} = {table}.{n} + 1 RETURNING {n}",
            [action, client[:64], window_start, window_start + window],
        )
        (new_count,) = cursor.fetchone()
    if new_count == 1:  # a new window for this client: a good moment to drop counters whose window is over
        RateCounter.objects.filter(expires__lte=now).delete()
    return new_count


def over_limit(request, action: str) -> int:
    """Count one more `action` for this client; return seconds to wait if over the limit, else 0."""
    limit, window = settings.RATE_LIMITS[action]
    now = int(time.time())
    window_end = now // window * window + window
    return window_end - now if count(action, client_address(request), window, now) > limit else 0
