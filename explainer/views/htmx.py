"""The one place that decides whether a request gets the whole page or an htmx fragment."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers

VARY = ["HX-Request", "HX-Target", "HX-History-Restore-Request"]


def page_or_partial(request, template_name, context, *, partial=None, status=200):
    """Render the page, or only `partial` for htmx requests.

    A history restore (back or forward after htmx's cache was emptied) needs the whole page, or the
    reader would see a bare fragment.
    """
    fragment = partial and request.htmx and not request.htmx.history_restore_request
    name = f"{template_name}#{partial}" if fragment else template_name
    response = render(request, name, context, status=status)
    # Caches must not mix page and fragment: which one is sent depends on these three headers.
    patch_vary_headers(response, VARY)
    return response
