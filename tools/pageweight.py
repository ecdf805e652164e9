"""Page weight: a page's HTML plus every same-origin stylesheet, script and icon it loads, gzipped.

`make weight` (python -m tools.pageweight) prints every page against the budget; the test suite and
the HTTP benchmark use measure() and site_paths().
"""

import gzip
import re
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.test import Client

from explainer.library import get_library
from explainer.staticmin import served

from . import setup_django

BUDGET = 60 * 1024  # bytes, compressed: the site's promise for every page
ASSET = re.compile(r'<(?:script[^>]* src|link[^>]* href)="(/static/[^"]+)"')


@dataclass(frozen=True)
class Weight:
    path: str
    html: int  # gzipped bytes
    assets: int  # gzipped bytes of all the page's same-origin assets
    asset_count: int

    @property
    def total(self) -> int:
        return self.html + self.assets


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def measure(paths: list[str]) -> list[Weight]:
    client = Client()
    weights = []
    for path in paths:
        response = client.get(path)
        html = response.content
        assets = sorted(set(ASSET.findall(html.decode())))
        asset_bytes = 0
        for url in assets:
            found = finders.find(url.removeprefix("/static/"))
            if found is None:
                raise FileNotFoundError(f"{path} loads {url}, which is not a static file")
            with open(found, "rb") as handle:
                asset_bytes += _gzipped(served(found, handle.read()))
        weights.append(Weight(path, _gzipped(html), asset_bytes, len(assets)))
    return weights


def site_paths(library) -> list[str]:
    paths = ["/", "/guide/", "/timeline/", "/myths/", "/myths/quiz/", "/glossary/", "/sources/", "/about/", "/data/"]
    paths += ["/corrections/", "/score/", "/map/", "/numbers/"]
    paths += ["/score/?persona=person&action=refuse-judgment&months=12"]  # a full widget result: every section
    paths += ["/score/?persona=company&action=miss-annual-report&months=36"]
    paths += ["/search/", "/search/?q=rongcheng", "/search/?q=credit"]  # empty, typical, and a full page of results
    paths += ["/embed/timeline/", f"/embed/myths/{library.myths[0].slug}/", "/embed/score/?persona=person"]
    paths += [chapter.url for chapter in library.chapters]
    paths += [event.url for event in library.events]
    paths += [myth.url for myth in library.myths]
    paths += sorted({document.url for document in library.documents.values()})  # the key legal documents
    return paths


def main():
    """Print each page's compressed weight with its CSS and JavaScript, against the 60 KB budget."""
    setup_django()
    weights = measure(site_paths(get_library()))
    print(f"{'page':48} {'html':>8} {'assets':>8} {'total':>8}  (gzip -9, KB)")
    for w in sorted(weights, key=lambda w: -w.total):
        flag = "" if w.total <= BUDGET else "  OVER BUDGET"
        print(f"{w.path:48} {w.html / 1024:8.1f} {w.assets / 1024:8.1f} {w.total / 1024:8.1f}{flag}")
    heaviest = max(weights, key=lambda w: w.total)
    print(
        f"\n{len(weights)} pages; heaviest {heaviest.path} at {heaviest.total / 1024:.1f} KB; budget {BUDGET // 1024} KB"
    )


if __name__ == "__main__":
    main()
