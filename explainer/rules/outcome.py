"""What the model answers: the Outcome of a scenario, with every step and the rule behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .records import Action, Consequence, Grade, ListInfo, Mechanism, Persona, Rule
from .scenario import Scenario


@dataclass(frozen=True, slots=True)
class Step:
    """One line of the explanation: an action, the rule it triggered, and what that did."""

    month: int
    action: Action
    rule: Rule
    mechanism: Mechanism
    summary: str  # "+5", "listed", "removed", ...
    day: date | None = None  # the calendar day of `month`, when the scenario is dated


@dataclass(frozen=True, slots=True)
class Change:
    """A rule applied to an action that is no longer the rule on the date looked at."""

    step: Step
    now: Rule  # the version in force on the date looked at


@dataclass(frozen=True, slots=True)
class NotInForce:
    """An action taken on a day when no rule for it was in force yet (or any more)."""

    month: int
    day: date
    action: Action
    rules: tuple[Rule, ...]  # the versions there are, with their dates


@dataclass(frozen=True, slots=True)
class Membership:
    list: ListInfo
    start: int
    end: int | None  # None: no end documented or not yet removed
    rule: Rule
    ended_by: str = ""  # why it ended: "term", "removed", "escalated" or ""

    def active_at(self, month: int) -> bool:
        return self.start <= month and (self.end is None or month < self.end)


@dataclass(frozen=True, slots=True)
class Points:
    mechanism: Mechanism
    value: int
    grade: Grade | None


@dataclass(frozen=True, slots=True)
class Effect:
    """A restriction or reward in force at the month looked at, and the rule that brought it."""

    consequence: Consequence
    via: str  # the list, grade or rule that brings it


@dataclass(frozen=True, slots=True)
class WayBack:
    list: ListInfo
    text: str
    earliest_month: int
    rule: Rule


@dataclass(frozen=True)
class Outcome:
    scenario: Scenario
    persona: Persona
    points: Points | None
    memberships: tuple[Membership, ...]  # every list entry, past and present
    effects: tuple[Effect, ...]
    steps: tuple[Step, ...]
    ways_back: tuple[WayBack, ...]
    notes: tuple[Step, ...]  # actions with no effect on this persona, or effects only as reported
    mechanisms: tuple[Mechanism, ...]  # what applies to this persona
    changes: tuple[Change, ...] = ()  # rules applied that have changed by the date looked at
    not_in_force: tuple[NotInForce, ...] = ()  # actions on days with no rule in force for them

    @property
    def active(self) -> tuple[Membership, ...]:
        return tuple(m for m in self.memberships if m.active_at(self.scenario.at_month))
