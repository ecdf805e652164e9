from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from .sitemaps import SITEMAPS
from .views import (
    corrections,
    data,
    embed,
    guide,
    myths,
    numbers,
    pages,
    places,
    score,
    search,
    share,
    sources,
    timeline,
)
from .views.caching import public_page

urlpatterns = [
    path("", pages.home, name="home"),
    path("guide/", guide.guide_index, name="guide"),
    path("guide/<slug:slug>/", guide.chapter, name="chapter"),
    path("timeline/", timeline.timeline, name="timeline"),
    path("timeline/<slug:slug>/", timeline.event_detail, name="timeline-event"),
    path("timeline.json", data.timeline_json, name="timeline-json"),
    path("timeline.csv", data.timeline_csv, name="timeline-csv"),
    path("numbers/", numbers.numbers, name="numbers"),
    path("numbers/<slug:series_id>.csv", numbers.number_csv, name="number-csv"),
    path("myths/", myths.myth_list, name="myths"),
    path("myths/quiz/", myths.quiz, name="myth-quiz"),
    path("myths/quiz/<int:number>/", myths.quiz_question, name="myth-quiz-question"),
    path("myths/quiz/results/", myths.quiz_results, name="myth-quiz-results"),
    path("myths/quiz/scored/<int:score>/", myths.quiz_share, name="myth-quiz-share"),
    path("myths/<slug:slug>/", myths.myth_detail, name="myth"),
    path("score/", score.score, name="score"),
    path("map/", places.city_map, name="map"),
    path("glossary/", pages.glossary, name="glossary"),
    path("sources/", sources.sources, name="sources"),
    path("sources/<slug:key>/", sources.source_detail, name="source"),
    path("about/", pages.about, name="about"),
    path("corrections/", corrections.corrections, name="corrections"),
    path("corrections/feed/", public_page(corrections.ChangesFeed()), name="changes-feed"),
    path("search/", search.search, name="search"),
    path("data/", data.data_index, name="data"),
    path("data/<slug:dataset>.<str:fmt>", data.data_file, name="data-file"),
    path("embed/timeline/", embed.timeline, name="embed-timeline"),
    path("embed/myths/<slug:slug>/", embed.myth, name="embed-myth"),
    path("embed/score/", embed.score, name="embed-score"),
    path("embed/numbers/<slug:chart_id>/", embed.chart, name="embed-chart"),
    path("share/score.png", share.score_image, name="share-score"),
    path("share/<str:kind>/<slug:slug>.png", share.card_image, name="share-card"),
    path("robots.txt", pages.robots_txt, name="robots"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feedback/", include("explainer.feedback.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),  # admin/ unless ADMIN_PATH says otherwise
]

handler404 = "explainer.views.pages.not_found"
