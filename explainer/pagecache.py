"""A small in-process cache in front of Django, at the WSGI level.

Content pages are pure functions of their URL and a few request headers (they say which, in `Vary`),
and they say how long they may be kept (`Cache-Control: public, max-age=…`). Once Django has rendered
one, this wrapper answers the same request again from memory, without running Django at all: the
per-request work that stands between a Python server and a static-file server.

Only GET and HEAD responses with status 200, `Cache-Control: public` and no `Set-Cookie` are kept.
"""

import os
import time
from collections import OrderedDict

MAX_ENTRIES = 2000
# Enough for every content page and a few hundred widget scenarios (about 12 MB uncompressed): an LRU
# cache smaller than what readers cycle through misses every time. PAGE_CACHE_MB changes it.
MAX_BYTES = int(os.environ.get("PAGE_CACHE_MB", "32")) * 1024 * 1024


class PageCache:
    def __init__(self, app, max_entries=MAX_ENTRIES, max_bytes=MAX_BYTES, clock=time.monotonic):
        self.app = app
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0  # bytes of all kept bodies
        self.clock = clock
        self.entries: OrderedDict = OrderedDict()  # key -> (expires, status, headers, body, etag)
        self.varies: OrderedDict = OrderedDict()  # path+query -> the headers its response varies on

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        url = environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", "")
        key = self._key(url, environ)
        entry = self.entries.get(key) if key else None
        if entry and entry[0] > self.clock():
            self.entries.move_to_end(key)
            _, status, headers, body, etag = entry
            if etag and environ.get("HTTP_IF_NONE_MATCH") == etag:
                start_response(
                    "304 Not Modified", [h for h in headers if h[0].lower() in ("etag", "cache-control", "vary")]
                )
                return [b""]
            start_response(status, headers)
            return [b""] if method == "HEAD" else [body]
        return self._render_and_keep(url, environ, start_response)

    def _key(self, url, environ):
        varies = self.varies.get(url)
        if varies is None:
            return None  # not rendered yet: we don't know what it varies on
        return (url, *(environ.get("HTTP_" + name.upper().replace("-", "_"), "") for name in varies))

    def _render_and_keep(self, url, environ, start_response):
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = captured.get("status", ""), captured.get("headers", [])
        max_age = _cacheable_for(status, headers)
        if max_age and environ.get("REQUEST_METHOD") == "GET":
            vary = tuple(
                v.strip() for name, value in headers if name.lower() == "vary" for v in value.split(",") if v.strip()
            )
            self.varies[url] = vary
            self.varies.move_to_end(url)
            while len(self.varies) > self.max_entries:  # bounded like the entries: URLs are unbounded
                self.varies.popitem(last=False)
            key = self._key(url, environ)
            etag = next((value for name, value in headers if name.lower() == "etag"), "")
            if len(body) <= self.max_bytes:
                self._forget(key)
                self.entries[key] = (self.clock() + max_age, status, headers, body, etag)
                self.size += len(body)
                while len(self.entries) > self.max_entries or self.size > self.max_bytes:
                    self._forget(next(iter(self.entries)))  # the least recently used
        return [body]

    def _forget(self, key):
        entry = self.entries.pop(key, None)
        if entry:
            self.size -= len(entry[3])


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
