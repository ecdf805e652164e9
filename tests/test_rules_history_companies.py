"""Dated versions of the company rules (issue 15), each test written from the article it cites."""

from datetime import date

from explainer.library import get_rulebook
from explainer.rules import Scenario, TakenAction, evaluate

BOOK = get_rulebook()


def run(actions, at, as_of):
    """A company scenario: `actions` are (action id, month) pairs; `as_of` dates month `at`."""
    taken = tuple(TakenAction(a, m) for a, m in actions)
    return evaluate(Scenario("company", taken, at, as_of=as_of), BOOK)


def rule_ids(out):
    return {s.rule.id for s in out.steps} | {n.rule.id for n in out.notes}


def lists(out):
    return [m.list.id for m in out.active]


# Abnormal list --------------------------------------------------------------------------------


def test_2014_regs_art_17_and_order_68_art_15_move_firm_to_serious_list_after_three_years():
    # Report missed in July 2016 (month 0), looked at in July 2019 (month 36).
    out = run([("miss-annual-report", 0)], 36, date(2019, 7, 10))
    assert "abnormal-operations.annual-report-2014" in rule_ids(out)
    assert lists(out) == ["serious-illegal-dishonest-2015"]
    assert [m.ended_by for m in out.memberships if m.list.id == "abnormal-operations"] == ["escalated"]


def test_2014_regs_art_17_para_2_legal_representative_bar_belongs_to_escalated_firms():
    out = run([("miss-annual-report", 0)], 36, date(2019, 7, 10))
    assert "serious-2015-legal-rep-bar" in {e.consequence.id for e in out.effects}


def test_2014_regs_art_17_para_3_five_years_and_fixing_does_not_lift_the_serious_listing():
    out = run([("miss-annual-report", 0), ("fix-abnormal-listing", 40)], 40, date(2019, 11, 10))
    assert lists(out) == ["serious-illegal-dishonest-2015"]
    assert "abnormal-operations.fix-serious-2015" in rule_ids(out)
    later = run([("miss-annual-report", 0)], 96, date(2024, 4, 10))  # listed April 2016, 3 + 5 years on
    assert lists(later) == []


def test_2024_regs_art_18_no_escalation_for_listings_after_1_may_2024():
    out = run([("miss-annual-report", 0)], 36, date(2027, 7, 10))  # missed July 2024
    assert "abnormal-operations.annual-report-2024" in rule_ids(out)
    assert lists(out) == ["abnormal-operations"]


def test_2014_regs_art_17_step_dropped_before_three_years_ran_out_for_2021_listings():
    out = run([("miss-annual-report", 0)], 36, date(2025, 7, 10))  # listed July 2022
    assert "abnormal-operations.annual-report-2021" in rule_ids(out)
    assert lists(out) == ["abnormal-operations"]


def test_order_68_art_11_five_working_days_before_order_107_art_16_two_days():
    old = run([("miss-annual-report", 0)], 1, date(2020, 8, 1))
    assert "5 working days" in old.ways_back[0].text
    new = run([("miss-annual-report", 0)], 1, date(2026, 8, 1))
    assert "two working days" in new.ways_back[0].text
    assert new.steps[0].rule.id == "abnormal-operations.annual-report"


def test_2024_regs_art_18_para_2_falsified_filings_no_longer_list_the_firm():
    old = run([("falsify-published-information", 0)], 0, date(2018, 1, 1))
    assert lists(old) == ["abnormal-operations"]
    new = run([("falsify-published-information", 0)], 0, date(2025, 1, 1))
    assert lists(new) == []
    assert "abnormal-operations.falsified-2024" in rule_ids(new)


def test_rules_changed_since_a_2016_listing_are_named():
    out = run([("miss-annual-report", 0)], 120, date(2026, 7, 10))  # listed July 2016
    assert any(c.step.rule.id == "abnormal-operations.annual-report-2014" for c in out.changes)


# Serious list -----------------------------------------------------------------------------------


