"""The map of pilot and demonstration cities: content/places.toml, its checks, and the /map/ page."""

import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser

import pytest

from explainer.content.places import PROVINCES, load_places, tiles
from explainer.library import get_library, get_places

from .conftest import ROOT

KINDS = {"law-key": "law", "press-key": "press", "weak-key": "other"}
PAGES = {"/timeline/a/", "/guide/b/#c"}

ROLES = """
[[roles]]
id = "batch-1"
kind = "batch"
mark = "1"
shape = "circle"
name = "First batch"
date = "2017-12"
count = 2
sources = ["law-key"]
summary = "Two cities."

[[roles]]
id = "local"
kind = "local"
mark = "L"
shape = "hexagon"
name = "Local schemes"
summary = "Schemes of their own."
"""

PLACE = """
[[places]]
slug = "{slug}"
name = "{name}"
zh = "某市"
province = "{province}"
page = "{page}"
roles = [{roles}]
"""


def write(tmp_path, *places, roles=ROLES):
    path = tmp_path / "places.toml"
    path.write_text(textwrap.dedent(roles) + "".join(places), encoding="utf-8")
    return load_places(path, KINDS, lambda page: page in PAGES)


def place(slug="a", name="A", province="shandong", page="/timeline/a/", roles='{ role = "batch-1" }'):
    return PLACE.format(slug=slug, name=name, province=province, page=page, roles=roles)


def codes(places):
    return [(p.code, p.field) for p in places.problems]


# --- loader and checks ------------------------------------------------------------------------------


def test_a_valid_file_loads_and_batch_members_take_the_batch_sources(tmp_path):
    local = '{ role = "batch-1" }, { role = "local", year = "2012", what = "Points", sources = ["press-key"] }'
    places = write(tmp_path, place(), place(slug="b", name="B", roles=local))
    assert places.problems == ()
    a, b = places.places
    assert a.memberships[0].sources == ("law-key",)
    assert [m.role.id for m in b.memberships] == ["batch-1", "local"]
    assert b.memberships[1].sources == ("press-key",)
    assert places.source_keys() == {"law-key", "press-key"}


def test_missing_file_and_bad_toml_are_e040(tmp_path):
    assert codes(load_places(tmp_path / "none.toml", KINDS)) == [("E040", "places")]
    (tmp_path / "bad.toml").write_text("[[places]\n", encoding="utf-8")
    assert codes(load_places(tmp_path / "bad.toml", KINDS))[0][0] == "E040"


def test_unknown_province_role_and_source_are_e041(tmp_path):
    places = write(
        tmp_path,
        place(slug="a", province="atlantis"),
        place(slug="b", roles='{ role = "batch-9" }'),
        place(slug="c", roles='{ role = "batch-1", sources = ["no-such-key"] }'),
    )
    found = codes(places)
    assert ("E041", "places[0] (a).province") in found
    assert ("E041", "places[1] (b).roles[0].role") in found
    assert ("E041", "places[2] (c).roles[0].sources") in found


def test_duplicate_slug_is_e041(tmp_path):
    assert ("E041", "places[1] (a).slug") in codes(write(tmp_path, place(), place()))


def test_a_membership_resting_only_on_weak_sources_is_e042(tmp_path):
    weak = '{ role = "local", year = "2018", what = "Points", sources = ["weak-key"] }'
    assert ("E042", "places[0] (a).roles[0].sources") in codes(write(tmp_path, place(roles=weak)))


def test_a_local_scheme_needs_sources_what_and_year(tmp_path):
    found = codes(write(tmp_path, place(roles='{ role = "local" }')))
    assert ("E042", "places[0] (a).roles[0].sources") in found
    assert ("E042", "places[0] (a).roles[0]") in found


def test_a_page_that_does_not_resolve_is_e043(tmp_path):
    assert ("E043", "places[0] (a).page") in codes(write(tmp_path, place(page="/timeline/nowhere/")))
    assert not [c for c in codes(write(tmp_path, place(page="/guide/b/#c"))) if c[0] == "E043"]
    assert ("E043", "places[0] (a).page") in codes(write(tmp_path, place(page="/guide/b/#nope")))


def test_more_places_than_the_notice_named_is_e044(tmp_path):
    found = codes(write(tmp_path, place(slug="a"), place(slug="b"), place(slug="c")))
    assert ("E044", "roles (batch-1)") in found


def test_fewer_places_than_named_needs_a_gap_note(tmp_path):
    assert ("E044", "roles (batch-1).gap") in codes(write(tmp_path, place()))
    with_gap = ROLES.replace('summary = "Two cities."', 'summary = "Two cities."\ngap = "One is not confirmed."')
    assert codes(write(tmp_path, place(), roles=with_gap)) == []


def test_wrong_types_and_unknown_fields_are_e040(tmp_path):
    found = codes(write(tmp_path, place().replace('zh = "某市"', "zh = 3\ncolour = 'red'")))
    assert ("E040", "places[0] (a).zh") in found
    assert ("E040", "places[0] (a).colour") in found


