"""The search index: built once per process from the library, then queried by every search.

`SearchIndex.build(library)` runs once per process (see library.get_search_index) and precomputes
everything a query needs: an inverted index whose postings already hold each document's BM25F
weight for the term, the sorted vocabulary for prefix matching, and for every document the
positions of each term in its title and snippet text. A query is then a handful of dictionary
look-ups and one pass over the matching documents.

Queries are questions as often as keywords: question and stop words are left out (tokens.STOPWORDS),
words very common in the content need not all be present, a title held whole in the question or
covering most of its words counts for more, and `_answer` picks the card shown above the results.
How well this works is measured by relevance.py against tests/data/search_questions.toml.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..content.records import Library
from . import documents, storage
from .documents import Doc, Entry
from .results import KINDS, Answer, Result, Results
from .snippets import Markup, marked, matches, snippet
from .tokens import CJK, STOPWORDS, TOKEN, Readings, Tokens, clean_query, fold, normalize, tokenize

MAX_QUERY_LENGTH = 200  # characters: longer is not a search but a paste; the view answers 400
PER_PAGE = 10  # results on one page (as most search engines show); snippets are built only for these
MAX_WORDS = 12  # distinct words of a query that count; more only slow it down and match everything
PREFIX_MIN = 2  # characters before the last word is also matched as a prefix ("ro" but not "r")
PREFIX_TERMS = 40  # at most this many completions of the last word, the most common first

# BM25F: a match in a title counts for far more than one in the body (the fields: documents.FIELDS).
# An event's year counts as much as its title: "2014" is first of all the events of 2014.
FIELD_WEIGHTS = {"title": 8.0, "names": 4.0, "date": 8.0, "summary": 2.0, "context": 1.0, "body": 1.0}
FIELD_B = {"title": 0.5, "names": 0.5, "date": 0.0, "summary": 0.75, "context": 0.5, "body": 0.75}
K1 = 1.2
# A bibliography entry that mentions a term rarely answers the question itself: it counts for a little less
# than a section, event, fact check or glossary entry with the same match.
KIND_PRIOR = {"Source": 0.35}
PREFIX_WEIGHT = 0.8  # a completion of a half-typed word counts a little less than the word itself
PINYIN_OF_CHINESE_WEIGHT = 0.6  # 荣成 finding "Rongcheng" in English text: likely, not certain
PHRASE_BONUS = 1.5  # the query's words side by side, in order
TITLE_PHRASE_BONUS = 2.0
EXACT_TITLE_BONUS = 2.0
# The whole title within a longer question ("Is Sesame Credit part of it?"): up to this, by the share of
# the question's words the title holds.
TITLE_IN_QUERY_BONUS = 1.8
# The best RESCORED documents gain up to TITLE_COVER_BONUS by the share of the query's words in their
# title: the fact check "Sesame Credit is the Chinese government's social credit score" answers "Is
# Sesame Credit the government score?" better than the glossary entry "Sesame Credit".
TITLE_COVER_BONUS = 1.5
RESCORED = 30
# A word in more than this share of the documents ("social", "credit", "system") still adds to the
# score but does not have to be present: "Is Sesame Credit part of the social credit system?" is
# answered by "Is Sesame Credit part of it?".
COMMON_SHARE = 0.2
# Words readers ask with that the content says otherwise: the content's word counts a little less.
SYNONYMS = {
    fold(word): tuple(fold(other) for other in others)
    for word, others in {
        "appeal": ("objection", "challenge", "correction"),
        "privacy": ("surveillance", "data"),
        "exit": ("leaving",),
        "ban": ("bar", "restriction"),
    }.items()
}
SYNONYM_WEIGHT = 0.7

# The answer card: kinds that answer a question, the share of its words the title must hold, its length.
ANSWER_LABELS = {"Myth": "Fact check", "Glossary term": "Glossary"}
FAQ_URL = "/guide/faq/#"
ANSWER_COVER = 0.6
ANSWER_AMONG = 3  # the card may be the second or third result if it scores nearly as high as the first
ANSWER_SCORE_SHARE = 0.75
ANSWER_WORDS = 45
YEAR_WORDS = frozenset(["year", "timeline", "event", "events", "happened", "happen"])
_YEAR = re.compile(r"(19[89]\d|20\d\d)")

_NO_POSTINGS = (array("i"), array("d"))
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
# Compiled here, not imported from tokens: CPython 3.13 calls a method of a name bound by an import
# through a slower attribute look-up, and this runs for every candidate of every query.
_CJK_RUN = re.compile(f"[{CJK}]+")


@dataclass(frozen=True, slots=True)
class Group:
    """One word of the query: the index terms that satisfy it, each with a weight."""

    terms: dict[str, float]


class SearchIndex:
    def __init__(
        self,
        docs: list[Doc],
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
        return cls._build(list(documents.entries(library)))

    @classmethod
    def _build(cls, entries: list[Entry]) -> SearchIndex:
        field_tokens = [{name: tokenize(text, keep_spans=False) for name, text in e.fields.items()} for e in entries]
        postings = _postings(field_tokens, [KIND_PRIOR.get(e.kind, 1.0) for e in entries])
        docs = [Doc.of(entry, fields) for entry, fields in zip(entries, field_tokens, strict=True)]
        joined = set().union(*(t.joined for f in field_tokens for t in f.values()))
        joined -= set().union(*(t.words for f in field_tokens for t in f.values()))
        return cls(docs, postings, Readings.from_pypinyin(), joined)

    def __len__(self) -> int:
        return len(self.docs)

    # Saving and loading (see storage.py) --------------------------------------------------------

    def save(self, path: Path, library: Library) -> int:
        """Write the index to `path` (atomically) for workers to `load`; returns the file's size."""
        return storage.save(self, path, library)

    @classmethod
    def load(cls, path: Path, library: Library) -> SearchIndex | None:
        """The index saved in `path` if it was built from this library by this code, else None."""
        return storage.load(path, library, cls)

    def __getstate__(self):
        return (self.docs, self.postings, self.readings, self.vocabulary, self.completable)

    def __setstate__(self, state):
        self.docs, self.postings, self.readings, self.vocabulary, self.completable = state
        self.loaded_from = None

    # Queries ------------------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = PER_PAGE, offset: int = 0) -> Results:
        """Ranked results for `query`: documents with every word first; if there are none, those with some.

        Never raises on any text; the query is cleaned and cut to MAX_QUERY_LENGTH characters.
        """
        query = clean_query(query)[:MAX_QUERY_LENGTH]
        groups, phrase = self._groups(query)
        if not groups:
            words = TOKEN.findall(normalize(query))
            return Results(query=query, only_common_words=len(words) > 1 and all(w in STOPWORDS for w in words))
        weights = {
            term: dict(zip(*self.postings.get(term, _NO_POSTINGS), strict=True)) for g in groups for term in g.terms
        }
        candidates, matched_all = _candidates(groups, weights, len(self.docs) * COMMON_SHARE)
        scored = self._ranked(candidates, groups, weights, phrase)
        highlight = {term for group in groups for term in group.terms}
        offset = max(0, offset)
        page = scored[offset : offset + max(0, limit)]
        kinds = Counter(self.docs[doc_id].kind for _, doc_id in scored)
        return Results(
            query=query,
            results=tuple(self._result(self.docs[doc_id], score, highlight) for score, doc_id in page),
            total=len(scored),
            matched_all=matched_all,
            offset=offset,
            by_kind=tuple((kind, kinds[kind]) for kind in KINDS if kinds[kind]),
            answer=self._answer(query, scored, groups) if offset == 0 and matched_all else None,
        )

    def _answer(self, query: str, scored: list[tuple[float, int]], groups: list[Group]) -> Answer | None:
        """The card for a question that clearly matches one thing: a year of the timeline, or a fact
        check, FAQ entry or glossary term whose title holds most of the question's words and which
        ranks first or nearly so."""
        words = [w for w in TOKEN.findall(normalize(query)) if w not in STOPWORDS and w not in YEAR_WORDS]
        if len(words) == 1 and _YEAR.fullmatch(words[0]):
            year = words[0]
            # in date order: the library keeps its events in date order, and document ids follow it
            ids = sorted(doc_id for _, doc_id in scored if self.docs[doc_id].kind == "Timeline event")
            events = [self.docs[doc_id] for doc_id in ids if re.search(rf"\b{year}$", self.docs[doc_id].context)]
            if not events:
                return None
            return Answer(
                label="Timeline",
                title=f"{year} on the timeline",
                # the list item of the year's first event: the timeline opens at that year
                url=f"/timeline/#ev-{events[0].url.strip('/').rsplit('/', 1)[-1]}",
                context="",
                text=Markup(f"{len(events)} event{'s' if len(events) != 1 else ''} of {year}:"),
                events=tuple((doc.title, doc.url, doc.context) for doc in events),
            )
        for score, doc_id in scored[:ANSWER_AMONG]:
            doc = self.docs[doc_id]
            label = ANSWER_LABELS.get(doc.kind) or ("FAQ" if doc.url.startswith(FAQ_URL) else None)
            if label is None or score < ANSWER_SCORE_SHARE * scored[0][0]:
                continue
            if self._title_cover(doc_id, groups) >= 1 + (TITLE_COVER_BONUS - 1) * ANSWER_COVER**2:
                break
        else:
            return None
        return Answer(
            label=label,
            title=doc.title,
            url=doc.url,
            context=doc.context,
            text=snippet(doc.snippet_text, doc.snippet_spans, set(), words=ANSWER_WORDS),
        )

    def _groups(self, query: str) -> tuple[list[Group], str]:
        """The query's words as groups of index terms, and the phrase to look for.

        Stop words ("what", "can", "my"...) are left out when the query has other words. A query of
        stop words only is searched as it is if it is one word, and otherwise finds nothing (the
        view then says why: see `only_common_words`)."""
        words = TOKEN.findall(normalize(query))
        content = [w for w in words if _CJK_RUN.fullmatch(w) or w not in STOPWORDS]
        if not content and len(words) == 1:  # a stop word alone is still a search
            content = words
        groups: list[Group] = []
        for n, word in enumerate(content):
            if _CJK_RUN.fullmatch(word):
                groups += self._chinese_groups(word)
            else:
                groups.append(self._word_group(word, last=n == len(content) - 1 and word == words[-1]))
        groups = list({tuple(sorted(g.terms)): g for g in groups}.values())[:MAX_WORDS]
        phrase = " ".join(w if _CJK_RUN.fullmatch(w) else fold(w) for w in content)
        return groups, phrase

    def _chinese_groups(self, run: str) -> list[Group]:
        """A lone character, or each pair of characters, which may also be found as pinyin."""
        if len(run) == 1:
            return [Group({run: 1.0})]
        syllables = self.readings(run)
        groups = []
        for i in range(len(run) - 1):
            terms = {run[i : i + 2]: 1.0}
            if syllables[i] and syllables[i + 1]:
                terms[syllables[i] + syllables[i + 1]] = PINYIN_OF_CHINESE_WEIGHT
            groups.append(Group(terms))
        return groups

    def _word_group(self, word: str, *, last: bool) -> Group:
        """A word (its stem, and as written for pinyin read from Chinese, which is not stemmed), and
        if it is the last one (perhaps half-typed) its completions."""
        term = fold(word)
        terms = {term: 1.0}
        if last and len(word) >= PREFIX_MIN:
            terms.update(dict.fromkeys(self._completions(word, term), PREFIX_WEIGHT))
        for synonym in SYNONYMS.get(term, ()):
            terms.setdefault(synonym, SYNONYM_WEIGHT)
        terms[term] = 1.0
        if word != term and word in self.postings:
            terms[word] = 1.0
        return Group(terms)

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

    def _ranked(self, candidates: set[int], groups: list[Group], weights, phrase: str) -> list[tuple[float, int]]:
        """(score, document id) of each candidate, best first. A document scores each word of the
        query by its best term, and the sum shrinks with the words it lacks (the OR fallback)."""
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
        if len(groups) > 1:
            scored.sort(reverse=True)
            scored[:RESCORED] = [
                (score * self._title_cover(doc_id, groups), doc_id) for score, doc_id in scored[:RESCORED]
            ]
        scored.sort(key=lambda pair: (-pair[0], _KIND_ORDER[self.docs[pair[1]].kind], self.docs[pair[1]].title))
        return scored

    def _title_cover(self, doc_id: int, groups: list[Group]) -> float:
        if self.docs[doc_id].kind == "Source":  # a source's title names a document; it answers nothing
            return 1.0
        title = self.docs[doc_id].title_spans
        covered = sum(any(title.has(term) for term in group.terms) for group in groups)
        return 1 + (TITLE_COVER_BONUS - 1) * (covered / len(groups)) ** 2

    @staticmethod
    def _phrase_bonus(doc: Doc, phrase: str, words: int) -> float:
        if not phrase:
            return 1.0
        bonus = 1.0
        padded = f" {phrase} "
        if doc.title_phrase == padded:
            bonus *= EXACT_TITLE_BONUS
        elif words > 1 and doc.title_phrase.strip() and doc.title_phrase in padded:
            share = doc.title_phrase.count(" ") / padded.count(" ")
            bonus *= 1 + (TITLE_IN_QUERY_BONUS - 1) * share
        if words > 1 or _CJK_RUN.search(phrase):
            # A Chinese run sits inside longer runs; Latin words must be whole (the last may be half-typed).
            needle = phrase if _CJK_RUN.search(phrase) else f" {phrase}"
            if needle in doc.title_phrase:
                bonus *= TITLE_PHRASE_BONUS
            elif needle in doc.phrase:
                bonus *= PHRASE_BONUS
        return bonus

    def _result(self, doc: Doc, score: float, highlight: set[str]) -> Result:
        return Result(
            kind=doc.kind,
            title=doc.title,
            url=doc.url,
            context=doc.context,
            snippet=snippet(doc.snippet_text, doc.snippet_spans, highlight),
            title_html=marked(doc.title, matches(doc.title_spans, highlight)),
            score=round(score, 4),
        )


def _postings(field_tokens: list[dict[str, Tokens]], priors: list[float]) -> dict[str, tuple[array, array]]:
    """term -> (ids of the documents that hold it, its BM25F weight in each), for every term."""
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
    n = len(field_tokens)
    postings = {}
    for term, row in weighted.items():
        idf = math.log(1 + (n - len(row) + 0.5) / (len(row) + 0.5))
        ids = array("i", row)
        postings[sys.intern(term)] = (ids, array("d", [priors[i] * idf * row[i] / (K1 + row[i]) for i in ids]))
    return postings


def _candidates(groups: list[Group], weights: dict[str, dict[int, float]], common: float) -> tuple[set[int], bool]:
    """The documents with every word of the query, and True; if there are none, those with some, and
    False. Words in more than `common` documents need not be present if the query has rarer ones."""
    found = []
    for group in groups:
        holding = set()
        for term in group.terms:
            holding.update(weights[term])
        found.append(holding)
    required = [holding for holding in found if len(holding) <= common] or found
    candidates = set.intersection(*required)
    if candidates or len(groups) == 1:
        return candidates, True
    return set.union(*found), False
