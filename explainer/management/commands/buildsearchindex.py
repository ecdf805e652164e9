import time

from django.conf import settings
from django.core.management.base import BaseCommand

from explainer.library import get_library
from explainer.search import SearchIndex


class Command(BaseCommand):
    help = (
        "Build the search index from content/ and save it to SEARCH_INDEX_FILE, for app workers to load "
        "instead of each building its own. Run it after every deploy, as collectstatic is."
    )

    def handle(self, *args, **options):
        library = get_library()
        started = time.perf_counter()
        index = SearchIndex.build(library)
        size = index.save(settings.SEARCH_INDEX_FILE, library)
        self.stdout.write(
            f"Search index: {len(index)} documents, {len(index.vocabulary)} terms, built in "
            f"{time.perf_counter() - started:.1f} s, {size / 1024:.0f} KB written to {settings.SEARCH_INDEX_FILE}"
        )
