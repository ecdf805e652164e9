"""Where a document's terms occur, and the escaped, highlighted title and snippet of a result."""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from html import escape

from .tokens import CJK, Tokens

SNIPPET_WORDS = 25  # words (or Chinese characters) around the best match

_CJK_RUN = re.compile(f"[{CJK}]+")  # not imported: see index._CJK_RUN


class Markup(str):
    """HTML that is safe by construction: every piece of text in it was escaped before <mark> was added.

    Django's templates (and Jinja, MarkupSafe) call `__html__` and print it as it is.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return self


@dataclass(frozen=True, slots=True)
class Spans:
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
    def of(cls, tokens: Tokens) -> Spans:
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

    def has(self, term: str) -> bool:
        i = bisect_left(self.terms, term)
        return i < len(self.terms) and self.terms[i] == term

    def occurrences(self, term: str) -> list[tuple[int, int, int, str]]:
        """(position, start, end, term) of each occurrence of term."""
        i = bisect_left(self.terms, term)
        if i == len(self.terms) or self.terms[i] != term:
            return []
        flat = self.spans[3 * self.bounds[i] : 3 * self.bounds[i + 1]]
        return [(flat[j], flat[j + 1], flat[j + 2], term) for j in range(0, len(flat), 3)]


def matches(tokens: Spans, highlight: set[str]) -> list[tuple[int, int, int, str]]:
    """(position, start, end, term) of every match, in text order."""
    found = []
    for term in highlight:
        found += tokens.occurrences(term)
    found.sort()
    return found


def marked(text: str, spans, start: int = 0, end: int | None = None) -> Markup:
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


def snippet(text: str, tokens: Spans, highlight: set[str], words: int = SNIPPET_WORDS) -> Markup:
    """About `words` words around the densest cluster of matches (or from the start), escaped and highlighted."""
    if not tokens.length:
        return Markup(escape(text))
    spans = matches(tokens, highlight)
    first = _window(spans) if spans else 0
    last = min(tokens.length, first + words) - 1
    start_char = 0 if first == 0 else tokens.starts[first]
    end_char = len(text) if last == tokens.length - 1 else tokens.ends[last]
    body = marked(text, [s for s in spans if first <= s[0] <= last], start_char, end_char)
    return Markup(("…" if start_char else "") + body + ("…" if end_char < len(text) else ""))


def _window(spans: list[tuple[int, int, int, str]]) -> int:
    """The first position of the snippet: a window slides over the matches, and the one holding the
    most distinct terms wins, the earliest on a tie. It starts a few words before its first match,
    so the match has some context."""
    lead = 4
    seen: Counter = Counter()
    best, left, first = -1, 0, 0
    for p, _, _, term in spans:
        seen[term] += 1
        while p - spans[left][0] >= SNIPPET_WORDS - lead:
            seen[spans[left][3]] -= 1
            if not seen[spans[left][3]]:
                del seen[spans[left][3]]
            left += 1
        if len(seen) > best:
            best, first = len(seen), max(0, spans[left][0] - lead)
    return first
