"""The timeline's time axis: positions proportional to time, lanes and collisions, the issuer level
in the event files, and the axis on /timeline/ (every event a mark, title and description, era focus)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from explainer.content import load
from explainer.content.records import LEVELS, Era, Event
from explainer.content.timeline_axis import GAP, LEFT, RIGHT, WIDTH, era_range, full_range, layout, moment
from explainer.pagecache import PAGE_QUERY

from .conftest import EVENT, ROOT, only_problem, write_timeline
from .html import elements


def make_event(slug, day, themes=("law",), level="central"):
    return Event(
        slug=slug,
        title=slug.title(),
        date=day,
        issuer="Someone",
        themes=tuple(themes),
        sources=("alpha",),
        related=(),
        html="",
        correction_html="",
        citations=(),
        citation_uses=(),
        terms=(),
        path=Path(f"{slug}.md"),
        level=level,
    )


ERAS = (
    Era("early", "Early", 2000, 2009, ""),
    Era("late", "Late", 2010, 2019, ""),
    Era("since", "Since", 2020, 2021, "", True),
)


# Positions ---------------------------------------------------------------------------------------


def test_a_date_sits_in_the_middle_of_the_period_it_names():
    assert moment("2015") == 2015.5
    assert moment("2015-01-01") == pytest.approx(2015 + 0.5 / 365)
    assert moment("2016-02") == pytest.approx(2016 + (31 + 29 / 2) / 366)  # a leap year
    assert moment("2015-12-31") == pytest.approx(2016 - 0.5 / 365)
    assert moment("2014-03") < moment("2014") < moment("2014-12")


def test_distance_along_the_axis_is_proportional_to_time():
    events = [
        make_event(f"e{i}", d, themes=(t,))
        for i, (d, t) in enumerate(
            [
                ("2001-03-04", "law"),
                ("2003", "courts"),
                ("2010-06", "finance"),
                ("2015-06-11", "law"),
                ("2019-12-31", "cities"),
            ]
        )
    ]
    axis = layout(events, ERAS, 2000, 2020)
    scale = (WIDTH - LEFT - RIGHT) / 20  # units per year
    for mark in axis.marks:
        assert mark.x == pytest.approx(LEFT + (moment(mark.event.date) - 2000) * scale, abs=0.06)
    first, last = axis.marks[0], axis.marks[-1]
    # every year gets the same room: a gap of eighteen years is eighteen times one year
    assert (last.x - first.x) == pytest.approx((moment("2019-12-31") - moment("2001-03-04")) * scale, abs=0.1)
    ticks = {label: x for x, label in axis.ticks if label}
    assert ticks["2010"] - ticks["2005"] == pytest.approx(5 * scale, abs=0.1)


def test_colliding_events_are_stacked_not_drawn_on_top_of_each_other():
    events = [make_event(f"same-day-{i}", "2015-06-11") for i in range(3)] + [
        make_event("other-lane", "2015-06-11", ("courts",))
    ]
    axis = layout(events, ERAS, 2000, 2020)
    law = [m for m in axis.marks if m.theme == "law"]
    assert len({m.x for m in law}) == 1 and len({m.y for m in law}) == 3
    lane = next(lane for lane in axis.lanes if lane.theme == "law")
    assert all(lane.y < m.y < lane.y + lane.height for m in law)
    courts = next(m for m in axis.marks if m.theme == "courts")
    assert not lane.y < courts.y < lane.y + lane.height  # its own lane


def test_no_two_marks_in_the_real_timeline_overlap(library):
    axis = layout(library.events, library.eras, *full_range(library.events, library.eras))
    for a in axis.marks:
        for b in axis.marks:
            if a is not b and a.y == b.y:
                assert abs(a.x - b.x) >= GAP - 0.1, (a.event.slug, b.event.slug)


def test_each_event_sits_in_the_lane_of_its_first_theme_sized_by_level():
    events = [make_event("a", "2012", ("cities", "law"), "local"), make_event("b", "2013", ("law",), "central")]
    axis = layout(events, ERAS, 2000, 2020)
    a, b = axis.marks
    assert (a.theme, b.theme) == ("cities", "law")
    assert b.r > a.r
    assert [lane.theme for lane in axis.lanes] == ["cities", "law"]  # only lanes with events, in theme order


def test_era_bands_and_focus_ranges():
    events = [make_event("a", "2003"), make_event("b", "2012"), make_event("c", "2021")]
    whole = full_range(events, ERAS)
    assert whole == (2000, 2022)
    axis = layout(events, ERAS, *whole)
    assert [(band.era.slug, band.label) for band in axis.bands] == [
        ("early", "2000–09"),
        ("late", "2010–19"),
        ("since", "2020–21"),
    ]
    focus = layout(events, ERAS, *era_range(ERAS[1], whole))
    assert [m.event.slug for m in focus.marks] == ["b"]
    assert [label for _, label in focus.ticks if label][:3] == [
        "2010",
        "2011",
        "2012",
    ]  # every year labelled when zoomed


def test_the_axis_module_does_not_need_django():
    code = "import sys, explainer.content.timeline_axis; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# The level field ---------------------------------------------------------------------------------


def test_every_real_event_has_a_known_level(library):
    assert all(e.level in LEVELS for e in library.events)
    levels = {e.slug: e.level for e in library.events}
    assert levels["2014-planning-outline"] == "central"  # State Council
    assert levels["2015-credit-china"] == "ministry"  # NDRC
    assert levels["2012-rongcheng-credit-work"] == "local"  # Rongcheng government
    assert levels["2015-sesame-credit"] == "other"  # Ant Financial


def test_an_unknown_level_is_reported_naming_the_field(content_dir):
    text = EVENT.format(title="X", date="2005").replace('level = "central"', 'level = "provincial"')
    problem = only_problem(load(write_timeline(content_dir, {"2005-x": text})), "E007")
    assert problem.field == "level" and "central" in problem.message


def test_a_missing_level_is_reported(content_dir):
    text = EVENT.format(title="X", date="2005").replace('level = "central"\n', "")
    problem = only_problem(load(write_timeline(content_dir, {"2005-x": text})), "E006")
    assert problem.field == "level"


# The page ----------------------------------------------------------------------------------------


def test_every_event_has_a_mark_linking_to_it_in_an_svg_with_title_and_desc(client, library):
    html = client.get("/timeline/").content.decode()
    svg = html[html.index('<svg class="axis-svg"') : html.index("</svg>", html.index('<svg class="axis-svg"'))]
    assert re.search(r'<svg class="axis-svg"[^>]*aria-labelledby="axis-title"[^>]*aria-describedby="axis-desc"', svg)
    assert '<title id="axis-title">' in svg and '<desc id="axis-desc">' in svg and "proportional to time" in svg
    marks = elements(svg, "a")
    assert sorted(m["href"] for m in marks) == sorted(e.url for e in library.events)
    assert all(m["hx-get"] == m["href"] for m in marks)
    for event in library.events:  # each mark is named by its date and title
        assert f"<title>{event.date_label}: " in svg


def test_the_open_event_is_current_on_the_axis(client):
    html = client.get("/timeline/2014-planning-outline/").content.decode()
    current = elements(html, "a", **{"aria-current": "true"})
    assert {a["href"] for a in current} == {"/timeline/2014-planning-outline/"}
    assert any("axis-mark" in a.get("class", "") for a in current)


def test_era_focus_redraws_the_axis_for_that_era_and_keeps_it_in_links(client, library):
    response = client.get("/timeline/2015-credit-china/", {"era": "planning-outline"})
    html = response.content.decode()
    assert response.status_code == 200
    svg = html[html.index('<svg class="axis-svg"') : html.index("</svg>", html.index('<svg class="axis-svg"'))]
    inside = [e for e in library.events if 2014 <= e.year <= 2016]
    assert len(elements(svg, "a")) == len(inside)
    assert "2014 to 2016" in svg
    assert 'href="/timeline/2015-sesame-credit/?era=planning-outline"' in html  # list links keep the focus
    nav = html[html.index('<nav class="axis-eras"') : html.index("</nav>", html.index('<nav class="axis-eras"'))]
    current = elements(nav, "a", **{"aria-current": "true"})  # the era link, on the open event's page
    assert [a["href"] for a in current] == ["/timeline/2015-credit-china/?era=planning-outline"]
    assert response[PAGE_QUERY] == "era=planning-outline"  # a known parameter: the page may be cached


@pytest.mark.parametrize("era", ["bronze-age", "<script>alert(1)</script>", "x" * 5000])
def test_an_unknown_era_is_a_clear_400_never_echoed_raw(client, era):
    response = client.get("/timeline/", {"era": era})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is no era called" in html and "planning-outline (2014–2016)" in html
    assert "<script>alert" not in html and "x" * 100 not in html
    assert PAGE_QUERY not in response


def test_era_focus_from_htmx_returns_the_timeline_body_with_the_axis(client):
    response = client.get("/timeline/?era=limits", headers={"HX-Request": "true", "HX-Target": "timeline-body"})
    html = response.content.decode()
    assert "<html" not in html and '<svg class="axis-svg"' in html and "2020 to 2022" in html


def test_the_event_fragment_names_the_page_and_can_close(client):
    response = client.get(
        "/timeline/2014-planning-outline/", headers={"HX-Request": "true", "HX-Target": "event-detail"}
    )
    html = response.content.decode()
    article = elements(html, "article", class_="event")[0]
    assert article["data-page-title"].startswith("State Council issues the Planning Outline")
    close = elements(html, "a", class_="event-close")[0]
    assert close["href"] == "/timeline/#ev-2014-planning-outline" and close["hx-get"] == "/timeline/"


def test_the_list_marks_each_new_year_for_the_phone_axis(client, library):
    html = client.get("/timeline/").content.decode()
    ticks = re.findall(r'<span class="year-tick" aria-hidden="true">(\d{4})</span>', html)
    years_by_era = {(library.era_of(e).slug, e.year) for e in library.events}
    assert len(ticks) == len(years_by_era)


def test_the_theme_filter_keeps_the_era_in_focus_without_javascript(client):
    focused = client.get("/timeline/", {"era": "limits"}).content.decode()
    assert elements(focused, "input", name="era", value="limits", type="hidden")
    assert "disabled" not in elements(focused, "input", name="era")[0]
    whole = client.get("/timeline/").content.decode()
    assert "disabled" in elements(whole, "input", name="era")[0]  # no empty era= in the address
