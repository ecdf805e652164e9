"""Cache headers. Content pages and fragments are pure functions of their URL (and HX-Request), so
browsers, a CDN or a reverse proxy may keep them; ConditionalGetMiddleware adds the ETag."""

from django.views.decorators.cache import cache_control

PAGE_MAX_AGE = 300  # five minutes: content changes only when the site is deployed again

public_page = cache_control(public=True, max_age=PAGE_MAX_AGE)
