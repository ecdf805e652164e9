"""The bibliography: /sources/ with its filters, and one page per source (a document page for key laws)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..content.records import SOURCE_KINDS, TOPICS
from ..library import get_library, get_rulebook
from .caching import public_page, takes_query
from .htmx import page_or_partial

DESCRIPTION = (
    "Every source this site cites, by kind (official texts, translations, research, news, other) and topic, "
    "with links and the pages that cite each one."
)


@require_safe
@public_page
@takes_query("kind", "topic")
def sources(request):
    library = get_library()
    kind, topic = request.GET.get("kind", ""), request.GET.get("topic", "")
    errors = []
    if kind and kind not in SOURCE_KINDS:
        errors.append(
            f"There is no kind of source called “{kind[:40]}”. Choose one of: {', '.join(SOURCE_KINDS.values())}."
        )
        kind = ""
    if topic and topic not in TOPICS:
        errors.append(f"There is no topic called “{topic[:40]}”. Choose one from the list.")
        topic = ""
    everything = sorted(library.sources.values(), key=lambda s: (s.author.casefold(), s.date))
    by_topic = [s for s in everything if not topic or topic in s.topics]
    entries = [s for s in by_topic if not kind or s.kind == kind]
    uses = _uses(library)
    context = {
        "entries": [(source, uses.get(source.key, 0)) for source in entries],
        "total": len(everything),
        "kinds": [(slug, label, sum(s.kind == slug for s in by_topic)) for slug, label in SOURCE_KINDS.items()],
        "topics": TOPICS.items(),
        "kind": kind,
        "topic": topic,
        "kind_label": SOURCE_KINDS.get(kind, ""),
        "topic_label": TOPICS.get(topic, ""),
        "errors": errors,
        "document_count": len({d.key for d in library.documents.values()}),
        "title": "Sources",
        "description": DESCRIPTION,
    }
    status = 400 if errors else 200
    return page_or_partial(
        request, "pages/sources.html", context, fragments={"source-results": "results"}, status=status
    )


def _uses(library) -> dict[str, int]:
    """How many pages (and the score widget, as one) cite each source."""
    counts: dict[str, int] = {}
    pages = [*library.chapters, *library.myths, *library.glossary.values(), *library.corrections]
    for page in pages:
        for key in set(getattr(page, "citations", ()) or getattr(page, "sources", ())):
            counts[key] = counts.get(key, 0) + 1
    for event in library.events:
        for key in set(event.references):
            counts[key] = counts.get(key, 0) + 1
    book = get_rulebook()
    for key in book.source_keys() if book else ():
        counts[key] = counts.get(key, 0) + 1
    return counts


@require_safe
@public_page
def source_detail(request, key):
    """One source in full: kind, note, when it was checked, every page that cites it; for a key legal
    document also its facts, status and the articles the site relies on, in Chinese and English."""
    library = get_library()
    source = library.sources.get(key)
    if source is None:
        raise Http404("No source by that key.")
    found = library.document(key)
    document = found if found and found.key == key else None  # this source's own document page
    book = get_rulebook()
    context = {
        "source": source,
        "document": document,
        "translates": found if found and not document else None,  # a translation: the document it renders
        "translations": [library.sources[k] for k in document.translations] if document else [],
        "replaced_by": library.sources.get(document.replaced_by) if document and document.replaced_by else None,
        "chapters": library.citing_chapters(key),
        "events": library.citing_events(key),
        "myths": library.citing_myths(key),
        "terms": [t for t in library.glossary.values() if key in t.sources],
        "corrections": [c for c in library.corrections if key in c.citations],
        "in_widget": bool(book and key in book.source_keys()),
        "title": f"Source: {source.title}",
        "description": f"{source.author}, {source.title}: the entry in this site's bibliography and the pages that cite it.",
    }
    return render(request, "pages/source.html", context)
