""" "What happens to my score?": a GET form over the rules model; every scenario has a URL."""

from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

from ..library import get_library, get_rulebook
from ..rules import evaluate
from ..score.query import WHEN_PREFIX, action_groups, as_of_options, read_form
from ..score.result import compare, present
from . import share
from .caching import public_page, takes_query
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
EXAMPLE_LINKS = [(label, f"?{urlencode(query, doseq=True)}") for label, query in EXAMPLES]


@require_safe
@public_page
@takes_query("persona", "months", "as_of", repeated=("action",), prefixes=(WHEN_PREFIX,))
def score(request):
    book = get_rulebook()
    if book is None:
        raise Http404("The rules model has no data.")
    form = read_form(request.GET, book, today=timezone.localdate())
    ok = form.bound and not form.errors
    result = present(evaluate(form.scenario, book), get_library()) if ok else None
    scenario_url = f"{reverse('score')}?{form.query()}" if ok else reverse("score")
    context = {
        "title": "What happens to my score?",
        "description": "Pick who you are and what you do, and see what China's documented credit rules would actually do: lists, restrictions, rewards and the way back, each with its source.",
        "form": form,
        "result": result,
        "book": book,
        "groups": action_groups(book, form.persona),
        "examples": EXAMPLE_LINKS,
        "changes": get_library().corrections_for("/score/"),
        "comparison": compare(form.requested, book) if ok and form.requested.actions else (),
        "scenario_url": scenario_url,
        "canonical_url": request.build_absolute_uri(scenario_url),  # a shared scenario keeps its choices
        "as_of_options": as_of_options(form),
    }
    if ok and form.scenario.persona:
        # The card of a scenario gives its answer, and og:url keeps the scenario (canonical_url above).
        context["share_card"] = share.score_link(request, form, share.score_card(form, book, result.headline))
    status = 400 if form.errors else 200
    response = page_or_partial(
        request, "score/index.html", context, fragments={"score-result": "score-result"}, status=status
    )
    if request.htmx and ok:
        push_url(response, scenario_url)  # the address bar shows action=id@6, not the form's when.id fields
    return response
