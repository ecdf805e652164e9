"""By the numbers: the loader and its checks, the chart geometry, /numbers/, the CSV files and the
charts inside chapters."""

import csv
import io
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from explainer import charts
from explainer.checks import _unknown_charts
from explainer.content.markdown import render
from explainer.content.numbers import load_numbers
from explainer.library import get_library, get_numbers
from tests.conftest import ROOT
from tools.pageweight import BUDGET, measure

SOURCES = {
    "strong": SimpleNamespace(key="strong", kind="press"),
    "weak": SimpleNamespace(key="weak", kind="other"),
}

GOOD = """
[[series]]
id = "listings"
title = "Listings"
measured = "Listings since 2013."
unit = "million listings"
kind = "cumulative"
gap_note = "A running total."
[[series.points]]
date = "2014-12"
value = 0.7
qualifier = "more than"
sources = ["strong"]
[[series.points]]
date = "2017-07"
value = 7.49
sources = ["strong", "weak"]
"""


def load(tmp_path, text):
    path = tmp_path / "numbers.toml"
    path.write_text(text, encoding="utf-8")
    return load_numbers(path, SOURCES)


def codes(problems):
    return sorted(p.code for p in problems)


# The loader and its checks


def test_a_good_file_loads_with_no_problems(tmp_path):
    series, problems = load(tmp_path, GOOD)
    assert problems == []
    (listings,) = series
    assert [p.value for p in listings.points] == [0.7, 7.49]
    assert listings.points[0].label == "more than 0.7"
    assert listings.kind_label == "Running total (cumulative)"


def test_the_years_without_a_figure_are_listed_never_filled_in(tmp_path):
    (listings,), _ = load(tmp_path, GOOD)
    assert listings.missing_years == (2015, 2016)
    assert listings.missing_label == "2015–2016"
    assert len(charts.bar_chart(listings).bars) == 2  # one bar per figure, none for the gap


def test_a_series_can_say_that_its_gaps_are_not_missing_figures(tmp_path):
    (listings,), _ = load(tmp_path, GOOD.replace('kind = "cumulative"', 'kind = "flow"\nmark_missing_years = false'))
    assert listings.missing_years == ()


def test_an_unknown_source_key_is_e001(tmp_path):
    series, problems = load(tmp_path, GOOD.replace('["strong"]', '["nowhere"]'))
    assert codes(problems) == ["E001"]
    assert "nowhere" in problems[0].message
    assert "points[0]" in problems[0].field
    assert series == ()  # a series with a bad point is left out, not drawn half


def test_a_figure_resting_only_on_weak_sources_is_e020(tmp_path):
    _, problems = load(tmp_path, GOOD.replace('["strong"]', '["weak"]'))
    assert codes(problems) == ["E020"]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('date = "2014-12"', 'date = "2014-13"', "points[0].date"),
        ('date = "2014-12"', 'date = "Dec 2014"', "points[0].date"),
        ('date = "2014-12"', 'date = "1870"', "points[0].date"),
        ("value = 0.7", 'value = "0.7"', "points[0].value"),
        ("value = 0.7", "value = -1", "points[0].value"),
        ('qualifier = "more than"', 'qualifier = "roughly"', "points[0].qualifier"),
        ('kind = "cumulative"', 'kind = "total"', "kind"),
        ('unit = "million listings"\n', "", "unit"),
        ('gap_note = "A running total."', 'gap_nte = "typo"', "gap_nte"),
        ('sources = ["strong"]', "sources = []", "points[0].sources"),
    ],
)
def test_bad_fields_are_e040_naming_series_and_field(tmp_path, old, new, field):
    assert old in GOOD
    series, problems = load(tmp_path, GOOD.replace(old, new, 1))
    assert "E045" in codes(problems)
    assert any(p.field == f"series[0] (listings).{field}" for p in problems), problems
    assert series == ()


