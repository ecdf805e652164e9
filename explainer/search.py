"""Full-text search over the loaded library: guide sections, timeline events, myths, glossary terms
and sources. No Django imports here.

`SearchIndex.build(library)` runs once per process (see library.get_search_index) and precomputes
everything a query needs: an inverted index whose postings already hold each document's BM25F
weight for the term, the sorted vocabulary for prefix matching, and for every document the
positions of each term in its title and snippet text. A query is then a handful of dictionary
look-ups and one pass over the matching documents.

Text is compared after NFKC, case folding and removal of accents, so "Róngchéng" is "rongcheng".
Chinese is indexed as single characters and pairs of characters (so 失信 finds 失信被执行人名单),
and every Chinese run also as toneless pinyin, syllable by syllable and joined (so "shixin",
"shi xin", "Rongcheng" and 荣成 all meet).

pypinyin reads the content's Chinese as words while the index is built (银行 is yinhang, not
yinxing), which takes its 40 MB of dictionaries. Queries need only each character's usual reading,
so the index carries a small table of those (`Readings`) and never calls pypinyin. An index can be
saved to a file and loaded by each app worker (`save`, `load`): workers then never import pypinyin
at all, and hold only the finished index, not the garbage of building it.
"""

from __future__ import annotations

import hashlib
import heapq
import importlib.metadata
import math
import os
import pickle
import re
import sys
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

from .content.records import Library
from .content.text import plain_text

MAX_QUERY_LENGTH = 200  # characters: longer is not a search but a paste; the view answers 400
PER_PAGE = 10  # results on one page (as most search engines show); snippets are built only for these
MAX_WORDS = 12  # distinct words of a query that count; more only slow it down and match everything
SNIPPET_WORDS = 25  # words (or Chinese characters) around the best match
PREFIX_MIN = 2  # characters before the last word is also matched as a prefix ("ro" but not "r")
PREFIX_TERMS = 40  # at most this many completions of the last word, the most common first

KINDS = ("Chapter", "Timeline event", "Myth", "Glossary term", "Source")
KIND_NAMES = {  # singular, plural
    "Chapter": ("guide section", "guide sections"),
    "Timeline event": ("timeline event", "timeline events"),
    "Myth": ("myth", "myths"),
    "Glossary term": ("glossary term", "glossary terms"),
    "Source": ("source", "sources"),
}

# BM25F: a match in a title counts for far more than one in the body. Names are the Chinese name,
# pinyin and other names of a thing; context is the chapter a section belongs to.
FIELD_WEIGHTS = {"title": 8.0, "names": 4.0, "summary": 2.0, "context": 1.0, "body": 1.0}
FIELD_B = {"title": 0.5, "names": 0.5, "summary": 0.75, "context": 0.5, "body": 0.75}
K1 = 1.2
PREFIX_WEIGHT = 0.8  # a completion of a half-typed word counts a little less than the word itself
PINYIN_OF_CHINESE_WEIGHT = 0.6  # 荣成 finding "Rongcheng" in English text: likely, not certain
PHRASE_BONUS = 1.5  # the query's words side by side, in order
TITLE_PHRASE_BONUS = 2.0
EXACT_TITLE_BONUS = 2.0

# Dropped from a query that has other words: they are in nearly every document and say nothing.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "for",
        "from",
        "how",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "was",
        "were",
        "what",
        "when",
        "who",
        "why",
        "with",
    ]
)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_TOKEN = re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")  # Chinese runs, or runs of other letters and digits
_LATIN_SYLLABLE = re.compile(r"^[a-z]+$")
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})  # controls, bidi marks, surrogates, unassigned


class Markup(str):
    """HTML that is safe by construction: every piece of text in it was escaped before <mark> was added.

    Django's templates (and Jinja, MarkupSafe) call `__html__` and print it as it is.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return self


# Text normalisation ---------------------------------------------------------------------------


def clean_query(raw: str) -> str:
    """The query as typed, without control characters, bidi marks or lone surrogates, and stripped."""
    text = "".join(ch for ch in raw if unicodedata.category(ch) not in _REMOVED_CATEGORIES)
    return " ".join(text.split())


def normalize(text: str) -> str:
    """NFKC, case folding, accents removed: "Róngchéng" -> "rongcheng", "ＡＢＣ" -> "abc"."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


