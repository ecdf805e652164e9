"""Issue 16, item 4 and part of 6: rate limits that hold across workers, votes only from readers who
were given a cookie earlier, report forms that cannot be replayed, and proxies trusted by address."""

import threading

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections
from django.test import RequestFactory

from explainer.feedback.models import RateCounter
from explainer.feedback.ratelimit import over_limit

pytestmark = pytest.mark.django_db

PAGE = "/feedback/guide/how-it-works/"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.RATE_LIMITS = {"rate": (30, 600), "report": (5, 3600)}


# --- 1. rate limits hold across workers ---


@pytest.mark.django_db(transaction=True)
def test_two_workers_with_their_own_caches_cannot_together_exceed_the_limit(settings):
    """Each thread is a worker with its own in-process cache (as `make serve` without CACHE_URL has)
    and its own database connection; together they still allow only the limit."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rate": (10, 600)}
    request = RequestFactory().post(PAGE + "rate/", REMOTE_ADDR="203.0.113.7")
    allowed = [0, 0]

    def worker(i):
        caches["default"] = LocMemCache(f"worker-{i}", {})  # this thread's own cache, like a process's
        try:
            for _ in range(10):
                allowed[i] += not over_limit(request, "rate")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(allowed) == 10, allowed


def test_counters_are_per_client_and_action_and_old_windows_are_dropped(settings):
    settings.RATE_LIMITS = {"rate": (1, 60), "report": (1, 60)}
    factory = RequestFactory()
    one, two = (factory.post("/", REMOTE_ADDR=address) for address in ("192.0.2.1", "192.0.2.2"))
    assert not over_limit(one, "rate") and not over_limit(one, "report") and not over_limit(two, "rate")
    wait = over_limit(one, "rate")
    assert 0 < wait <= 60
    RateCounter.objects.update(window_start=0, expires=1)  # every window is over
    assert not over_limit(one, "rate"), "a new window starts afresh"
    assert RateCounter.objects.count() == 1, "counters of windows that are over are deleted"
