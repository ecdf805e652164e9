"""Myth versus fact: the cards, one page per claim (with ClaimReview markup), and the quiz."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .. import quiz_round
from ..content.records import MYTH_TOPICS, QUIZ_ANSWERS, VERDICTS
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


QUIZ_TITLE = "True, false or more complicated? A quiz on social credit claims"
QUIZ_DESCRIPTION = (
    "Ten common claims about China's social credit system, one at a time: decide whether each is true, false "
    "or more complicated, then see what the sources say."
)


def _quiz_page(request, quiz, *, screen, status=200, message=None, number=None, push=None):
    """Render the quiz page (or its #quiz-body for htmx) for one screen: intro, question, feedback or results."""
    context = {
        "title": QUIZ_TITLE if screen == "intro" else _screen_title(quiz, screen, number),
        "description": QUIZ_DESCRIPTION,
        "quiz": quiz,
        "screen": screen,
        "message": message,
        "number": number,
        "feedback": quiz.result(number) if screen == "feedback" else None,
        "answers": list(QUIZ_ANSWERS.items()),
        "share_url": request.build_absolute_uri(reverse("myth-quiz-share", args=[quiz.score]))
        if screen == "results"
        else "",
    }
    response = page_or_partial(request, "myths/quiz.html", context, fragments={"quiz-body": "quiz-body"}, status=status)
    if push and request.htmx:
        response["HX-Push-Url"] = push
    quiz_round.store(quiz, response)
    patch_vary_headers(response, ["Cookie"])
    return response


def _screen_title(quiz, screen, number):
    if screen == "results":
        return f"Quiz results: {quiz.score} of {len(quiz.myths)}"
    if screen == "feedback":
        return f"Quiz: answer to claim {number} of {len(quiz.myths)}"
    return f"Quiz: claim {number} of {len(quiz.myths)}"


def _question_url(number: int) -> str:
    return reverse("myth-quiz-question", args=[number])


def _after_answer(request, quiz, result):
    """Post/redirect/get: without htmx, reloading the answer page must not post again."""
    url = _question_url(result.number)
    if request.htmx:
        return _quiz_page(request, quiz, screen="feedback", number=result.number, push=url)
    response = HttpResponseRedirect(url, status=303)
    quiz_round.store(quiz, response)
    return response


def _refused(request, quiz, exc, number=None):
    return _quiz_page(request, quiz, screen="message", status=exc.status, message=str(exc), number=number)


@never_cache  # the quiz shows this reader's round
@require_http_methods(["GET", "HEAD", "POST"])
def quiz(request):
    """The intro; POST starts a round (and, for older pages, takes an answer with its position)."""
    quiz = quiz_round.load(request, get_library())
    if request.method == "POST":
        try:
            result = quiz.handle(request.POST)
        except QuizError as exc:
            return _refused(request, quiz, exc)
        if result is not None:
            return _after_answer(request, quiz, result)
        if request.htmx:
            return _quiz_page(request, quiz, screen="question", number=1, push=_question_url(1))
        response = HttpResponseRedirect(_question_url(1), status=303)
        quiz_round.store(quiz, response)
        return response
    return _quiz_page(request, quiz, screen="intro")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def quiz_question(request, number):
    """One claim of the round: the question while it waits for an answer, the feedback once answered."""
    quiz = quiz_round.load(request, get_library())
    if not quiz.started:
        error = QuizError("There is no quiz round in progress: it may have expired. Start a new round.", 409)
        return _refused(request, quiz, error)
    if not 1 <= number <= len(quiz.myths):
        if request.method == "POST":
            error = QuizError("That answer was for a claim that is not in this round. Answer the claim shown.")
            return _refused(request, quiz, error)
        raise Http404("This round has no claim with that number.")
    if request.method == "POST":
        data = request.POST.copy()
        data["position"] = str(number - 1)  # the address says which claim the answer is for
        if data.get("action", "answer") != "answer":
            return _refused(
                request, quiz, QuizError("That is not something the quiz can do. Use the buttons on the page.")
            )
        try:
            result = quiz.answer(data)
        except QuizError as exc:
            return _refused(request, quiz, exc, number=number)
        return _after_answer(request, quiz, result)
    if number <= len(quiz.answers):
        return _quiz_page(request, quiz, screen="feedback", number=number)
    if number == quiz.number:
        return _quiz_page(request, quiz, screen="question", number=number)
    return HttpResponseRedirect(_question_url(quiz.number))  # not reached yet: the claim waiting for an answer


@never_cache
@require_safe
def quiz_results(request):
    quiz = quiz_round.load(request, get_library())
    if not quiz.started:
        return HttpResponseRedirect(reverse("myth-quiz"))
    if not quiz.finished:
        return HttpResponseRedirect(_question_url(quiz.number))
    return _quiz_page(request, quiz, screen="results")


@require_safe
@public_page
def quiz_share(request, score):
    """The page a shared result links to: the score in words, and the way into the quiz. Same for everyone."""
    if not 0 <= score <= quiz_round.ROUND_SIZE:
        raise Http404("No such score.")
    context = {
        "title": f"{score} of {quiz_round.ROUND_SIZE} on the social credit quiz",
        "description": f"A reader got {score} of {quiz_round.ROUND_SIZE} right. {QUIZ_DESCRIPTION}",
        "score": score,
        "round_size": quiz_round.ROUND_SIZE,
    }
    return page_or_partial(request, "myths/quiz_share.html", context)
