"""An Outcome ready for the page: each source and myth looked up, and the summary lines written.

The rules model knows source keys and myth slugs only (it is content-agnostic); the library knows
what they are. Joining them here keeps the template to showing things.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..content.records import Library, Myth, Source
from ..rules import Effect, Outcome, Persona, RuleBook, Scenario, Step, evaluate
from ..rules.dates import long_date
from ..rules.records import split_basis
from .gauge import Gauge, gauge
from .lesson import AreaGroup, by_area, headline
from .strip import Strip, strip


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """ "SPC high-consumption provisions (2015), art. 3(1)", linked to that article's Chinese and English."""

    label: str
    url: str | None


@dataclass(frozen=True, slots=True)
class CitedEffect:
    effect: Effect
    sources: tuple[Source, ...]
    basis: tuple[LegalBasis, ...] = ()
    reported_by: Source | None = None

    @property
    def via(self) -> str:  # the template groups effects by it
        return self.effect.via


@dataclass(frozen=True, slots=True)
class CitedStep:
    step: Step
    sources: tuple[Source, ...]
    reported_by: Source | None = None  # the press source, when the rule is known only from reporting
    myth: Myth | None = None  # the fact check of the claim behind the action
    basis: tuple[LegalBasis, ...] = ()

    @property
    def how_long(self) -> str:
        rule = self.step.rule
        if rule.lasts_months:
            return f"{rule.lasts_months} months"
        return {"points": "no end documented", "list-entry": "no fixed end"}.get(rule.effect, "—")


@dataclass(frozen=True)
class ScoreResult:
    outcome: Outcome
    when: str  # "straight away" or "12 months later"
    summary: str  # one line for screen readers, announced after each update
    gauge: Gauge | None
    grades_reported_by: Source | None
    effects: tuple[CitedEffect, ...]
    steps: tuple[CitedStep, ...]
    notes: tuple[CitedStep, ...]
    headline: str = ""  # the answer in one sentence
    areas: tuple[AreaGroup, ...] = ()  # the effects by what they touch
    strip: Strip | None = None
    as_of: str = ""  # "2 December 2026": the date looked at, in words


def present(outcome: Outcome, library: Library) -> ScoreResult:
    """Look up every source key and myth slug the outcome names (the content checks make sure they exist)."""
    sources = library.sources
    at = outcome.scenario.at_month
    when = f"{at} months later" if at else "straight away"
    points = outcome.points
    reported_by = points.mechanism.grades_reported_by if points else ""

    def cited(step: Step) -> CitedStep:
        return CitedStep(
            step,
            tuple(sources[key] for key in step.rule.sources),
            sources[step.rule.reported_by] if step.rule.reported_by else None,
            library.myth(step.action.myth) if step.action.myth else None,
            legal_basis(step.rule.basis, library),
        )

    def cited_effect(effect: Effect) -> CitedEffect:
        consequence = effect.consequence
        return CitedEffect(
            effect,
            tuple(sources[key] for key in consequence.sources),
            legal_basis(consequence.basis, library),
            sources[consequence.reported_by] if consequence.reported_by else None,
        )

    effects = tuple(cited_effect(e) for e in outcome.effects)
    return ScoreResult(
        outcome=outcome,
        when=when,
        summary=_summary(outcome, when),
        gauge=gauge(points) if points else None,
        grades_reported_by=sources[reported_by] if reported_by else None,
        effects=effects,
        steps=tuple(cited(step) for step in outcome.steps),
        notes=tuple(cited(step) for step in outcome.notes),
        headline=headline(outcome),
        areas=by_area(effects),
        strip=strip(outcome),
        as_of=long_date(outcome.scenario.as_of) if outcome.scenario.as_of else "",
    )


def legal_basis(basis: tuple[str, ...], library: Library) -> tuple[LegalBasis, ...]:
    """Each "key, art. 3(1)" of a rule as a label naming the document and a link to the article."""
    found = []
    for item in basis:
        key, pin = split_basis(item)
        document = library.document(key)
        name = document.short if document else library.sources[key].title
        found.append(LegalBasis(f"{name}, {pin}", library.pinpoint_url(key, pin)))
    return tuple(found)


def _summary(outcome: Outcome, when: str) -> str:
    """'A resident of Rongcheng, straight away: 1000 points, grade A; 0 lists, 2 consequences.'"""
    points = ""
    if outcome.points:
        grade = outcome.points.grade.name if outcome.points.grade else ""
        points = f"{outcome.points.value} points, grade {grade}; "
    lists, effects = len(outcome.active), len(outcome.effects)
    return (
        f"{outcome.persona.label}, {when}: {points}"
        f"{lists} list{_plural(lists)}, {effects} consequence{_plural(effects)}."
    )


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the same actions do to one persona, in a line: for the "three people" view."""

    persona: Persona
    headline: str
    lists: tuple[str, ...]
    restrictions: int
    rewards: int
    points: str  # "950 points, grade B" for a points scheme, else ""
    left_out: int  # actions that do not apply to this persona


def compare(scenario: Scenario, book: RuleBook) -> tuple[Comparison, ...]:
    """The scenario's actions, taken by each persona in turn (leaving out those that do not apply)."""
    rows = []
    for persona in book.personas:
        taken = tuple(t for t in scenario.actions if persona.id in book.action(t.action).personas)
        outcome = evaluate(replace(scenario, persona=persona.id, actions=taken), book)
        points = outcome.points
        rows.append(
            Comparison(
                persona=persona,
                headline=headline(outcome),
                lists=tuple(m.list.name for m in outcome.active),
                restrictions=sum(e.consequence.kind == "restriction" for e in outcome.effects),
                rewards=sum(e.consequence.kind == "reward" for e in outcome.effects),
                points=f"{points.value} points, grade {points.grade.name}" if points and points.grade else "",
                left_out=len(scenario.actions) - len(taken),
            )
        )
    return tuple(rows)
