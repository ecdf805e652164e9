"""Search: /search/?q=… as a full page, or only its results for htmx while the reader types."""

from django.views.decorators.http import require_safe

from ..library import get_search_index
from ..search import MAX_QUERY_LENGTH, PER_PAGE, clean_query
from .caching import public_page, takes_query
from .htmx import ANY, page_or_partial

DESCRIPTION = (
    "Search the guide, the timeline, the myths, the glossary and the sources, in English, "
    "in Chinese characters or in pinyin."
)
# Shown on the empty page: one English word, a place in pinyin, Chinese characters and their pinyin.
# (text, language) so that screen readers pronounce the Chinese as Chinese.
SUGGESTIONS = (
    ("blacklist", ""),
    ("Rongcheng", ""),
    ("失信", "zh-Hans"),
    ("shixin", "zh-Latn-pinyin"),
    ("credit repair", ""),
    ("Sesame Credit", ""),
)


@require_safe
@public_page
@takes_query("q", "page")
def search(request):
    """A pure function of the URL (and HX-Request), so it is cached like every content page."""
    query = clean_query(request.GET.get("q", ""))
    error = None
    page = _page_number(request.GET.get("page", "1"))
    if len(query) > MAX_QUERY_LENGTH:
        error = (
            f"Searches can be at most {MAX_QUERY_LENGTH} characters long; this one has {len(query)}. "
            "Try a few distinctive words instead."
        )
        query = query[:MAX_QUERY_LENGTH]  # shown again in the box (escaped), so the reader can shorten it
    elif page is None:
        error = "The page number must be a whole number from 1 up."
        page = 1

    results = None
    if query and not error:
        results = get_search_index().search(query, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    status = 400 if error else 200
    if results is not None and results.total and not results.results:
        status = 404  # a page past the last one: say how many results there are and link to the first
    shown_to = results.offset + len(results.results) if results is not None else 0
    context = {
        "title": f"Search: {query}" if query and not error else "Search",
        "description": DESCRIPTION,
        "query": query,
        "results": results,
        "error": error,
        "suggestions": SUGGESTIONS,
        "max_length": MAX_QUERY_LENGTH,
        "first": results.offset + 1 if results is not None else 0,
        "last": shown_to,
        "previous_page": page - 1 if results is not None and page > 1 else None,
        "next_page": page + 1 if results is not None and shown_to < results.total else None,
    }
    return page_or_partial(request, "search/index.html", context, fragments={ANY: "search-results"}, status=status)


def _page_number(value):
    """1 for "1"; None for anything that is not a page number (the view answers 400)."""
    if not value.isascii() or not value.isdigit() or len(value) > 4 or int(value) < 1:
        return None
    return int(value)
