"""Embeds: framable copies of the timeline, a fact check, a widget scenario and a chart, for other sites.

Only these responses may be framed: `embeddable` relaxes `frame-ancestors` and drops X-Frame-Options
for them alone; every other page keeps 'none' and DENY (settings.SECURE_CSP, X_FRAME_OPTIONS). Each
embed has minimal chrome, a link back to its full page, a canonical link to it and noindex, so search
engines send readers to the full page.

A chart's embed, /embed/numbers/<id>/, shows any series of content/numbers.toml with the same include
as /numbers/ (templates/numbers/includes/chart.html): its SVG, table, notes and sources.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from ..content import timeline_axis
from ..content.records import LEVELS
from ..library import get_library, get_numbers, get_rulebook
from ..rules import evaluate
from ..score.query import read_form
from ..score.result import present
from .caching import public_page, takes_query

# Any https site may frame an embed (and this site itself, for previews); plain-http framing is refused,
# since a page on plain http could be altered on its way to the reader.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF, "https:"]}


def embeddable(view):
    """Framable by other sites, kept out of search results."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    return xframe_options_exempt(csp_override(EMBED_CSP)(wrapped))


def _render(request, template, context, *, full_path, status=200):
    context = {"full_url": request.build_absolute_uri(full_path), "embed": True, **context}
    context.setdefault("canonical_url", context["full_url"])
    return render(request, template, context, status=status)


@require_safe
@embeddable
@public_page
def timeline(request):
    library = get_library()
    context = {
        "title": "Timeline of China's social credit system",
        "eras": [(era, [e for e in library.events if era.start <= e.year <= era.end]) for era in library.eras],
        # the same time axis as the timeline page, without its era and theme controls
        "axis": timeline_axis.layout(
            library.events, library.eras, *timeline_axis.full_range(library.events, library.eras)
        ),
        "levels": LEVELS,
        "back_text": "See the full timeline, with every event's sources",
    }
    return _render(request, "embed/timeline.html", context, full_path=reverse("timeline"))


@require_safe
@embeddable
@public_page
def myth(request, slug):
    found = get_library().myth(slug)
    if found is None:
        raise Http404("No myth by that name.")
    context = {
        "title": f"Fact check: {found.claim}",
        "myth": found,
        "back_text": "Read the full fact check, with its evidence and sources",
    }
    return _render(request, "embed/myth.html", context, full_path=found.url)


@require_safe
@embeddable
@public_page
@takes_query("persona", "months", "as_of", repeated=("action",))
def score(request):
    book = get_rulebook()
    if book is None:
        raise Http404("The rules model has no data.")
    form = read_form(request.GET, book, today=timezone.localdate())
    ok = form.bound and not form.errors and form.scenario.persona
    scenario_url = f"{reverse('score')}?{form.query()}" if ok else reverse("score")
    context = {
        "title": "What happens to my score?",
        "form": form,
        "result": present(evaluate(form.scenario, book), get_library()) if ok else None,
        "scenario_url": scenario_url,
        "back_text": "Try other choices in the full widget",
    }
    if not ok and not form.errors:
        context["message"] = "Choose a scenario: embed this page with the address of a scenario from the widget."
    return _render(request, "embed/score.html", context, full_path=scenario_url, status=200 if ok else 400)


@require_safe
@embeddable
@public_page
def chart(request, chart_id):
    series = next((s for s in get_numbers() if s.id == chart_id), None)
    if series is None:
        raise Http404("No chart by that name.")
    context = {"back_text": "See all the charts", "title": series.title, "series": series}
    return _render(request, "embed/chart.html", context, full_path=f"{reverse('numbers')}#{series.anchor}")
