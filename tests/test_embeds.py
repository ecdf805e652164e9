"""Embeds: only /embed/ pages may be framed; each has a link back, a canonical to its full page and noindex;
full pages offer the iframe code."""

import html as htmllib
import re
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.library import get_library, get_numbers
from explainer.pagecache import PAGE_QUERY

SCENARIO = "persona=person&action=refuse-judgment"


def embed_pages():
    myth = get_library().myths[0]
    series = get_numbers()[0]
    return [
        ("/embed/timeline/", "/timeline/"),
        (f"/embed/myths/{myth.slug}/", myth.url),
        (f"/embed/score/?{SCENARIO}", f"/score/?{SCENARIO}"),
        (f"/embed/numbers/{series.id}/", f"/numbers/#{series.anchor}"),
    ]


def frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors"))


@pytest.mark.parametrize(("url", "full"), embed_pages())
def test_embeds_may_be_framed_link_back_and_stay_out_of_search(client, url, full):
    response = client.get(url)
    assert response.status_code == 200
    assert frame_ancestors(response) == "frame-ancestors 'self' https:"
    assert "X-Frame-Options" not in response
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    canonical = f"http://testserver{full}".replace("&", "&amp;")
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert f'<a href="{canonical}">' in html  # the link back
    assert 'class="site-header"' not in html and "site-nav" not in html  # minimal chrome
    # The rest of the policy is the site's: no inline script or style anywhere.
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html.replace('type="application/ld+json"', ""))
    assert " style=" not in html


@pytest.mark.parametrize(
    "url",
    ["/", "/timeline/", "/myths/", "/score/", f"/score/?{SCENARIO}", "/guide/how-it-works/", "/sources/", "/about/"],
)
def test_other_pages_stay_unframable(client, url):
    response = client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert frame_ancestors(response) == "frame-ancestors 'none'"


def test_a_myth_embed_shows_the_claim_and_its_verdict_in_words(client):
    myth = get_library().myths[0]
    html = client.get(f"/embed/myths/{myth.slug}/").content.decode()
    assert htmllib.escape(myth.claim, quote=False) in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert f'Verdict: <span class="verdict verdict-{myth.verdict}">' in html
    assert myth.verdict_label in html


def test_a_scenario_embed_gives_the_answer(client):
    html = client.get(f"/embed/score/?{SCENARIO}").content.decode()
    assert 'class="headline"' in html and "no national social credit score" in html
    assert "Embed this" not in html  # no embed code inside an embed


@pytest.mark.parametrize("query", ["", "persona=nobody", "persona=person&action=%3Cscript%3E", "persona=a&persona=b"])
def test_a_junk_scenario_embed_is_a_400_that_is_never_kept(client, query):
    response = client.get(f"/embed/score/?{query}")
    assert response.status_code == 400
    assert PAGE_QUERY not in response
    assert b"<script>" not in response.content


def test_unknown_embeds_are_404_and_not_framable(client):
    for url in ("/embed/myths/no-such-claim/", "/embed/numbers/no-such-chart/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["X-Frame-Options"] == "DENY"


def test_each_chart_embed_shows_its_svg_table_and_sources(client):
    for series in get_numbers():
        html = client.get(f"/embed/numbers/{series.id}/").content.decode()
        assert "<svg" in html and "<table" in html and "/static/css/charts.css" in html
        assert "<h1" in html and htmllib.escape(series.title) in html
        for point in series.points:
            assert point.value_label in html


def test_the_numbers_page_offers_one_embed_code_per_chart_with_unique_ids(client):
    html = client.get("/numbers/").content.decode()
    ids = re.findall(r'id="(embed-code-[^"]+)"', html)
    assert len(ids) == len(get_numbers()) == len(set(ids))
    assert html.count("js/cite.js") == 1
    for series in get_numbers():
        assert f"/embed/numbers/{series.id}/" in html


@pytest.mark.parametrize(
    ("page", "embed_url"),
    [
        ("/timeline/", "http://testserver/embed/timeline/"),
        (lambda: get_library().myths[0].url, lambda: f"http://testserver/embed/myths/{get_library().myths[0].slug}/"),
        (f"/score/?{SCENARIO}", f"http://testserver/embed/score/?{SCENARIO}"),
    ],
)
def test_full_pages_offer_the_iframe_code_in_a_read_only_field(client, page, embed_url):
    page = page() if callable(page) else page
    embed_url = embed_url() if callable(embed_url) else embed_url
    html = client.get(page).content.decode()
    assert "<summary>Embed this</summary>" in html
    area = re.search(r"<textarea[^>]*readonly[^>]*data-cite-what=\"Embed code\">([^<]*)</textarea>", html)
    assert area, "the snippet sits in a read-only text area"
    snippet = htmllib.unescape(area.group(1))
    assert snippet.startswith(f'<iframe src="{htmllib.escape(embed_url)}" title="')
    assert 'loading="lazy"' in snippet and snippet.endswith("></iframe>")


def test_the_intro_of_the_widget_offers_no_embed_code(client):
    assert "Embed this" not in client.get("/score/").content.decode()


def test_quotes_in_a_title_cannot_break_out_of_the_snippets_attribute(client):
    myth = next(m for m in get_library().myths if '"' in m.claim)
    html = client.get(myth.url).content.decode()
    area = re.search(r'data-cite-what="Embed code">([^<]*)</textarea>', html)
    snippet = htmllib.unescape(area.group(1))
    title = re.search(r' title="([^"]*)"', snippet).group(1)
    assert htmllib.unescape(title) == f"Fact check: {myth.claim}"


MARK = '<i data-fuzz="1">'


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(["/embed/score/", "/share/score.png"]),
    query=st.lists(
        st.tuples(
            st.sampled_from(["persona", "action", "months", "as_of", "when.refuse-judgment", "other"]),
            st.one_of(
                st.sampled_from(["person", "company", "refuse-judgment", "refuse-judgment@3", "6", "2019-01-01"]),
                st.text(max_size=40),
                st.builds(lambda a: a + MARK, st.text(max_size=8)),
            ),
        ),
        max_size=5,
    ),
)
def test_no_scenario_gives_a_server_error_or_reflects_markup(client, path, query):
    response = client.get(f"{path}?{urlencode(query, errors='surrogatepass')}")
    assert response.status_code in (200, 400), (path, query)
    assert MARK.encode() not in response.content, (path, query)


def test_the_timeline_embed_draws_the_time_axis_with_a_mark_for_every_event_and_keeps_the_list(client):
    html = client.get("/embed/timeline/").content.decode()
    events = get_library().events
    svg = re.search(r'<svg class="axis-svg".*?</svg>', html, re.S)[0]
    assert '<title id="axis-title">' in svg and '<desc id="axis-desc">' in svg
    marks = re.findall(r'<a href="([^"]+)"[^>]*class="axis-mark', svg)
    assert sorted(marks) == sorted(e.url for e in events), "one mark per event, each linking to it"
    listed = re.findall(r'<li><time[^>]*>[^<]*</time> <a href="([^"]+)"', html)
    assert sorted(listed) == sorted(e.url for e in events), "the list stays: the form for narrow frames"
    assert "axis-eras" not in html, "no era controls: they belong to the full page"
    assert svg.count('tabindex="-1"') == len(events), "the keyboard goes to the list, not through 66 marks"
    page = client.get("/timeline/").content.decode()
    assert not re.search(r'class="axis-mark[^>]*tabindex', page), "the timeline page's marks keep their tab stop"
