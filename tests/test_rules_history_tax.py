"""Tax credit, Rongcheng and redlist rules by date (issue 15), each test written from the text it cites.

Tax: 2014 measures (STA 2014 No. 40, 1 Oct 2014) -> STA 2020 No. 15 (points-based D, from the 2019
evaluation held in 2020) -> STA 2021 No. 31 (repair of direct D grades, 1 Jan 2022) -> 2025 measures
(STA 2025 No. 12, 1 Jul 2025).
"""

from datetime import date

from explainer.library import get_rulebook
from explainer.rules import Scenario, TakenAction, evaluate

BOOK = get_rulebook()


def _run(persona, action, as_of, at_month=0, month=0):
    return evaluate(Scenario(persona, (TakenAction(action, month),), at_month, as_of=as_of), BOOK)


def _rules(outcome):
    return [s.rule.id for s in outcome.steps]


def _lists(outcome):
    return [(m.list.id, m.rule.id) for m in outcome.memberships]


def _consequences(outcome):
    return {e.consequence.id for e in outcome.effects}


# --- tax credit ---


def test_2014_measures_art_19_a_grade_in_2016_brings_the_2014_perks():
    out = _run("company", "tax-score-a", date(2016, 5, 1))
    assert _rules(out) == ["tax-credit.grade-a-2014"]
    assert {"tax-a-named", "tax-a-invoices", "tax-a-green-channel"} <= _consequences(out)
    assert "Art. 19" in BOOK.rule("tax-credit.grade-a-2014").text


def test_2025_measures_a_grade_does_not_bring_the_2014_perks():
    out = _run("company", "tax-score-a", date(2026, 5, 1))
    assert _rules(out) == ["tax-credit.grade-a"]
    assert not {"tax-a-named", "tax-a-invoices", "tax-a-green-channel"} & _consequences(out)
    assert "tax-a-2025" in _consequences(out)


def test_2014_measures_art_32_points_d_before_2020_kept_for_two_years():
    out = _run("company", "tax-score-under-40", date(2021, 7, 1), at_month=30)  # graded in Jan 2019
    assert _rules(out) == ["tax-credit.points-d-2014"]
    (entry,) = out.memberships
    assert entry.end == 24


def test_sta_2020_no_15_points_d_from_2020_lasts_one_year():
    out = _run("company", "tax-score-under-40", date(2021, 6, 1), at_month=13)
    assert _rules(out) == ["tax-credit.points-d-2020"]
    assert BOOK.rule("tax-credit.points-d-2020").lasts_months == 12
    assert not [m for m in out.memberships if m.end is None or m.end > 13]


def test_sta_2020_no_15_change_is_named_when_looking_at_a_2014_points_d_today():
    out = evaluate(Scenario("company", (TakenAction("tax-score-under-40", 0),), 90, as_of=date(2026, 12, 2)), BOOK)
    assert _rules(out) == ["tax-credit.points-d-2014"]
    assert [c.now.id for c in out.changes] == ["tax-credit.points-d"]


def test_sta_2019_no_37_repair_of_points_after_late_filing_is_offered_from_2020():
    out = _run("company", "tax-score-under-40", date(2021, 6, 1))
    assert [w.rule.id for w in out.ways_back] == ["tax-credit.points-d-2020"]
    assert "2019 No. 37" in out.ways_back[0].text


def test_2014_measures_art_20_direct_d_in_2018_has_no_general_repair():
    out = _run("company", "tax-serious-violation", date(2018, 6, 1))
    assert _rules(out) == ["tax-credit.direct-d-2014"]
    assert not out.ways_back
    assert "could not be confirmed" in BOOK.rule("tax-credit.direct-d-2014").text


def test_sta_2021_no_31_item_1_4_direct_d_in_2023_repairable_after_12_months():
    out = _run("company", "tax-serious-violation", date(2023, 6, 1))
    assert _rules(out) == ["tax-credit.direct-d-2022"]
    (way,) = out.ways_back
    assert way.earliest_month == 12
    assert "2021 No. 31" in way.text


