"""A fixed-window rate limit per client, counted in the default cache (shared through Redis when
CACHE_URL is set, so several app servers count together)."""

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The reader's address. Behind a proxy, the last X-Forwarded-For entry is the one it added; only
    trusted when TRUST_X_FORWARDED_FOR is on, since anyone can send the header."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request, action: str) -> int:
    """Count one more `action` for this client; return seconds to wait if over the limit, else 0."""
    limit, window = settings.RATE_LIMITS[action]
    window_start = int(time.time()) // window * window
    key = f"ratelimit:{action}:{client_address(request)}:{window_start}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return window_start + window - int(time.time()) if count > limit else 0
