"""Full-text search over the loaded library: guide sections, timeline events, myths, glossary terms
and sources. No Django imports here (tests/test_search.py checks it).

    tokens.py     text -> terms: normalising, folding, Chinese as characters, pairs and pinyin
    documents.py  the library -> entries to index, and the document kept for each
    index.py      SearchIndex: BM25F postings built once, then queries ranked against them
    snippets.py   where terms occur, and the escaped, highlighted titles and snippets
    results.py    what a search answers: a page of results, the count by kind, and the answer card
    relevance.py  how well it answers the reader questions in tests/data/search_questions.toml
    storage.py    the index saved for app workers to load (fingerprinted), and pypinyin unloaded

Callers import from here; the modules are the package's own business.
"""

from .index import MAX_QUERY_LENGTH, PER_PAGE, SearchIndex
from .results import KIND_NAMES, KINDS, Answer, Result, Results
from .snippets import Markup
from .storage import fingerprint, unload_pypinyin
from .tokens import Readings, clean_query, fold, normalize

__all__ = [
    "Answer",
    "KINDS",
    "KIND_NAMES",
    "MAX_QUERY_LENGTH",
    "PER_PAGE",
    "Markup",
    "Readings",
    "Result",
    "Results",
    "SearchIndex",
    "clean_query",
    "fingerprint",
    "fold",
    "normalize",
    "unload_pypinyin",
]
