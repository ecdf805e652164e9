"""Pages that are not part of a feature: home, glossary, sources, about, robots.txt."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..library import get_library, get_term_links
from .caching import public_page


@require_safe
@public_page
def home(request):
    chapters = get_library().chapters
    context = {
        "chapters": chapters,
        "first": chapters[0] if chapters else None,
        "event_count": len(get_library().events),
        "myth_count": len(get_library().myths),
        "description": "A carefully sourced explainer of China's social credit system: lists and records rather than one score, who runs them, and what they do.",
    }
    return render(request, "pages/home.html", context)


@require_safe
@public_page
def glossary(request):
    library = get_library()
    terms = sorted(library.glossary.values(), key=lambda t: t.term.casefold())
    links = get_term_links()
    context = {
        "terms": [(term, [library.sources[key] for key in term.sources], links[term.slug]) for term in terms],
        "changes": library.corrections_for("/glossary/"),
        "title": "Glossary",
        "description": "Chinese terms used in writing about the social credit system, with characters, pinyin and plain-English meanings.",
    }
    return render(request, "pages/glossary.html", context)


@require_safe
@public_page
def about(request):
    library = get_library()
    context = {
        "source_count": len(library.sources),
        "chapter_count": len(library.chapters),
        "title": "About this site",
        "description": "What this explainer is, how its facts are checked and cited, how to report an error, and the licence for reuse.",
    }
    return render(request, "pages/about.html", context)


@require_safe
@public_page
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(f"User-agent: *\nDisallow: /admin/\n\nSitemap: {sitemap}\n", content_type="text/plain")


def not_found(request, exception):
    context = {
        "title": "Page not found",
        "description": "There is no page at this address. Try the guide, the glossary or the list of sources.",
    }
    return render(request, "404.html", context, status=404)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (often an old tab): say so in the site's layout."""
    context = {
        "title": "Please try again",
        "description": "The form could not be accepted because its security token was missing or out of date.",
        "back": request.path,
    }
    return render(request, "403_csrf.html", context, status=403)
