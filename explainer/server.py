"""The production entry point: an RSGI/ASGI front that reads each request whole before a thread runs Django.

Why: under WSGI a worker thread reads the request body itself, so a client that sends a body one byte
a second holds a thread, and a handful of such clients hold them all (measured: four slow 100 KB
POSTs froze the site). Here the event loop reads the body, which costs no thread, with a size cap
(413) and a deadline (408); only a complete request is handed to the small thread pool that runs the
WSGI app (the page cache in front of Django). Slow headers are cut off by granian itself
(`--http1-header-read-timeout`, set in tools/serve.sh).

Responses are collected whole and sent in one go: pages are small, and the data downloads are a few
hundred kilobytes at most.
"""

from __future__ import annotations

import asyncio
import io
import sys
from concurrent.futures import ThreadPoolExecutor

MAX_BODY = 64 * 1024  # the largest form on the site (an error report) is a few kilobytes
BODY_SECONDS = 10.0  # the whole body must arrive within this


class BufferedWSGI:
    def __init__(
        self, wsgi_app, *, threads: int = 2, max_body: int = MAX_BODY, body_seconds: float = BODY_SECONDS, fast=None
    ):
        """`fast(method, scheme, path, query, header)` may answer at once on the event loop with
        (status, headers, body), before any environ is built (the page cache's lookup; `header(name)`
        gives a header by its lower-case name); it returns None to send the request on to a thread."""
        self.wsgi_app = wsgi_app
        self.fast = fast
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="wsgi")
        self.max_body = max_body
        self.body_seconds = body_seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await _lifespan(receive, send)
        if scope["type"] != "http":
            return None
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            return await _plain(send, 413, b"Request body too large.\n")
        try:
            async with asyncio.timeout(self.body_seconds):
                body = await self._read_body(receive)
        except TimeoutError:
            return await _plain(send, 408, b"The request body took too long to arrive.\n")
        except _TooLarge:
            return await _plain(send, 413, b"Request body too large.\n")
        except _Disconnected:
            return None
        answered = None
        if self.fast and not body:
            by_name = {}
            for name, value in scope.get("headers", ()):
                text = value.decode("latin-1")
                key = name.decode("latin-1").lower()
                by_name[key] = f"{by_name[key]},{text}" if key in by_name else text
            query = scope.get("query_string", b"").decode("latin-1")
            path = scope["path"].encode("utf-8").decode("latin-1")
            answered = self.fast(scope["method"], scope.get("scheme", "http"), path, query, _getter(by_name))
        status, headers, chunks = _fast(answered) if answered else await self._run_in_thread(environ(scope, body))
        headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"".join(chunks)})
        return None

    async def __rsgi__(self, scope, protocol):
        """The same, under granian's own interface (RSGI), which costs less per request than ASGI."""
        if scope.proto != "http":
            return
        headers = scope.headers
        declared = headers.get("content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > self.max_body):
            return _rsgi_plain(protocol, 413, b"Request body too large.\n")
        body = b""
        if declared not in (None, "0") or "transfer-encoding" in headers:  # GETs have none: no waiting
            try:
                async with asyncio.timeout(self.body_seconds):
                    body = await self._read_rsgi_body(protocol)
            except TimeoutError:
                return _rsgi_plain(protocol, 408, b"The request body took too long to arrive.\n")
            except _TooLarge:
                return _rsgi_plain(protocol, 413, b"Request body too large.\n")
        answered = None
        if self.fast and not body:
            path = scope.path.encode("utf-8").decode("latin-1")
            answered = self.fast(scope.method, scope.scheme, path, scope.query_string, _rsgi_getter(headers))
        if answered:
            status, headers, body = answered
            return protocol.response_bytes(int(status[:3]), headers, body)
        status, headers, chunks = await self._run_in_thread(rsgi_environ(scope, body))
        protocol.response_bytes(status, headers, chunks[0] if len(chunks) == 1 else b"".join(chunks))

    async def _read_rsgi_body(self, protocol) -> bytes:
        parts, size = [], 0
        async for chunk in protocol:
            size += len(chunk)
            if size > self.max_body:
                raise _TooLarge
            parts.append(chunk)
        return b"".join(parts)

    async def _read_body(self, receive) -> bytes:
        parts, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Disconnected
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _TooLarge
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts)

    async def _run_in_thread(self, env):
        """The WSGI app's answer, from a pool thread."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, self._run, env, self.wsgi_app)

    def _run(self, env, app):
        """Run a WSGI app; return (status code, headers as strings, body chunks)."""
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"] = int(status.split(" ", 1)[0])
            started["headers"] = headers
            return lambda data: None  # the legacy write(); Django never calls it

        result = app(env, start_response)
        try:
            chunks = list(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return started["status"], started["headers"], chunks


class _TooLarge(Exception):
    pass


class _Disconnected(Exception):
    pass


def environ(scope, body: bytes) -> dict:
    """The WSGI environ for an ASGI HTTP scope (PEP 3333: strings are latin-1 views of the bytes)."""
    server = scope.get("server") or ("localhost", 80)
    client = scope.get("client") or ("", 0)
    env = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", ""),
        "PATH_INFO": scope["path"].encode("utf-8").decode("latin-1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server[0]),
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": str(client[0]),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in scope.get("headers", ()):
        key = name.decode("latin-1").upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            env[key] = value.decode("latin-1")
            continue
        key = f"HTTP_{key}"
        text = value.decode("latin-1")
        env[key] = f"{env[key]},{text}" if key in env else text
    return env


def rsgi_environ(scope, body: bytes) -> dict:
    """The WSGI environ for an RSGI scope ("host:port" strings for server and client).

    Built directly from granian's strings: this runs for every request, cached pages included."""
    server_host, _, server_port = scope.server.rpartition(":")
    env = {
        "REQUEST_METHOD": scope.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": scope.path.encode("utf-8").decode("latin-1"),
        "QUERY_STRING": scope.query_string,
        "SERVER_NAME": server_host,
        "SERVER_PORT": server_port,
        "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
        "REMOTE_ADDR": scope.client.rpartition(":")[0].strip("[]") or scope.client,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in scope.headers.items():
        key = name.upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            key = "HTTP_" + key
        env[key] = f"{env[key]},{value}" if key in env else value
    return env


def _fast(answered):
    """The fast path's (status line, headers, body) as _run's (status code, headers, chunks)."""
    status, headers, body = answered
    return int(status[:3]), headers, [body]


def _getter(by_name: dict):
    return lambda name: by_name.get(name, "")


def _rsgi_getter(headers):
    """`header(name)` over granian's headers; repeated headers joined with commas, as in a WSGI environ."""

    def header(name):
        values = headers.get_all(name)
        return values[0] if len(values) == 1 else ",".join(values)

    return header


def _rsgi_plain(protocol, status: int, text: bytes):
    protocol.response_bytes(status, [("content-type", "text/plain; charset=utf-8"), ("connection", "close")], text)


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


async def _plain(send, status: int, text: bytes):
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(text)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": [*headers, (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": text})


async def _lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
