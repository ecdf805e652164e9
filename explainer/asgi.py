"""What `make serve` runs (granian --interface rsgi; ASGI works too): the WSGI app behind BufferedWSGI
(server.py), which reads each request whole on the event loop before a thread runs it."""

import os

from .pagecache import PageCache
from .server import BufferedWSGI
from .wsgi import application as wsgi_application

# Python threads per worker running Django: the work is CPU-bound, so more threads mostly add memory.
# Pages kept by the page cache are answered on the event loop, without a thread.
application = BufferedWSGI(
    wsgi_application,
    threads=int(os.environ.get("APP_THREADS", "2")),
    fast=wsgi_application.lookup if isinstance(wsgi_application, PageCache) else None,
)
