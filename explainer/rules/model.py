"""The rules model: documented mechanisms, the actions that trigger them, and what follows.

Pure functions over frozen dataclasses: no I/O, no clock, no Django. `evaluate` applies a
scenario's actions in order and returns every consequence with the rule and sources behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_ACTIONS = 50
MAX_MONTH = 120  # ten years is as far as any documented term runs (the longest is five years)

EFFECTS = ("points", "list-entry", "list-removal", "grade-cap", "reward", "note")


class ScenarioError(ValueError):
    """A scenario the model cannot evaluate; `field` names the input that was wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Consequence:
    id: str
    kind: str  # "restriction" or "reward"
    text: str
    sources: tuple[str, ...]
    article: str = ""


@dataclass(frozen=True, slots=True)
class Grade:
    name: str
    min_points: int
    brings: str = ""
    consequences: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mechanism:
    id: str
    name: str
    kind: str  # "points", "list" or "rating"
    run_by: str
    document: str
    date: str
    summary: str
    sources: tuple[str, ...]
    personas: tuple[str, ...]
    start_points: int | None = None
    min_points: int = 0
    grades: tuple[Grade, ...] = ()  # highest first
    grades_reported_by: str = ""  # set when the bands are not confirmed in the primary text
    effect_note: str = ""


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    label: str
    mechanism: str  # where the action is listed in the widget
    personas: tuple[str, ...]
    myth: str = ""  # slug of the myth page that discusses this action


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    mechanism: str
    action: str  # empty for a rule reached only by escalation from another list
    effect: str  # one of EFFECTS
    text: str  # what happens, in a line
    sources: tuple[str, ...]
    personas: tuple[str, ...] = ()  # empty: everyone the action applies to
    points: int = 0
    list: str = ""  # for list-entry and list-removal: the list's id
    grade: str = ""  # for grade-cap: the highest grade allowed
    lasts_months: int = 0  # 0: no fixed end (until removed, or no end documented)
    article: str = ""
    repair: str = ""
    repair_after_months: int = 0
    escalates_to: str = ""  # id of the list-entry rule that applies if still listed after `escalates_after_months`
    escalates_after_months: int = 0
    consequences: tuple[str, ...] = ()
    reported_by: str = ""  # a source key when the value comes from reporting, not the primary text


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: str
    name: str
    mechanism: str
    kind: str  # "blacklist", "redlist" or "grade"


@dataclass(frozen=True, slots=True)
class Persona:
    id: str
    label: str
    description: str
    points_mechanism: str = ""


@dataclass(frozen=True)
class RuleBook:
    personas: tuple[Persona, ...]
    mechanisms: tuple[Mechanism, ...]
    actions: tuple[Action, ...]
    rules: tuple[Rule, ...]
    lists: tuple[ListInfo, ...]
    consequences: tuple[Consequence, ...]
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        # Dictionaries by id, built once: evaluate() looks things up for every action it applies.
        by_action: dict[str, list[Rule]] = {}
        for rule in self.rules:
            by_action.setdefault(rule.action, []).append(rule)
        index = {
            "persona": {p.id: p for p in self.personas},
            "mechanism": {m.id: m for m in self.mechanisms},
            "action": {a.id: a for a in self.actions},
            "rule": {r.id: r for r in self.rules},
            "list": {item.id: item for item in self.lists},
            "consequence": {c.id: c for c in self.consequences},
            "rules_by_action": {k: tuple(v) for k, v in by_action.items()},
        }
        index["rules_for"] = {
            (persona.id, action): tuple(r for r in rules if not r.personas or persona.id in r.personas)
            for persona in self.personas
            for action, rules in index["rules_by_action"].items()
        }
        object.__setattr__(self, "_index", index)

    def persona(self, persona_id: str) -> Persona | None:
        return self._index["persona"].get(persona_id)

    def mechanism(self, mechanism_id: str) -> Mechanism | None:
        return self._index["mechanism"].get(mechanism_id)

    def action(self, action_id: str) -> Action | None:
        return self._index["action"].get(action_id)

    def rule(self, rule_id: str) -> Rule | None:
        return self._index["rule"].get(rule_id)

    def list_info(self, list_id: str) -> ListInfo | None:
        return self._index["list"].get(list_id)

    def consequence(self, consequence_id: str) -> Consequence | None:
        return self._index["consequence"].get(consequence_id)

    def rules_for(self, persona_id: str, action_id: str) -> tuple[Rule, ...]:
        return self._index["rules_for"].get((persona_id, action_id), ())

    def actions_for(self, persona_id: str) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if persona_id in a.personas)

    def mechanisms_for(self, persona_id: str) -> tuple[Mechanism, ...]:
        return tuple(m for m in self.mechanisms if persona_id in m.personas)