def test_order_44_arts_2_and_21_three_year_listing_since_1_september_2021():
    out = run([("heavier-penalty-serious-violation", 0)], 35, date(2025, 1, 1))  # listed Feb 2022
    assert lists(out) == ["serious-illegal-dishonest"]
    assert "serious-illegal-dishonest.heavier-penalty-2021" in rule_ids(out)
    assert lists(run([("heavier-penalty-serious-violation", 0)], 36, date(2025, 2, 1))) == []


def test_order_44_art_16_early_removal_after_one_year_only_without_further_heavier_penalty():
    out = run([("heavier-penalty-serious-violation", 0)], 6, date(2023, 1, 1))
    way = out.ways_back[0]
    assert way.earliest_month == 12
    assert "not received another heavier penalty" in way.text and "restriction period" in way.text


def test_order_44_listing_no_longer_carries_the_legal_representative_bar():
    out = run([("heavier-penalty-serious-violation", 0)], 6, date(2026, 8, 1))
    assert "serious-legal-rep-bar" not in {e.consequence.id for e in out.effects}


def test_order_44_art_26_order_83_period_is_a_note_not_a_listing():
    out = run([("heavier-penalty-serious-violation", 0)], 0, date(2018, 1, 1))
    assert lists(out) == []
    assert [n.rule.id for n in out.notes] == ["serious-illegal-dishonest.heavier-penalty-2016"]


def test_no_serious_list_rule_before_order_83_came_into_force_1_april_2016():
    out = run([("heavier-penalty-serious-violation", 0)], 0, date(2015, 6, 1))
    assert [n.action.id for n in out.not_in_force] == ["heavier-penalty-serious-violation"]


# Penalty publicity ------------------------------------------------------------------------------


def test_order_45_art_13_three_years_until_order_107():
    out = run([("samr-penalty", 0)], 24, date(2024, 1, 1))  # penalty January 2022
    assert lists(out) == ["penalty-published-samr"]
    assert out.memberships[0].rule.id == "penalty-publicity.samr-2021"
    assert out.memberships[0].end == 36


def test_order_107_art_9_general_penalty_one_year():
    out = run([("samr-penalty", 0)], 12, date(2027, 1, 1))
    assert lists(out) == []
    assert out.memberships[0].rule.id == "penalty-publicity.samr"


def test_order_45_art_14_para_3_revocation_never_taken_down_early():
    out = run([("samr-penalty-revocation", 0)], 6, date(2023, 1, 1))
    assert lists(out) == ["penalty-published-samr"]
    assert out.ways_back == ()


def test_order_107_art_8_para_5_revocation_three_years_no_repair():
    out = run([("samr-penalty-revocation", 0)], 30, date(2028, 7, 1))
    assert lists(out) == ["penalty-published-samr"] and out.ways_back == ()


def test_guobanfa_2025_22_s_2_general_band_three_months_to_one_year():
    out = run([("general-admin-penalty", 0)], 3, date(2025, 10, 1))  # penalty July 2025
    assert out.memberships[0].rule.id == "penalty-publicity.general-2025"
    assert out.ways_back[0].earliest_month == 3 and out.memberships[0].end == 12


def test_guobanfa_2025_22_s_2_serious_band_carried_into_order_36():
    out = run([("serious-admin-penalty", 0)], 6, date(2026, 11, 1))
    assert out.memberships[0].rule.id == "penalty-publicity.serious"
    assert out.ways_back[0].earliest_month == 12 and out.memberships[0].end == 36


def test_notice_527_serious_band_reported_six_months_to_three_years():
    out = run([("serious-admin-penalty", 0)], 1, date(2020, 2, 1))
    rule = out.memberships[0].rule
    assert rule.id == "penalty-publicity.serious-2019" and rule.reported_by == "ndrc-2019-notice-527"
    assert out.ways_back[0].earliest_month == 6


def test_order_58_periods_not_confirmed_so_no_term_is_shown():
    out = run([("general-admin-penalty", 0)], 0, date(2024, 1, 1))
    assert lists(out) == []
    assert [n.rule.id for n in out.notes] == ["penalty-publicity.general-2023"]