def test_2025_measures_direct_d_says_repair_conditions_not_read():
    out = _run("company", "tax-serious-violation", date(2026, 1, 1))
    assert _rules(out) == ["tax-credit.direct-d"]
    assert "tax-d-2025" in _consequences(out)
    assert not {"tax-d-invoices", "tax-d-shared"} & _consequences(out)
    assert "could not be read" in BOOK.rule("tax-credit.direct-d").text


def test_2014_d_restrictions_end_on_1_july_2025():
    for cid in ("tax-d-named", "tax-d-invoices", "tax-d-checks", "tax-d-shared"):
        c = BOOK.consequence(cid)
        assert (c.in_force, c.until) == (date(2014, 10, 1), date(2025, 7, 1))


def test_before_the_2014_measures_no_tax_grade_rule_applies():
    out = _run("company", "tax-score-a", date(2014, 9, 1))
    assert not out.steps
    assert [n.action.id for n in out.not_in_force] == ["tax-score-a"]


def test_tax_versions_follow_each_other_without_gaps():
    for action, ids in {
        "tax-score-a": ["tax-credit.grade-a-2014", "tax-credit.grade-a"],
        "tax-serious-violation": ["tax-credit.direct-d-2014", "tax-credit.direct-d-2022", "tax-credit.direct-d"],
        "tax-score-under-40": ["tax-credit.points-d-2014", "tax-credit.points-d-2020", "tax-credit.points-d"],
    }.items():
        rules = [BOOK.rule(i) for i in ids]
        assert {r.action for r in rules} == {action}
        assert rules[0].in_force == date(2014, 10, 1) and rules[-1].until is None
        for a, b in zip(rules, rules[1:], strict=False):
            assert a.until == b.in_force


# --- Rongcheng ---


def test_rongcheng_2019_standard_attachment_1_applies_from_2019_only():
    before = _run("rongcheng-resident", "damage-utility-equipment", date(2018, 6, 1))
    assert before.points.value == 1000
    assert [n.action.id for n in before.not_in_force] == ["damage-utility-equipment"]
    after = _run("rongcheng-resident", "damage-utility-equipment", date(2019, 6, 1))
    assert after.points.value == 900


def test_rongcheng_2019_rows_say_their_dates_are_not_confirmed_and_stay_open_after_2021():
    rows = [r for r in BOOK.rules if r.mechanism == "rongcheng" and "Attachment 1" in r.article]
    assert len(rows) == 14
    for r in rows:
        assert (r.in_force, r.until) == (date(2019, 1, 1), None)
        assert "not confirmed" in r.text and "18 June 2021" in r.text
    out = _run("rongcheng-resident", "late-utility-fees", date(2026, 12, 2))
    assert out.points.value == 980


def test_rongcheng_press_only_values_say_when_unknown():
    for rid in (
        "rongcheng.traffic-ticket",
        "rongcheng.heroic-act",
        "rongcheng.drunk-driving",
        "rongcheng.village-cleanup",
    ):
        r = BOOK.rule(rid)
        assert r.reported_by and r.in_force is None
        assert "could not be confirmed" in r.text


# --- Redlists ---


def test_guofa_2016_33_redlist_incentives_include_acceptance_with_gaps_from_30_may_2016():
    c = BOOK.consequence("redlist-accept-with-gaps")
    assert "容缺受理" in c.text and "国发〔2016〕33号" in c.text
    assert c.reported_by == "state-council-2016-joint-incentives"
    assert "china-report-2025-guangdong-lists" not in c.sources
    out = _run("company", "placed-on-redlist", date(2017, 1, 1))
    assert {"redlist-green-channel", "redlist-priority-support", "redlist-accept-with-gaps"} <= _consequences(out)
    early = _run("company", "placed-on-redlist", date(2016, 1, 1))
    assert not early.steps and not _consequences(early)


def test_samr_2022_6_risk_class_a_applies_from_13_january_2022():
    assert not _run("company", "samr-low-risk", date(2021, 6, 1)).steps
    out = _run("company", "samr-low-risk", date(2022, 6, 1))
    assert _rules(out) == ["redlists.samr-class-a"]
    assert "fewer-inspections" in _consequences(out)
