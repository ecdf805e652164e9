"""Pinpoints: the part of a document a citation points at, such as "art. 3(1)" or "s. 2, para. 4".

A document page gives each article an anchor made from its reference: "art. 3" -> "art-3". A pinpoint
reaches the longest article reference it starts with, so "art. 3(1)" and "art. 3, para. 2" both land on
article 3, and "art. 1" never lands on article 12. No Django imports.
"""

from __future__ import annotations

import re

# Pinpoints that name a numbered part of a legal text, and so must exist on the document's page.
STRUCTURED = re.compile(r"^(art|arts|s|ss)\.\s")
_PARTS = re.compile(r"[a-z0-9]+")


def parts(reference: str) -> tuple[str, ...]:
    """ "art. 3(1), para. 2" -> ("art", "3", "1", "para", "2")."""
    return tuple(_PARTS.findall(reference.casefold()))


def anchor(reference: str) -> str:
    """The HTML id of an article on its document page: "art. 3" -> "art-3"."""
    return "-".join(parts(reference))


def is_structured(pinpoint: str) -> bool:
    return bool(STRUCTURED.match(pinpoint))


def resolve(pinpoint: str, references: tuple[str, ...]) -> str | None:
    """The article reference among `references` that `pinpoint` points into, longest match first.

    A range or list ("arts. 7-12") resolves to its first article, where a reader starts reading.
    """
    wanted = parts(pinpoint)
    if wanted[:1] == ("arts",):
        wanted = ("art", *wanted[1:])
    elif wanted[:1] == ("ss",):
        wanted = ("s", *wanted[1:])
    known = {parts(ref): ref for ref in references}
    for end in range(len(wanted), 1, -1):
        if (found := known.get(wanted[:end])) is not None:
            return found
    return None


def article_url(documents, key: str, pin: str) -> str | None:
    """Where a citation of `key` with pinpoint `pin` leads: "/sources/<doc>/#art-3", or None.

    `documents` maps citation keys to documents (see documents.by_citation_key).
    """
    document = documents.get(key)
    article = document.article(pin) if document is not None and pin else None
    return f"{document.url}#{article.anchor}" if article else None
