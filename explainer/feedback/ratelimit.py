"""A fixed-window rate limit per client, counted in the database.

Why the database and not the cache: `make serve` starts one worker per core, and without a shared
cache (CACHE_URL) each worker kept its own counters, so a client got the limit once per worker. The
database is shared by every worker and every app server in any set-up this site supports (SQLite on
one machine, PostgreSQL behind several), so counting there needs no extra service and cannot be
misconfigured. One atomic upsert per counted request (INSERT … ON CONFLICT DO UPDATE … RETURNING, in
SQLite ≥ 3.35 and PostgreSQL) is cheap next to the vote or report it guards, and two requests at once
can never both read the same count."""

import functools
import ipaddress
import time

from django.conf import settings
from django.db import connection

from .models import RateCounter


def client_address(request) -> str:
    """The reader's address, as counted by the rate limits. X-Forwarded-For is believed only when the
    request comes from a proxy named in TRUSTED_PROXIES (anyone else can send the header); then the
    client is the right-most address in it that is not itself a trusted proxy, since each proxy adds
    the address it got the request from on the right, and what is left of that was sent by the client.
    IPv6 clients are counted by /64, the block one subscriber gets."""
    remote = request.META.get("REMOTE_ADDR", "")
    address = _ip(remote)
    if address is None:
        return remote[:64]
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    if any(address in network for network in trusted):
        for hop in reversed(request.headers.get("X-Forwarded-For", "").split(",")):
            if (hop_address := _ip(hop)) is None:
                break  # not written by a trusted proxy: keep the last address one did write
            address = hop_address
            if not any(address in network for network in trusted):
                break
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@functools.cache
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


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
