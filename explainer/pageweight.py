"""Page weight: a page's HTML plus every same-origin stylesheet, script and icon it loads, gzipped."""

import gzip
import re
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.test import Client

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
                asset_bytes += _gzipped(handle.read())
        weights.append(Weight(path, _gzipped(html), asset_bytes, len(assets)))
    return weights


def site_paths(library) -> list[str]:
    paths = ["/", "/guide/", "/timeline/", "/myths/", "/myths/quiz/", "/glossary/", "/sources/", "/about/", "/data/"]
    paths += ["/search/", "/search/?q=rongcheng", "/search/?q=credit"]  # empty, typical, and a full page of results
    paths += [chapter.url for chapter in library.chapters]
    paths += [event.url for event in library.events]
    paths += [myth.url for myth in library.myths]
    return paths