def test_a_tile_holds_at_most_twelve_marks(tmp_path):
    roles = ROLES.replace("count = 2", "count = 20")
    roles = roles.replace('summary = "Two cities."', 'summary = "Many."\ngap = "Not all."')
    many = [place(slug=f"p{i}") for i in range(13)]
    assert ("E041", "places[12] (p12)") in codes(write(tmp_path, *many, roles=roles))


def test_the_loader_does_not_import_django():
    code = "import sys, explainer.content.places; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


# --- the real content -------------------------------------------------------------------------------


def test_the_real_places_file_has_no_problems():
    assert get_places().problems == ()


def test_first_batch_is_the_twelve_cities_the_timeline_names():
    places = get_places()
    names = {p.name for p, _ in places.members(places.role("batch-1"))}
    event = get_library().event("2017-demonstration-cities")
    listed = re.search(r"They were (.+?) \[@", event.path.read_text(encoding="utf-8")).group(1)
    assert names == set(re.split(r", | and ", listed)) and len(names) == 12


def test_fourth_batch_is_68_places_in_21_provinces():
    places = get_places()
    members = places.members(places.role("batch-4"))
    assert len(members) == places.role("batch-4").count == 68
    assert len({p.province for p, _ in members}) == 21


def test_every_tile_is_a_province_and_no_two_share_a_square():
    squares = [(column, row) for _, _, column, row in PROVINCES.values()]
    assert len(PROVINCES) == 31 and len(set(squares)) == 31
    drawn = sum(len(t.marks) for t in tiles(get_places()))
    assert drawn == sum(1 for p in get_places().places for m in p.memberships if m.role.drawn)


# --- the page --------------------------------------------------------------------------------------


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.in_svg = [], set(), 0
        self.svg_hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "svg":
            self.in_svg += 1
        if tag == "a" and "href" in attrs:
            (self.svg_hrefs if self.in_svg else self.hrefs).append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1


@pytest.fixture(scope="module")
def map_html():
    from django.test import Client

    response = Client().get("/map/")
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_page_is_public_and_cacheable(map_html):
    response, _ = map_html
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_every_place_is_in_the_table_and_on_the_map_with_a_link_that_resolves(client, map_html):
    _, html = map_html
    parser = Links()
    parser.feed(html)
    for place in get_places().places:
        assert f'<a href="{place.page}">{place.name}</a>' in html.replace("&#x27;", "'"), place.slug
        drawn = [m for m in place.memberships if m.role.drawn]
        assert parser.svg_hrefs.count(place.page) >= len(drawn)
    for page in {p.page for p in get_places().places} | {r.page for r in get_places().roles if r.page}:
        path, _, anchor = page.partition("#")
        response = client.get(path)
        assert response.status_code == 200, page
        if anchor:
            assert f'id="{anchor}"' in response.content.decode(), page


def test_each_map_mark_has_a_name_giving_place_province_and_batch(map_html):
    _, html = map_html
    assert 'aria-label="Rongcheng, Shandong: demonstration cities, first batch (2017)"' in html
    assert 'aria-label="Rongcheng, Shandong: local scheme (2012)"' in html
    assert 'aria-label="Xiamen, Fujian: local scheme (start year not confirmed)"' in html


def test_the_svg_has_a_title_and_description(map_html):
    _, html = map_html
    svg = re.search(r"<svg class=\"places-map\"[^>]*>", html).group(0)
    assert 'aria-labelledby="places-map-title places-map-desc"' in svg
    assert '<title id="places-map-title">' in html and '<desc id="places-map-desc">' in html


def test_the_tables_list_every_member_of_each_batch_with_citations(map_html):
    _, html = map_html
    places = get_places()
    for role in places.roles:
        section = re.search(
            rf'<section class="places-group" aria-labelledby="group-{role.id}">(.*?)</section>', html, re.S
        )
        assert section, role.id
        rows = re.findall(r'<tr><th scope="row">', section.group(1))
        assert len(rows) == len(places.members(role))
        batch_cites = 1 if role.sources else 0
        assert section.group(1).count('<sup class="cite">') == len(rows) + batch_cites
        if role.gap:
            assert role.gap.replace("’", "&#x27;")[:20] in section.group(1) or role.gap[:20] in section.group(1)


def test_every_cited_source_is_in_the_reference_list(map_html):
    _, html = map_html
    parser = Links()
    parser.feed(html)
    cited = {href[1:] for href in parser.hrefs if href.startswith("#ref-")}
    assert cited and cited <= parser.ids


def test_map_is_in_the_sitemap_and_linked_from_the_batch_events_and_origins(client):
    assert "/map/</loc>" in client.get("/sitemap.xml").content.decode()
    for path in [
        "/timeline/2017-demonstration-cities/",
        "/timeline/2019-second-demonstration-batch/",
        "/timeline/2023-fourth-demonstration-batch/",
        "/guide/origins/",
    ]:
        assert 'href="/map/"' in client.get(path).content.decode(), path


def test_post_is_refused(client):
    assert client.post("/map/").status_code == 405


def test_page_weight_is_under_budget():
    from tools.pageweight import BUDGET, measure

    (weight,) = measure(["/map/"])
    assert weight.total <= BUDGET