def fold(word: str) -> str:
    """A plain English plural to its singular ("lists" -> "list", "policies" -> "policy"), the same
    way for the index and the query. Pinyin never ends in s, so it is left alone."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _pinyin(run: str) -> list[str]:
    """Toneless pinyin of a Chinese run read as words, one syllable per character ("" where a
    character has none). For building the index only: this loads pypinyin's phrase dictionaries."""
    from pypinyin import Style, lazy_pinyin

    syllables = [normalize(s) for s in lazy_pinyin(run, style=Style.NORMAL, v_to_u=True, errors="default")]
    if len(syllables) != len(run):  # never seen with pure Chinese runs, but alignment matters below
        syllables = [normalize(lazy_pinyin(ch, style=Style.NORMAL, v_to_u=True)[0]) for ch in run]
    return [s if _LATIN_SYLLABLE.match(s) else "" for s in syllables]


class Readings:
    """The usual toneless reading of every Chinese character, for queries: a 360 KB table in place of
    pypinyin. A query's characters are read one at a time; the Chinese pair itself is matched too,
    so 银行 still finds 银行 although this reads it "yinxing"."""

    FIRST, LAST = 0x3400, 0x2FA1F  # the ranges of _CJK

    __slots__ = ("codes", "syllables")

    def __init__(self, syllables: tuple[str, ...], codes: array):
        self.syllables = syllables  # ("", "a", "ai", ...): 0 is no reading
        self.codes = codes  # codes[ord(ch) - FIRST] is the index of ch's reading in syllables

    @classmethod
    def from_pypinyin(cls) -> Readings:
        """The first reading pypinyin gives each character, as lazy_pinyin(ch, Style.NORMAL) does."""
        from pypinyin.constants import PINYIN_DICT  # code point -> "zhōng,zhòng"

        toneless: dict[str, int] = {"": 0}
        syllable_of: dict[str, int] = {}
        codes = array("H", bytes(2 * (cls.LAST - cls.FIRST + 1)))
        for point, readings in PINYIN_DICT.items():
            if cls.FIRST <= point <= cls.LAST:
                marked = readings.split(",")[0]
                if marked not in syllable_of:
                    plain = normalize(marked)
                    plain = plain if _LATIN_SYLLABLE.match(plain) else ""
                    syllable_of[marked] = toneless.setdefault(plain, len(toneless))
                codes[point - cls.FIRST] = syllable_of[marked]
        return cls(tuple(toneless), codes)

    def __call__(self, run: str) -> list[str]:
        """One syllable per character ("" where a character has none)."""
        out = []
        for ch in run:
            i = ord(ch) - self.FIRST
            out.append(self.syllables[self.codes[i]] if 0 <= i < len(self.codes) else "")
        return out


@lru_cache(maxsize=50_000)
def _word_terms(raw: str) -> tuple[str, ...]:
    """The terms of one written word. NFKC can split it into several ("①" is "1", "㈱" is "(株)")."""
    if raw.isascii():
        return (fold(raw.lower()),)
    return tuple(fold(word) for word in _TOKEN.findall(normalize(raw)))


@dataclass(slots=True)
class _Tokens:
    """One piece of text, tokenised: terms with the character spans they cover in the original."""

    length: int = 0  # positions: words and Chinese characters
    terms: Counter = field(default_factory=Counter)
    spans: dict[str, list[tuple[int, int, int]]] = field(default_factory=lambda: defaultdict(list))
    starts: list[int] = field(default_factory=list)  # character offset where each position starts
    ends: list[int] = field(default_factory=list)
    phrase: list[str] = field(default_factory=list)  # words and Chinese runs, in order
    pinyin: list[str] = field(default_factory=list)  # the syllables of the Chinese runs, in order
    joined: set[str] = field(default_factory=set)  # pinyin of two or more characters, written as one word
    words: set[str] = field(default_factory=set)  # terms written in letters in the text itself


