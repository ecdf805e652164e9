"""The site's content, loaded once per process and shared by every request."""

from functools import cache

from django.conf import settings

from .content import Library, load

# Pages that are not built from content/ but that content may link to, with their anchors.
# tests/test_pages.py checks that each resolves.
SITE_PAGES = {
    "/": frozenset(),
    "/guide/": frozenset(),
    "/about/": frozenset({"checking", "citing", "errors", "licence"}),
}


@cache
def get_library() -> Library:
    return load(settings.CONTENT_DIR, pages=SITE_PAGES)
