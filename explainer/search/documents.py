"""What is searchable: the library as entries (the opening and each section of a guide chapter, each
timeline event, myth, glossary term and source), and the document the index keeps for each."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..content.records import Chapter, Library
from ..content.text import plain_text
from .snippets import Spans
from .tokens import STOP_STEMS, Tokens, tokenize

# An entry's fields, in the order their phrases are joined. Names are the Chinese name, pinyin and
# other names of a thing; date is an event's year; context is the chapter a section belongs to.
FIELDS = ("title", "names", "date", "summary", "context", "body")

_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


@dataclass(frozen=True, slots=True)
class Entry:
    """What the loader hands to the index: display data and the text of each field."""

    kind: str
    title: str
    url: str
    context: str
    snippet_text: str
    fields: dict[str, str]


@dataclass(frozen=True, slots=True)
class Doc:
    """An entry as the index keeps it: what a result shows, and where its terms are."""

    kind: str
    title: str
    url: str
    context: str  # shown under the title: a chapter's name, an event's date, a myth's verdict
    snippet_text: str
    title_spans: Spans
    snippet_spans: Spans
    title_phrase: str  # " term term " for phrase and exact-title checks
    phrase: str

    @classmethod
    def of(cls, entry: Entry, fields: dict[str, Tokens]) -> Doc:
        """`fields` is the entry's fields, tokenised."""
        title_tokens = tokenize(entry.title, keep_spans=True)
        all_phrases = [p for name in FIELDS if name in fields for p in (fields[name].phrase, fields[name].pinyin)]
        return cls(
            kind=entry.kind,
            title=entry.title,
            url=entry.url,
            context=entry.context,
            snippet_text=entry.snippet_text,
            title_spans=Spans.of(title_tokens),
            snippet_spans=Spans.of(tokenize(entry.snippet_text, keep_spans=True)),
            title_phrase=_phrase(title_tokens.phrase),
            phrase=" | ".join(_phrase(p) for p in all_phrases),
        )


def _phrase(terms: list[str]) -> str:
    """ " term term " without the stop words (a query's phrase leaves them out too)."""
    kept = [term for term in terms if term not in STOP_STEMS] or terms
    return f" {' '.join(kept)} "


def entries(library: Library) -> Iterator[Entry]:
    for chapter in library.chapters:
        if chapter.kind == "references":  # it lists the sources, which are searchable themselves
            continue
        yield from _chapter_entries(chapter)
    yield from _event_entries(library)
    yield from _myth_entries(library)
    yield from _glossary_entries(library)
    yield from _source_entries(library)


def _chapter_entries(chapter: Chapter) -> Iterator[Entry]:
    """One entry for the opening of a chapter and one for each section, so a result links to its heading."""
    pieces = _HEADING.split(chapter.html)  # [intro, level, id, heading, body, level, id, heading, body, ...]
    intro = plain_text(pieces[0])
    yield Entry(
        kind="Chapter",
        title=chapter.title,
        url=chapter.url,
        context="Guide",
        snippet_text=f"{chapter.summary} {intro}",
        fields={"title": chapter.title, "summary": chapter.summary, "body": intro},
    )
    for i in range(1, len(pieces) - 3, 4):
        anchor, heading, body = pieces[i + 1], plain_text(pieces[i + 2]), plain_text(pieces[i + 3])
        yield Entry(
            kind="Chapter",
            title=heading,
            url=f"{chapter.url}#{anchor}",
            context=f"Guide: {chapter.title}",
            snippet_text=body,
            fields={"title": heading, "context": chapter.title, "body": body},
        )


def _event_entries(library: Library) -> Iterator[Entry]:
    for event in library.events:
        body = plain_text(event.html)
        correction = plain_text(event.correction_html)
        yield Entry(
            kind="Timeline event",
            title=event.title,
            url=event.url,
            context=event.date_label,
            snippet_text=" ".join(part for part in (event.name_zh, body, correction) if part),
            fields={
                "title": event.title,
                "names": f"{event.name_zh} {event.issuer}",
                "date": str(event.year),
                "body": f"{body} {correction}",
            },
        )


def _myth_entries(library: Library) -> Iterator[Entry]:
    for myth in library.myths:
        short = plain_text(myth.short_card_html)
        body = f"{plain_text(myth.evidence_html)} {plain_text(myth.html)}"
        yield Entry(
            kind="Myth",
            title=myth.claim,
            url=myth.url,
            context=f"Verdict: {myth.verdict_label}",
            snippet_text=f"{short} {body}",
            fields={"title": myth.claim, "summary": short, "body": body},
        )


def _glossary_entries(library: Library) -> Iterator[Entry]:
    for term in library.glossary.values():
        yield Entry(
            kind="Glossary term",
            title=term.term,
            url=term.anchor,
            context="",  # the snippet opens with the characters and the pinyin
            snippet_text=f"{term.zh} ({term.pinyin}): {term.meaning}",
            fields={"title": term.term, "names": f"{term.zh} {term.pinyin}", "summary": term.meaning},
        )


def _source_entries(library: Library) -> Iterator[Entry]:
    for source in library.sources.values():
        parts = (source.author, source.title_zh, f"{source.publisher}, {source.date_label}", source.note)
        yield Entry(
            kind="Source",
            title=source.title,
            url=source.url_path,
            context=source.author,
            snippet_text=". ".join(part.rstrip(".") for part in parts if part) + ".",
            fields={
                "title": source.title,
                "names": f"{source.title_zh} {source.author}",
                "summary": source.publisher,
                "body": source.note,
            },
        )
