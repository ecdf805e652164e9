"""The timeline: event files, the page and its htmx fragments, filters, and the data exports."""

import csv
import io
import json
import re

import pytest

from explainer.content import load

from .conftest import EVENT, only_problem, write_timeline
from .html import elements

HTMX = {"HX-Request": "true", "HX-Target": "event-detail"}


# Content ---------------------------------------------------------------------------------------


def test_events_load_in_date_order_with_precision(content_dir):
    library = load(write_timeline(content_dir))
    assert library.problems == ()
    assert [(e.slug, e.precision, e.date_label) for e in library.events] == [
        ("2001-first", "year", "2001"),
        ("2014-second", "day", "14 June 2014"),
    ]
    assert [library.era_of(e).slug for e in library.events] == ["early", "late"]


def test_event_correction_continues_the_citation_numbering(content_dir):
    text = EVENT.format(title="X", date="2005").replace(
        "+++\nSomething", 'correction = "Often reported as 2004 [@gamma]."\n+++\nSomething'
    )
    library = load(write_timeline(content_dir, {"2005-x": text}))
    event = library.event("2005-x")
    assert event.citations == ("beta", "alpha", "gamma")
    assert 'href="#ref-gamma"' in event.correction_html and ">3</a>" in event.correction_html


def test_event_outside_1990_to_2026_is_reported(content_dir):
    library = load(write_timeline(content_dir, {"2027-late": EVENT.format(title="Late", date="2027-01")}))
    problem = only_problem(library, "E014")
    assert problem.path.name == "2027-late.md" and problem.field == "date" and problem.line == 3


def test_unknown_theme_is_reported(content_dir):
    text = EVENT.format(title="X", date="2005").replace('["law"]', '["law", "weather"]')
    problem = only_problem(load(write_timeline(content_dir, {"2005-x": text})), "E015")
    assert problem.path.name == "2005-x.md" and "weather" in problem.message


def test_unknown_source_key_in_front_matter_is_reported(content_dir):
    text = EVENT.format(title="X", date="2005").replace('sources = ["alpha"]', 'sources = ["nope"]')
    problem = only_problem(load(write_timeline(content_dir, {"2005-x": text})), "E001")
    assert (problem.path.name, problem.field, problem.line) == ("2005-x.md", "sources", 6)


def test_unknown_citation_in_event_body_is_reported_with_line(content_dir):
    text = EVENT.format(title="X", date="2005") + "More [@nope].\n"
    problem = only_problem(load(write_timeline(content_dir, {"2005-x": text})), "E001")
    assert (problem.path.name, problem.line) == ("2005-x.md", 11)


def test_duplicate_event_slug_is_reported(content_dir):
    events = {
        "2005-x": EVENT.format(title="X", date="2005"),
        "2006-y": EVENT.format(title="Y", date="2006").replace("+++\nSomething", 'slug = "2005-x"\n+++\nSomething'),
    }
    problem = only_problem(load(write_timeline(content_dir, events)), "E009")
    assert problem.path.name == "2006-y.md"


def test_malformed_event_date_is_reported(content_dir):
    problem = only_problem(
        load(write_timeline(content_dir, {"2005-x": EVENT.format(title="X", date="June 2005")})), "E007"
    )
    assert (problem.path.name, problem.field) == ("2005-x.md", "date")


def test_broken_related_link_is_reported(content_dir):
    text = EVENT.format(title="X", date="2005").replace(
        "+++\nSomething", 'related = ["/guide/one/#nowhere"]\n+++\nSomething'
    )
    problem = only_problem(load(write_timeline(content_dir, {"2005-x": text})), "E004")
    assert problem.path.name == "2005-x.md" and "#nowhere" in problem.message


def test_event_in_no_era_is_reported(content_dir):
    eras = '[[eras]]\nslug = "a"\ntitle = "A"\nstart = 1990\nend = 2010\nintro = "x [@alpha]"\n'
    problem = only_problem(load(write_timeline(content_dir, eras=eras)), "E016")
    assert problem.path.name == "2014-second.md"


# The real timeline -------------------------------------------------------------------------------


def test_the_timeline_has_thirty_sourced_events_from_1997_to_2022_and_twelve_since(library):
    story = [e for e in library.events if not library.era_of(e).since]
    since = [e for e in library.events if library.era_of(e).since]
    assert len(story) >= 30 and len(since) >= 12
    assert story[0].year < 2000 and story[-1].date == "2022-11-14"  # the draft law closes the story
    assert all(e.year > 2022 for e in since) and library.eras[-1].title == "Since the draft law"
    for event in library.events:
        assert event.references, event.slug
        assert library.era_of(event) is not None


@pytest.mark.parametrize(
    "slug",
    [
        "2002-16th-party-congress",
        "2006-credit-reference-center",
        "2015-credit-china",
        "2015-sharing-platform",
        "2016-joint-incentives-opinions",
        "2018-baihang-credit",
        "2019-credit-based-regulation",
        "2020-restraint-guidance",
        "2021-national-basic-lists",
        "2022-high-quality-opinions",
        "2022-draft-social-credit-law",
    ],
)
def test_key_events_are_on_the_timeline(library, slug):
    assert library.event(slug) is not None