@dataclass(frozen=True, slots=True)
class TakenAction:
    action: str
    month: int = 0


@dataclass(frozen=True, slots=True)
class Scenario:
    persona: str
    actions: tuple[TakenAction, ...] = ()
    at_month: int = 0


@dataclass(frozen=True, slots=True)
class Step:
    """One line of the explanation: an action, the rule it triggered, and what that did."""

    month: int
    action: Action
    rule: Rule
    mechanism: Mechanism
    summary: str  # "+5", "listed", "removed", ...


@dataclass(frozen=True, slots=True)
class Membership:
    list: ListInfo
    start: int
    end: int | None  # None: no end documented or not yet removed
    rule: Rule
    ended_by: str = ""  # why it ended: "term", "removed" or ""

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

    @property
    def active(self) -> tuple[Membership, ...]:
        return tuple(m for m in self.memberships if m.active_at(self.scenario.at_month))

    @property
    def has_points(self) -> bool:
        return self.points is not None


def validate(scenario: Scenario, book: RuleBook) -> Persona:
    """Raise ScenarioError unless every part of the scenario is one the rulebook knows."""
    persona = book.persona(scenario.persona)
    if persona is None:
        raise ScenarioError("persona", f"Unknown persona. Choose one of: {', '.join(p.label for p in book.personas)}.")
    if len(scenario.actions) > MAX_ACTIONS:
        raise ScenarioError(
            "action", f"At most {MAX_ACTIONS} actions can be combined; this scenario has {len(scenario.actions)}."
        )
    if not 0 <= scenario.at_month <= MAX_MONTH:
        raise ScenarioError("months", f"Months later must be between 0 and {MAX_MONTH}.")
    for taken in scenario.actions:
        action = book.action(taken.action)
        if action is None:
            raise ScenarioError("action", "One of the actions is not in the model. Choose from the list.")
        if persona.id not in action.personas:
            raise ScenarioError("action", f"“{action.label}” does not apply to {persona.label.lower()}.")
        if not 0 <= taken.month <= MAX_MONTH:
            raise ScenarioError("action", f"Each action's month must be between 0 and {MAX_MONTH}.")
    return persona


