"""What text becomes in the index and in a query: normalised words, and Chinese read as characters,
pairs of characters and toneless pinyin.

Text is compared after NFKC, case folding and removal of accents, so "Róngchéng" is "rongcheng",
and English words by their Snowball stem, so "repaired" is "repair".
Chinese is indexed as single characters and pairs of characters (so 失信 finds 失信被执行人名单),
and every Chinese run also as toneless pinyin, syllable by syllable and joined (so "shixin",
"shi xin", "Rongcheng" and 荣成 all meet).

pypinyin reads the content's Chinese as words while the index is built (银行 is yinhang, not
yinxing), which takes its 40 MB of dictionaries. Queries need only each character's usual reading,
so the index carries a small table of those (`Readings`) and never calls pypinyin.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK_RUN = re.compile(f"[{CJK}]+")
TOKEN = re.compile(f"[{CJK}]+|[^\\W_{CJK}]+")  # Chinese runs, or runs of other letters and digits
_LATIN_SYLLABLE = re.compile(r"^[a-z]+$")
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})  # controls, bidi marks, surrogates, unassigned


# Text normalisation ---------------------------------------------------------------------------


def clean_query(raw: str) -> str:
    """The query as typed, without control characters, bidi marks or lone surrogates, and stripped."""
    text = "".join(ch for ch in raw if unicodedata.category(ch) not in _REMOVED_CATEGORIES)
    return " ".join(text.split())


def normalize(text: str) -> str:
    """NFKC, case folding, accents removed: "Róngchéng" -> "rongcheng", "ＡＢＣ" -> "abc"."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    return unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))


# Snowball's English stemmer (PyStemmer, a C library: well under a microsecond a word and under 1 MB).
# The index and the query stem alike, so "repaired", "repairs" and "repair" are one term.
_STEMMER = Stemmer.Stemmer("english")

# Words that say a sentence is a question but not what it is about ("what", "can", "my", "does"...).
# A query drops them when it has other words; the phrase of a document and of a query leave them out.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "actually",
        "all",
        "am",
        "an",
        "and",
        "any",
        "anything",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "explain",
        "for",
        "from",
        "get",
        "gets",
        "got",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "know",
        "me",
        "mean",
        "means",
        "might",
        "mine",
        "must",
        "my",
        "of",
        "on",
        "or",
        "our",
        "really",
        "she",
        "should",
        "so",
        "some",
        "tell",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "true",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "happen",
        "happens",
        "happened",
        "happening",
    ]
)


def fold(word: str) -> str:
    """An English word's stem ("repaired" -> "repair", "policies" -> "polici"), the same way for the
    index and the query. Words with digits or other scripts, and short words, are left as they are;
    pinyin is stemmed too, alike in the text and the query (pinyin read from Chinese is not: a query
    word is matched unstemmed as well, see index.SearchIndex._word_group)."""
    if len(word) <= 2 or not word.isascii() or not word.isalpha():
        return word
    return _STEMMER.stemWord(word)


STOP_STEMS = frozenset(fold(word) for word in STOPWORDS)


@lru_cache(maxsize=50_000)
def word_terms(raw: str) -> tuple[str, ...]:
    """The terms of one written word. NFKC can split it into several ("①" is "1", "㈱" is "(株)")."""
    if raw.isascii():
        return (fold(raw.lower()),)
    return tuple(fold(word) for word in TOKEN.findall(normalize(raw)))


# Chinese readings -----------------------------------------------------------------------------


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

    FIRST, LAST = 0x3400, 0x2FA1F  # the ranges of CJK

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


# Tokenising text for the index ----------------------------------------------------------------


@dataclass(slots=True)
class Tokens:
    """One piece of text, tokenised: terms with the character spans they cover in the original."""

    keep_spans: bool = False  # only titles and snippet texts need them, for highlighting
    length: int = 0  # positions: words and Chinese characters
    terms: Counter = field(default_factory=Counter)
    spans: dict[str, list[tuple[int, int, int]]] = field(default_factory=lambda: defaultdict(list))
    starts: list[int] = field(default_factory=list)  # character offset where each position starts
    ends: list[int] = field(default_factory=list)
    phrase: list[str] = field(default_factory=list)  # words and Chinese runs, in order
    pinyin: list[str] = field(default_factory=list)  # the syllables of the Chinese runs, in order
    joined: set[str] = field(default_factory=set)  # pinyin of two or more characters, written as one word
    words: set[str] = field(default_factory=set)  # terms written in letters in the text itself

    def add(self, term: str, position: int, start: int, end: int) -> None:
        self.terms[term] += 1
        if self.keep_spans:
            self.spans[term].append((position, start, end))


def tokenize(text: str, *, keep_spans: bool) -> Tokens:
    """The index terms of `text`, and with `keep_spans` where each occurs, for highlighting."""
    out = Tokens(keep_spans=keep_spans)
    for match in TOKEN.finditer(text):
        start, end, raw = match.start(), match.end(), match.group()
        if CJK_RUN.fullmatch(raw):
            _add_chinese(out, raw, start)
        else:
            for term in word_terms(raw):
                out.starts.append(start)
                out.ends.append(end)
                out.words.add(term)
                out.add(term, out.length, start, end)
                out.length += 1
                out.phrase.append(term)
    return out


def _add_chinese(out: Tokens, run: str, start: int) -> None:
    """A Chinese run as its characters and pairs, each also as pinyin; then whole words as pinyin."""
    from pypinyin.seg.simpleseg import seg

    base = out.length
    syllables = _pinyin(run)
    for i, ch in enumerate(run):
        at = start + i
        out.starts.append(at)
        out.ends.append(at + 1)
        out.add(ch, base + i, at, at + 1)
        if syllables[i]:
            out.add(syllables[i], base + i, at, at + 1)
        if i + 1 < len(run):
            out.add(run[i : i + 2], base + i, at, at + 2)
            if syllables[i] and syllables[i + 1]:
                out.add(syllables[i] + syllables[i + 1], base + i, at, at + 2)
                out.joined.add(syllables[i] + syllables[i + 1])
    offset = 0
    for word in seg(run):  # whole words as pinyin too: 被执行人 -> beizhixingren
        if len(word) > 2 and all(syllables[offset : offset + len(word)]):
            out.add(
                "".join(syllables[offset : offset + len(word)]),
                base + offset,
                start + offset,
                start + offset + len(word),
            )
        offset += len(word)
    out.length += len(run)
    out.phrase.append(run)
    out.pinyin.extend(s for s in syllables if s)
