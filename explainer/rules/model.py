"""The rules model: apply a scenario's actions to the rulebook and say what follows.

Pure functions over frozen dataclasses: no I/O, no clock, no Django. `evaluate` applies a
scenario's actions in order and returns every consequence with the rule and sources behind it.
"""

from __future__ import annotations

from dataclasses import replace

from .book import RuleBook
from .dates import in_force_on
from .outcome import Change, Effect, Membership, NotInForce, Outcome, Points, Step, WayBack
from .records import Grade, Mechanism, Persona, Rule
from .scenario import Scenario, TakenAction, validate


def evaluate(scenario: Scenario, book: RuleBook) -> Outcome:
    """Apply the actions in order of month (then as listed). The same scenario gives the same Outcome.

    A dated scenario (`scenario.as_of`) applies to each action the rules in force on its day, and
    the restrictions and rewards in force on the day looked at.
    """
    validate(scenario, book)
    persona = book.persona(scenario.persona)
    run = _Run(book, persona, scenario)
    for taken in _in_order(scenario.actions):
        if taken.month > scenario.at_month:
            continue  # not yet taken at the month looked at
        run.take(taken)
    return run.outcome(scenario)


def _in_order(actions: tuple[TakenAction, ...]) -> list[TakenAction]:
    """By month; actions in the same month in the order they were given."""
    ordered = sorted(enumerate(actions), key=lambda pair: (pair[1].month, pair[0]))
    return [taken for _, taken in ordered]


class _Lists:
    """The list entries of one scenario as the months pass: entering, removal, fixed terms, escalation."""

    def __init__(self, book: RuleBook):
        self.book = book
        self.open: dict[str, tuple[int, Rule]] = {}  # list id -> (start, rule) while listed
        self.ended: list[Membership] = []
        self.next_due: int | None = None  # the earliest month any open entry changes by itself

    def enter(self, list_id: str, start: int, rule: Rule) -> bool:
        """Put the subject on a list; False when already on it."""
        if list_id in self.open:
            return False
        self.open[list_id] = (start, rule)
        when = _due(start, rule)
        if when is not None and (self.next_due is None or when < self.next_due):
            self.next_due = when
        return True

    def remove(self, list_id: str, month: int) -> bool:
        """Take the subject off a list; False when not on it."""
        if list_id not in self.open:
            return False
        self._close(list_id, month, "removed")
        return True

    def _close(self, list_id: str, month: int, how: str):
        start, rule = self.open.pop(list_id)
        self.ended.append(Membership(self.book.list_info(list_id), start, month, rule, how))

    def advance(self, month: int):
        """End fixed terms, and escalate entries left active too long, up to `month`."""
        if self.next_due is None or self.next_due > month:
            return  # the common case: nothing is due yet
        changed = True
        while changed:  # an escalated entry can itself reach its end within the same span
            changed = False
            for list_id, (start, rule) in sorted(self.open.items()):
                if rule.escalates_to and start + rule.escalates_after_months <= month:
                    moved = start + rule.escalates_after_months
                    self._close(list_id, moved, "escalated")
                    target = self.book.rule(rule.escalates_to)
                    self.enter(target.list, moved, target)
                    changed = True
                elif rule.lasts_months and start + rule.lasts_months <= month:
                    self._close(list_id, start + rule.lasts_months, "term")
                    changed = True
        dues = [d for start, rule in self.open.values() if (d := _due(start, rule)) is not None]
        self.next_due = min(dues) if dues else None

    def memberships(self) -> list[Membership]:
        """Every entry, ended ones and those still open, by start month then list."""
        still_open = [
            Membership(
                self.book.list_info(list_id), start, start + rule.lasts_months if rule.lasts_months else None, rule
            )
            for list_id, (start, rule) in sorted(self.open.items())
        ]
        return sorted(self.ended + still_open, key=lambda m: (m.start, m.list.id))


def _due(start: int, rule: Rule) -> int | None:
    """The month an entry changes by itself: it escalates, or its term ends."""
    if rule.escalates_to:
        return start + rule.escalates_after_months
    return start + rule.lasts_months if rule.lasts_months else None


