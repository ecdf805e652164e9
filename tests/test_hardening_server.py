"""Issue 16: slow or hostile clients against the production entry point and the page cache."""

import asyncio
import threading
import time

import pytest
from django.test import override_settings

from explainer.pagecache import PAGE_QUERY, PageCache
from explainer.server import BufferedWSGI, environ
from explainer.warmup import pages, warm


def run_coroutine(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps a loop running in this one."""
    result = {}

    def target():
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as error:  # raised again in the test's thread
            result["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


# The ASGI front ----------------------------------------------------------------------------------


def echo_app(env, start_response):
    body = env["wsgi.input"].read()
    start_response("200 OK", [("Content-Type", "text/plain"), ("X-Path", env["PATH_INFO"])])
    return [b"got " + body]


def scope(method="POST", path="/x/", headers=()):
    return {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": b"a=1",
        "headers": list(headers),
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("10.0.0.9", 5000),
    }


def run(app, scope, messages, delay=0.0):
    """Call the ASGI app with body `messages` (sent `delay` seconds apart); return (status, body)."""
    sent = []

    async def go():
        queue = list(messages)

        async def receive():
            if delay:
                await asyncio.sleep(delay)
            return queue.pop(0) if queue else {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        await app(scope, receive, send)

    run_coroutine(go())
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_complete_request_reaches_the_wsgi_app_with_its_body():
    app = BufferedWSGI(echo_app)
    messages = [{"type": "http.request", "body": b"hello ", "more_body": True}, {"type": "http.request", "body": b"x"}]
    assert run(app, scope(), messages) == (200, b"got hello x")


def test_a_body_that_arrives_too_slowly_gets_408_without_the_app_running():
    calls = []
    app = BufferedWSGI(lambda env, sr: calls.append(1) or echo_app(env, sr), body_seconds=0.2)
    messages = [{"type": "http.request", "body": b"a", "more_body": True}] * 50
    status, _ = run(app, scope(), messages, delay=0.05)
    assert status == 408 and calls == []


@pytest.mark.parametrize("declared", [b"1000000", b"-1", b"junk"])
def test_a_declared_body_over_the_cap_or_malformed_gets_413(declared):
    app = BufferedWSGI(echo_app, max_body=1000)
    status, _ = run(app, scope(headers=[(b"content-length", declared)]), [{"type": "http.request", "body": b""}])
    assert status == 413


def test_a_streamed_body_over_the_cap_gets_413():
    app = BufferedWSGI(echo_app, max_body=1000)
    messages = [{"type": "http.request", "body": b"a" * 600, "more_body": True}] * 3
    assert run(app, scope(), messages)[0] == 413


def test_slow_bodies_hold_no_thread_a_complete_request_is_served_meanwhile():
    app = BufferedWSGI(echo_app, threads=1, body_seconds=5)
    finished = {}

    async def go():
        async def slow_receive():
            await asyncio.sleep(1.0)
            return {"type": "http.request", "body": b"late"}

        async def quick_receive():
            return {"type": "http.request", "body": b"now"}

        async def record(name, message):
            if message["type"] == "http.response.body":
                finished[name] = time.monotonic()

        start = time.monotonic()
        slow = [app(scope(), slow_receive, lambda m: record("slow", m)) for _ in range(4)]
        quick = app(scope(), quick_receive, lambda m: record("quick", m))
        await asyncio.gather(*slow, quick)
        return start

    start = run_coroutine(go())
    assert finished["quick"] - start < 0.5 < finished["slow"] - start


def test_the_environ_follows_pep_3333():
    env = environ(
        scope(path="/guide/what-it-is/", headers=[(b"x-a", b"1"), (b"x-a", b"2"), (b"content-type", b"t")]), b""
    )
    assert env["PATH_INFO"] == "/guide/what-it-is/" and env["QUERY_STRING"] == "a=1"
    assert env["HTTP_X_A"] == "1,2" and env["CONTENT_TYPE"] == "t" and env["REMOTE_ADDR"] == "10.0.0.9"


# The page cache ------------------------------------------------------------------------------------


class Page:
    """A page that declares its canonical query like a view decorated with takes_query."""

    def __init__(self, canonical=""):
        self.calls = 0
        self.canonical = canonical

    def __call__(self, env, start_response):
        self.calls += 1
        headers = [
            ("Cache-Control", "public, max-age=300"),
            ("Vary", "HX-Request, HX-Target"),
            (PAGE_QUERY, self.canonical),
        ]
        start_response("200 OK", headers)
        return [f"page for {env.get('HTTP_HOST')} {self.calls}".encode()]


def get(cache, query="", host="testserver", scheme="http", **headers):
    seen = {}

    def start_response(status, hdrs, exc_info=None):
        seen["headers"] = dict(hdrs)

    env = {"REQUEST_METHOD": "GET", "PATH_INFO": "/about/", "QUERY_STRING": query, "HTTP_HOST": host}
    body = b"".join(cache({**env, "wsgi.url_scheme": scheme, **headers}, start_response))
    return seen["headers"], body


def test_junk_query_strings_are_answered_but_never_kept():
    page = Page()
    cache = PageCache(page)
    for i in range(50):
        headers, _ = get(cache, f"k={i}")
        assert PAGE_QUERY not in headers
    assert len(cache.entries) == 0 and page.calls == 50
    get(cache)
    get(cache)
    assert len(cache.entries) == 1 and page.calls == 51


def test_only_the_declared_query_is_kept():
    page = Page(canonical="verdict=false")
    cache = PageCache(page)
    get(cache, "verdict=false")
    get(cache, "verdict=false")
    get(cache, "verdict=false&x=1")
    assert page.calls == 2 and len(cache.entries) == 1


def test_oversized_or_odd_htmx_headers_make_no_entry():
    page = Page()
    cache = PageCache(page)
    get(cache, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="t" * 300_000)
    get(cache, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="<script>")
    get(cache, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="myth-list")  # first: learns the Vary
    get(cache, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="myth-list")
    assert len(cache.entries) == 1


def test_each_host_and_scheme_has_its_own_entry_and_refused_hosts_none():
    page = Page()
    cache = PageCache(page)
    with override_settings(ALLOWED_HOSTS=["example.org", "localhost"]):
        _, first = get(cache, host="localhost:8400")
        get(cache, host="localhost:8400")
        _, other = get(cache, host="example.org")
        get(cache, host="evil.example")
        get(cache, host="evil.example")
    assert first != other and b"example.org" in other
    assert page.calls == 4 and len(cache.entries) == 2  # evil.example went to Django (a 400) both times


def test_plain_http_is_never_answered_from_the_cache_when_redirecting_to_https():
    page = Page()
    cache = PageCache(page)
    proxy = ("HTTP_X_FORWARDED_PROTO", "https")
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=proxy):
        get(cache, HTTP_X_FORWARDED_PROTO="https")
        get(cache, HTTP_X_FORWARDED_PROTO="https")
        get(cache)
        get(cache, HTTP_X_FORWARDED_PROTO="http")
    assert page.calls == 3 and len(cache.entries) == 1


def test_expired_entries_are_swept_even_if_no_one_asks_again():
    now = [0.0]
    page = Page()
    cache = PageCache(page, clock=lambda: now[0])
    with override_settings(ALLOWED_HOSTS=[".testserver", "testserver"]):
        for i in range(5):
            get(cache, host=f"h{i}.testserver")
        assert len(cache.entries) == 5
        now[0] = 1000.0  # past max-age and the sweep interval
        get(cache, host="fresh.testserver")
    assert len(cache.entries) == 1 and cache.size > 0


def test_pages_declare_their_canonical_query(client):
    assert client.get("/myths/?verdict=false")[PAGE_QUERY] == "verdict=false"
    assert PAGE_QUERY not in client.get("/myths/?verdict=false&verdict=true")
    assert PAGE_QUERY not in client.get("/myths/?junk=1")
    assert PAGE_QUERY not in client.get("/myths/?verdict=nonsense")  # a 400 is never kept
    assert client.get("/score/?persona=person&action=refuse-judgment&action=perform-judgment%406")[PAGE_QUERY]


# Warm workers --------------------------------------------------------------------------------------


def test_a_worker_renders_every_fixed_page_before_serving(library):
    seen = []

    def app(env, start_response):
        seen.append((env["HTTP_HOST"], env["wsgi.url_scheme"], env["PATH_INFO"]))
        return [b""]

    with override_settings(ALLOWED_HOSTS=[".example.org", "explainer.example.org"]):
        warm(app, library)
    assert [path for _, _, path in seen] == pages(library)
    assert {(host, scheme) for host, scheme, _ in seen} == {("explainer.example.org", "https")}


# The same front under granian's RSGI interface ------------------------------------------------------


class FakeHeaders(dict):
    def items(self):
        return list(super().items())

    def get_all(self, name):
        return [self[name]] if name in self else []


class FakeScope:
    proto = "http"
    http_version = "1.1"
    server = "127.0.0.1:8000"
    client = "10.0.0.9:5000"
    scheme = "http"
    path = "/x/"
    query_string = "a=1"

    def __init__(self, headers, method="POST"):
        self.headers = FakeHeaders(headers)
        self.method = method


class FakeProtocol:
    def __init__(self, chunks, delay=0.0):
        self.chunks, self.delay, self.sent = list(chunks), delay, None

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.chunks:
            raise StopAsyncIteration
        await asyncio.sleep(self.delay)
        return self.chunks.pop(0)

    def response_bytes(self, status, headers, body):
        self.sent = (status, dict(headers), body)


def rsgi(app, headers, chunks, delay=0.0, method="POST"):
    protocol = FakeProtocol(chunks, delay)
    run_coroutine(app.__rsgi__(FakeScope(headers, method), protocol))
    return protocol.sent


def test_rsgi_passes_a_complete_body_and_headers():
    status, headers, body = rsgi(BufferedWSGI(echo_app), {"content-length": "6", "x-a": "1"}, [b"hel", b"lo!"])
    assert (status, body) == (200, b"got hello!") and headers["X-Path"] == "/x/"


def test_rsgi_refuses_slow_and_oversized_bodies():
    slow = rsgi(BufferedWSGI(echo_app, body_seconds=0.1), {"content-length": "50"}, [b"a"] * 50, delay=0.02)
    assert slow[0] == 408
    big = rsgi(BufferedWSGI(echo_app, max_body=10), {"content-length": "1000"}, [b"a" * 1000])
    assert big[0] == 413
    streamed = rsgi(BufferedWSGI(echo_app, max_body=10), {"transfer-encoding": "chunked"}, [b"a" * 8] * 3)
    assert streamed[0] == 413


def test_rsgi_answers_from_the_fast_path_without_a_thread_and_falls_back_to_the_app():
    calls, seen = [], []

    def fast(method, scheme, path, query, header):
        seen.append((method, scheme, path, query, header("host"), header("x-absent")))
        return ("200 OK", [("X-Fast", "1")], b"kept") if header("host") == "kept.example" else None

    app = BufferedWSGI(lambda env, sr: calls.append(1) or echo_app(env, sr), fast=fast)
    assert rsgi(app, {"host": "kept.example"}, []) == (200, {"X-Fast": "1"}, b"kept") and calls == []
    assert seen == [("POST", "http", "/x/", "a=1", "kept.example", "")]
    assert rsgi(app, {"host": "other.example"}, [])[2] == b"got " and calls == [1]


def test_a_page_kept_by_the_page_cache_is_answered_on_the_event_loop_under_both_interfaces():
    rendered = []

    def django(env, start_response):
        rendered.append(env["PATH_INFO"])
        headers = [("Content-Type", "text/html"), ("Cache-Control", "public, max-age=60"), (PAGE_QUERY, "a=1")]
        start_response("200 OK", headers)
        return [b"<p>page</p>"]

    cache = PageCache(django)
    app = BufferedWSGI(cache, fast=cache.lookup)
    for _ in range(3):
        assert rsgi(app, {"host": "testserver"}, [], method="GET")[2] == b"<p>page</p>"
    get = scope("GET", headers=[(b"host", b"testserver")])
    assert run(app, get, [{"type": "http.request", "body": b""}])[1] == b"<p>page</p>"
    assert rendered == ["/x/"]  # rendered once, in a thread; then three answers from memory
