"""A small in-process cache in front of Django, at the WSGI level.

Content pages are pure functions of their URL and a few request headers (they say which, in `Vary`),
and they say how long they may be kept (`Cache-Control: public, max-age=…`). Once Django has rendered
one, this wrapper answers the same request again from memory, without running Django at all: the
per-request work that stands between a Python server and a static-file server.

Only GET responses with status 200, `Cache-Control: public` and no `Set-Cookie` are kept. They are
kept gzip-compressed, a sixth of the memory, and sent so to every client that accepts gzip (every
browser does); the few that do not get them decompressed. Compression is safe from BREACH-style
attacks here because a public page holds no secret: no cookie is set and no CSRF token is in it.
"""

import gzip
import os
import time
from collections import OrderedDict
from typing import NamedTuple

MAX_ENTRIES = 2000
# Enough for every content page and a few hundred widget scenarios (about 2 MB compressed): an LRU
# cache smaller than what readers cycle through misses every time. PAGE_CACHE_MB changes it.
MAX_BYTES = int(os.environ.get("PAGE_CACHE_MB", "32")) * 1024 * 1024
COMPRESS_FROM = 256  # bytes: a smaller body gains little and gzip adds 20 bytes of its own
CONDITIONAL_HEADERS = ("etag", "cache-control", "vary", "last-modified", "expires")


class _Entry(NamedTuple):
    expires: float
    status: str
    headers: list  # for the body uncompressed, as Django sent it (and Vary: Accept-Encoding)
    gzip_headers: list | None  # for the body gzipped; None when it was not worth compressing
    body: bytes  # gzipped when gzip_headers is set
    etag: str


class PageCache:
    def __init__(self, app, max_entries=MAX_ENTRIES, max_bytes=MAX_BYTES, clock=time.monotonic):
        self.app = app
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0  # bytes of all kept bodies
        self.clock = clock
        self.entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self.varies: OrderedDict = OrderedDict()  # path+query -> the headers its response varies on

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        url = environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", "")
        key = self._key(url, environ)
        entry = self.entries.get(key) if key else None
        if entry and entry.expires > self.clock():
            self.entries.move_to_end(key)
            return _respond(entry, environ, start_response)
        return self._render_and_keep(url, environ, start_response)

    def _key(self, url, environ):
        varies = self.varies.get(url)
        if varies is None:
            return None  # not rendered yet: we don't know what it varies on
        return (url, *(environ.get("HTTP_" + name.upper().replace("-", "_"), "") for name in varies))

    def _render_and_keep(self, url, environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            max_age = _cacheable_for(status, headers)
            if exc_info or not max_age or environ.get("REQUEST_METHOD") != "GET":
                captured["sent"] = True  # not kept: pass it straight through
                return start_response(status, headers, exc_info)
            captured.update(status=status, headers=headers, max_age=max_age)
            return lambda data: None  # the legacy write() callable; Django never uses it

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        if captured.get("sent"):
            return [body]
        entry = self._keep(url, environ, captured["status"], captured["headers"], captured["max_age"], body)
        return _respond(entry, environ, start_response)

    def _keep(self, url, environ, status, headers, max_age, body) -> _Entry:
        vary = tuple(
            v.strip() for name, value in headers if name.lower() == "vary" for v in value.split(",") if v.strip()
        )
        self.varies[url] = vary
        self.varies.move_to_end(url)
        while len(self.varies) > self.max_entries:  # bounded like the entries: URLs are unbounded
            self.varies.popitem(last=False)
        entry = _entry(self.clock() + max_age, status, headers, body)
        if len(entry.body) <= self.max_bytes:
            key = self._key(url, environ)
            self._forget(key)
            self.entries[key] = entry
            self.size += len(entry.body)
            while len(self.entries) > self.max_entries or self.size > self.max_bytes:
                self._forget(next(iter(self.entries)))  # the least recently used
        return entry

    def _forget(self, key):
        entry = self.entries.pop(key, None)
        if entry:
            self.size -= len(entry.body)


def _entry(expires, status, headers, body) -> _Entry:
    etag = next((value for name, value in headers if name.lower() == "etag"), "")
    headers = _with_vary_accept_encoding(headers)
    packed = gzip.compress(body, compresslevel=6, mtime=0) if len(body) >= COMPRESS_FROM else body
    if len(packed) >= len(body):
        return _Entry(expires, status, headers, None, body, etag)
    gzip_headers = [(name, value) for name, value in headers if name.lower() not in ("content-length", "etag")]
    gzip_headers += [("Content-Encoding", "gzip"), ("Content-Length", str(len(packed)))]
    if etag:  # the same page in other bytes: a weak validator, as Django's GZipMiddleware makes it
        gzip_headers.append(("ETag", etag if etag.startswith("W/") else f"W/{etag}"))
    return _Entry(expires, status, headers, gzip_headers, packed, etag)


def _respond(entry: _Entry, environ, start_response):
    if entry.gzip_headers and _accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", "")):
        headers, body = entry.gzip_headers, entry.body
    else:
        headers = entry.headers
        body = gzip.decompress(entry.body) if entry.gzip_headers else entry.body
    if entry.etag and _etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), entry.etag):
        start_response("304 Not Modified", [h for h in headers if h[0].lower() in CONDITIONAL_HEADERS])
        return [b""]
    start_response(entry.status, headers)
    return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [body]


def _with_vary_accept_encoding(headers) -> list:
    """The headers with Accept-Encoding added to Vary: the same URL may now be sent gzipped or not."""
    out, found = [], False
    for name, value in headers:
        if name.lower() == "vary" and not found:
            found = True
            if "accept-encoding" not in value.lower():
                value = f"{value}, Accept-Encoding" if value.strip() else "Accept-Encoding"
        out.append((name, value))
    return out if found else [*out, ("Vary", "Accept-Encoding")]


def _accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip ("gzip, br"; not "gzip;q=0")."""
    for item in header.lower().split(","):
        coding, _, params = item.partition(";")
        if coding.strip() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=").strip() if params.strip().startswith("q=") else "1"
            try:
                return float(q) > 0
            except ValueError:
                return False
    return False


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match compares weakly (RFC 9110): W/"x" matches "x"."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in header.split(","))


def _cacheable_for(status, headers) -> int:
    """Seconds a response may be kept here, or 0."""
    if not status.startswith("200"):
        return 0
    names = {name.lower(): value for name, value in headers}
    if "set-cookie" in names:
        return 0
    directives = [d.strip() for d in names.get("cache-control", "").split(",")]
    if "public" not in directives:
        return 0
    for directive in directives:
        if directive.startswith("max-age="):
            try:
                return max(int(directive.removeprefix("max-age=")), 0)
            except ValueError:
                return 0
    return 0
