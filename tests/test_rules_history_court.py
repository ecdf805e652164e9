"""The court-defaulter and travel rules over time, each test written from the article it cites.

Documents: SPC defaulter-list provisions 2013 (法释〔2013〕17号, 1 Oct 2013) and 2017 (法释〔2017〕7号,
1 May 2017); SPC high-consumption provisions 2015 (法释〔2015〕17号, 22 Jul 2015); Civil Procedure Law
2023 (1 Jan 2024); Company Law 2023 (1 Jul 2024); the 2018 rail and air opinions (1 May 2018); the
2019 grace period (法发〔2019〕35号), as reported.
"""

from datetime import date

from explainer.library import get_rulebook
from explainer.rules import Scenario, TakenAction, evaluate

BOOK = get_rulebook()

PERSON_LISTINGS = (
    "refuse-judgment",
    "obstruct-enforcement",
    "evade-enforcement",
    "breach-asset-reporting",
    "breach-consumption-order",
    "refuse-settlement",
)


def run(persona, *actions, at=0, as_of):
    """Actions as (id, month) pairs; `as_of` dates month `at`."""
    taken = tuple(TakenAction(a, m) for a, m in actions)
    return evaluate(Scenario(persona, taken, at, as_of=as_of), BOOK)


def effect_ids(outcome):
    return {e.consequence.id for e in outcome.effects}


# --- Defaulter list: 2013 text, then the 2017 revision --------------------------------------------


def test_2013_provisions_not_in_force_before_1_october_2013():
    """法释〔2013〕17号 took effect on 1 Oct 2013: an action in September 2013 had no rule."""
    out = run("person", ("obstruct-enforcement", 0), at=6, as_of=date(2014, 3, 1))  # action on 2013-09-01
    assert not out.memberships
    assert [n.action.id for n in out.not_in_force] == ["obstruct-enforcement"]


def test_2013_provisions_art_1_and_art_7_listing_had_no_fixed_term():
    """2013 text, Art. 1(1) and Art. 7: listed, no term, until deleted (performed, settled, terminated)."""
    out = run("person", ("obstruct-enforcement", 0), at=30, as_of=date(2017, 1, 1))  # action on 2014-07-01
    (entry,) = out.memberships
    assert entry.rule.id == "court-defaulters.obstruct-2013"
    assert entry.list.id == "court-defaulters" and entry.end is None
    assert entry.rule.until == date(2017, 5, 1)
    assert "spc-2013-defaulter-list, art. 1(1)" in entry.rule.basis


def test_2013_provisions_art_1_every_ground_required_ability_to_perform():
    """2013 text, Art. 1 (opening words): "被执行人具有履行能力而不履行…并具有下列情形之一"."""
    for action in PERSON_LISTINGS[1:]:
        (rule,) = BOOK.rules_in_force("person", action, date(2016, 1, 1))
        assert rule.id.endswith("-2013")
        assert "able to perform" in rule.text


def test_2017_provisions_art_2_two_year_term_for_items_2_to_6():
    """2017 text, Art. 2, para. 1: items 2-6 of Art. 1 are listed for two years."""
    for action in PERSON_LISTINGS[1:]:
        out = run("person", (action, 0), at=24, as_of=date(2020, 6, 1))  # action on 2018-06-01
        (entry,) = out.memberships
        assert entry.list.id == "court-defaulters-term"
        assert entry.rule.in_force == date(2017, 5, 1)
        assert (entry.start, entry.end, entry.ended_by) == (0, 24, "term"), action
        assert not out.active


def test_2017_provisions_art_1_1_refusal_has_no_fixed_term():
    """2017 text, Art. 1(1) with Art. 2 (which covers items 2-6 only): refusing although able has no term."""
    out = run("person", ("refuse-judgment", 0), at=60, as_of=date(2023, 1, 1))
    (entry,) = out.active
    assert entry.rule.id == "court-defaulters.refuse" and entry.end is None


def test_2017_provisions_art_2_extension_only_for_violent_obstruction_or_several_acts():
    """2017 text, Art. 2: the 1-3 year extension is for violent or threatening obstruction in serious
    circumstances, or several dishonest acts; not for serious cases in general."""
    for action in PERSON_LISTINGS[1:]:
        for persona in ("person", "company"):
            (rule,) = [r for r in BOOK.rules_in_force(persona, action, date(2020, 1, 1)) if r.effect == "list-entry"]
            text = rule.text.lower()
            assert "one to three years only where" in text
            assert "violence or threats" in text and "several dishonest acts" in text
            assert rule.lasts_months == 24  # the extension is not modelled


