"""The rules model's semantics, on a small hand-made rulebook (no files, no Django)."""

import subprocess
import sys

import pytest

from explainer.rules import (
    MAX_ACTIONS,
    Action,
    Consequence,
    Grade,
    ListInfo,
    Mechanism,
    Persona,
    Problem,
    Rule,
    RuleBook,
    Scenario,
    ScenarioError,
    TakenAction,
    evaluate,
    problems,
    read,
)


def mechanism(id, kind="list", personas=("person", "resident", "firm"), **extra):
    return Mechanism(id, id.title(), kind, "Someone", "A document", "2020", "Summary", ("src",), personas, **extra)


BOOK = RuleBook(
    personas=(
        Persona("resident", "A resident", "Lives in a points city", points_mechanism="city"),
        Persona("person", "A person", "Lives elsewhere"),
        Persona("firm", "A company", "A firm"),
    ),
    mechanisms=(
        mechanism(
            "city",
            kind="points",
            personas=("resident",),
            start_points=1000,
            min_points=0,
            grades=(Grade("A", 960, "Perks", ("discount",)), Grade("B", 850), Grade("C", 600), Grade("D", 0)),
        ),
        mechanism("court"),
        mechanism("registry"),
        mechanism("claims", kind="claims"),
    ),
    actions=(
        Action("late-bill", "Pay a bill late", "city", ("resident",)),
        Action("disaster", "Damage the water main", "city", ("resident",)),
        Action("drunk", "Drive drunk", "city", ("resident",)),
        Action("refuse", "Refuse a judgment", "court", ("person", "resident", "firm")),
        Action("obstruct", "Obstruct enforcement", "court", ("person", "resident", "firm")),
        Action("pay", "Pay the judgment", "court", ("person", "resident", "firm")),
        Action("no-report", "Skip the annual report", "registry", ("firm",)),
        Action("file-report", "File the report", "registry", ("firm",)),
        Action("jaywalk", "Jaywalk", "claims", ("person", "resident"), myth="jaywalking"),
    ),
    rules=(
        Rule("city.late", "city", "late-bill", "points", "-20", ("src",), points=-20),
        Rule("city.disaster", "city", "disaster", "points", "-100", ("src",), points=-700),
        Rule("city.drunk", "city", "drunk", "grade-cap", "At most C", ("src",), grade="C", reported_by="press"),
        Rule(
            "court.refuse",
            "court",
            "refuse",
            "list-entry",
            "Listed",
            ("src",),
            list="defaulters",
            consequences=("no-flights",),
            repair="Pay.",
        ),
        Rule(
            "court.obstruct",
            "court",
            "obstruct",
            "list-entry",
            "Listed 24 months",
            ("src",),
            list="defaulters-term",
            lasts_months=24,
            repair="Wait.",
            repair_after_months=0,
        ),
        Rule("court.pay", "court", "pay", "list-removal", "Removed", ("src",), list="defaulters"),
        Rule(
            "registry.skip",
            "registry",
            "no-report",
            "list-entry",
            "Abnormal",
            ("src",),
            list="abnormal",
            escalates_to="registry.serious",
            escalates_after_months=36,
            repair="File it.",
        ),
        Rule(
            "registry.serious",
            "registry",
            "",
            "list-entry",
            "Serious",
            ("src",),
            list="serious",
            lasts_months=60,
            consequences=("no-bids",),
        ),
        Rule("registry.file", "registry", "file-report", "list-removal", "Removed", ("src",), list="abnormal"),
        Rule("claims.jaywalk", "claims", "jaywalk", "note", "No documented effect", ("src",)),
    ),
    lists=(
        ListInfo("defaulters", "Defaulters", "court", "blacklist"),
        ListInfo("defaulters-term", "Defaulters (term)", "court", "blacklist"),
        ListInfo("abnormal", "Abnormal", "registry", "blacklist"),
        ListInfo("serious", "Serious", "registry", "blacklist"),
    ),
    consequences=(
        Consequence("no-flights", "restriction", "No flights", "travel", ("src",)),
        Consequence("no-bids", "restriction", "No bids", "business", ("src",)),
        Consequence("discount", "reward", "A discount", "services", ("src",)),
    ),
)


def run(persona, *actions, at=0):
    taken = tuple(TakenAction(*a) if isinstance(a, tuple) else TakenAction(a) for a in actions)
    return evaluate(Scenario(persona, taken, at), BOOK)


def test_a_person_outside_a_points_city_has_no_points():
    outcome = run("person", "refuse")
    assert outcome.points is None
    assert [m.id for m in outcome.mechanisms] == ["court", "registry", "claims"]


def test_points_change_and_set_the_grade_with_its_rewards():
    outcome = run("resident", "late-bill")
    assert outcome.points.value == 980 and outcome.points.grade.name == "A"
    assert [e.consequence.id for e in outcome.effects] == ["discount"]
    assert [s.summary for s in outcome.steps] == ["-20 points"]


def test_points_never_fall_below_the_scheme_minimum():
    outcome = run("resident", "disaster", "disaster")
    assert outcome.points.value == 0 and outcome.points.grade.name == "D"


def test_a_grade_cap_lowers_the_grade_but_not_the_points():
    outcome = run("resident", "drunk")
    assert outcome.points.value == 1000 and outcome.points.grade.name == "C"
    assert outcome.effects == ()


