"""The score widget: the real rulebook, the GET form, fragments, bad input, and shared URLs."""

import contextlib
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.library import get_rulebook
from explainer.rules import MAX_MONTH, Scenario, ScenarioError, TakenAction, evaluate
from explainer.score.gauge import WIDTH, gauge
from explainer.score.query import RawQuery, read_form, split
from explainer.score.result import present

BOOK = get_rulebook()
HTMX = {"HX-Request": "true", "HX-Target": "score-result"}


def url(**query):
    return f"/score/?{urlencode(query, doseq=True)}"


# The real rulebook -------------------------------------------------------------------------------


def test_the_rulebook_has_the_required_mechanisms_and_thirty_actions():
    assert len(BOOK.actions) >= 30
    kinds = {m.kind for m in BOOK.mechanisms}
    assert {"points", "list", "claims"} <= kinds
    assert BOOK.persona("rongcheng-resident").points_mechanism
    assert not BOOK.persona("person").points_mechanism and not BOOK.persona("company").points_mechanism
    for rule in BOOK.rules:
        assert rule.sources, rule.id


def test_actions_readers_ask_about_link_their_myth_pages(library):
    claims = [a for a in BOOK.actions if BOOK.mechanism(a.mechanism).kind == "claims"]
    assert len(claims) >= 4
    for action in claims:
        assert action.myth and library.myth(action.myth), action.id


def test_a_person_outside_rongcheng_never_gets_points():
    for action in BOOK.actions_for("person"):
        outcome = evaluate(Scenario("person", (TakenAction(action.id),), 12), BOOK)
        assert outcome.points is None


def test_rongcheng_starts_at_a_thousand_points():
    outcome = evaluate(Scenario("rongcheng-resident"), BOOK)
    assert outcome.points.value == 1000 and outcome.points.grade is not None


# Property tests ----------------------------------------------------------------------------------

PERSONAS = [p.id for p in BOOK.personas]


@st.composite
def scenarios(draw):
    persona = draw(st.sampled_from(PERSONAS))
    actions = [a.id for a in BOOK.actions_for(persona)]
    taken = draw(st.lists(st.tuples(st.sampled_from(actions), st.integers(0, MAX_MONTH)), max_size=50))
    return Scenario(persona, tuple(TakenAction(a, m) for a, m in taken), draw(st.integers(0, MAX_MONTH)))


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_valid_scenarios_always_evaluate_the_same_way_within_bounds(scenario):
    first, second = evaluate(scenario, BOOK), evaluate(scenario, BOOK)
    assert first == second
    if first.points:
        assert first.points.value >= first.points.mechanism.min_points
        assert first.points.grade in first.points.mechanism.grades
    for effect in first.effects:
        assert effect.consequence.sources
    for step in first.steps + first.notes:
        assert step.rule.sources
    for membership in first.active:
        assert membership.start <= scenario.at_month


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=30),
    st.lists(st.tuples(st.text(max_size=20), st.integers(-5, 200)), max_size=60),
    st.integers(-5, 200),
)
def test_arbitrary_input_raises_only_the_models_own_error(persona, actions, month):
    scenario = Scenario(persona, tuple(TakenAction(a, m) for a, m in actions), month)
    with contextlib.suppress(ScenarioError):  # any other exception fails the test
        evaluate(scenario, BOOK)


# Between the model and the page ------------------------------------------------------------------


def test_the_query_string_is_only_split_into_raw_values():
    raw = split(QueryDict("persona=a&persona=b&months=x&action=p@3&action=&action=q&action=r@s@t"))
    assert raw == RawQuery(("a", "b"), ("x",), (("p", "3"), ("q", ""), ("r", "s@t")), bound=True)
    assert split(QueryDict("")) == RawQuery()


def test_switching_persona_leaves_out_the_actions_that_do_not_apply():
    company_only = next(a for a in BOOK.actions if a.personas == ("company",))
    form = read_form(
        QueryDict(urlencode({"persona": "person", "action": [company_only.id, "refuse-judgment"]}, True)), BOOK
    )
    assert form.problems == () and form.dropped == (company_only.label,)
    assert form.chosen == {"refuse-judgment"}


def test_the_gauge_spans_the_scale_with_one_current_band():
    points = evaluate(Scenario("rongcheng-resident"), BOOK).points
    drawing = gauge(points)
    bands = drawing.bands
    assert bands[0].x == 0 and bands[-1].x + bands[-1].width == pytest.approx(WIDTH, abs=0.2)
    assert [b.x for b in bands] == sorted(b.x for b in bands)
    assert [b.name for b in bands if b.current] == [points.grade.name]
    assert 0 <= drawing.marker <= WIDTH - 3
    assert drawing.label.startswith(f"1000 points, grade {points.grade.name}, on a scale where the grades begin at ")


