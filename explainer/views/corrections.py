"""The public corrections log (/corrections/) and the Atom feed of corrections and new pages."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from ..feedback.models import ErrorReport
from ..library import get_library
from .caching import public_page

DESCRIPTION = "Every substantive correction to this site, newest first: what a page said, what it says now, and why."
FEED_ITEMS = 50


@require_safe
@public_page
def corrections(request):
    library = get_library()
    reported = set(
        ErrorReport.objects.filter(status=ErrorReport.Status.ACCEPTED)
        .exclude(correction="")
        .values_list("correction", flat=True)
    )
    context = {
        "title": "Corrections",
        "description": DESCRIPTION,
        "entries": [(c, library.link(c.page), c.slug in reported) for c in library.corrections],
    }
    return render(request, "corrections/index.html", context)


class ChangesFeed(Feed):
    """Corrections and newly published pages, newest first, so readers can follow what changes."""

    feed_type = Atom1Feed
    title = f"{settings.SITE_NAME}: corrections and new pages"
    link = "/corrections/"
    subtitle = DESCRIPTION

    def items(self):
        library = get_library()
        items = [_Item(c.date, f"Correction: {c.summary}", c.url, f"{c.said} → {c.says}") for c in library.corrections]
        for page in (*library.events, *library.myths):
            if page.published:
                items.append(_Item(page.published, _new_title(page), page.url, ""))
        return sorted(items, key=lambda i: (i.day, i.link), reverse=True)[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_description(self, item):
        return item.text

    def item_updateddate(self, item):
        return datetime.combine(item.day, time(), tzinfo=UTC)

    item_pubdate = item_updateddate


@dataclass(frozen=True, slots=True)
class _Item:
    day: date
    title: str
    link: str
    text: str


def _new_title(page):
    return f"New fact check: {page.claim}" if page.section == "myths" else f"New on the timeline: {page.title}"