def _tokenize(text: str, *, keep_spans: bool) -> _Tokens:
    from pypinyin.seg.simpleseg import seg

    out = _Tokens()

    def add(term, position, start, end):
        out.terms[term] += 1
        if keep_spans:
            out.spans[term].append((position, start, end))

    for match in _TOKEN.finditer(text):
        start, end, raw = match.start(), match.end(), match.group()
        if _CJK_RUN.fullmatch(raw):
            base = out.length
            syllables = _pinyin(raw)
            for i, ch in enumerate(raw):
                out.starts.append(start + i)
                out.ends.append(start + i + 1)
                add(ch, base + i, start + i, start + i + 1)
                if syllables[i]:
                    add(syllables[i], base + i, start + i, start + i + 1)
                if i + 1 < len(raw):
                    add(raw[i : i + 2], base + i, start + i, start + i + 2)
                    if syllables[i] and syllables[i + 1]:
                        add(syllables[i] + syllables[i + 1], base + i, start + i, start + i + 2)
                        out.joined.add(syllables[i] + syllables[i + 1])
            offset = 0
            for word in seg(raw):  # whole words as pinyin too: 被执行人 -> beizhixingren
                if len(word) > 2 and all(syllables[offset : offset + len(word)]):
                    add(
                        "".join(syllables[offset : offset + len(word)]),
                        base + offset,
                        start + offset,
                        start + offset + len(word),
                    )
                offset += len(word)
            out.length += len(raw)
            out.phrase.append(raw)
            out.pinyin.extend(s for s in syllables if s)
        else:
            for term in _word_terms(raw):
                out.starts.append(start)
                out.ends.append(end)
                out.words.add(term)
                add(term, out.length, start, end)
                out.length += 1
                out.phrase.append(term)
    return out


