"""Myth versus fact: the cards, one page per claim (with ClaimReview markup), and the quiz."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .. import quiz_round
from ..content.records import MYTH_TOPICS, VERDICTS
from ..library import get_library
from ..quiz_round import QuizError
from .caching import public_page, takes_query
from .htmx import fragment_for, page_or_partial
from .references import numbered

LIST_DESCRIPTION = (
    "Common claims about China's social credit system, each checked against laws, court rules and reporting: "
    "a verdict, the facts and the sources."
)


def _choice(value: str, allowed: dict, what: str) -> tuple[str, str | None]:
    """(value, None) if it is one of `allowed` (or empty), else ("", a message that names the choices)."""
    if not value or value in allowed:
        return value, None
    labels = [label if isinstance(label, str) else label[0] for label in allowed.values()]
    return "", f"There is no {what} called “{value[:40]}”. Choose one of: {', '.join(labels)}."


@require_safe
@public_page
@takes_query("verdict", "topic", "reveal")
def myth_list(request):
    library = get_library()
    verdict, verdict_error = _choice(request.GET.get("verdict", ""), VERDICTS, "verdict")
    topic, topic_error = _choice(request.GET.get("topic", ""), MYTH_TOPICS, "topic")
    reveal = request.GET.get("reveal", "")
    reveal_error = None if reveal in ("", "all") else "To show every verdict, use the “Show all verdicts” link."
    errors = [e for e in (verdict_error, topic_error, reveal_error) if e]
    myths = [m for m in library.myths if (not verdict or m.verdict == verdict) and (not topic or topic in m.topics)]
    context = {
        "title": "Myth versus fact",
        "description": LIST_DESCRIPTION,
        "myths": myths,  # in rank order: the most common claims first
        "total": len(library.myths),
        "verdicts": [(slug, label) for slug, (label, _) in VERDICTS.items()],
        "topics": list(MYTH_TOPICS.items()),
        "verdict": verdict,
        "verdict_label": VERDICTS[verdict][0] if verdict else "",
        "topic": topic,
        "topic_label": MYTH_TOPICS.get(topic, ""),
        "show_all": reveal == "all",
        "switch_url": _list_url(verdict, topic, "" if reveal == "all" else "all"),
        "error": " ".join(errors),
    }
    status = 400 if errors else 200
    return page_or_partial(request, "myths/index.html", context, fragments={"myth-list": "myth-list"}, status=status)


def _list_url(verdict: str, topic: str, reveal: str) -> str:
    query = urlencode([(k, v) for k, v in (("verdict", verdict), ("topic", topic), ("reveal", reveal)) if v])
    return f"/myths/?{query}" if query else "/myths/"


@require_safe
@public_page
def myth_detail(request, slug):
    library = get_library()
    myth = library.myth(slug)
    if myth is None:
        raise Http404("No myth by that name.")
    # The cards on /myths/ load this claim's short answer into their own box, #facts-<slug>.
    fragments = {f"facts-{myth.slug}": "facts"}
    if fragment_for(request, fragments):
        return page_or_partial(request, "myths/detail.html", {"myth": myth}, fragments=fragments)
    context = {
        "title": f"Fact check: {myth.claim}",
        "description": f"{myth.verdict_label}. {myth.claim}",
        "og_type": "article",
        "myth": myth,
        "references": numbered(library, myth),
        "changes": library.corrections_for(myth.url),
        "links": [library.link(path) for path in myth.related],
        "terms": [library.glossary[term] for term in myth.terms],
        "claim_review": _json_ld(_claim_review(request, myth)),
        "previous": _neighbour(library.myths, myth, -1),
        "next": _neighbour(library.myths, myth, 1),
    }
    return page_or_partial(request, "myths/detail.html", context)


def _neighbour(myths, myth, step):
    """The claim before or after `myth` in the order of /myths/ (most common first), or None at an end."""
    index = myths.index(myth) + step
    return myths[index] if 0 <= index < len(myths) else None


def _claim_review(request, myth):
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": request.build_absolute_uri(myth.url),
        "claimReviewed": myth.claim,
        "datePublished": myth.published.isoformat(),
        "dateModified": myth.reviewed.isoformat(),
        "author": {"@type": "Organization", "name": settings.SITE_NAME, "url": request.build_absolute_uri("/")},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": myth.rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": myth.verdict_label,
        },
        "itemReviewed": {"@type": "Claim", "name": myth.claim},
    }


def _json_ld(data) -> str:
    """JSON safe to place inside a <script> element: no '<', '>' or '&' that could end it early."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@never_cache  # the quiz shows this reader's round
@require_http_methods(["GET", "HEAD", "POST"])
def quiz(request):
    library = get_library()
    quiz = quiz_round.load(request, library)
    status, message, feedback = 200, None, None
    if request.method == "POST":
        try:
            feedback = quiz.handle(request.POST)
        except QuizError as exc:
            status, message = exc.status, str(exc)
    context = {
        "title": "True or false? A quiz on social credit claims",
        "description": "Ten common claims about China's social credit system, one at a time: decide whether each is true, then see what the sources say.",
        "quiz": quiz,
        "feedback": feedback,
        "message": message,
    }
    response = page_or_partial(request, "myths/quiz.html", context, fragments={"quiz-body": "quiz-body"}, status=status)
    quiz_round.store(quiz, response)
    patch_vary_headers(response, ["Cookie"])
    return response
