from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .library import get_library


class PageSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "guide",
            "timeline",
            "numbers",
            "myths",
            "myth-quiz",
            "score",
            "map",
            "glossary",
            "sources",
            "corrections",
            "about",
            "data",
        ]

    def location(self, item):
        return reverse(item)


class ChapterSitemap(Sitemap):
    def items(self):
        return list(get_library().chapters)

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.reviewed


class EventSitemap(Sitemap):
    def items(self):
        return list(get_library().events)

    def location(self, item):
        return item.url


class MythSitemap(Sitemap):
    def items(self):
        return list(get_library().myths)

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.reviewed


SITEMAPS = {"pages": PageSitemap, "chapters": ChapterSitemap, "events": EventSitemap, "myths": MythSitemap}
