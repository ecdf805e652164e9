"""Cache headers. Content pages and fragments are pure functions of their URL (and HX-Request), so
browsers, a CDN or a reverse proxy may keep them; ConditionalGetMiddleware adds the ETag."""

from functools import wraps

from django.views.decorators.cache import cache_control, cache_page

from ..pagecache import PAGE_QUERY

PAGE_MAX_AGE = 300  # five minutes: content changes only when the site is deployed again


def public_page(view):
    """Cacheable by browsers and proxies, and kept rendered in the cache (keyed by URL and Vary)."""
    return cache_page(PAGE_MAX_AGE, cache="pages")(cache_control(public=True, max_age=PAGE_MAX_AGE)(view))


def takes_query(*names: str, repeated: tuple[str, ...] = (), prefixes: tuple[str, ...] = ()):
    """Declare the query parameters a page reads, so the page cache may keep it under its query string.

    A 200 whose parameters are all known (each once, except `repeated` ones) is marked with the query
    string as canonical (PAGE_QUERY); anything else (junk names, repeats, a 400 for a bad value) is
    still answered but never kept, so junk query strings cannot fill the cache. Pages without this
    decorator are kept only when asked with no query string at all.
    """

    def known(query) -> bool:
        for name in query:
            once = name in names and len(query.getlist(name)) == 1
            if not (once or name in repeated or name.startswith(prefixes)):
                return False
        return True

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and known(request.GET):
                response[PAGE_QUERY] = request.META.get("QUERY_STRING", "")
            return response

        return wrapped

    return decorate