def test_seed_errors_are_corrected_visibly(library):
    assert "Often reported as" in library.event("2002-16th-party-congress").correction_html
    assert "In fact" in library.event("2002-16th-party-congress").correction_html
    corrected = [e for e in library.events if e.correction_html]
    assert len(corrected) >= 8


# Page and fragments --------------------------------------------------------------------------------


def test_timeline_page_lists_every_event_as_an_article_with_a_time(client, library):
    response = client.get("/timeline/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<article class="event-card') == len(library.events)
    for event in library.events:
        assert f'<time datetime="{event.date}">' in html
        assert f'href="{event.url}"' in html
    for era in library.eras:
        assert f'id="{era.slug}"' in html
    assert "HX-Request" in response["Vary"]


def test_event_url_gives_the_full_page_with_the_event_open(client, library):
    event = library.event("2014-planning-outline")
    response = client.get(event.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and 'id="event-title"' in html and event.title in html
    assert 'aria-current="true"' in html
    assert f"<title>{event.title}" in html.replace("&#x27;", "'")
    assert "HX-Request" in response["Vary"]


def test_htmx_request_gets_only_the_event_fragment(client, library):
    event = library.event("2014-planning-outline")
    response = client.get(event.url, headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html and '<nav class="timeline-axis"' not in html
    assert 'id="event-title"' in html and event.title in html
    assert "HX-Request" in response["Vary"]


def test_history_restore_gets_the_full_page(client, library):
    event = library.event("2014-planning-outline")
    response = client.get(event.url, headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_event_fragment_has_sources_neighbours_and_related_links(client, library):
    events = library.events
    event = events[5]
    html = client.get(event.url, headers=HTMX).content.decode()
    for key in event.references:
        assert f'id="ref-{key}"' in html and f'href="/sources/{key}/"' in html
    assert f'href="{events[4].url}"' in html and f'href="{events[6].url}"' in html
    for path in event.related:
        assert f'href="{path}"' in html


def test_every_event_page_renders_and_its_citations_resolve(client, library):
    for event in library.events:
        html = client.get(event.url).content.decode()
        markers = elements(html, "a", class_="cite-ref")
        for marker in markers:
            if marker["href"].startswith("#"):
                assert f'id="{marker["href"][1:]}"' in html, (event.slug, marker["href"])


def test_unknown_event_is_the_site_404_with_a_way_back(client):
    response = client.get("/timeline/no-such-event/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'href="/guide/"' in html


def test_theme_filter_shows_only_that_theme(client, library):
    response = client.get("/timeline/?theme=courts")
    html = response.content.decode()
    courts = [e for e in library.events if "courts" in e.themes]
    assert response.status_code == 200
    assert html.count('<article class="event-card') == len(courts) > 0
    assert 'value="courts" checked' in html
    assert f'href="{courts[0].url}?theme=courts"' in html


def test_theme_filter_from_htmx_returns_the_timeline_body(client):
    response = client.get("/timeline/?theme=cities", headers={"HX-Request": "true", "HX-Target": "timeline-body"})
    html = response.content.decode()
    assert "<html" not in html and 'class="timeline-axis"' in html and "<form" not in html


@pytest.mark.parametrize("theme", ["weather", "<script>alert(1)</script>", "x" * 5000])
def test_unknown_theme_is_a_clear_400_never_echoed_raw(client, theme):
    response = client.get("/timeline/", {"theme": theme})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is no theme called" in html and "Courts and enforcement" in html
    assert "<script>alert" not in html
    assert "x" * 100 not in html


def test_timeline_json_has_every_event_with_dates_themes_and_full_sources(client, library):
    response = client.get("/timeline.json")
    data = json.loads(response.content)
    assert response["Content-Type"].startswith("application/json")
    assert len(data["events"]) == len(library.events)
    first = data["events"][0]
    assert {"date", "precision", "themes", "sources", "title", "url"} <= first.keys()
    assert first["sources"][0]["url"].startswith("http") and first["sources"][0]["author"]
    assert "CC BY 4.0" in data["licence"]
    assert all("[@" not in e["summary"] and "<" not in e["summary"] for e in data["events"])


def test_timeline_csv_has_a_row_per_event(client, library):
    response = client.get("/timeline.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == len(library.events)
    assert rows[0]["precision"] in {"year", "month", "day"}
    assert json.loads(rows[0]["sources"])[0]["key"] == rows[0]["source_keys"].split(";")[0]


def test_timeline_events_are_in_the_sitemap(client, library):
    xml = client.get("/sitemap.xml").content.decode()
    assert all(f"http://testserver{e.url}</loc>" in xml for e in library.events)
    assert re.search(r"http://testserver/timeline/</loc>", xml)