def test_listing_without_a_term_lasts_until_removed_and_lists_the_way_back():
    outcome = run("person", "refuse", at=12)
    (membership,) = outcome.active
    assert (membership.list.id, membership.start, membership.end) == ("defaulters", 0, None)
    assert [e.consequence.id for e in outcome.effects] == ["no-flights"]
    assert [(w.text, w.earliest_month) for w in outcome.ways_back] == [("Pay.", 0)]


def test_paying_removes_the_listing_from_that_month():
    before = run("person", "refuse", ("pay", 6), at=5)
    after = run("person", "refuse", ("pay", 6), at=6)
    assert len(before.active) == 1 and before.effects
    assert after.active == () and after.effects == ()
    assert after.memberships[0].end == 6 and after.memberships[0].ended_by == "removed"


def test_fixed_term_listing_ends_by_itself():
    assert len(run("person", "obstruct", at=23).active) == 1
    ended = run("person", "obstruct", at=24)
    assert ended.active == () and ended.memberships[0].ended_by == "term"


def test_actions_after_the_month_looked_at_have_not_happened_yet():
    outcome = run("person", ("refuse", 10), at=5)
    assert outcome.steps == () and outcome.memberships == ()


def test_an_entry_left_too_long_escalates_to_the_heavier_list_and_then_ends():
    assert [m.list.id for m in run("firm", "no-report", at=35).active] == ["abnormal"]
    escalated = run("firm", "no-report", at=36)
    assert [m.list.id for m in escalated.active] == ["serious"]
    assert [e.consequence.id for e in escalated.effects] == ["no-bids"]
    assert run("firm", "no-report", at=96).active == ()


def test_fixing_the_problem_in_time_prevents_escalation():
    assert run("firm", "no-report", ("file-report", 12), at=60).active == ()


def test_an_action_with_no_documented_effect_is_a_note_with_its_myth():
    outcome = run("person", "jaywalk")
    assert outcome.steps == () and outcome.effects == ()
    assert [n.action.myth for n in outcome.notes] == ["jaywalking"]


def test_the_same_scenario_gives_the_same_outcome():
    assert run("firm", "no-report", ("file-report", 40), at=50) == run("firm", "no-report", ("file-report", 40), at=50)


@pytest.mark.parametrize(
    ("scenario", "field"),
    [
        (Scenario("alien"), "persona"),
        (Scenario("person", (TakenAction("fly"),)), "action"),
        (Scenario("person", (TakenAction("late-bill"),)), "action"),  # only for residents
        (Scenario("person", (TakenAction("refuse", 121),)), "action"),
        (Scenario("person", (), 121), "months"),
        (Scenario("person", (TakenAction("refuse"),) * 51), "action"),
    ],
)
def test_invalid_scenarios_raise_the_models_own_error(scenario, field):
    with pytest.raises(ScenarioError) as raised:
        evaluate(scenario, BOOK)
    assert raised.value.field == field


def test_every_problem_is_reported_each_with_its_field():
    scenario = Scenario("person", (TakenAction("fly"), TakenAction("late-bill"), TakenAction("refuse", 121)), 121)
    with pytest.raises(ScenarioError) as raised:
        evaluate(scenario, BOOK)
    assert [p.field for p in raised.value.problems] == ["months", "action", "action", "action"]
    assert raised.value.field == "months"
    assert "“Pay a bill late” does not apply to a person." in str(raised.value)


def test_reading_raw_values_keeps_the_usable_part_and_names_every_problem():
    pairs = [("refuse", ""), ("fly", "3"), ("pay", "x"), ("pay", "6"), ("refuse", "500")]
    scenario, found = read(["person"], ["soon"], pairs, BOOK)
    assert scenario == Scenario("person", (TakenAction("refuse"), TakenAction("pay", 6)), 0)
    assert [(p.field, p.message) for p in found] == [
        ("months", "“Months later” must be a whole number from 0 to 120."),
        ("action", "One of the actions is not in the model; it has been left out. Choose from the list."),
        ("action", "An action's month must be a whole number, as in action=id@6."),
        ("action", "An action's month must be from 0 to 120."),
    ]


@pytest.mark.parametrize(
    ("personas", "message"),
    [
        ([], "Choose who you are."),
        ([""], "Choose who you are."),
        (["person", "firm"], "Choose one persona, not several."),
        (["alien"], "That persona is not one the model knows. Choose one from the list."),
    ],
)
def test_reading_needs_one_known_persona(personas, message):
    scenario, found = read(personas, [], [("refuse", "")], BOOK)
    assert found == (Problem("persona", message),)
    assert scenario.persona == "" and scenario.actions == (TakenAction("refuse"),)


def test_reading_names_a_repeated_problem_once_and_keeps_the_first_actions_only():
    scenario, found = read(["person"], ["1", "2"], [("fly", "")] * 3 + [("refuse", "")] * 60, BOOK)
    assert [p.message for p in found] == [
        "Give “months later” once.",
        f"Choose at most {MAX_ACTIONS} actions (this had 63).",
        "One of the actions is not in the model; it has been left out. Choose from the list.",
    ]
    assert len(scenario.actions) == MAX_ACTIONS - 3 and scenario.at_month == 0


def test_reading_leaves_actions_for_another_persona_to_the_caller():
    scenario, found = read(["person"], ["12"], [("late-bill", "")], BOOK)
    assert found == () and scenario == Scenario("person", (TakenAction("late-bill"),), 12)
    assert [p.field for p in problems(scenario, BOOK)] == ["action"]


@pytest.mark.slow
def test_the_rules_package_does_not_import_django():
    code = (
        "import sys, explainer.rules, explainer.rules.data; assert not any(m.startswith('django') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