def test_a_score_far_below_the_bands_puts_the_marker_at_the_left_edge():
    low = Scenario("rongcheng-resident", tuple(TakenAction("damage-utility-equipment") for _ in range(20)))
    points = evaluate(low, BOOK).points
    assert gauge(points).marker == 0 and gauge(points).bands[0].current


def test_the_result_carries_the_sources_and_myths_it_names(library):
    actions = [a.id for a in BOOK.actions_for("person")]
    result = present(evaluate(Scenario("person", tuple(TakenAction(a) for a in actions), 12), BOOK), library)
    assert result.steps and result.effects and result.notes
    for line in result.steps + result.notes:
        assert [s.key for s in line.sources] == list(line.step.rule.sources)
        assert (line.reported_by.key if line.reported_by else "") == line.step.rule.reported_by
    for cited in result.effects:
        assert [s.key for s in cited.sources] == list(cited.effect.consequence.sources)
    assert any(line.myth for line in result.notes)
    assert result.when == "12 months later" and result.summary.startswith(
        "A person elsewhere in China, 12 months later: "
    )


@pytest.mark.slow
def test_the_score_helpers_do_not_import_django():
    code = "import sys, explainer.score.query, explainer.score.result, explainer.score.gauge; "
    code += "assert not any(m.startswith('django') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


# The widget ---------------------------------------------------------------------------------------


def test_empty_form_explains_and_offers_examples(client):
    response = client.get("/score/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "not a real score" in html and "start from an example" in html
    for persona in BOOK.personas:
        assert f'value="{persona.id}"' in html


def test_a_scenario_url_gives_the_full_page_with_the_result(client):
    action = BOOK.actions_for("person")[0]
    response = client.get(url(persona="person", action=action.id, months=6))
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "there is no social credit score for a person elsewhere in china" in html.lower()
    assert f'value="{action.id}" checked' in html
    assert "HX-Request" in response["Vary"]


def test_htmx_gets_only_the_result_and_the_same_result(client):
    query = url(persona="rongcheng-resident", action=[a.id for a in BOOK.actions_for("rongcheng-resident")[:3]])
    full = client.get(query).content.decode()
    partial = client.get(query, headers=HTMX).content.decode()
    assert "<html" not in partial and "<form" not in partial
    assert partial.strip() in full
    assert "points" in partial


def test_history_restore_gets_the_whole_page(client):
    response = client.get(url(persona="company"), headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_each_result_line_names_mechanism_document_effect_duration_and_source(client):
    action = next(
        a for a in BOOK.actions_for("company") if any(r.effect == "list-entry" for r in BOOK.rules_for("company", a.id))
    )
    html = client.get(url(persona="company", action=action.id), headers=HTMX).content.decode()
    for label in ("Mechanism", "Document", "Effect", "How long", "Source"):
        assert f"<dt>{label}</dt>" in html
    rule = BOOK.rules_for("company", action.id)[0]
    assert f'href="/sources/{rule.sources[0]}/"' in html
    assert "Why? The calculation step by step" in html


def test_points_only_appear_inside_the_labelled_city_scheme(client):
    html = client.get(url(persona="rongcheng-resident"), headers=HTMX).content.decode()
    assert "local scheme" in html and 'class="gauge"' in html
    html = client.get(url(persona="company"), headers=HTMX).content.decode()
    assert 'class="gauge"' not in html and "No score" in html


def test_actions_that_do_not_apply_to_the_persona_are_left_out_with_a_note(client):
    company_only = next(a for a in BOOK.actions if a.personas == ("company",))
    response = client.get(url(persona="person", action=company_only.id))
    assert response.status_code == 200
    assert "Left out because they do not apply" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"persona": "martian"}, "not one the model knows"),
        ({"persona": ["person", "company"]}, "Choose one persona"),
        ({"persona": "person", "action": "fly-to-the-moon"}, "not in the model"),
        ({"persona": "person", "months": "999"}, "from 0 to 120"),
        ({"persona": "person", "months": "soon"}, "whole number"),
        ({"persona": "person", "months": ["1", "2"]}, "once"),
        ({"persona": "person", "action": "refuse-judgment@x"}, "whole number"),
        ({"persona": "person", "action": ["refuse-judgment"] * 51}, "at most 50"),
        ({"action": "refuse-judgment"}, "Choose who you are"),
    ],
)
def test_bad_input_is_a_400_that_says_what_was_wrong(client, query, message):
    for headers in ({}, HTMX):
        response = client.get(url(**query), headers=headers)
        html = response.content.decode()
        assert response.status_code == 400, query
        assert message in html, (query, message)


def test_bad_input_keeps_the_rest_of_the_form_and_never_echoes_raw_input(client):
    html = client.get(url(persona="company", months="<script>alert(1)</script>")).content.decode()
    assert "<script>alert(1)" not in html
    assert 'id="persona-company" checked' in html


def test_score_page_is_in_the_sitemap(client):
    assert "http://testserver/score/</loc>" in client.get("/sitemap.xml").content.decode()