def test_a_measure_must_be_declared(tmp_path):
    text = GOOD.replace(
        'gap_note = "A running total."', 'gap_note = ""\n[[series.measures]]\nid = "new"\nlabel = "New"'
    )
    _, problems = load(tmp_path, text)
    assert codes(problems) == ["E045", "E045"]  # both points lack a declared measure


def test_two_figures_for_one_date_and_duplicate_ids_are_e040(tmp_path):
    twice = GOOD.replace('date = "2017-07"', 'date = "2014-12"')
    _, problems = load(tmp_path, twice)
    assert any("two figures for 2014-12" in p.message for p in problems)
    series, problems = load(tmp_path, GOOD + GOOD.replace("[[series]]\n", "[[series]]\n", 1))
    assert len(series) == 1 and "duplicate id 'listings'" in problems[0].message


def test_an_unknown_chart_in_a_chapter_is_e041(tmp_path):
    chapter = tmp_path / "chapter.md"
    chapter.write_text("+++\n+++\nText.\n\n{{chart:no-such-series}}\n", encoding="utf-8")
    problems = list(_unknown_charts(SimpleNamespace(chapters=[SimpleNamespace(path=chapter)])))
    assert [(p.code, p.line) for p in problems] == [("E041", 5)]


def test_the_real_numbers_pass_and_hold_at_least_six_series():
    assert len(get_numbers()) >= 6
    assert {s.kind for s in get_numbers()} >= {"cumulative", "flow", "stock"}


def test_the_loader_and_the_charts_do_not_import_django():
    code = "import sys, explainer.content.numbers, explainer.charts; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# Chart geometry


@pytest.mark.parametrize(
    ("top", "expected"), [(14.5, [0, 5, 10, 15]), (1020, [0, 500, 1000, 1500]), (68, [0, 20, 40, 60, 80])]
)
def test_nice_ticks_reach_the_top_value_in_round_steps(top, expected):
    assert charts.nice_ticks(top) == expected


def test_bars_are_placed_in_time_order_and_in_proportion():
    series = next(s for s in get_numbers() if s.id == "blocked-flight-tickets")
    chart = charts.bar_chart(series)
    xs = [bar.x for bar in chart.bars]
    assert xs == sorted(xs)
    heights = {bar.point.value: bar.height for bar in chart.bars}
    assert heights[17.5] / heights[7.28] == pytest.approx(17.5 / 7.28, rel=0.01)


def test_value_labels_stay_inside_the_chart_and_apart():
    for series in get_numbers():
        bars = charts.bar_chart(series).bars
        for bar in bars:
            half = len(bar.label) * charts.LABEL_CHAR / 2
            assert half <= bar.label_x <= charts.WIDTH - half, (series.id, bar.label)
            assert bar.label_y >= 12
        for a in bars:
            for b in bars:
                if a is not b and abs(a.label_x - b.label_x) < (len(a.label) + len(b.label)) * charts.LABEL_CHAR / 2:
                    assert abs(a.label_y - b.label_y) >= charts.LABEL_LINE, (series.id, a.label, b.label)


def test_the_description_gives_every_figure_in_words():
    series = next(s for s in get_numbers() if s.id == "court-defaulter-listings")
    text = charts.describe(series)
    assert "December 2014: more than 0.7" in text
    assert "9 July 2019: more than 14.5" in text
    assert "No figure found for 2015–2016." in text


def test_a_chart_line_in_markdown_becomes_a_slot():
    html = render("Before.\n\n{{chart:court-defaulter-listings}}\n\nAfter.", sources={}, glossary={}).html
    assert "<!--chart:court-defaulter-listings-->" in html
    assert "{{" not in html


# The page and the files


@pytest.fixture(scope="module")
def numbers_page():
    from django.test import Client

    response = Client().get("/numbers/")
    assert response.status_code == 200
    return response


def test_numbers_page_is_public_and_cacheable(numbers_page):
    assert "public" in numbers_page["Cache-Control"]
    assert 'href="/static/css/charts.css"' in numbers_page.content.decode()