class _Run:
    """One evaluation in progress: points, grade cap, list entries, and the lines that explain them."""

    def __init__(self, book: RuleBook, persona: Persona, scenario: Scenario):
        self.book = book
        self.persona = persona
        self.scenario = scenario
        self.not_in_force: list[NotInForce] = []
        self.mechanism = book.mechanism(persona.points_mechanism) if persona.points_mechanism else None
        self.value = self.mechanism.start_points if self.mechanism else None
        self.grade_cap: str | None = None
        self.lists = _Lists(book)
        self.steps: list[Step] = []
        self.notes: list[Step] = []
        self.rewards: list[Effect] = []

    def take(self, taken: TakenAction):
        self.lists.advance(taken.month)
        action = self.book.action(taken.action)
        day = self.scenario.day_of(taken.month)
        rules = self.book.rules_in_force(self.persona.id, taken.action, day)
        if day is not None and not rules:
            versions = self.book.rules_for(self.persona.id, taken.action)
            self.not_in_force.append(NotInForce(taken.month, day, action, versions))
        for rule in rules:
            step = Step(taken.month, action, rule, self.book.mechanism(rule.mechanism), _summary(rule), day)
            summary = self._apply(rule, taken.month)
            if summary is None:
                self.notes.append(step)
            else:
                self.steps.append(step if summary == step.summary else replace(step, summary=summary))

    def _apply(self, rule: Rule, month: int) -> str | None:
        """Apply one rule; return its line's summary, or None when it only makes a note."""
        if rule.effect == "note" or (rule.effect == "points" and self.value is None):
            return None  # a points rule for someone with no points scheme changes nothing
        if rule.effect == "points":
            self.value = max(self.mechanism.min_points, self.value + rule.points)
        elif rule.effect == "grade-cap":
            self.grade_cap = rule.grade
        elif rule.effect == "list-entry":
            if not self.lists.enter(rule.list, month, rule):
                return "already listed"
        elif rule.effect == "list-removal":
            if not self.lists.remove(rule.list, month):
                return "not listed: nothing to remove"
        elif rule.effect == "reward":
            self.rewards += [Effect(self.book.consequence(c), rule.text) for c in rule.consequences]
        return _summary(rule)

    def outcome(self, scenario: Scenario) -> Outcome:
        at = scenario.at_month
        self.lists.advance(at)
        memberships = self.lists.memberships()
        points = self._points()
        effects = self._grade_effects(points)
        for membership in memberships:
            if membership.active_at(at):
                effects += [
                    Effect(self.book.consequence(c), membership.list.name) for c in membership.rule.consequences
                ]
        effects += self.rewards
        effects = [e for e in effects if in_force_on(e.consequence, scenario.as_of)]
        ways_back = tuple(
            WayBack(m.list, m.rule.repair, m.start + m.rule.repair_after_months, m.rule)
            for m in memberships
            if m.active_at(at) and m.rule.repair
        )
        return Outcome(
            scenario=scenario,
            persona=self.persona,
            points=points,
            memberships=tuple(memberships),
            effects=tuple(_unique(effects)),
            steps=tuple(self.steps),
            ways_back=ways_back,
            notes=tuple(self.notes),
            mechanisms=self.book.mechanisms_for(self.persona.id),
            changes=tuple(self._changes(scenario.as_of)),
            not_in_force=tuple(self.not_in_force),
        )

    def _changes(self, day) -> list[Change]:
        """For each step whose rule no longer applies on `day`, the version that does."""
        if day is None:
            return []
        found = []
        for step in self.steps + self.notes:
            if in_force_on(step.rule, day):
                continue
            for now in self.book.rules_in_force(self.persona.id, step.action.id, day):
                if now.mechanism == step.rule.mechanism and now.effect == step.rule.effect:
                    found.append(Change(step, now))
        return found

    def _points(self) -> Points | None:
        if not self.mechanism:
            return None
        return Points(self.mechanism, self.value, _grade(self.mechanism, self.value, self.grade_cap))

    def _grade_effects(self, points: Points | None) -> list[Effect]:
        if not points or not points.grade:
            return []
        via = f"{points.mechanism.name}: grade {points.grade.name}"
        return [Effect(self.book.consequence(c), via) for c in points.grade.consequences]


_SUMMARIES = {
    "list-entry": "listed",
    "list-removal": "removed from the list",
    "reward": "reward",
    "note": "no documented effect",
}


def _summary(rule: Rule) -> str:
    if rule.effect == "points":
        return f"{rule.points:+d} points"
    if rule.effect == "grade-cap":
        return f"grade at most {rule.grade}"
    return _SUMMARIES[rule.effect]


def _grade(mechanism: Mechanism, value: int, cap: str | None) -> Grade | None:
    grades = mechanism.grades
    grade = next((g for g in grades if value >= g.min_points), grades[-1] if grades else None)
    if cap and grade:
        names = [g.name for g in grades]
        if cap in names and names.index(grade.name) < names.index(cap):
            grade = grades[names.index(cap)]
    return grade


def _unique(effects: list[Effect]) -> list[Effect]:
    seen: set[str] = set()
    kept = []
    for effect in effects:
        if effect.consequence.id not in seen:
            seen.add(effect.consequence.id)
            kept.append(effect)
    return kept