def test_2017_provisions_art_2_para_2_early_deletion_and_art_10_para_2_deletion_after_term():
    """2017 text, Art. 2, para. 2 (court may delete early) and Art. 10, para. 2 (three working days after the term)."""
    rule = BOOK.rule("court-defaulters.evade")
    assert "delete the entry early" in rule.repair and "Art. 2, para. 2" in rule.repair
    assert "three working days after the term ends" in rule.repair


def test_2017_provisions_art_10_para_1_performance_deletes_an_untermed_entry():
    """2017 text, Art. 10, para. 1(1): performance -> deletion within three working days; para. 2: not for termed entries."""
    out = run(
        "person",
        ("refuse-judgment", 0),
        ("evade-enforcement", 0),
        ("perform-judgment", 3),
        at=6,
        as_of=date(2021, 1, 1),
    )
    ended = {m.list.id: m for m in out.memberships}
    assert ended["court-defaulters"].ended_by == "removed" and ended["court-defaulters"].end == 3
    assert [m.list.id for m in out.active] == ["court-defaulters-term"]
    assert "within three working days" in BOOK.rule("court-defaulters.perform").text


def test_2017_provisions_arts_11_12_correction_is_a_way_back():
    """2017 text, Arts. 11-12: apply to the enforcing court for correction; decided within 15 days."""
    out = run("person", ("refuse-judgment", 0), at=1, as_of=date(2022, 1, 1))
    (way,) = out.ways_back
    assert "Arts. 11–12" in way.text and "15 days" in way.text
    assert {"spc-2017-defaulter-list, art. 11", "spc-2017-defaulter-list, art. 12"} <= set(way.rule.basis)


def test_2013_listing_seen_after_1_may_2017_names_the_revised_rule():
    """A listing made under the 2013 text, looked at in 2018, is named as changed by the 2017 revision (Art. 2)."""
    out = run("person", ("obstruct-enforcement", 0), at=36, as_of=date(2018, 1, 1))  # action on 2015-01-01
    assert [(c.step.rule.id, c.now.id) for c in out.changes] == [
        ("court-defaulters.obstruct-2013", "court-defaulters.obstruct")
    ]


def test_2013_provisions_art_7_performance_deletes():
    """2013 text, Art. 7(1): deleted once the obligation is fully performed."""
    out = run("person", ("obstruct-enforcement", 0), ("perform-judgment", 5), at=10, as_of=date(2016, 1, 1))
    (entry,) = out.memberships
    assert entry.ended_by == "removed" and entry.end == 5
    assert out.steps[-1].rule.id == "court-defaulters.perform-2013"


# --- Consumption restrictions (2015 provisions) --------------------------------------------------


def test_2015_provisions_art_1_para_2_restrictions_apply_to_the_listed_from_22_july_2015():
    """2015 text, Art. 1, para. 2 (in force 22 Jul 2015): everyone listed has their consumption restricted."""
    before = run("person", ("refuse-judgment", 0), at=6, as_of=date(2015, 7, 21))
    after = run("person", ("refuse-judgment", 0), at=6, as_of=date(2015, 7, 22))
    assert before.active and after.active
    assert "hc-no-flights" not in effect_ids(before)
    assert {"hc-no-flights", "hc-no-fast-trains"} <= effect_ids(after)


def test_2015_provisions_art_3_para_2_officers_may_apply_to_spend_their_own_money():
    """2015 text, Art. 3, para. 2: bans bind the company's officers; private consumption with personal
    property may be allowed by the enforcing court on application."""
    out = run("company", ("refuse-judgment", 0), at=1, as_of=date(2020, 1, 1))
    officers = next(e.consequence for e in out.effects if e.consequence.id == "hc-company-officers")
    assert "apply to the enforcing court" in officers.text and "own money" in officers.text
    assert officers.basis == ("spc-2015-high-consumption, art. 3, para. 2",)


# --- Measures under national laws -----------------------------------------------------------------


