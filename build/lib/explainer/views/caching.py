"""Cache headers. Content pages and fragments are pure functions of their URL (and HX-Request), so
browsers, a CDN or a reverse proxy may keep them; ConditionalGetMiddleware adds the ETag."""

from django.views.decorators.cache import cache_control, cache_page

PAGE_MAX_AGE = 300  # five minutes: content changes only when the site is deployed again


def public_page(view):
    """Cacheable by browsers and proxies, and kept rendered in the cache (keyed by URL and Vary)."""
    return cache_page(PAGE_MAX_AGE, cache="pages")(cache_control(public=True, max_age=PAGE_MAX_AGE)(view))
