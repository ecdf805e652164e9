"""The guide: its contents page and one page per chapter."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..library import get_library
from .caching import public_page
from .references import numbered


@require_safe
@public_page
def guide_index(request):
    context = {
        "chapters": get_library().chapters,
        "title": "The guide",
        "description": "A chapter-by-chapter guide to China's social credit system: what it is, how it works, who it affects, and what the sources say.",
    }
    return render(request, "guide/index.html", context)


@require_safe
@public_page
def chapter(request, slug):
    library = get_library()
    chapter = library.chapter(slug)
    if chapter is None:
        raise Http404("No chapter by that name.")
    previous, following = library.neighbours(chapter)
    context = {
        "chapter": chapter,
        "previous": previous,
        "next": following,
        "references": numbered(library, chapter),
        "changes": library.corrections_for(chapter.url),
        "title": chapter.title,
        "description": chapter.summary,
        "og_type": "article",
    }
    if chapter.kind == "references":
        context["cited"] = [(library.sources[key], library.citing_chapters(key)) for key in library.cited_keys()]
    return render(request, "guide/chapter.html", context)
