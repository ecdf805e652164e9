"""The WSGI page cache: keeps only public 200s, honours Vary and max-age, answers If-None-Match,
keeps pages gzipped and sends them so to clients that accept it."""

import gzip

from explainer.pagecache import PageCache, _footprint


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

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "HTTP_HOST": "testserver", **headers}
    body = b"".join(app(environ, start_response))
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


def accounted(cache):
    """What the cache holds, counted the way it counts: keys, headers and bodies."""
    return sum(_footprint(k, e) for k, e in cache.entries.items()) + sum(_footprint(url) for url in cache.varies)


def test_kept_bytes_stay_under_the_byte_budget_counting_keys_and_headers():
    app = App()
    cache = PageCache(app, max_bytes=4000)
    for i in range(40):
        get(cache, f"/page/{i}/")
    assert 0 < len(cache.entries) < 40
    assert cache.size == accounted(cache) <= 4000
    get(cache, "/page/39/")  # the most recent are the ones kept
    assert app.calls == 40


# Compression ------------------------------------------------------------------------------------

PAGE = ("<p>Rongcheng's points scheme and the court defaulter list are different things.</p>\n" * 60).encode()


class PageApp(App):
    def __call__(self, environ, start_response):
        self.calls += 1
        start_response(self.status, [*self.headers, ("Content-Length", str(len(PAGE)))])
        return [PAGE]


def fetch(app, **environ):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    request = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/guide/",
        "QUERY_STRING": "",
        "HTTP_HOST": "testserver",
        **environ,
    }
    body = b"".join(app(request, start_response))
    return seen["status"], seen["headers"], body


def test_pages_are_kept_gzipped_and_sent_so_to_clients_that_accept_it():
    app = PageApp()
    cache = PageCache(app)
    for _ in range(2):  # the first answer (rendered) and the second (from memory) alike
        status, headers, body = fetch(cache, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert status == "200 OK" and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == PAGE
        assert headers["Content-Length"] == str(len(body)) and len(body) < len(PAGE) / 5
        assert headers["Vary"] == "HX-Request, Accept-Encoding"
        assert headers["ETag"] == 'W/"x"'  # the same page in other bytes: a weak validator
    assert app.calls == 1
    assert len(next(iter(cache.entries.values())).body) == len(body)  # memory holds the compressed bytes only
    assert cache.size == accounted(cache)


def test_clients_that_do_not_accept_gzip_get_the_page_as_rendered():
    app = PageApp()
    cache = PageCache(app)
    fetch(cache, HTTP_ACCEPT_ENCODING="gzip")
    for accept in ({}, {"HTTP_ACCEPT_ENCODING": "identity"}, {"HTTP_ACCEPT_ENCODING": "br, gzip;q=0"}):
        status, headers, body = fetch(cache, **accept)
        assert body == PAGE and "Content-Encoding" not in headers, accept
        assert headers["Content-Length"] == str(len(PAGE)) and headers["ETag"] == '"x"'
        assert headers["Vary"] == "HX-Request, Accept-Encoding"
    assert app.calls == 1


def test_either_form_of_the_etag_revalidates_either_encoding():
    cache = PageCache(PageApp())
    fetch(cache)
    for etag in ('"x"', 'W/"x"', '"other", W/"x"'):
        for accept in ("gzip", ""):
            status, headers, body = fetch(cache, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_ENCODING=accept)
            assert (status, body) == ("304 Not Modified", b""), (etag, accept)
            assert "Content-Length" not in headers and "Vary" in headers
    assert fetch(cache, HTTP_IF_NONE_MATCH='"other"')[0] == "200 OK"


def test_head_gets_the_headers_without_a_body():
    cache = PageCache(PageApp())
    fetch(cache)
    status, headers, body = fetch(cache, REQUEST_METHOD="HEAD", HTTP_ACCEPT_ENCODING="gzip")
    assert (status, body) == ("200 OK", b"") and headers["Content-Encoding"] == "gzip"


def test_tiny_bodies_are_kept_as_they_are_and_uncacheable_responses_pass_untouched():
    cache = PageCache(App())
    fetch(cache)
    status, headers, body = fetch(cache, HTTP_ACCEPT_ENCODING="gzip")
    assert body == b"body 1 " and "Content-Encoding" not in headers
    assert headers["Vary"] == "HX-Request, Accept-Encoding"

    private = PageApp([("Cache-Control", "private"), ("Vary", "Cookie")])
    status, headers, body = fetch(PageCache(private), HTTP_ACCEPT_ENCODING="gzip")
    assert body == PAGE and headers["Vary"] == "Cookie" and "Content-Encoding" not in headers
