"""A small in-process cache in front of Django, at the WSGI level.

Content pages are pure functions of their URL and a few request headers (they say which, in `Vary`),
and they say how long they may be kept (`Cache-Control: public, max-age=…`). Once Django has rendered
one, this wrapper answers the same request again from memory, without running Django at all: the
per-request work that stands between a Python server and a static-file server.

Only GET responses with status 200, `Cache-Control: public` and no `Set-Cookie` are kept. They are
kept gzip-compressed, a sixth of the memory, and sent so to every client that accepts gzip (every
browser does); the few that do not get them decompressed. Compression is safe from BREACH-style
attacks here because a public page holds no secret: no cookie is set and no CSRF token is in it.

What a hostile client cannot do (issue 16):
- fill memory: every byte of a key, its headers and its body counts against the bound, and expired
  entries are dropped;
- make new entries with junk: a page is kept only under the query string its view declared canonical
  (the X-Page-Query response header, "" for pages that take no parameters), so /about/?k=1 is rendered
  but never kept, and only short, plain values of the headers a page varies on make a key;
- poison other readers: the key holds the scheme and host (absolute URLs in a page depend on them),
  a host that ALLOWED_HOSTS refuses never reaches or fills the cache, and a plain-http request is never
  answered from it when SECURE_SSL_REDIRECT is on.
"""

import functools
import gzip
import os
import re
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.http.request import split_domain_port, validate_host

