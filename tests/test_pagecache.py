"""The WSGI page cache: keeps only public 200s, honours Vary and max-age, answers If-None-Match."""

from explainer.pagecache import PageCache


class App:
    def __init__(self, headers=None, status="200 OK"):
        self.calls = 0
        self.headers = headers or [("Cache-Control", "public, max-age=300"), ("Vary", "HX-Request"), ("ETag", '"x"')]
        self.status = status

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response(self.status, self.headers)
        return [f"body {self.calls} {environ.get('HTTP_HX_REQUEST', '')}".encode()]


def get(app, path="/a/", method="GET", **headers):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"] = status

    body = b"".join(app({"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", **headers}, start_response))
    return seen["status"], body


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


def test_a_public_page_is_rendered_once_then_served_from_memory():
    app = App()
    cache = PageCache(app)
    assert get(cache) == ("200 OK", b"body 1 ")
    assert get(cache) == ("200 OK", b"body 1 ")
    assert app.calls == 1


def test_requests_that_differ_in_a_vary_header_are_kept_apart():
    app = App()
    cache = PageCache(app)
    get(cache)
    assert get(cache, HTTP_HX_REQUEST="true") == ("200 OK", b"body 2 true")
    assert get(cache, HTTP_HX_REQUEST="true")[1] == b"body 2 true"
    assert get(cache)[1] == b"body 1 "
    assert app.calls == 2


def test_entries_expire_after_max_age():
    app, clock = App(), Clock()
    cache = PageCache(app, clock=clock)
    get(cache)
    clock.now = 301
    assert get(cache)[1] == b"body 2 "


def test_matching_etag_gets_304():
    cache = PageCache(App())
    get(cache)
    assert get(cache, HTTP_IF_NONE_MATCH='"x"') == ("304 Not Modified", b"")


def test_private_cookie_setting_error_and_post_responses_are_not_kept():
    for headers, status in [
        ([("Cache-Control", "no-cache")], "200 OK"),
        ([("Cache-Control", "public, max-age=300"), ("Set-Cookie", "a=b")], "200 OK"),
        ([("Cache-Control", "public, max-age=300")], "400 Bad Request"),
    ]:
        app = App(headers, status)
        cache = PageCache(app)
        get(cache)
        get(cache)
        assert app.calls == 2, headers
    app = App()
    cache = PageCache(app)
    get(cache, method="POST")
    get(cache, method="POST")
    assert app.calls == 2


def test_the_oldest_entries_go_first_when_full():
    app = App()
    cache = PageCache(app, max_entries=2)
    for path in ("/a/", "/b/", "/c/"):
        get(cache, path)
    get(cache, "/a/")
    assert app.calls == 4


def test_memory_stays_bounded_however_many_urls_are_asked_for():
    cache = PageCache(App(), max_entries=5)
    for i in range(100):
        get(cache, f"/score/{i}/")
    assert len(cache.entries) <= 5 and len(cache.varies) <= 5


def test_kept_bytes_stay_under_the_byte_budget():
    app = App()
    cache = PageCache(app, max_bytes=24)  # three bodies of 8 bytes ("body 12 ")
    for i in range(20):
        get(cache, f"/page/{i}/")
    assert len(cache.entries) == 3
    assert cache.size == sum(len(entry[3]) for entry in cache.entries.values()) == 24
    get(cache, "/page/19/")  # the most recent are the ones kept
    assert app.calls == 20
