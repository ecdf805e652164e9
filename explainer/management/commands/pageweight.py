from django.core.management.base import BaseCommand

from explainer.library import get_library
from explainer.pageweight import BUDGET, measure, site_paths


class Command(BaseCommand):
    help = "Print each page's compressed weight with its CSS and JavaScript, against the 60 KB budget."

    def handle(self, *args, **options):
        weights = measure(site_paths(get_library()))
        self.stdout.write(f"{'page':48} {'html':>8} {'assets':>8} {'total':>8}  (gzip -9, KB)")
        for w in sorted(weights, key=lambda w: -w.total):
            flag = "" if w.total <= BUDGET else "  OVER BUDGET"
            self.stdout.write(f"{w.path:48} {w.html / 1024:8.1f} {w.assets / 1024:8.1f} {w.total / 1024:8.1f}{flag}")
        heaviest = max(weights, key=lambda w: w.total)
        self.stdout.write(
            f"\n{len(weights)} pages; heaviest {heaviest.path} at {heaviest.total / 1024:.1f} KB; budget {BUDGET // 1024} KB"
        )