MAX_ENTRIES = 2000
# Enough for every content page and a few hundred widget scenarios (about 2 MB compressed): an LRU
# cache smaller than what readers cycle through misses every time. PAGE_CACHE_MB changes it.
MAX_BYTES = int(os.environ.get("PAGE_CACHE_MB", "32")) * 1024 * 1024
COMPRESS_FROM = 256  # bytes: a smaller body gains little and gzip adds 20 bytes of its own
CONDITIONAL_HEADERS = ("etag", "cache-control", "vary", "last-modified", "expires")
PAGE_QUERY = "X-Page-Query"  # the canonical query string a view declares; never sent to clients
MAX_KEY_VALUE = 64  # a varied header longer than this (or not plain) is not cached
PLAIN_VALUE = re.compile(r"^[A-Za-z0-9_.:-]*$")
SWEEP_EVERY = 60.0  # seconds between sweeps of expired entries


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
        self.size = 0  # bytes of all kept keys, headers and bodies
        self.clock = clock
        self.entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self.varies: OrderedDict = OrderedDict()  # scheme, host, path+query -> the headers it varies on
        self.next_sweep = clock() + SWEEP_EVERY

    def __call__(self, environ, start_response):
        method, header = environ.get("REQUEST_METHOD", ""), environ_header(environ)
        path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
        url = _cacheable_url(method, environ.get("wsgi.url_scheme", "http"), path, query, header)
        if url is None:
            return self._pass(environ, start_response)
        answer = self._answer(url, method, header)
        if answer:
            start_response(answer[0], answer[1])
            return [answer[2]]
        return self._render_and_keep(url, environ, start_response)

    def lookup(self, method: str, scheme: str, path: str, query: str, header):
        """(status, headers, body) if the page is kept, else None, without calling Django.

        Takes the request's parts rather than a WSGI environ, with `header(name)` giving a header's
        value by its lower-case name ("" when absent): the server's event loop calls it for every
        request before building an environ (explainer/server.py), so a hit costs a few dictionary
        lookups and never blocks."""
        url = _cacheable_url(method, scheme, path, query, header)
        return self._answer(url, method, header) if url else None

    def _answer(self, url, method, header):
        key = self._key(url, header)
        entry = self.entries.get(key) if key else None
        if entry and entry.expires > self.clock():
            self.entries.move_to_end(key)
            return _respond(entry, method, header)
        return None

    def _pass(self, environ, start_response):
        """Django's answer as it is, less the cache's private header."""

        def without_page_query(status, headers, exc_info=None):
            return start_response(status, [h for h in headers if h[0] != PAGE_QUERY], exc_info)

        return self.app(environ, without_page_query)

    def _key(self, url, header):
        varies = self.varies.get(url)
        if varies is None:
            return None  # not rendered yet: we don't know what it varies on
        values = tuple(header(name) for name in varies)
        for value in values:
            if value and (len(value) > MAX_KEY_VALUE or not PLAIN_VALUE.match(value)):
                return None  # an oversized or odd header value never makes a key
        return (url, *values)

    def _render_and_keep(self, url, environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            max_age = _cacheable_for(status, headers)
            declared = next((value for name, value in headers if name == PAGE_QUERY), "")
            headers = [h for h in headers if h[0] != PAGE_QUERY]
            canonical = declared == environ.get("QUERY_STRING", "")
            if exc_info or not max_age or not canonical or environ.get("REQUEST_METHOD") != "GET":
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
        header = environ_header(environ)
        entry = self._keep(url, header, captured["status"], captured["headers"], captured["max_age"], body)
        status, headers, body = _respond(entry, "GET", header)
        start_response(status, headers)
        return [body]

    def _keep(self, url, header, status, headers, max_age, body) -> _Entry:
        vary = tuple(
            v.strip().lower()
            for name, value in headers
            if name.lower() == "vary"
            for v in value.split(",")
            if v.strip()
        )
        if url not in self.varies:
            self.size += _footprint(url)
        self.varies[url] = vary
        self.varies.move_to_end(url)
        while len(self.varies) > self.max_entries:  # bounded like the entries
            self.size -= _footprint(self.varies.popitem(last=False)[0])
        now = self.clock()
        entry = _entry(now + max_age, status, headers, body)
        key = self._key(url, header)
        if key is not None and _footprint(key, entry) <= self.max_bytes // 4:
            self._forget(key)
            self.entries[key] = entry
            self.size += _footprint(key, entry)
            if now >= self.next_sweep:
                self._sweep(now)
            while self.entries and (len(self.entries) > self.max_entries or self.size > self.max_bytes):
                self._forget(next(iter(self.entries)))  # the least recently used
        return entry

    def _sweep(self, now):
        """Drop every expired entry: an entry no one asks for again would otherwise stay until evicted."""
        for key in [k for k, e in self.entries.items() if e.expires <= now]:
            self._forget(key)
        self.next_sweep = now + SWEEP_EVERY

    def _forget(self, key):
        entry = self.entries.pop(key, None)
        if entry:
            self.size -= _footprint(key, entry)


def _footprint(key, entry: "_Entry | None" = None) -> int:
    """Bytes an entry holds, counting its key and headers, not only its body."""
    size = sum(len(part) if isinstance(part, str) else 8 for part in (key if isinstance(key, tuple) else (key,)))
    if entry is not None:
        size += len(entry.body) + sum(len(n) + len(v) for n, v in entry.headers)
        size += sum(len(n) + len(v) for n, v in entry.gzip_headers or ())
    return size + 64  # the tuple, the dict slot and the record themselves


def _cacheable_url(method: str, scheme: str, path: str, query: str, header) -> tuple | None:
    """(scheme, host, path?query) for a request the cache may answer, or None to go straight to Django.

    Only GET and HEAD are answered from memory. The host must be one ALLOWED_HOSTS accepts (Django refuses the others with a 400, which is never
    kept), and a plain-http request is never answered from the cache when Django would redirect it.
    """
    if method not in ("GET", "HEAD"):
        return None
    scheme = _scheme(scheme, header)
    if settings.SECURE_SSL_REDIRECT and scheme != "https":
        return None
    host = header("host").lower()
    if len(host) > 255 or not _allowed(host, tuple(settings.ALLOWED_HOSTS)):
        return None
    return scheme, host, path + "?" + query


def environ_header(environ):
    """`header(name)` for a WSGI environ: a header's value by its lower-case name, "" when absent."""
    return lambda name: environ.get("HTTP_" + name.upper().replace("-", "_"), "")


@functools.lru_cache(maxsize=256)  # bounded: junk hosts only push out other junk
def _allowed(host: str, allowed_hosts: tuple) -> bool:
    domain, _ = split_domain_port(host)
    return bool(domain) and validate_host(domain, allowed_hosts)


def _scheme(scheme: str, header) -> str:
    """The scheme Django will see: the proxy's header when SECURE_PROXY_SSL_HEADER names one."""
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy:
        name, secure_value = proxy
        value = header(name.removeprefix("HTTP_").replace("_", "-").lower())
        if value:
            return "https" if value.split(",")[0].strip() == secure_value else "http"
    return scheme


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


def _respond(entry: _Entry, method: str, header) -> tuple[str, list, bytes]:
    """(status, headers, body) for a kept page: gzipped if the client takes it, 304 if its ETag matches."""
    if entry.gzip_headers and _accepts_gzip(header("accept-encoding")):
        headers, body = entry.gzip_headers, entry.body
    else:
        headers = entry.headers
        body = gzip.decompress(entry.body) if entry.gzip_headers else entry.body
    if entry.etag and _etag_matches(header("if-none-match"), entry.etag):
        return "304 Not Modified", [h for h in headers if h[0].lower() in CONDITIONAL_HEADERS], b""
    return entry.status, headers, b"" if method == "HEAD" else body


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


@functools.lru_cache(maxsize=64)  # browsers send a handful of distinct values; junk only evicts junk
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
