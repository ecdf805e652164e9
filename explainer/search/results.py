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
class Answer:
    """The card above the results when a question clearly matches a fact check, an FAQ entry, a
    glossary term, or a year of the timeline (then `events` lists that year's events)."""

    label: str  # "Fact check", "FAQ", "Glossary", "Timeline"
    title: str
    url: str
    context: str  # a fact check's verdict, or ""
    text: Markup  # escaped: the opening of the answer
    events: tuple[tuple[str, str, str], ...] = ()  # (title, url, date) of a year's events


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    results: tuple[Result, ...] = ()
    total: int = 0  # matching documents, of which `results` are those from `offset` on
    offset: int = 0
    matched_all: bool = True  # False: no document has every word, so these have some of them

    by_kind: tuple[tuple[str, int], ...] = ()  # (kind, matching documents of that kind), in the order of KINDS
    answer: Answer | None = None  # on the first page only
    only_common_words: bool = False  # the query had only words like "what", "is", "it": nothing to look for

    def kind_summary(self) -> str:
        """ "8 guide sections, 1 myth": what the matches are, for the count line."""
        return ", ".join(f"{n} {KIND_NAMES[kind][n != 1]}" for kind, n in self.by_kind)
