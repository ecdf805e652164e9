"""The numbered reference list under a chapter, an event or a myth."""


def numbered(library, keys, uses):
    """(number, source, back-link numbers) for each cited key; `uses` counts each key's citations."""
    return [
        (number, library.sources[key], range(1, count + 1))
        for number, (key, count) in enumerate(zip(keys, uses, strict=False), start=1)
    ]