def test_civil_procedure_law_2023_art_266_exit_ban_shown_from_1_january_2024():
    """CPL 2023, Art. 266 (in force 1 Jan 2024); earlier versions have no document page, so not shown."""
    before = run("person", ("refuse-judgment", 0), at=12, as_of=date(2023, 12, 31))
    after = run("person", ("refuse-judgment", 0), at=12, as_of=date(2024, 1, 1))
    assert "court-exit-ban" not in effect_ids(before)
    assert "court-exit-ban" in effect_ids(after)
    assert "Art. 262 of the 2021 text" in BOOK.consequence("court-exit-ban").text


def test_company_law_2023_art_178_1_5_bar_from_1_july_2024():
    """Company Law 2023, Art. 178(1)(5) (in force 1 Jul 2024): a listed person may not be a director,
    supervisor or senior manager."""
    before = run("person", ("refuse-judgment", 0), at=12, as_of=date(2024, 6, 30))
    after = run("person", ("refuse-judgment", 0), at=12, as_of=date(2024, 7, 1))
    assert "company-law-officer-bar" not in effect_ids(before)
    assert "company-law-officer-bar" in effect_ids(after)
    bar = BOOK.consequence("company-law-officer-bar")
    assert bar.in_force == date(2024, 7, 1) and bar.basis == ("npc-2023-company-law, art. 178(1)(5)",)
    company = run("company", ("refuse-judgment", 0), at=12, as_of=date(2025, 1, 1))
    assert "company-law-officer-bar" not in effect_ids(company)  # it bars individuals


def test_joint_punishment_no_longer_cites_the_company_law():
    """The January 2016 memorandum is reported; Art. 178 is its own, dated consequence."""
    jp = BOOK.consequence("jp-no-executive-posts")
    assert jp.reported_by and not jp.basis and "Company Law" not in jp.text


def test_2019_grace_period_as_reported_from_december_2019():
    """法发〔2019〕35号 (as reported by the SPC's English site): a grace period of one to three months."""
    earlier = run("person", ("refuse-judgment", 0), at=1, as_of=date(2019, 6, 1))
    later = run("person", ("refuse-judgment", 0), at=1, as_of=date(2021, 6, 1))
    assert not earlier.notes
    (note,) = later.notes
    assert note.rule.reported_by == "spc-2020-grace-period"
    assert "one to three months" in note.rule.text
    assert later.active  # the model does not delay the listing


# --- 2018 travel opinions ---------------------------------------------------------------------------


def test_rail_opinion_384_s_1_2_item_5_court_defaulters_lose_only_the_higher_classes():
    """Rail opinion 384, Part I(2), item 5 (in force 1 May 2018): people on the court list lose soft
    sleepers, any G-train seat and first class or above on other bullet trains."""
    before = run("person", ("refuse-judgment", 0), at=6, as_of=date(2018, 4, 30))
    after = run("person", ("refuse-judgment", 0), at=6, as_of=date(2018, 5, 1))
    assert "travel-rail-higher-classes" not in effect_ids(before)
    assert "travel-rail-higher-classes" in effect_ids(after)
    text = BOOK.consequence("travel-rail-higher-classes").text
    assert "soft sleepers" in text and "G-prefix" in text and "first class or above" in text
    assert "defaulter list" in text


def test_travel_opinions_apply_from_1_may_2018():
    """Air opinion 385 and rail opinion 384, in force 1 May 2018: misconduct before then had no rule."""
    out = run("person", ("endanger-transport-safety", 0), at=2, as_of=date(2018, 5, 1))  # action on 2018-03-01
    assert not out.memberships and out.not_in_force
    later = run("person", ("endanger-transport-safety", 0), at=2, as_of=date(2018, 7, 1))
    assert "travel-safety-ban" in effect_ids(later)


def test_travel_terms_are_not_modelled_because_they_could_not_be_read():
    """385 and 384: the one-year, 180-day and until-paid terms are outside the parts of the text read."""
    rule = BOOK.rule("travel-restrictions.safety")
    assert rule.lasts_months == 0
    assert "could not be confirmed in the text" in rule.text
    assert "one year" in rule.text and "180 days" in rule.text and "until they pay" in rule.text
    assert BOOK.rule("travel-restrictions.fines").consequences == ("travel-rail-higher-classes",)
