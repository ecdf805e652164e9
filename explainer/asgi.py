"""What `make serve` runs (granian --interface asgi): the WSGI app behind BufferedWSGI (server.py),
which reads each request whole on the event loop before a thread runs it."""

import os

from .server import BufferedWSGI
from .wsgi import application as wsgi_application

# Python threads per worker running Django: the work is CPU-bound, so more threads mostly add memory.
application = BufferedWSGI(wsgi_application, threads=int(os.environ.get("APP_THREADS", "2")))
