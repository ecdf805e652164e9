"""Share cards: /share/<kind>/<slug>.png for pages, chapters, myths and events, /share/score.png?<scenario>.

The pictures are drawn by explainer/sharecard.py; this module says what each card shows, links every
page to its card (`share_card`, used by the context processor and base.html) and serves them.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import quiz_round, sharecard
from ..library import get_library, get_rulebook
from ..rules import evaluate
from ..score.lesson import headline
from ..score.query import read_form
from .caching import public_page, takes_query

# Pages that are not a chapter, myth or event: the URL name, and the card's small line and title.
PAGES = {
    "home": ("China's social credit system", "What it is, how it works, and what is myth"),
    "guide": ("Guide", "The guide: China's social credit system, chapter by chapter"),
    "timeline": ("Timeline", "How the social credit system was built, event by event"),
    "myths": ("Fact checks", "Myth versus fact: common claims, checked against the sources"),
    "myth-quiz": ("Quiz", "True, false, or more complicated? A quiz on social credit claims"),
    "map": ("Map", "Where it was tried: pilot and demonstration cities"),
    "score": ("Score widget", "What happens to my score?"),
    "glossary": ("Glossary", "The terms of China's social credit system, explained"),
    "sources": ("Sources", "Every source this site cites"),
    "about": ("About", "About this site: how facts are checked"),
    "corrections": ("Corrections", "Corrections and new pages"),
    "data": ("Data", "Data downloads"),
    "search": ("Search", "Search the explainer"),
}
# Detail pages whose card is their record's: the URL name -> the card kind.
RECORDS = {"chapter": "chapter", "myth": "myth", "timeline-event": "event"}


def card(kind: str, slug: str) -> sharecard.Card | None:
    """What the card of this kind and slug shows, or None if there is no such page."""
    library = get_library()
    footer = settings.SITE_NAME
    if kind == "page":
        if slug not in PAGES:
            return None
        line, title = PAGES[slug]
        return sharecard.Card(line, title, footer)
    if kind == "chapter" and (chapter := library.chapter(slug)):
        return sharecard.Card("Guide", chapter.title, footer)
    if kind == "myth" and (myth := library.myth(slug)):
        return sharecard.Card("Fact check", myth.claim, footer, f"Verdict: {myth.verdict_label}", myth.verdict)
    if kind == "event" and (event := library.event(slug)):
        return sharecard.Card(f"Timeline · {event.date_label}", event.title, footer)
    if kind == "quiz" and slug.isdigit() and int(slug) <= quiz_round.ROUND_SIZE:
        return sharecard.Card("Quiz", f"{int(slug)} of {quiz_round.ROUND_SIZE} right on the social credit quiz", footer)
    return None


def alt_text(card: sharecard.Card) -> str:
    """The card's words, for og:image:alt."""
    title = card.title if card.title.endswith((".", "?", "!")) else f"{card.title}."
    badge = f" {card.badge}." if card.badge else ""
    return f"{card.kind}: {title}{badge} {card.footer}."


def share_card(request) -> dict:
    """The card of the page being rendered: its absolute URL and alt text (base.html's og:image)."""
    match = request.resolver_match
    kind, slug = "page", "home"
    if match and match.url_name in RECORDS and "slug" in match.kwargs:
        kind, slug = RECORDS[match.url_name], match.kwargs["slug"]
    elif match and match.url_name == "myth-quiz-share":
        kind, slug = "quiz", str(match.kwargs["score"])
    elif match and match.url_name in PAGES:
        slug = match.url_name
    found = card(kind, slug)
    if found is None:  # a page without a card of its own (a source, a 404) shows the site's
        kind, slug = "page", "home"
        found = card(kind, slug)
    return _link(request, reverse("share-card", args=[kind, slug]), found)


def _link(request, path, found) -> dict:
    return {
        "url": request.build_absolute_uri(path),
        "alt": alt_text(found),
        "width": sharecard.WIDTH,
        "height": sharecard.HEIGHT,
    }


def score_card(form, book, answer: str = "") -> sharecard.Card:
    """A valid scenario's card: who, and the one-line answer (lesson.headline) unless already known."""
    persona = book.persona(form.scenario.persona)
    answer = answer or headline(evaluate(form.scenario, book))
    return sharecard.Card(f"Score widget · {persona.label}", answer, settings.SITE_NAME)


def score_link(request, form, found: sharecard.Card) -> dict:
    return _link(request, f"{reverse('share-score')}?{form.query()}", found)


def _bad(message: str) -> HttpResponseBadRequest:
    # Plain text (and nosniff, which SecurityMiddleware sends), so nothing in it is ever markup.
    return HttpResponseBadRequest(message[:500], content_type="text/plain; charset=utf-8")


def _png(data: bytes) -> HttpResponse:
    return HttpResponse(data, content_type="image/png")


@require_safe
@public_page
def card_image(request, kind, slug):
    found = card(kind, slug)
    if found is None:
        raise Http404("No page by that name has a share card.")
    return _png(sharecard.render(found))


@require_safe
@public_page
@takes_query("persona", "months", "as_of", repeated=("action",))
def score_image(request):
    book = get_rulebook()
    if book is None:
        raise Http404("The rules model has no data.")
    form = read_form(request.GET, book, today=timezone.localdate())
    if not form.bound or form.errors or not form.scenario.persona:
        problem = " ".join(form.errors.values()) or "Choose a scenario: persona=…, action=…"
        return _bad(problem)
    canonical = form.query()
    if request.META.get("QUERY_STRING", "") != canonical:
        # One scenario, one card: any other spelling of it (extra or reordered parameters) is refused,
        # so odd addresses never render or fill the cache.
        return _bad(f"Ask for this scenario's card as ?{canonical}")
    return _png(sharecard.render(score_card(form, book)))
