"""What a search answers: one page of results, with the count of matches of each kind."""

from __future__ import annotations

from dataclasses import dataclass

from .snippets import Markup

KINDS = ("Chapter", "Timeline event", "Myth", "Glossary term", "Source")
KIND_NAMES = {  # singular, plural
    "Chapter": ("guide section", "guide sections"),
    "Timeline event": ("timeline event", "timeline events"),
    "Myth": ("myth", "myths"),
    "Glossary term": ("glossary term", "glossary terms"),
    "Source": ("source", "sources"),
}


@dataclass(frozen=True, slots=True)
class Result:
    kind: str  # one of KINDS
    title: str
    url: str
    context: str
    snippet: Markup  # escaped text with the matches in <mark>
    title_html: Markup
    score: float


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    results: tuple[Result, ...] = ()
    total: int = 0  # matching documents, of which `results` are those from `offset` on
    offset: int = 0
    matched_all: bool = True  # False: no document has every word, so these have some of them

    by_kind: tuple[tuple[str, int], ...] = ()  # (kind, matching documents of that kind), in the order of KINDS

    def kind_summary(self) -> str:
        """ "8 guide sections, 1 myth": what the matches are, for the count line."""
        return ", ".join(f"{n} {KIND_NAMES[kind][n != 1]}" for kind, n in self.by_kind)
