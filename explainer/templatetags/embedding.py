"""{% embed_code path title height %}: the "Embed this" block, with the <iframe> snippet for `path`."""

from django import template
from django.utils.html import escape

register = template.Library()


@register.inclusion_tag("includes/embed_code.html", takes_context=True)
def embed_code(context, path: str, title: str, height: int = 480):
    url = context["request"].build_absolute_uri(path)
    # Plain text to paste elsewhere; the template escapes it once more to show it in the text area.
    snippet = f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" height="{int(height)}" loading="lazy"></iframe>'
    return {"embed_url": url, "snippet": snippet}
