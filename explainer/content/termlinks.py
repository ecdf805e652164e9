"""Where each glossary term is explained and discussed: the guide section, timeline events and myths.

Computed from the content: a page discusses a term when it links it with `[[slug]]`. The guide
section that explains a term is one whose heading names it, else the one that links or names the
term most often, earlier sections winning ties (summary chapters such as the FAQ are left out). A glossary entry
may name the section itself (`explained_in`) and its events and myths (`related`). No Django here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .records import Chapter, Event, Library, Myth, Term

MAX_EVENTS = 3  # per term: enough to lead on, few enough to keep the glossary short
MAX_MYTHS = 3
# Chapters that summarise the rest or list references: a term is explained elsewhere.
SUMMARY_CHAPTERS = frozenset({"key-points", "faq", "references"})

_HEADING = re.compile(r'<h([23])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TERM_LINK = re.compile(r'href="/glossary/#([a-z0-9-]+)"')
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Section:
    path: str  # "/guide/companies/#repair"
    title: str  # "Companies: Credit repair"


@dataclass(frozen=True, slots=True)
class TermLinks:
    section: Section | None
    events: tuple[Event, ...]
    myths: tuple[Myth, ...]

    def __bool__(self) -> bool:
        return bool(self.section or self.events or self.myths)


@dataclass(frozen=True, slots=True)
class _Part:
    chapter: Chapter
    anchor: str
    heading: str
    html: str


def _parts(chapter: Chapter) -> list[_Part]:
    """The chapter cut at its h2/h3 headings; text before the first heading belongs to the chapter top."""
    parts, start, anchor, heading = [], 0, "", ""
    for match in _HEADING.finditer(chapter.html):
        parts.append(_Part(chapter, anchor, heading, chapter.html[start : match.start()]))
        start, anchor, heading = match.end(), match.group(2), html.unescape(_TAGS.sub("", match.group(3))).strip()
    parts.append(_Part(chapter, anchor, heading, chapter.html[start:]))
    return parts


def _mentions(text: str, name: str) -> int:
    """Plain mentions of a term's name in a part's text (the tooltips excluded)."""
    plain = html.unescape(_TAGS.sub(" ", re.sub(r'<span class="term-tip".*?</span></span>', "", text, flags=re.S)))
    return len(re.findall(rf"\b{re.escape(name)}", plain, flags=re.I))


def _names(term: Term) -> tuple[str, ...]:
    """How a heading may name the term: its name, or its slug when that is one word ("ndrc")."""
    return (term.term.casefold(),) if "-" in term.slug else (term.term.casefold(), term.slug)


def _section(term: Term, parts: list[_Part]) -> Section | None:
    best, best_score = None, None
    for order, part in enumerate(parts):
        named = any(name in part.heading.casefold() for name in _names(term))
        links = _TERM_LINK.findall(part.html).count(term.slug)
        if not (links or named):
            continue
        score = (named, links + _mentions(part.html, term.term), -order)
        if best_score is None or score > best_score:
            best, best_score = part, score
    if best is None:
        return None
    return _make_section(best.chapter, best.anchor, best.heading)


def _make_section(chapter: Chapter, anchor: str, heading: str) -> Section:
    if not anchor:
        return Section(chapter.url, chapter.title)
    return Section(f"{chapter.url}#{anchor}", f"{chapter.title}: {heading}")


def _named_section(path: str, library: Library) -> Section | None:
    """The section an `explained_in` path names, with its title; None if it names no chapter or heading."""
    page, _, anchor = path.partition("#")
    chapter = next((c for c in library.chapters if c.url == page), None)
    if chapter is None:
        return None
    if not anchor:
        return _make_section(chapter, "", "")
    part = next((p for p in _parts(chapter) if p.anchor == anchor), None)
    return _make_section(chapter, anchor, part.heading) if part else None


def _ranked(records, term: Term, text_of) -> list:
    """Records that link the term: those that name it in their title or claim first, then by use."""
    name = term.term.casefold()
    found = [r for r in records if term.slug in r.terms]
    return sorted(found, key=lambda r: (name not in text_of(r).casefold(), -r.terms.count(term.slug)))


def term_links(library: Library) -> dict[str, TermLinks]:
    """{slug: TermLinks} for every glossary term."""
    parts = [p for c in library.chapters if c.slug not in SUMMARY_CHAPTERS and c.kind == "chapter" for p in _parts(c)]
    events = {e.url: e for e in library.events}
    myths = {m.url: m for m in library.myths}
    links = {}
    for term in library.glossary.values():
        section = _named_section(term.explained_in, library) if term.explained_in else _section(term, parts)
        if term.related:
            found_events = tuple(events[p] for p in term.related if p in events)
            found_myths = tuple(myths[p] for p in term.related if p in myths)
        else:
            found_events = tuple(_ranked(library.events, term, lambda e: e.title)[:MAX_EVENTS])
            found_myths = tuple(_ranked(library.myths, term, lambda m: m.claim)[:MAX_MYTHS])
        links[term.slug] = TermLinks(section, found_events, found_myths)
    return links


def problems(library: Library) -> list[tuple[str, str, str]]:
    """(slug, field, message) for overrides that name no guide section, event or myth."""
    events = {e.url for e in library.events}
    myths = {m.url for m in library.myths}
    found = []
    for term in library.glossary.values():
        if term.explained_in and _named_section(term.explained_in, library) is None:
            found.append((term.slug, "explained_in", f"no guide chapter or heading at '{term.explained_in}'"))
        for path in term.related:
            if path not in events and path not in myths:
                found.append((term.slug, "related", f"'{path}' is not a timeline event or myth"))
    return found
