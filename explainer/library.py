"""The site's content and rules, loaded once per process and shared by every request."""

from functools import cache

from django.conf import settings

from .content import Library, load
from .content.records import ContentError
from .content.termlinks import TermLinks, term_links
from .datasets import DATASETS
from .rules import RuleBook
from .rules import data as rules_data
from .rules.cross_checks import LegalTexts
from .search import SearchIndex, unload_pypinyin

# Pages that are not built from content/ but that content may link to, with their anchors.
# tests/test_pages.py checks that each resolves.
SITE_PAGES = {
    "/": frozenset(),
    "/guide/": frozenset(),
    "/about/": frozenset(
        {
            "how-we-work",
            "checking",
            "sources-kinds",
            "reviewed",
            "corrections",
            "citing",
            "errors",
            "privacy",
            "licence",
        }
    ),
    "/score/": frozenset(),
    "/data/": frozenset(DATASETS),
}


@cache
def get_library() -> Library:
    return load(settings.CONTENT_DIR, pages=SITE_PAGES)


@cache
def get_term_links() -> dict[str, TermLinks]:
    """For each glossary slug, the guide section, events and myths its entry links to."""
    return term_links(get_library())


@cache
def _rules() -> tuple[RuleBook | None, tuple[ContentError, ...]]:
    library = get_library()
    legal = LegalTexts(
        kinds={key: source.kind for key, source in library.sources.items()},
        has_article=lambda key, pin: library.pinpoint_url(key, pin) is not None,
        span=lambda key: _span(library.document(key)),
    )
    book, problems = rules_data.load(
        settings.CONTENT_DIR / "rules",
        source_keys=library.sources.keys(),
        myth_slugs={m.slug for m in library.myths},
        legal=legal,
    )
    return book, tuple(problems)


def _span(document):
    """When a legal document applied: (in force, replaced), each None when open or unknown."""
    return (document.in_force or document.issued, document.replaced) if document else (None, None)


def get_rulebook() -> RuleBook | None:
    return _rules()[0]


def rule_problems() -> tuple[ContentError, ...]:
    return _rules()[1]


@cache
def get_search_index() -> SearchIndex:
    """The index saved by `manage.py buildsearchindex` if it matches the content and code, else
    built here, once per process. In production a worker that builds it then unloads pypinyin."""
    library = get_library()
    index = SearchIndex.load(settings.SEARCH_INDEX_FILE, library)
    if index is None:
        index = SearchIndex.build(library)
        if settings.PRODUCTION:
            unload_pypinyin()
    return index


def clear_caches():
    get_library.cache_clear()
    _rules.cache_clear()
    get_search_index.cache_clear()
    get_term_links.cache_clear()
