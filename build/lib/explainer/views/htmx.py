"""The one place that decides whether a request gets the whole page or an htmx fragment.

Each view declares which fragments its page has, as a mapping from the element an htmx request
targets (its `hx-target` id, sent as HX-Target) to an inline partial of the page's template:

    page_or_partial(request, "myths/index.html", context, fragments={"myth-list": "myth-list"})

`ANY` stands for every other htmx request to that URL. A request that names no listed target, and
any request without htmx, gets the whole page.
"""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers

ANY = "*"
VARY = ["HX-Request", "HX-Target", "HX-History-Restore-Request"]


def page_or_partial(request, template_name, context, *, fragments=None, status=200):
    """Render the page, or the partial that `fragments` maps this htmx request's target to."""
    partial = fragment_for(request, fragments or {})
    name = f"{template_name}#{partial}" if partial else template_name
    response = render(request, name, context, status=status)
    # Caches must not mix page and fragment: which one is sent depends on these three headers.
    patch_vary_headers(response, VARY)
    return response


def fragment_for(request, fragments):
    """The partial to send, or None for the whole page.

    A history restore (back or forward after htmx's cache was emptied) needs the whole page, or the
    reader would see a bare fragment.
    """
    if not request.htmx or request.htmx.history_restore_request:
        return None
    return fragments.get(request.htmx.target) or fragments.get(ANY)
