from django.conf import settings
from django.core.management.base import BaseCommand

from explainer.library import get_library, get_search_index


class Command(BaseCommand):
    help = (
        "Save the search index built from content/ to SEARCH_INDEX_FILE, for app workers to load instead "
        "of each building its own. Run it on every deploy, as collectstatic is (make serve does)."
    )

    def handle(self, *args, **options):
        index, path = get_search_index(), settings.SEARCH_INDEX_FILE  # loaded if the file is current, else built
        summary = f"Search index: {len(index)} documents, {len(index.vocabulary)} terms"
        if index.loaded_from == path:
            self.stdout.write(f"{summary}; {path} is up to date.")
            return
        size = index.save(path, get_library())
        self.stdout.write(f"{summary}; {size / 1024:.0f} KB written to {path}.")