@dataclass(frozen=True, slots=True)
class _Spans:
    """Where each term occurs in a title or snippet text, for highlighting and for choosing the
    snippet. Every worker keeps one per document, so it is a few flat arrays and no small objects:
    the occurrences of terms[i] are the (position, start, end) triples spans[3*bounds[i]:3*bounds[i+1]]."""

    length: int  # positions: words and Chinese characters
    terms: tuple[str, ...]  # sorted
    bounds: array
    spans: array
    starts: array  # character offset where each position starts
    ends: array

    @classmethod
    def of(cls, tokens: _Tokens) -> _Spans:
        terms = tuple(sorted(tokens.spans))
        bounds, spans = array("i", [0]), array("i")
        for term in terms:
            for span in tokens.spans[term]:
                spans.extend(span)
            bounds.append(len(spans) // 3)
        return cls(
            tokens.length,
            tuple(sys.intern(t) for t in terms),
            bounds,
            spans,
            array("i", tokens.starts),
            array("i", tokens.ends),
        )

    def occurrences(self, term: str) -> list[tuple[int, int, int, str]]:
        """(position, start, end, term) of each occurrence of term."""
        i = bisect_left(self.terms, term)
        if i == len(self.terms) or self.terms[i] != term:
            return []
        flat = self.spans[3 * self.bounds[i] : 3 * self.bounds[i + 1]]
        return [(flat[j], flat[j + 1], flat[j + 2], term) for j in range(0, len(flat), 3)]


# Documents --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Doc:
    kind: str
    title: str
    url: str
    context: str  # shown under the title: a chapter's name, an event's date, a myth's verdict
    snippet_text: str
    title_spans: _Spans
    snippet_spans: _Spans
    title_phrase: str  # " term term " for phrase and exact-title checks
    phrase: str


@dataclass(frozen=True, slots=True)
class _Entry:
    """What the loader hands to the index: display data and the text of each field."""

    kind: str
    title: str
    url: str
    context: str
    snippet_text: str
    fields: dict[str, str]


def _entries(library: Library):
    for chapter in library.chapters:
        if chapter.kind == "references":  # it lists the sources, which are searchable themselves
            continue
        yield from _chapter_entries(chapter)
    for event in library.events:
        body = plain_text(event.html)
        correction = plain_text(event.correction_html)
        yield _Entry(
            kind="Timeline event",
            title=event.title,
            url=event.url,
            context=event.date_label,
            snippet_text=" ".join(part for part in (event.name_zh, body, correction) if part),
            fields={"title": event.title, "names": f"{event.name_zh} {event.issuer}", "body": f"{body} {correction}"},
        )
    for myth in library.myths:
        short = plain_text(myth.short_card_html)
        body = f"{plain_text(myth.evidence_html)} {plain_text(myth.html)}"
        yield _Entry(
            kind="Myth",
            title=myth.claim,
            url=myth.url,
            context=f"Verdict: {myth.verdict_label}",
            snippet_text=f"{short} {body}",
            fields={"title": myth.claim, "summary": short, "body": body},
        )
    for term in library.glossary.values():
        yield _Entry(
            kind="Glossary term",
            title=term.term,
            url=term.anchor,
            context="",  # the snippet opens with the characters and the pinyin
            snippet_text=f"{term.zh} ({term.pinyin}): {term.meaning}",
            fields={"title": term.term, "names": f"{term.zh} {term.pinyin}", "summary": term.meaning},
        )
    for source in library.sources.values():
        parts = (source.author, source.title_zh, f"{source.publisher}, {source.date_label}", source.note)
        yield _Entry(
            kind="Source",
            title=source.title,
            url=source.anchor,
            context=source.author,
            snippet_text=". ".join(part.rstrip(".") for part in parts if part) + ".",
            fields={
                "title": source.title,
                "names": f"{source.title_zh} {source.author}",
                "summary": source.publisher,
                "body": source.note,
            },
        )


def _chapter_entries(chapter):
    """One entry for the opening of a chapter and one for each section, so a result links to its heading."""
    pieces = _HEADING.split(chapter.html)  # [intro, level, id, heading, body, level, id, heading, body, ...]
    intro = plain_text(pieces[0])
    yield _Entry(
        kind="Chapter",
        title=chapter.title,
        url=chapter.url,
        context="Guide",
        snippet_text=f"{chapter.summary} {intro}",
        fields={"title": chapter.title, "summary": chapter.summary, "body": intro},
    )
    for i in range(1, len(pieces) - 3, 4):
        anchor, heading, body = pieces[i + 1], plain_text(pieces[i + 2]), plain_text(pieces[i + 3])
        yield _Entry(
            kind="Chapter",
            title=heading,
            url=f"{chapter.url}#{anchor}",
            context=f"Guide: {chapter.title}",
            snippet_text=body,
            fields={"title": heading, "context": chapter.title, "body": body},
        )


# Results ----------------------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class _Group:
    """One word of the query: the index terms that satisfy it, each with a weight."""

    terms: dict[str, float]


# The index --------------------------------------------------------------------------------------


_NO_POSTINGS = (array("i"), array("d"))


class SearchIndex:
    def __init__(
        self,
        docs: list[_Doc],
        postings: dict[str, tuple[array, array]],
        readings: Readings,
        joined: set[str] = frozenset(),
    ):
        self.docs = docs
        self.postings = postings  # term -> (ids of the documents that hold it, its BM25F weight in each)
        self.readings = readings
        self.vocabulary = sorted(postings)
        # Joined pinyin that never occurs as a written word ("xinzhu" from 信主) is no completion of a
        # half-typed word: "xin" should not light up 信主 in 失信主体. Whole, it still matches.
        self.completable = [term for term in self.vocabulary if term not in joined]
        self.loaded_from: Path | None = None  # the file it came from, or None if built in this process

    @classmethod
    def build(cls, library: Library) -> SearchIndex:
        return cls._build(list(_entries(library)))

    @classmethod
    def _build(cls, entries: list[_Entry]) -> SearchIndex:
        field_tokens = [{name: _tokenize(text, keep_spans=False) for name, text in e.fields.items()} for e in entries]
        average = {}
        for name in FIELD_WEIGHTS:
            lengths = [f[name].length for f in field_tokens if name in f and f[name].length]
            average[name] = sum(lengths) / len(lengths) if lengths else 1.0

        # BM25F: each field's term frequency, weighted and normalised by the field's length, summed.
        weighted: dict[str, dict[int, float]] = defaultdict(dict)
        for doc_id, fields in enumerate(field_tokens):
            for name, tokens in fields.items():
                norm = 1 - FIELD_B[name] + FIELD_B[name] * tokens.length / average[name]
                for term, tf in tokens.terms.items():
                    row = weighted[term]
                    row[doc_id] = row.get(doc_id, 0.0) + FIELD_WEIGHTS[name] * tf / norm
        n = len(entries)
        postings = {}
        for term, row in weighted.items():
            idf = math.log(1 + (n - len(row) + 0.5) / (len(row) + 0.5))
            ids = array("i", row)
            postings[sys.intern(term)] = (ids, array("d", [idf * row[i] / (K1 + row[i]) for i in ids]))

        docs = []
        for entry, fields in zip(entries, field_tokens, strict=True):
            title_tokens = _tokenize(entry.title, keep_spans=True)
            all_phrases = [
                p for name in FIELD_WEIGHTS if name in fields for p in (fields[name].phrase, fields[name].pinyin)
            ]
            docs.append(
                _Doc(
                    kind=entry.kind,
                    title=entry.title,
                    url=entry.url,
                    context=entry.context,
                    snippet_text=entry.snippet_text,
                    title_spans=_Spans.of(title_tokens),
                    snippet_spans=_Spans.of(_tokenize(entry.snippet_text, keep_spans=True)),
                    title_phrase=f" {' '.join(title_tokens.phrase)} ",
                    phrase=" | ".join(f" {' '.join(p)} " for p in all_phrases),
                )
            )
        joined = set().union(*(t.joined for f in field_tokens for t in f.values()))
        joined -= set().union(*(t.words for f in field_tokens for t in f.values()))
        return cls(docs, postings, Readings.from_pypinyin(), joined)

    def __len__(self) -> int:
        return len(self.docs)

    # Saving and loading -------------------------------------------------------------------------

    def save(self, path: Path, library: Library) -> int:
        """Write the index to `path` (atomically) for workers to `load`; returns the file's size."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        with temporary.open("wb") as out:
            out.write(fingerprint(list(_entries(library))).encode() + b"\n")
            pickle.dump(self, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        return path.stat().st_size

    @classmethod
    def load(cls, path: Path, library: Library) -> SearchIndex | None:
        """The index saved in `path` if it was built from this library by this code, else None.

        The file is a pickle: it must be as trusted as the code (it is written by `save`, from
        `manage.py buildsearchindex`, into the project's own directory).
        """
        try:
            with Path(path).open("rb") as saved:
                if saved.readline().strip().decode() != fingerprint(list(_entries(library))):
                    return None
                index = pickle.load(saved)
        except (OSError, EOFError, ValueError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        if not isinstance(index, cls):
            return None
        index.loaded_from = Path(path)
        return index

    def __getstate__(self):
        return (self.docs, self.postings, self.readings, self.vocabulary, self.completable)

    def __setstate__(self, state):
        self.docs, self.postings, self.readings, self.vocabulary, self.completable = state
        self.loaded_from = None

    # Queries ------------------------------------------------------------------------------------

    def _groups(self, query: str) -> tuple[list[_Group], str]:
        """The query's words as groups of index terms, and the phrase to look for."""
        words = _TOKEN.findall(normalize(query))
        groups: list[_Group] = []
        for n, word in enumerate(words):
            last = n == len(words) - 1
            if _CJK_RUN.fullmatch(word):
                if len(word) == 1:
                    groups.append(_Group({word: 1.0}))
                    continue
                syllables = self.readings(word)
                for i in range(len(word) - 1):
                    terms = {word[i : i + 2]: 1.0}
                    if syllables[i] and syllables[i + 1]:
                        terms[syllables[i] + syllables[i + 1]] = PINYIN_OF_CHINESE_WEIGHT
                    groups.append(_Group(terms))
                continue
            if len(words) > 1 and word in STOPWORDS:
                continue
            term = fold(word)
            terms = {term: 1.0}
            if last and len(word) >= PREFIX_MIN:
                terms.update(dict.fromkeys(self._completions(word, term), PREFIX_WEIGHT))
                terms[term] = 1.0
            groups.append(_Group(terms))
        groups = list({tuple(sorted(g.terms)): g for g in groups}.values())[:MAX_WORDS]
        phrase = " ".join(fold(w) if not _CJK_RUN.fullmatch(w) else w for w in words)
        return groups, phrase

    def _completions(self, *prefixes: str) -> list[str]:
        found = set()
        for prefix in set(prefixes):
            i = bisect_left(self.completable, prefix)
            while i < len(self.completable) and self.completable[i].startswith(prefix):
                found.add(self.completable[i])
                i += 1
        if len(found) > PREFIX_TERMS:
            found = heapq.nlargest(PREFIX_TERMS, found, key=lambda t: (len(self.postings[t][0]), t))
        return list(found)

    def search(self, query: str, *, limit: int = PER_PAGE, offset: int = 0) -> Results:
        """Ranked results for `query`: documents with every word first; if there are none, those with some.

        Never raises on any text; the query is cleaned and cut to MAX_QUERY_LENGTH characters.
        """
        query = clean_query(query)[:MAX_QUERY_LENGTH]
        groups, phrase = self._groups(query)
        if not groups:
            return Results(query=query)
        weights = {
            term: dict(zip(*self.postings.get(term, _NO_POSTINGS), strict=True)) for g in groups for term in g.terms
        }
        matches = []
        for group in groups:
            found = set()
            for term in group.terms:
                found.update(weights[term])
            matches.append(found)
        candidates = set.intersection(*matches)
        matched_all = bool(candidates) or len(groups) == 1
        if not candidates:
            candidates = set.union(*matches)

        rows = [(term, weight, weights[term]) for group in groups for term, weight in group.terms.items()]
        bounds = [len(group.terms) for group in groups]
        scored = []
        for doc_id in candidates:
            score = 0.0
            covered = 0
            i = 0
            for size in bounds:
                best = 0.0
                for _, weight, postings in rows[i : i + size]:
                    value = postings.get(doc_id, 0.0) * weight
                    if value > best:
                        best = value
                i += size
                score += best
                covered += best > 0
            score *= covered / len(groups)  # the OR fallback: more of the words, higher
            score *= self._phrase_bonus(self.docs[doc_id], phrase, len(groups))
            scored.append((score, doc_id))
        scored.sort(key=lambda pair: (-pair[0], KINDS.index(self.docs[pair[1]].kind), self.docs[pair[1]].title))

        highlight = {term for group in groups for term in group.terms}
        offset = max(0, offset)
        page = scored[offset : offset + max(0, limit)]
        results = tuple(self._result(self.docs[doc_id], score, highlight) for score, doc_id in page)
        kinds = Counter(self.docs[doc_id].kind for _, doc_id in scored)
        return Results(
            query=query,
            results=results,
            total=len(scored),
            matched_all=matched_all,
            offset=offset,
            by_kind=tuple((kind, kinds[kind]) for kind in KINDS if kinds[kind]),
        )

    @staticmethod
    def _phrase_bonus(doc: _Doc, phrase: str, words: int) -> float:
        if not phrase:
            return 1.0
        bonus = 1.0
        padded = f" {phrase} "
        if doc.title_phrase == padded:
            bonus *= EXACT_TITLE_BONUS
        if words > 1 or _CJK_RUN.search(phrase):
            # A Chinese run sits inside longer runs; Latin words must be whole (the last may be half-typed).
            needle = phrase if _CJK_RUN.search(phrase) else f" {phrase}"
            if needle in doc.title_phrase:
                bonus *= TITLE_PHRASE_BONUS
            elif needle in doc.phrase:
                bonus *= PHRASE_BONUS
        return bonus

    def _result(self, doc: _Doc, score: float, highlight: set[str]) -> Result:
        return Result(
            kind=doc.kind,
            title=doc.title,
            url=doc.url,
            context=doc.context,
            snippet=_snippet(doc.snippet_text, doc.snippet_spans, highlight),
            title_html=_marked(doc.title, _spans(doc.title_spans, highlight)),
            score=round(score, 4),
        )


# Snippets and highlighting ----------------------------------------------------------------------


def _spans(tokens: _Spans, highlight: set[str]) -> list[tuple[int, int, int, str]]:
    """(position, start, end, term) of every match, in text order."""
    found = []
    for term in highlight:
        found += tokens.occurrences(term)
    found.sort()
    return found


def _marked(text: str, spans, start: int = 0, end: int | None = None) -> Markup:
    """text[start:end], escaped, with the spans wrapped in <mark>. Overlapping spans are merged."""
    end = len(text) if end is None else end
    merged: list[list[int]] = []
    for _, a, b, _ in spans:  # in text order already
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, cursor = [], start
    for a, b in merged:
        out.append(_escaped(text[cursor:a]))
        out.append(f"<mark>{_escaped(text[a:b])}</mark>")
        cursor = b
    out.append(_escaped(text[cursor:end]))
    return Markup("".join(out))


def _escaped(text: str) -> str:
    """Escaped, with Chinese marked as such so screen readers pronounce it (escaping leaves it intact)."""
    return _CJK_RUN.sub(r'<span lang="zh-Hans">\g<0></span>', escape(text))


def _snippet(text: str, tokens: _Spans, highlight: set[str]) -> Markup:
    """About SNIPPET_WORDS words around the densest cluster of matches, escaped and highlighted."""
    if not tokens.length:
        return Markup(escape(text))
    spans = _spans(tokens, highlight)
    first = 0
    if spans:
        # Slide a window over the matches: the one holding the most distinct terms wins, the earliest
        # on a tie. It starts a few words before its first match, so the match has some context.
        lead = 4
        seen: Counter = Counter()
        best, left = -1, 0
        for p, _, _, term in spans:
            seen[term] += 1
            while p - spans[left][0] >= SNIPPET_WORDS - lead:
                seen[spans[left][3]] -= 1
                if not seen[spans[left][3]]:
                    del seen[spans[left][3]]
                left += 1
            if len(seen) > best:
                best, first = len(seen), max(0, spans[left][0] - lead)
    last = min(tokens.length, first + SNIPPET_WORDS) - 1
    start_char = 0 if first == 0 else tokens.starts[first]
    end_char = len(text) if last == tokens.length - 1 else tokens.ends[last]
    body = _marked(text, [s for s in spans if first <= s[0] <= last], start_char, end_char)
    return Markup(("…" if start_char else "") + body + ("…" if end_char < len(text) else ""))


def fingerprint(entries: list[_Entry]) -> str:
    """What a saved index depends on: the text it indexes, this module's code, pypinyin's version,
    the Unicode tables and the Python that pickled it. Any change and the file is not used."""
    digest = hashlib.sha256()
    versions = (Path(__file__).read_bytes().hex(), importlib.metadata.version("pypinyin"), unicodedata.unidata_version)
    digest.update(repr((versions, sys.version_info[:2], [astuple(entry) for entry in entries])).encode())
    return digest.hexdigest()


def unload_pypinyin() -> bool:
    """Forget pypinyin (40 MB and more per process) once an index is built: queries do not use it.

    Nothing outside the building functions holds a reference to it, so its modules and dictionaries
    are freed; it is imported afresh if an index is ever built again.
    """
    import gc

    names = [name for name in sys.modules if name == "pypinyin" or name.startswith("pypinyin.")]
    for name in names:
        del sys.modules[name]
    _word_terms.cache_clear()
    gc.collect()
    try:  # glibc keeps freed memory for reuse; give it back so the worker's footprint shrinks too
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    return bool(names)
