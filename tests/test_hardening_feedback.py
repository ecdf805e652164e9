"""Issue 16, item 4 and part of 6: rate limits that hold across workers, votes only from readers who
were given a cookie earlier, report forms that cannot be replayed, and proxies trusted by address."""

import os
import subprocess
import sys
import threading
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections
from django.test import Client, RequestFactory

from explainer.feedback.forms import stamp
from explainer.feedback.models import ErrorReport, RateCounter, Rating
from explainer.feedback.ratelimit import over_limit

from .conftest import ROOT
from .test_feedback import PAGE, reader, report_data

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


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


# --- 2. a vote or report needs the reader cookie of an earlier visit ---


def test_the_feedback_block_issues_a_signed_reader_cookie_once():
    browser = Client()
    cookie = browser.get(PAGE, headers=HTMX).cookies["reader"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"]
    assert ":" in cookie.value, "signed"
    assert "reader" not in browser.get(PAGE, headers=HTMX).cookies, "a reader keeps the id it has"


def test_a_hundred_posts_without_a_reader_cookie_store_nothing():
    browser = Client()  # never fetched the block
    for i in range(100):
        response = browser.post(PAGE + "rate/", {"stars": i % 5 + 1}, headers=HTMX)
        assert response.status_code == 403
        browser.cookies.pop("reader", None)  # a client that keeps no cookies
    assert "did not send back this site&#x27;s cookie" in response.content.decode()
    assert "nothing was saved" in response.content.decode()
    for _ in range(20):
        assert browser.post(PAGE + "report/", report_data()).status_code == 403
        browser.cookies.pop("reader", None)
    assert Rating.objects.count() == 0 and ErrorReport.objects.count() == 0


@pytest.mark.parametrize(
    "cookie", ["0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef:forged", "../../etc"]
)
def test_a_forged_reader_cookie_stores_nothing(cookie):
    browser = Client()
    browser.cookies["reader"] = cookie
    assert browser.post(PAGE + "rate/", {"stars": 5}).status_code == 403
    assert Rating.objects.count() == 0


def test_readers_with_cookies_beyond_the_limit_store_nothing_more():
    """One address collects 40 reader cookies (40 visits), then votes with each: the limit still holds."""
    browsers = [reader() for _ in range(40)]
    statuses = [browser.post(PAGE + "rate/", {"stars": 5}).status_code for browser in browsers]
    assert statuses == [303] * 30 + [429] * 10
    assert Rating.objects.count() == 30
    statuses = [browser.post(PAGE + "report/", report_data()).status_code for browser in browsers[:20]]
    assert statuses == [303] * 5 + [429] * 15
    assert ErrorReport.objects.count() == 5


# --- 3. a report form can be sent once, and only for a short while ---


def test_a_report_form_sent_again_is_refused_and_shown_with_a_fresh_stamp():
    browser = reader()
    data = report_data()
    assert browser.post(PAGE + "report/", data).status_code == 303
    response = browser.post(PAGE + "report/", data, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 400 and "This form was already sent." in html
    assert f'value="{data["started"]}"' not in html, "the form comes back with a new stamp"
    assert reader(REMOTE_ADDR="192.0.2.9").post(PAGE + "report/", data).status_code == 400, "from anyone"
    assert ErrorReport.objects.count() == 1
    new_stamp = html.split('name="started" value="')[1].split('"')[0]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.REPORT_FORM_MIN_SECONDS", 0)
        assert browser.post(PAGE + "report/", {**data, "started": new_stamp}).status_code == 303
    assert ErrorReport.objects.count() == 2


def test_a_robots_form_is_single_use_too():
    data = report_data(website="http://spam.example")
    browser = reader()
    assert browser.post(PAGE + "report/", data).status_code == 303
    assert browser.post(PAGE + "report/", data).status_code == 400


@pytest.mark.parametrize("age", [3 * 3600, 25 * 3600])
def test_a_report_form_is_short_lived(age):
    response = reader().post(PAGE + "report/", report_data(started=stamp(time.time() - age)))
    assert response.status_code == 400 and "opened a long time ago" in response.content.decode()
    assert ErrorReport.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_one_form_sent_many_times_at_once_is_stored_once(settings):
    settings.RATE_LIMITS = {"rate": (100, 600), "report": (100, 600)}
    data = report_data()
    browsers = [reader() for _ in range(6)]
    statuses = [None] * len(browsers)
    barrier = threading.Barrier(len(browsers))

    def send(i):
        barrier.wait()
        try:
            statuses[i] = browsers[i].post(PAGE + "report/", data).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(browsers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [303] + [400] * 5
    assert ErrorReport.objects.count() == 1


# --- 4. X-Forwarded-For is believed only from trusted proxies, named by address ---


@pytest.mark.parametrize(
    "proxies, remote, forwarded, client",
    [
        ([], "203.0.113.5", "1.1.1.1", "203.0.113.5"),  # no proxy named: the header is ignored
        (["10.0.0.0/8"], "203.0.113.5", "1.1.1.1", "203.0.113.5"),  # sent by an untrusted address: ignored
        (["10.0.0.0/8"], "10.0.0.2", "198.51.100.7", "198.51.100.7"),
        (["10.0.0.0/8"], "10.0.0.2", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own entry is left
        (["10.0.0.0/8", "192.0.2.1"], "10.0.0.2", "6.6.6.6, 198.51.100.7, 192.0.2.1, 10.0.0.3", "198.51.100.7"),
        (["10.0.0.0/8"], "10.0.0.2", "10.0.0.4, 10.0.0.3", "10.0.0.4"),  # only proxies: the left-most
        (["10.0.0.0/8"], "10.0.0.2", "6.6.6.6, junk", "10.0.0.2"),  # a broken chain: the proxy's own
        (["10.0.0.0/8"], "10.0.0.2", "", "10.0.0.2"),
        (["10.0.0.2"], "10.0.0.2", "::ffff:198.51.100.7", "198.51.100.7"),
        (["::1"], "::1", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),  # one subscriber's IPv6 block
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, proxies, remote, forwarded, client):
    from explainer.feedback.ratelimit import client_address

    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().post("/", REMOTE_ADDR=remote, headers={"X-Forwarded-For": forwarded})
    assert client_address(request) == client


def test_spoofed_forwarded_addresses_from_an_untrusted_sender_do_not_escape_the_limit(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rate": (2, 600)}
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    browser = reader(REMOTE_ADDR="203.0.113.5")
    statuses = [
        browser.post(PAGE + "rate/", {"stars": 3}, headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code
        for i in range(10)
    ]
    assert statuses == [303, 303] + [429] * 8


@pytest.mark.parametrize(
    "env, message",
    [
        ({"TRUSTED_PROXIES": "10.0.0.1, proxy.example"}, "'proxy.example' is not an IP address or network"),
        ({"TRUST_X_FORWARDED_FOR": "1"}, "set TRUSTED_PROXIES"),
    ],
)
def test_production_refuses_to_start_with_a_bad_proxy_setting(env, message):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("TRUSTED_PROXIES", "TRUST_X_FORWARDED_FOR")},
        "DJANGO_SETTINGS_MODULE": "explainer.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "example.org",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and message in result.stderr
