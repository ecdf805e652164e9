"""The site's content and rules, loaded once per process and shared by every request."""

from functools import cache

from django.conf import settings

from .content import Library, link_targets, load
from .content.numbers import Series, load_numbers
from .content.places import Places, load_places
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
    "/map/": frozenset(),
    "/data/": frozenset(DATASETS),
}


@cache
def get_library() -> Library:
    return load(settings.CONTENT_DIR, pages=SITE_PAGES)


@cache
def get_places() -> Places:
    """content/places.toml: the map's cities, each page link checked against the site's pages. A content
    tree without the file (the small ones tests build) simply has no map."""
    path = settings.CONTENT_DIR / "places.toml"
    if not path.exists():
        return Places((), ())
    library = get_library()
    targets = link_targets(library, SITE_PAGES)
    kinds = {key: source.kind for key, source in library.sources.items()}

    def page_exists(path: str) -> bool:
        page, _, anchor = path.partition("#")
        return page in targets and (not anchor or anchor in targets[page])

    return load_places(path, kinds, page_exists)


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


@cache
def _numbers() -> tuple[tuple[Series, ...], tuple[ContentError, ...]]:
    series, problems = load_numbers(settings.CONTENT_DIR / "numbers.toml", get_library().sources)
    return series, tuple(problems)


def get_numbers() -> tuple[Series, ...]:
    """The series of content/numbers.toml, for /numbers/ and the charts in chapters."""
    return _numbers()[0]


def number_problems() -> tuple[ContentError, ...]:
    return _numbers()[1]


def clear_caches():
    get_library.cache_clear()
    get_places.cache_clear()
    _numbers.cache_clear()
    _rules.cache_clear()
    get_search_index.cache_clear()
    get_term_links.cache_clear()
