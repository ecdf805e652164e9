"""Read elements out of rendered HTML without caring about attribute order."""

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str, tag: str | None = None, **match: str) -> list[dict[str, str]]:
    """Attributes of every element with this tag whose attributes include `match` (class_ for class)."""
    collector = _Collector()
    collector.feed(html)
    wanted = {k.rstrip("_"): v for k, v in match.items()}
    return [
        attrs
        for name, attrs in collector.elements
        if (tag is None or name == tag) and all(attrs.get(k) == v for k, v in wanted.items())
    ]