def test_every_chart_has_an_svg_with_title_and_description(numbers_page):
    html = numbers_page.content.decode()
    for series in get_numbers():
        svg = re.search(
            rf'<svg class="chart-svg"[^>]*aria-labelledby="chart-{series.id}-svg-title chart-{series.id}-svg-desc"',
            html,
        )
        assert svg, series.id
        assert f'<title id="chart-{series.id}-svg-title">' in html
        desc = re.search(rf'<desc id="chart-{series.id}-svg-desc">(.*?)</desc>', html, re.S)
        assert desc and series.unit in desc[1]


def test_every_figure_is_in_its_table_with_its_sources(numbers_page):
    html = numbers_page.content.decode()
    for series in get_numbers():
        section = re.search(rf'<section class="chart" id="chart-{series.id}".*?</section>', html, re.S)[0]
        table = re.search(r"<table.*?</table>", section, re.S)[0]
        for point in series.points:
            assert f"<td>{point.label}</td>" in table, (series.id, point.label)
        for key in series.source_keys:
            assert f'href="/sources/{key}/"' in section


def test_notes_say_which_years_have_no_figure(numbers_page):
    html = numbers_page.content.decode()
    assert "No figure found for 2007–2018." in html  # the credit files: 2006, then 2019
    assert "Running total (cumulative)" in html


def test_each_csv_parses_and_matches_the_data(client):
    for series in get_numbers():
        response = client.get(series.csv_url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) == len(series.points)
        for row, point in zip(rows, series.points, strict=True):
            assert row["series"] == series.id
            assert row["date"] == point.date
            assert float(row["value"]) == pytest.approx(point.value)
            assert row["qualifier"] == point.qualifier
            assert row["sources"].split("; ") == list(point.sources)


def test_an_unknown_series_csv_is_a_404(client):
    assert client.get("/numbers/no-such-series.csv").status_code == 404


def test_numbers_is_in_the_nav_and_the_sitemap(client):
    assert 'href="/numbers/" aria-current="page">Numbers<' in client.get("/numbers/").content.decode()
    assert "/numbers/</loc>" in client.get("/sitemap.xml").content.decode()


# Charts inside chapters


def chapters_with_charts():
    return [c for c in get_library().chapters if "<!--chart:" in c.html]


def test_chapters_show_their_charts_inline(client):
    assert chapters_with_charts(), "no chapter places a chart"
    for chapter in chapters_with_charts():
        html = client.get(chapter.url).content.decode()
        for chart_id in re.findall(r"<!--chart:([a-z0-9-]+)-->", chapter.html):
            assert f'<section class="chart" id="chart-{chart_id}"' in html
            assert f'<h3 id="chart-{chart_id}-title"' in html
        assert "<!--chart:" not in html
        assert 'href="/static/css/charts.css"' in html


def test_chapters_without_charts_do_not_load_the_chart_styles(client):
    assert "how-it-works" not in {c.slug for c in chapters_with_charts()}  # already at the budget's edge
    assert "charts.css" not in client.get("/guide/how-it-works/").content.decode()


def test_pages_with_charts_stay_under_the_weight_budget():
    paths = ["/numbers/", "/guide/how-it-works/"] + [c.url for c in chapters_with_charts()]
    for weight in measure(paths):
        assert weight.total <= BUDGET, f"{weight.path}: {weight.total / 1024:.1f} KB"


def test_the_readme_justifies_drawing_charts_by_hand():
    assert "no charting library" in (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8").lower()


def test_the_data_page_lists_every_figure_as_a_dataset(client):
    assert 'href="/data/numbers.csv"' in client.get("/data/").content.decode()
    response = client.get("/data/numbers.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == sum(len(s.points) for s in get_numbers())
    assert {r["series"] for r in rows} == {s.id for s in get_numbers()}


def test_pages_with_charts_have_no_duplicate_ids(client):
    for url in ["/numbers/", *(c.url for c in chapters_with_charts())]:
        ids = re.findall(r'\sid="([^"]+)"', client.get(url).content.decode())
        assert len(ids) == len(set(ids)), (url, sorted({i for i in ids if ids.count(i) > 1}))
