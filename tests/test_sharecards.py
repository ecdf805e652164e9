"""Share cards: the PNG endpoints, their caching headers, the layout module, and og:image on pages."""

import io
import re
import subprocess
import sys

import pytest
from PIL import Image

from explainer import sharecard
from explainer.library import get_library
from explainer.pagecache import PAGE_QUERY

from .conftest import ROOT

SCENARIO = "persona=person&action=refuse-judgment&action=perform-judgment%406&months=3"


def card_urls():
    library = get_library()
    return [
        "/share/page/home.png",
        "/share/page/timeline.png",
        f"/share/chapter/{library.chapters[0].slug}.png",
        f"/share/myth/{library.myths[0].slug}.png",
        f"/share/event/{library.events[0].slug}.png",
        f"/share/score.png?{SCENARIO}",
        "/share/quiz/7.png",
        "/share/page/map.png",
    ]


@pytest.mark.parametrize("url", card_urls())
def test_each_kind_of_card_is_a_1200_by_630_png_with_caching_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert response["ETag"]
    assert len(response.content) < 100_000
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (1200, 630)


def test_a_repeated_card_request_with_its_etag_gets_304(client):
    first = client.get("/share/page/home.png")
    again = client.get("/share/page/home.png", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/share/page/nope.png",
        "/share/myth/no-such-myth.png",
        "/share/film/home.png",
        "/share/chapter/x.jpg",
        "/share/quiz/11.png",
        "/share/quiz/-1.png",
    ],
)
def test_unknown_cards_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "persona=nobody",
        "persona=person&action=fly-to-mars",
        "persona=person&months=-4",
        "action=refuse-judgment&persona=person",  # the same scenario, not in its canonical order
        "persona=person&action=refuse-judgment&utm_source=x",
        "persona=person&action=refuse-judgment&persona=person",
        "persona=%3Cscript%3E",
    ],
)
def test_a_junk_or_non_canonical_scenario_is_a_plain_400_never_kept(client, query):
    response = client.get(f"/share/score.png?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert PAGE_QUERY not in response  # the page cache keeps nothing for it
    assert b"<script" not in response.content


def test_a_canonical_scenario_is_declared_cacheable_under_its_query(client):
    response = client.get(f"/share/score.png?{SCENARIO}")
    assert response[PAGE_QUERY] == SCENARIO


def test_pages_link_their_own_card_with_full_titles(client):
    library = get_library()
    chapter = library.chapters[0]
    html = client.get(chapter.url).content.decode()
    assert f'<meta property="og:image" content="http://testserver/share/chapter/{chapter.slug}.png">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta property="og:title" content="{chapter.title} · Social Credit, Explained">' in html
    assert f'<meta name="twitter:title" content="{chapter.title} · Social Credit, Explained">' in html
    assert re.search(r'<meta property="og:image:alt" content="Guide: [^"]+">', html)


def test_a_myth_page_links_its_card_and_the_alt_text_says_the_verdict(client):
    myth = get_library().myths[0]
    html = client.get(myth.url).content.decode()
    assert f"/share/myth/{myth.slug}.png" in html
    assert f"Verdict: {myth.verdict_label}." in html


def test_pages_without_a_card_of_their_own_use_the_sites(client):
    html = client.get("/sources/").content.decode()
    assert "/share/page/sources.png" in html
    html = client.get("/no-such-page/").content.decode()
    assert "/share/page/home.png" in html


def test_a_scenario_keeps_its_choices_in_og_url_canonical_and_og_image(client):
    html = client.get(f"/score/?{SCENARIO}").content.decode()
    query = SCENARIO.replace("&", "&amp;")
    assert f'<link rel="canonical" href="http://testserver/score/?{query}">' in html
    assert f'<meta property="og:url" content="http://testserver/score/?{query}">' in html
    assert f'<meta property="og:image" content="http://testserver/share/score.png?{query}">' in html
    assert client.get(f"/share/score.png?{SCENARIO}").status_code == 200


def test_the_form_spelling_of_a_scenario_links_the_canonical_card(client):
    html = client.get("/score/?persona=person&action=refuse-judgment&when.refuse-judgment=0").content.decode()
    assert "/share/score.png?persona=person&amp;action=refuse-judgment" in html


def test_long_titles_are_cut_with_an_ellipsis_within_the_lines_allowed():
    face = sharecard.font(48)
    lines = sharecard.fit("word " * 300, face, sharecard.TEXT_WIDTH, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(face.getlength(line) <= sharecard.TEXT_WIDTH for line in lines)


def test_a_word_wider_than_a_line_is_broken():
    face = sharecard.font(68)
    lines = sharecard.fit("x" * 200, face, sharecard.TEXT_WIDTH, 10)
    assert len(lines) > 1
    assert all(face.getlength(line) <= sharecard.TEXT_WIDTH for line in lines)


def test_characters_the_font_lacks_are_spelled_with_what_it_has():
    assert sharecard.printable("Café – 中国 “yes”") == "Cafe - “yes”"


def test_the_card_module_does_not_import_django():
    code = "import sys, explainer.sharecard; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_a_shared_quiz_result_links_the_card_with_its_score(client):
    page = client.get("/myths/quiz/scored/7/").content.decode()
    assert page.count('property="og:image"') == 1
    assert "/share/quiz/7.png" in page and "7 of 10 right on the social credit quiz" in page
