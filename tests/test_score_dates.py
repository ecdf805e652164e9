"""The widget over time: "rules in force on", when each action happens, the answer first, the three
people, the time strip and the scenario's own address."""

import re
from datetime import date
from urllib.parse import urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.library import get_library, get_rulebook
from explainer.rules import MAX_MONTH, Scenario, TakenAction, evaluate
from explainer.rules.dates import EARLIEST, add_months, in_force_on
from explainer.rules.records import split_basis

BOOK = get_rulebook()
HTMX = {"HX-Request": "true", "HX-Target": "score-result"}


def url(**query):
    return f"/score/?{urlencode(query, doseq=True)}"


def test_a_form_month_for_an_action_becomes_id_at_month_in_the_address(client):
    query = {"persona": "person", "action": ["refuse-judgment", "perform-judgment"], "when.perform-judgment": "6"}
    response = client.get(url(**query), headers=HTMX)
    assert response["HX-Push-Url"] == "/score/?persona=person&action=refuse-judgment&action=perform-judgment%406"
    html = response.content.decode()
    assert 'href="/score/?persona=person&amp;action=refuse-judgment&amp;action=perform-judgment%406"' in html


def test_an_example_keeps_its_months_when_another_control_changes(client):
    """'Pays six months later' stays six months later when the month looked at changes."""
    html = client.get(url(persona="person", action=["refuse-judgment", "perform-judgment@6"], months="12")).content
    html = html.decode()
    select = re.search(r'<select name="when\.perform-judgment">(.*?)</select>', html, re.S)[1]
    assert '<option value="6" selected>' in select
    assert "perform-judgment%406" in html  # the canonical address keeps it too


def test_the_answer_comes_first_and_says_no_score_changes(client):
    html = client.get(url(persona="person", action="refuse-judgment")).content.decode()
    headline = re.search(r'<p class="headline">(.*?)</p>', html, re.S)[1]
    assert headline.startswith("No score changes: there is no national social credit score.")
    assert "defaulters" in headline and "travel" in headline
    assert html.index('class="headline"') < html.index('id="effects-title"')


def test_consequences_are_grouped_by_what_they_touch(client):
    html = client.get(url(persona="person", action="refuse-judgment")).content.decode()
    groups = re.findall(r'<span class="area-name">([^<]+)</span>', html)
    assert groups[:2] == ["Travel", "Spending"] and len(groups) == len(set(groups))


def test_rules_in_force_on_a_past_date_apply_the_rules_of_then(client):
    before = client.get(url(persona="person", action="refuse-judgment", as_of="2016-01-01")).content.decode()
    now = client.get(url(persona="person", action="refuse-judgment")).content.decode()
    assert "1 January 2016" in before and "/sources/spc-2013-defaulter-list/" in before
    assert "/sources/spc-2017-defaulter-list/" in now
    assert "company-law" not in before  # the 2024 board ban is not in force in 2016


def test_a_rule_that_changed_in_between_is_named(client):
    html = client.get(url(persona="person", action="refuse-judgment", months="120", as_of="2022-01-01")).content
    assert "When the rules changed" in html.decode()


def test_an_as_of_date_out_of_range_is_a_clear_400(client):
    for value in ("2010-01-01", "2999-01-01", "yesterday", "<b>x</b>"):
        response = client.get(url(persona="person", as_of=value))
        assert response.status_code == 400, value
        assert "<b>x</b>" not in response.content.decode()


def test_three_people_view_shows_the_same_actions_for_each(client):
    html = client.get(url(persona="person", action=["refuse-judgment", "late-utility-fees"])).content.decode()
    table = re.search(r'<table class="compare">(.*?)</table>', html, re.S)[1]
    for persona in BOOK.personas:
        assert persona.label in table
    assert "points, grade" in table  # only the Rongcheng resident has points
    assert "not open to them" in table  # the company cannot fall behind on a heating bill


def test_time_strip_has_a_text_equivalent(client):
    html = client.get(url(persona="company", action="miss-annual-report", months="36")).content.decode()
    assert 'class="time-strip"' in html and "<desc" in html
    assert re.search(r'<ul class="strip-text"><li>[^<]+from month 0', html)


def test_canonical_and_open_graph_urls_keep_the_scenario(client):
    html = client.get(url(persona="company", action="miss-annual-report", months="36")).content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]
    assert canonical.endswith("/score/?persona=company&amp;action=miss-annual-report&amp;months=36")
    assert f'<meta property="og:url" content="{canonical}">' in html


# The model over random dates ----------------------------------------------------------------------

DAYS = st.dates(min_value=EARLIEST, max_value=date(2026, 12, 2))


@st.composite
def dated_scenarios(draw):
    persona = draw(st.sampled_from([p.id for p in BOOK.personas]))
    actions = [a.id for a in BOOK.actions_for(persona)]
    taken = draw(st.lists(st.tuples(st.sampled_from(actions), st.integers(0, 36)), max_size=8))
    at = draw(st.integers(0, MAX_MONTH))
    return Scenario(persona, tuple(TakenAction(a, m) for a, m in taken), at, draw(DAYS))


@settings(max_examples=300, deadline=None)
@given(dated_scenarios())
def test_no_rule_applies_outside_its_dates_and_results_repeat(scenario):
    outcome = evaluate(scenario, BOOK)
    for step in outcome.steps + outcome.notes:
        day = add_months(scenario.as_of, step.month - scenario.at_month)
        assert in_force_on(step.rule, day), (step.rule.id, day)
    for effect in outcome.effects:
        assert in_force_on(effect.consequence, scenario.as_of), effect.consequence.id
    assert evaluate(scenario, BOOK) == outcome


@settings(max_examples=200, deadline=None)
@given(dated_scenarios())
def test_every_consequence_names_an_instrument_in_force_on_its_date(scenario):
    library = get_library()
    for effect in evaluate(scenario, BOOK).effects:
        consequence = effect.consequence
        for basis in consequence.basis:
            document = library.document(split_basis(basis)[0])
            start = document.in_force or document.issued
            assert start <= scenario.as_of, (consequence.id, basis)
            assert document.replaced is None or scenario.as_of < document.replaced, (consequence.id, basis)


def test_labels_keep_their_capitals_and_lists_their_right_names(client):
    person = client.get(url(persona="person", action="refuse-judgment")).content.decode()
    assert "no social credit score for a person elsewhere in China" in person
    company = client.get(url(persona="company", action="miss-annual-report")).content.decode()
    badge = re.search(r'<span class="badge-kind">([^<]+)</span> Business Abnormal Operations List', company)[1]
    assert badge == "warning list"


def test_each_group_of_consequences_has_an_icon_and_its_name(client):
    html = client.get(url(persona="person", action="refuse-judgment")).content.decode()
    for summary in re.findall(r"<summary>(.*?)</summary>", html, re.S):
        if "area-name" in summary:
            assert 'class="area-icon"' in summary and 'aria-hidden="true"' in summary