def evaluate(scenario: Scenario, book: RuleBook) -> Outcome:
    """Apply the actions in order of month (then as listed). The same scenario gives the same Outcome."""
    persona = validate(scenario, book)
    at = scenario.at_month
    ordered = sorted(enumerate(scenario.actions), key=lambda pair: (pair[1].month, pair[0]))
    points_mechanism = book.mechanism(persona.points_mechanism) if persona.points_mechanism else None
    value = points_mechanism.start_points if points_mechanism else None
    grade_cap: str | None = None
    steps: list[Step] = []
    notes: list[Step] = []
    open_entries: dict[str, tuple[int, Rule]] = {}  # list id -> (start, rule) while listed
    memberships: list[Membership] = []
    rewards: list[Effect] = []

    def close(list_id: str, month: int, how: str):
        start, rule = open_entries.pop(list_id)
        memberships.append(Membership(book.list_info(list_id), start, month, rule, how))

    def due(start: int, rule: Rule) -> int | None:
        """The month an entry changes by itself: it escalates, or its term ends."""
        if rule.escalates_to:
            return start + rule.escalates_after_months
        return start + rule.lasts_months if rule.lasts_months else None

    next_due: list[int | None] = [None]  # the earliest month any open entry changes by itself

    def enter(list_id: str, start: int, rule: Rule):
        open_entries[list_id] = (start, rule)
        when = due(start, rule)
        if when is not None and (next_due[0] is None or when < next_due[0]):
            next_due[0] = when

    def expire_until(month: int):
        """End fixed terms, and escalate entries left active too long, up to `month`."""
        if next_due[0] is None or next_due[0] > month:
            return  # the common case: nothing is due yet
        changed = True
        while changed:  # an escalated entry can itself reach its end within the same span
            changed = False
            for list_id, (start, rule) in sorted(open_entries.items()):
                if rule.escalates_to and start + rule.escalates_after_months <= month:
                    moved = start + rule.escalates_after_months
                    close(list_id, moved, "escalated")
                    target = book.rule(rule.escalates_to)
                    if target.list not in open_entries:
                        enter(target.list, moved, target)
                    changed = True
                elif rule.lasts_months and start + rule.lasts_months <= month:
                    close(list_id, start + rule.lasts_months, "term")
                    changed = True
        dues = [d for start, rule in open_entries.values() if (d := due(start, rule)) is not None]
        next_due[0] = min(dues) if dues else None

    for _, taken in ordered:
        if taken.month > at:
            continue  # not yet taken at the month looked at
        expire_until(taken.month)
        action = book.action(taken.action)
        rules = book.rules_for(persona.id, taken.action)
        for rule in rules:
            mechanism = book.mechanism(rule.mechanism)
            step = Step(taken.month, action, rule, mechanism, _summary(rule))
            if rule.effect == "note":
                notes.append(step)
                continue
            if rule.effect == "points":
                if value is None:
                    notes.append(step)
                    continue
                value = max(points_mechanism.min_points, value + rule.points)
            elif rule.effect == "grade-cap":
                grade_cap = rule.grade
            elif rule.effect == "list-entry":
                if rule.list in open_entries:
                    step = Step(taken.month, action, rule, mechanism, "already listed")
                else:
                    enter(rule.list, taken.month, rule)
            elif rule.effect == "list-removal":
                if rule.list in open_entries:
                    close(rule.list, taken.month, "removed")
                else:
                    step = Step(taken.month, action, rule, mechanism, "not listed: nothing to remove")
            elif rule.effect == "reward":
                rewards += [Effect(book.consequence(c), rule.text) for c in rule.consequences]
            steps.append(step)
    expire_until(at)
    for list_id, (start, rule) in sorted(open_entries.items()):
        end = start + rule.lasts_months if rule.lasts_months else None
        memberships.append(Membership(book.list_info(list_id), start, end, rule))
    memberships.sort(key=lambda m: (m.start, m.list.id))

    points = None
    effects: list[Effect] = []
    if points_mechanism:
        grade = _grade(points_mechanism, value, grade_cap)
        points = Points(points_mechanism, value, grade)
        if grade:
            effects += [
                Effect(book.consequence(c), f"{points_mechanism.name}: grade {grade.name}") for c in grade.consequences
            ]
    for membership in memberships:
        if membership.active_at(at):
            effects += [Effect(book.consequence(c), membership.list.name) for c in membership.rule.consequences]
    effects += rewards
    ways_back = tuple(
        WayBack(m.list, m.rule.repair, m.start + m.rule.repair_after_months, m.rule)
        for m in memberships
        if m.active_at(at) and m.rule.repair
    )
    return Outcome(
        scenario=scenario,
        persona=persona,
        points=points,
        memberships=tuple(memberships),
        effects=tuple(_unique(effects)),
        steps=tuple(steps),
        ways_back=ways_back,
        notes=tuple(notes),
        mechanisms=book.mechanisms_for(persona.id),
    )


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
