"""The numbered reference list under a chapter, an event or a myth."""


def numbered(library, page):
    """(number, source, back-link numbers, pinpoints) for each key the page cites or lists.

    An event also lists sources its text does not cite: those come last, with no back links. Each
    pinpoint ("art. 3") comes with the address of its article on a document page, or None.
    """
    keys = getattr(page, "references", page.citations)
    uses = page.citation_uses + (0,) * (len(keys) - len(page.citation_uses))
    pins = page.citation_pinpoints + ((),) * (len(keys) - len(page.citation_pinpoints))
    return [
        (number, library.sources[key], range(1, count + 1), [(pin, library.pinpoint_url(key, pin)) for pin in pinned])
        for number, (key, count, pinned) in enumerate(zip(keys, uses, pins, strict=True), start=1)
    ]
