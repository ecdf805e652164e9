"""The plain, immutable records that content files are loaded into."""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

from . import pinpoint

if TYPE_CHECKING:
    from .documents import Document

WORDS_PER_MINUTE = 220  # a common estimate for reading non-fiction on screen

# The site's pages that readers rate, cite and link to, named by the first part of their address
# (/guide/…, /timeline/…, /myths/…). Each record says which it is in its `section`.
PAGE_KINDS = {"guide": "Guide chapter", "timeline": "Timeline event", "myths": "Fact check"}


@dataclass(frozen=True, slots=True)
class ContentError:
    """One problem in one content file. `code` is stable so tests and editors can grep for it."""

    code: str
    path: Path
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.field}: {self.message}"


def date_label(value: str) -> str:
    """ "2014-06-14" -> "14 June 2014", "2014-06" -> "June 2014"; a year or "n.d." as it is."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = calendar.month_name[int(parts[1])]  # English under the default C locale
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


# What kind of evidence a source is, with its label for readers; about.html#sources-kinds explains them.
SOURCE_KINDS = {
    "law": "Official text",  # a law, regulation, court interpretation or policy document on an official site
    "translation": "Translation",  # a reputable translation or annotated text
    "scholarship": "Research",  # peer-reviewed work, academic books, think-tank reports
    "press": "News",  # established news organisations
    "other": "Other",  # blogs, company pages, aggregators, mirrors, Wikipedia
}
# What a source is about, for the filter on /sources/: slug -> label.
TOPICS = {
    "history": "Origins, 1990s to 2013",
    "plans-and-law": "Plans, opinions and the draft law",
    "courts": "The court defaulter list",
    "travel": "Flight and train bans",
    "companies": "Companies, regulators and tax",
    "repair": "Credit repair",
    "credit-reporting": "Credit reporting and commercial scores",
    "local": "Local schemes and pilot cities",
    "technology": "Data, platforms and surveillance",
    "reception": "Debate and reporting abroad",
}


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    author: str
    title: str
    publisher: str
    date: str  # "YYYY", "YYYY-MM", "YYYY-MM-DD" or "n.d.": sources are often dated only to a month
    url: str
    accessed: date
    title_zh: str = ""
    note: str = ""  # for readers, shown with the entry
    kind: str = ""  # one of SOURCE_KINDS
    topics: tuple[str, ...] = ()
    editor_note: str = ""  # for editors only: never rendered

    @property
    def anchor(self) -> str:
        return f"/sources/#{self.key}"

    @property
    def url_path(self) -> str:
        return f"/sources/{self.key}/"

    @property
    def kind_label(self) -> str:
        return SOURCE_KINDS.get(self.kind, "")

    @property
    def date_label(self) -> str:
        return date_label(self.date)

    @property
    def year(self) -> str:
        """ "2014" for any date in 2014; empty when the source is undated, for "Author (2014)"."""
        return "" if self.date == "n.d." else self.date[:4]


@dataclass(frozen=True, slots=True)
class Term:
    slug: str
    term: str
    zh: str
    pinyin: str
    meaning: str
    sources: tuple[str, ...]
    explained_in: str = ""  # optional: the guide section that explains the term, if not the computed one
    related: tuple[str, ...] = ()  # optional: timeline events and myths to list instead of the computed ones

    @property
    def anchor(self) -> str:
        return f"/glossary/#{self.slug}"


@dataclass(frozen=True, slots=True)
class Heading:
    id: str
    title: str
    level: int


@dataclass(frozen=True, slots=True)
class Chapter:
    slug: str
    title: str
    order: int
    summary: str
    reviewed: date
    kind: str  # "chapter" or "references"
    html: str
    toc: tuple[Heading, ...]
    citations: tuple[str, ...]  # source keys in order of first citation: the footnote numbers
    citation_uses: tuple[int, ...]  # how often each of those keys is cited, for the back links
    terms: tuple[str, ...]
    words: int
    path: Path
    citation_pinpoints: tuple[tuple[str, ...], ...] = ()  # each cited key's pinpoints ("art. 3"), in order
    section: ClassVar[str] = "guide"

    @property
    def url(self) -> str:
        return f"/guide/{self.slug}/"

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


THEMES = {
    "finance": "Finance and credit reporting",
    "courts": "Courts and enforcement",
    "companies": "Corporate regulation",
    "cities": "City pilots",
    "law": "Law and policy",
    "platforms": "Private platforms",
}
# Who issued an event, for the size of its mark on the time axis: the first-named (leading) issuer decides.
LEVELS = {
    "central": "Party Central Committee, State Council, National People's Congress or Supreme People's Court",
    "ministry": "a ministry or national agency (such as the NDRC, the central bank, SAMR or the tax administration)",
    "local": "a provincial, city or county body",
    "other": "a company, research group or other body outside government",
}
PRECISIONS = {1: "year", 2: "month", 3: "day"}  # by the number of parts in "YYYY-MM-DD"


@dataclass(frozen=True, slots=True)
class Era:
    slug: str
    title: str
    start: int
    end: int
    html: str  # the introduction, rendered
    since: bool = False  # after the story's end (the 2022 draft law): shown apart, as what happened since

    @property
    def years(self) -> str:
        return f"{self.start}–{self.end}"


@dataclass(frozen=True, slots=True)
class Event:
    slug: str
    title: str
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": the string's length is the date's precision
    issuer: str
    themes: tuple[str, ...]
    sources: tuple[str, ...]
    related: tuple[str, ...]
    html: str
    correction_html: str
    citations: tuple[str, ...]  # body and correction citations in order of first use
    citation_uses: tuple[int, ...]
    terms: tuple[str, ...]
    path: Path
    date_note: str = ""
    name_zh: str = ""
    reviewed: date | None = None  # required in the files; optional here for records built in tests
    citation_pinpoints: tuple[tuple[str, ...], ...] = ()
    published: date | None = None  # when it was added to the site, if recorded
    level: str = ""  # a key of LEVELS; required in the files, optional here for records built in tests
    section: ClassVar[str] = "timeline"

    @property
    def url(self) -> str:
        return f"/timeline/{self.slug}/"

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def precision(self) -> str:
        return PRECISIONS[len(self.date.split("-"))]

    @property
    def date_label(self) -> str:
        return date_label(self.date)

    @property
    def references(self) -> tuple[str, ...]:
        """Cited keys first (their numbers), then listed sources the text does not cite."""
        return self.citations + tuple(k for k in self.sources if k not in self.citations)


# The fact-checkers' scale: label, and a rating for ClaimReview markup (1 = false ... 5 = true).
# Myth topics: the /myths/ filter. A fixed list, so a typo in a myth file is an error, not a new topic.
MYTH_TOPICS = {
    "scores": "Scores",
    "travel": "Travel bans",
    "courts": "Courts and blacklists",
    "companies": "Companies",
    "private-credit": "Bank credit and private scores",
    "local": "Local schemes",
    "surveillance": "Surveillance and control",
    "repair": "Credit repair",
    "law": "Law and who runs it",
    "history": "History",
    "opinion": "Public opinion",
}

# The quiz asks three answers of claims rated on five levels: a claim rated true is "True", one rated
# false is "False", and the three levels in between are "It's more complicated".
QUIZ_ANSWERS = {"true": "True", "false": "False", "complicated": "It’s more complicated"}
QUIZ_KEY = {
    "true": "true",
    "false": "false",
    "misleading": "complicated",
    "partly-true": "complicated",
    "outdated": "complicated",
}

VERDICTS = {
    "false": ("False", 1),
    "misleading": ("Misleading", 2),
    "outdated": ("Outdated", 2),
    "partly-true": ("Partly true", 3),
    "true": ("True", 5),
}


@dataclass(frozen=True, slots=True)
class Myth:
    slug: str
    claim: str
    verdict: str
    quiz_answer: bool
    evidence_html: str
    short_html: str  # numbered with the page's reference list
    short_card_html: str  # the same words with citations pointing at /sources/, for cards and the quiz
    html: str  # the explanation
    citations: tuple[str, ...]
    citation_uses: tuple[int, ...]
    terms: tuple[str, ...]
    related: tuple[str, ...]
    published: date
    reviewed: date
    path: Path
    citation_pinpoints: tuple[tuple[str, ...], ...] = ()
    topics: tuple[str, ...] = ()  # slugs of MYTH_TOPICS
    rank: int = 0  # position on /myths/: the most common claims first
    section: ClassVar[str] = "myths"

    @property
    def url(self) -> str:
        return f"/myths/{self.slug}/"

    @property
    def verdict_label(self) -> str:
        return VERDICTS[self.verdict][0]

    @property
    def rating(self) -> int:
        return VERDICTS[self.verdict][1]

    @property
    def quiz_key(self) -> str:
        """The right quiz answer: "true", "false" or "complicated" (QUIZ_KEY)."""
        return QUIZ_KEY[self.verdict]

    @property
    def topic_labels(self) -> tuple[tuple[str, str], ...]:
        return tuple((slug, MYTH_TOPICS[slug]) for slug in self.topics if slug in MYTH_TOPICS)


@dataclass(frozen=True, slots=True)
class Correction:
    slug: str  # the file name; the anchor on /corrections/
    date: date
    page: str  # the site path that changed, with an anchor when one section did
    summary: str
    said: str  # plain text
    says: str
    why_html: str
    citations: tuple[str, ...]
    path: Path

    @property
    def url(self) -> str:
        return f"/corrections/#{self.slug}"

    @property
    def page_url(self) -> str:
        return self.page.partition("#")[0]


@dataclass(frozen=True, slots=True)
class Link:
    kind: str  # "Guide" or "Timeline"
    path: str
    title: str


@dataclass(frozen=True)
class Library:
    """Everything in content/, loaded once. `problems` lists what the checks report."""

    chapters: tuple[Chapter, ...] = ()
    sources: Mapping[str, Source] = field(default_factory=lambda: MappingProxyType({}))
    glossary: Mapping[str, Term] = field(default_factory=lambda: MappingProxyType({}))
    events: tuple[Event, ...] = ()  # in date order
    eras: tuple[Era, ...] = ()
    myths: tuple[Myth, ...] = ()
    corrections: tuple[Correction, ...] = ()  # newest first
    documents: Mapping[str, Document] = field(default_factory=lambda: MappingProxyType({}))  # by citation key
    problems: tuple[ContentError, ...] = ()

    def chapter(self, slug: str) -> Chapter | None:
        return next((c for c in self.chapters if c.slug == slug), None)

    def neighbours(self, chapter: Chapter) -> tuple[Chapter | None, Chapter | None]:
        i = self.chapters.index(chapter)
        before = self.chapters[i - 1] if i > 0 else None
        after = self.chapters[i + 1] if i + 1 < len(self.chapters) else None
        return before, after

    def document(self, key: str) -> Document | None:
        """The document page a citation of `key` leads to: its own, or the one it translates."""
        return self.documents.get(key)

    def pinpoint_url(self, key: str, pin: str) -> str | None:
        return pinpoint.article_url(self.documents, key, pin)

    def event(self, slug: str) -> Event | None:
        return next((e for e in self.events if e.slug == slug), None)

    def myth(self, slug: str) -> Myth | None:
        return next((m for m in self.myths if m.slug == slug), None)

    def page(self, section: str, slug: str) -> Chapter | Event | Myth | None:
        """The chapter, event or myth at /<section>/<slug>/ (section as in PAGE_KINDS)."""
        find = {"guide": self.chapter, "timeline": self.event, "myths": self.myth}.get(section)
        return find(slug) if find else None

    def link(self, path: str) -> Link:
        """A link to a guide section, timeline event, fact check or glossary term, named as readers see it."""
        page, _, anchor = path.partition("#")
        if event := next((e for e in self.events if e.url == page), None):
            return Link("Timeline", path, f"{event.title} ({event.date_label})")
        if chapter := next((c for c in self.chapters if c.url == page), None):
            heading = next((h.title for h in chapter.toc if h.id == anchor), None)
            return Link("Guide", path, f"{chapter.title}: {heading}" if heading else chapter.title)
        if myth := next((m for m in self.myths if m.url == page), None):
            return Link("Fact check", path, f"“{myth.claim}”")
        if page == "/map/":  # the one non-content page that events link to in `related`
            return Link("Map", path, "Where it was tried: pilot and demonstration cities")
        if page == "/glossary/" and anchor in self.glossary:
            return Link("Glossary", path, self.glossary[anchor].term)
        return Link("", path, path)  # the content checks report broken links; never reached in a clean build

    def myths_linking(self, url: str) -> tuple[Myth, ...]:
        """Myths that list `url` (a page, with or without an anchor) among their related links."""
        return tuple(m for m in self.myths if any(path.partition("#")[0] == url for path in m.related))

    def corrections_for(self, url: str) -> tuple[Correction, ...]:
        """Corrections made to the page at `url` (any of its sections), newest first."""
        return tuple(c for c in self.corrections if c.page_url == url)

    def era_of(self, event: Event) -> Era | None:
        return next((era for era in self.eras if era.start <= event.year <= era.end), None)

    def citing_chapters(self, key: str) -> tuple[Chapter, ...]:
        return tuple(c for c in self.chapters if key in c.citations)

    def citing_events(self, key: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events if key in e.references)

    def citing_myths(self, key: str) -> tuple[Myth, ...]:
        return tuple(m for m in self.myths if key in m.citations)

    def cited_keys(self) -> tuple[str, ...]:
        """Every source key the guide cites, in order of first appearance."""
        return tuple(dict.fromkeys(k for c in self.chapters for k in c.citations))
