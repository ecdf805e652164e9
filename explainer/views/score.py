""" "What happens to my score?": a GET form over the rules model; every scenario has a URL."""

from urllib.parse import urlencode

from django.http import Http404
from django.views.decorators.http import require_safe

from ..forms import MONTH_CHOICES, parse
from ..library import get_library, get_rulebook
from ..rules import evaluate
from .caching import public_page
from .htmx import page_or_partial

EXAMPLES = [
    (
        "A Rongcheng resident who falls behind on the heating bill",
        {"persona": "rongcheng-resident", "action": ["late-utility-fees"]},
    ),
    (
        "Someone who can pay a court judgment but does not, then pays six months later",
        {"persona": "person", "action": ["refuse-judgment", "perform-judgment@6"], "months": "3"},
    ),
    (
        "A company that misses its annual report for three years",
        {"persona": "company", "action": ["miss-annual-report"], "months": "36"},
    ),
]


@require_safe
@public_page
def score(request):
    book = get_rulebook()
    if book is None:
        raise Http404("The rules model has no data.")
    form = parse(request.GET, book)
    outcome = evaluate(form.scenario, book) if form.bound and not form.errors else None
    library = get_library()
    context = {
        "title": "What happens to my score?",
        "description": "Pick who you are and what you do, and see what China's documented credit rules would actually do: lists, restrictions, rewards and the way back, each with its source.",
        "form": form,
        "outcome": outcome,
        "book": book,
        "groups": _groups(book, form.persona),
        "month_choices": MONTH_CHOICES,
        "sources": library.sources,
        "myths": {m.slug: m for m in library.myths},
        "examples": [(label, f"?{urlencode(query, doseq=True)}") for label, query in EXAMPLES],
        "gauge": _gauge(outcome.points) if outcome and outcome.points else None,
    }
    status = 400 if form.errors else 200
    return page_or_partial(
        request, "score/index.html", context, fragments={"score-result": "score-result"}, status=status
    )


def _groups(book, persona):
    """Actions grouped by mechanism, for the chosen persona (or all of them before one is chosen)."""
    groups = []
    for mechanism in book.mechanisms:
        actions = [a for a in book.actions if a.mechanism == mechanism.id and (not persona or persona in a.personas)]
        if actions:
            groups.append((mechanism, actions))
    return groups


GAUGE_WIDTH = 600  # SVG user units; the drawing scales to its box


def _gauge(points):
    """Grade bands as rectangles on a scale from the lowest band to a little past the highest."""
    grades = sorted(points.mechanism.grades, key=lambda g: g.min_points)
    if not grades:
        return None
    low = min(grades[1].min_points - 200 if len(grades) > 1 else 0, points.value)
    high = max(grades[-1].min_points + 100, points.value + 20)

    def x(value):
        return round((value - low) / (high - low) * GAUGE_WIDTH, 1)

    bands = []
    for i, grade in enumerate(grades):
        start = max(grade.min_points, low) if i else low
        end = grades[i + 1].min_points if i + 1 < len(grades) else high
        bands.append(
            {
                "name": grade.name,
                "x": x(start),
                "width": max(x(end) - x(start), 0),
                "label_x": x(start) + 4,
                "labelled": x(end) - x(start) >= 30,  # too narrow a band has no room for its name
                "current": points.grade is not None and grade.name == points.grade.name,
            }
        )
    return {"width": GAUGE_WIDTH, "bands": bands, "marker": min(max(x(points.value) - 1.5, 0), GAUGE_WIDTH - 3)}
