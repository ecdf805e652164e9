"""The timeline: every event on one axis, one URL per event, theme filters (its data files: views/data.py)."""

from urllib.parse import urlencode

from django.http import Http404
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from ..content import timeline_axis
from ..content.records import LEVELS, THEMES
from ..content.text import plain_text
from ..library import get_library
from .caching import public_page, takes_query
from .htmx import ANY, page_or_partial
from .references import numbered

DESCRIPTION = (
    "How China's social credit system was built, event by event, from the central bank's first credit "
    "registry in the 1990s to the draft Social Credit Law of November 2022, and what has happened since, "
    "with sources for every event."
)
# An event link swaps only the event panel; a theme filter swaps the list and the panel.
TIMELINE_FRAGMENTS = {"event-detail": "event-detail", ANY: "timeline-body"}


@require_safe
@public_page
@takes_query("theme", "era")
def timeline(request):
    return _timeline_page(request, event=None)


@require_safe
@public_page
@takes_query("theme", "era")
def event_detail(request, slug):
    event = get_library().event(slug)
    if event is None:
        raise Http404("No timeline event by that name.")
    return _timeline_page(request, event)


def _timeline_page(request, event):
    library = get_library()
    theme, error = _theme_from(request)
    focus, era_error = _era_from(request, library.eras)
    error = error or era_error
    events = [e for e in library.events if theme in e.themes] if theme else list(library.events)
    params = {k: v for k, v in (("theme", theme), ("era", focus.slug if focus else "")) if v}
    query = f"?{urlencode(params)}" if params else ""
    whole = timeline_axis.full_range(library.events, library.eras)
    years = timeline_axis.era_range(focus, whole) if focus else whole
    context = {
        "title": f"{event.title} ({event.date_label})" if event else "Timeline, 1990s to 2022, and since",
        "description": Truncator(plain_text(event.html)).chars(200) if event else DESCRIPTION,
        "og_type": "article" if event else "website",
        "event": event,
        "eras": [(era, [e for e in events if era.start <= e.year <= era.end]) for era in library.eras],
        "shown": len(events),
        "total": len(library.events),
        "themes": THEMES.items(),
        "theme": theme,
        "theme_label": THEMES.get(theme, ""),
        "query": query,
        "error": error,
        "axis": timeline_axis.layout(events, library.eras, *years),
        "focus": focus,
        # the era links keep the open event and the theme
        "era_links": [
            (era, f"?{urlencode({k: v for k, v in (('theme', theme), ('era', era.slug)) if v})}")
            for era in library.eras
        ],
        "whole_link": f"?{urlencode({'theme': theme})}" if theme else "",
        "levels": LEVELS,
    }
    if event:
        context.update(_detail_context(library, event, events, query))
    status = 400 if error else 200
    return page_or_partial(request, "timeline/index.html", context, fragments=TIMELINE_FRAGMENTS, status=status)


def _theme_from(request):
    theme = request.GET.get("theme", "")
    if theme and theme not in THEMES:
        shown = theme[:40]  # echoed escaped, and never at length
        return "", f"There is no theme called “{shown}”. Choose one of: {', '.join(THEMES.values())}."
    return theme, None


def _era_from(request, eras):
    slug = request.GET.get("era", "")
    if not slug:
        return None, None
    era = next((era for era in eras if era.slug == slug), None)
    if era is None:
        shown = slug[:40]  # echoed escaped, and never at length
        known = ", ".join(f"{era.slug} ({era.years})" for era in eras)
        return None, f"There is no era called “{shown}”. Choose one of: {known}."
    return era, None


def _detail_context(library, event, events, query):
    sequence = events if event in events else list(library.events)
    i = sequence.index(event)
    return {
        "previous": sequence[i - 1] if i > 0 else None,
        "next": sequence[i + 1] if i + 1 < len(sequence) else None,
        "position": i + 1,
        "count": len(sequence),
        # Listed sources that the text does not cite come last, with a use count of 0 (no back links).
        "references": numbered(library, event),
        "changes": library.corrections_for(event.url),
        "event_themes": [(slug, THEMES[slug]) for slug in event.themes],
        "links": [library.link(path) for path in event.related],
        "terms": [library.glossary[slug] for slug in event.terms],
        "myths": library.myths_linking(event.url),
        "era": library.era_of(event),
    }
