"""{% citation_for item as cite %}: the "Cite this page" block's citations for a chapter, event or myth."""

from django import template

from .. import citation
from ..content.records import Chapter, Event, Myth

register = template.Library()

REVIEWED = "The citations carry the date this page was last reviewed:"


def _page(item, url: str, site: str) -> citation.CitedPage:
    if not isinstance(item, Chapter | Event | Myth):
        raise template.TemplateSyntaxError(f"citation_for needs a chapter, event or myth, not {type(item).__name__}")
    title = f"Fact check: {item.claim}" if isinstance(item, Myth) else item.title
    return citation.CitedPage(item.section, item.slug, title, url, site, item.reviewed)


@register.simple_tag(takes_context=True)
def citation_for(context, item):
    """Citations built from the page's canonical URL, so the block is the same for every reader."""
    page = _page(item, context["canonical_url"], context["site_name"])
    return {
        "page": page,
        "date_basis": REVIEWED,
        "date_label": citation.long_date(page.updated),
        "styles": [(key, name, write(page), rows) for key, name, write, rows in citation.STYLES],
        "access_note": citation.ACCESS_NOTE,
    }


@register.simple_tag
def article_citation(document, source, article):
    """ "Cite as" line for one article of a key legal document."""
    return document.citation(source, article)
