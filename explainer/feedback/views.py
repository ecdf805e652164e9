"""Ratings and error reports. Content pages are cached and the same for everyone, so they only hold a
link here; htmx loads this block into the page when the reader reaches it (and posts back to it)."""

import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.http import Http404, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from explainer.library import get_library
from explainer.views.htmx import ANY, page_or_partial

from .forms import STARS, RatingForm, ReportForm
from .models import ErrorReport, Rating
from .ratelimit import over_limit

READER_COOKIE = "reader"
READER_SALT = "feedback.reader"
READER_MAX_AGE = 60 * 60 * 24 * 365 * 2
# An average of fewer votes says little about a page: below this the block shows none and invites a vote.
MIN_VOTES_FOR_AVERAGE = 5


@dataclass(frozen=True)
class Page:
    kind: str
    slug: str
    title: str
    url: str

    @property
    def feedback_url(self):
        return f"/feedback/{self.kind}/{self.slug}/"


def find_page(kind, slug) -> Page:
    library = get_library()
    item = library.page(kind, slug)
    if item is None:
        raise Http404("There is no such page to give feedback on.")
    title = getattr(item, "title", None) or f"Fact check: “{item.claim}”"
    return Page(kind, slug, title, item.url)


def _reader(request) -> str | None:
    """The reader id from the signed cookie this site issued on an earlier visit, or None."""
    reader = request.get_signed_cookie(READER_COOKIE, default=None, salt=READER_SALT, max_age=READER_MAX_AGE)
    return reader if reader and len(reader) == 32 and reader.isalnum() else None


def _issue_reader(request, response):
    """Give a reader without a (valid) cookie a new random id. Only GETs of the block (and the refusal
    of a post that came without one) issue it: a vote or a report needs the cookie of an earlier visit,
    so a client that sends posts without keeping cookies stores nothing, however many it sends."""
    if _reader(request) is None:
        response.set_signed_cookie(
            READER_COOKIE,
            secrets.token_hex(16),
            salt=READER_SALT,
            max_age=READER_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _no_reader(request, page, form, *, partial, **forms):
    """403 for a post without the reader cookie: nothing is stored, and the form comes back as sent."""
    form.add_error(
        None,
        "Your browser did not send back this site's cookie (a random number, so that a reader is counted "
        "once), so nothing was saved. Allow cookies for this site, then send the form again.",
    )
    return _issue_reader(request, _render(request, page, partial=partial, status=403, **forms))


def _render(request, page, *, partial, status=200, rating_form=None, report_form=None, notice=None):
    summary = Rating.objects.filter(page_kind=page.kind, page_slug=page.slug).aggregate(
        average=Avg("stars"), votes=Count("id")
    )
    reader = _reader(request)
    mine = (
        Rating.objects.filter(page_kind=page.kind, page_slug=page.slug, reader=reader)
        .values_list("stars", flat=True)
        .first()
        if reader
        else None
    )
    rating_form = rating_form or RatingForm(initial={"stars": mine})
    report_form = report_form or ReportForm()
    notice = notice or {"reported": "report", "rated": "rating"}.get(request.GET.get("done", ""))
    average = summary["average"] or 0
    context = {
        "title": f"Feedback on {page.title}",
        "description": "Rate this page, or tell the editors about an error on it.",
        "page": page,
        "summary": summary,
        "show_average": summary["votes"] >= MIN_VOTES_FOR_AVERAGE,
        "min_votes": MIN_VOTES_FOR_AVERAGE,
        "stars_text": "★" * round(average) + "☆" * (5 - round(average)),
        "mine": mine,
        "rating_form": rating_form,
        "star_choices": STARS,
        "checked": _checked(rating_form, mine),
        "report_form": report_form,
        "report_open": not request.htmx or report_form.errors or notice == "report",
        "notice": notice,
        # htmx posts swap one form; the status line outside it is updated out of band, so that a
        # screen reader announces it (a live region must already be in the page to be heard).
        "oob": bool(request.htmx) and request.method == "POST",
    }
    return page_or_partial(request, "feedback/page.html", context, fragments={ANY: partial}, status=status)


@never_cache
@require_GET
def feedback(request, kind, slug):
    return _issue_reader(request, _render(request, find_page(kind, slug), partial="feedback-block"))


@never_cache
@require_POST
def rate(request, kind, slug):
    page = find_page(kind, slug)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render(request, page, partial="rating", status=400, rating_form=form)
    if (reader := _reader(request)) is None:
        return _no_reader(request, page, form, partial="rating", rating_form=form)
    if wait := over_limit(request, "rate"):
        return _too_many(request, page, wait, "ratings", partial="rating", rating_form=form)
    _save_vote(page, reader, form.cleaned_data["stars"])
    if request.htmx:
        return _render(request, page, partial="rating", notice="rating")
    return _see_other(page.feedback_url + "?done=rated#rating")


@never_cache
@require_POST
def report(request, kind, slug):
    page = find_page(kind, slug)
    form = ReportForm(request.POST)
    if not form.is_valid():
        if form.has_error("started", "stale"):
            form.renew_stamp()
        return _render(request, page, partial="report", status=400, report_form=form)
    if _reader(request) is None:
        return _no_reader(request, page, form, partial="report", report_form=form)
    if wait := over_limit(request, "report"):
        return _too_many(request, page, wait, "reports", partial="report", report_form=form)
    with transaction.atomic():
        # Each form can be sent once: a replayed one stores nothing. A robot is thanked like anyone
        # else, and nothing is kept.
        if (fresh := form.use_stamp()) and not form.is_robot:
            data = form.cleaned_data
            ErrorReport.objects.create(
                page_kind=page.kind,
                page_slug=page.slug,
                problem=data["problem"],
                source=data["source"],
                email=data["email"],
            )
    if not fresh:
        form.refuse_replay()
        return _render(request, page, partial="report", status=400, report_form=form)
    if request.htmx:
        return _render(request, page, partial="report", notice="report")
    return _see_other(page.feedback_url + "?done=reported#report")


def _save_vote(page, reader, stars):
    """Insert or replace this reader's vote. Two requests from the same reader at once may both try
    to insert; the loser of that race updates the winner's row instead."""
    fields = {"page_kind": page.kind, "page_slug": page.slug, "reader": reader}
    for attempt in range(3):
        try:
            with transaction.atomic():
                Rating.objects.update_or_create(**fields, defaults={"stars": stars})
            return
        except IntegrityError:
            if attempt == 2:
                raise


def _checked(form, mine):
    value = form.data.get("stars") if form.is_bound else mine
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _too_many(request, page, wait, what, *, partial, **forms):
    """429 with the form as sent, a message saying when to try again, and Retry-After."""
    form = next(iter(forms.values()))
    minutes = max(1, round(wait / 60))
    form.add_error(
        None, f"Too many {what} from your connection just now. Try again in {minutes} minute{'s' * (minutes > 1)}."
    )
    response = _render(request, page, partial=partial, status=429, **forms)
    response["Retry-After"] = str(wait)
    return response


def _see_other(url):
    """After a post without JavaScript: 303, so that reloading the page does not post again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
