"""{% embed_code path title height %}: the "Embed this" block, with the <iframe> snippet for `path`.

`script=False` when the page already loads cite.js (pages with a "Cite this" block), so it loads once;
`key` tells apart several blocks on one page (their text areas' ids)."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/embed_code.html", takes_context=True)
def embed_code(context, path: str, title: str, height: int = 480, script: bool = True, key: str = "text"):
    url = context["request"].build_absolute_uri(path)
    # Plain text to paste elsewhere; the template escapes it once more to show it in the text area.
    snippet = f'<iframe src="{_attr(url)}" title="{_attr(title)}" width="100%" height="{int(height)}" loading="lazy"></iframe>'
    return {"embed_url": url, "snippet": snippet, "script": script, "key": key}


def _attr(value: str) -> str:
    """A value for a double-quoted attribute, escaped no more than it must be (apostrophes stay)."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
