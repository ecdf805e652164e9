"""The score widget's query string -> a ScoreForm: the usable scenario, and what the model said was wrong.

This module only splits the query string; every check and its wording is the model's
(`explainer.rules.scenario`). What it adds is the widget's one policy: switching persona with
actions ticked is normal use, not an error, so those actions are left out and named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..rules import Action, Mechanism, Problem, RuleBook, Scenario, TakenAction, read

MONTH_CHOICES = (0, 3, 6, 12, 24, 36, 60)  # the "months later" menu; any 0..MAX_MONTH works in a URL


@dataclass(frozen=True, slots=True)
class RawQuery:
    """The widget's parameters as given: persona=…, months=…, action=id or action=id@month (repeatable)."""

    personas: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    actions: tuple[tuple[str, str], ...] = ()  # (action id, month text), the text "" when no "@"
    bound: bool = False  # anything was asked at all; an empty query shows the introduction


def split(query) -> RawQuery:
    """Split a QueryDict (or anything with getlist) into raw values; judge nothing."""
    return RawQuery(
        personas=tuple(query.getlist("persona")),
        months=tuple(query.getlist("months")),
        # An empty value is an unticked box in a hand-made URL, not an action.
        actions=tuple((a, m) for a, _, m in (value.partition("@") for value in query.getlist("action") if value)),
        bound=bool(query),
    )


@dataclass(frozen=True)
class ScoreForm:
    """What the reader chose, kept even when part of it is wrong, so the form can be shown again."""

    scenario: Scenario = field(default_factory=lambda: Scenario(""))  # the usable part only
    problems: tuple[Problem, ...] = ()
    dropped: tuple[str, ...] = ()  # labels of the actions that do not apply to the persona
    bound: bool = False

    @property
    def persona(self) -> str:
        return self.scenario.persona

    @property
    def months(self) -> int:
        return self.scenario.at_month

    @property
    def chosen(self) -> set[str]:
        return {taken.action for taken in self.scenario.actions}

    @property
    def errors(self) -> dict[str, str]:
        """Field -> what is wrong with it, for the message beside each field."""
        messages: dict[str, list[str]] = {}
        for problem in self.problems:
            messages.setdefault(problem.field, []).append(problem.message)
        return {name: " ".join(texts) for name, texts in messages.items()}

    @property
    def error_summary(self) -> str:
        """The line score.js announces after a swap."""
        return "The form has a problem: " + " ".join(p.message for p in self.problems)

    @property
    def month_options(self) -> tuple[tuple[int, str], ...]:
        return tuple((m, f"{m} months later" if m else "straight away") for m in MONTH_CHOICES)

    @property
    def custom_months(self) -> bool:
        """The month looked at is not on the menu (a hand-made URL), so the menu gets it as an extra option."""
        return self.months not in MONTH_CHOICES


def read_form(query, book: RuleBook) -> ScoreForm:
    """The form as the reader filled it in, checked against `book`."""
    raw = split(query)
    if not raw.bound:
        return ScoreForm()
    scenario, problems = read(raw.personas, raw.months, raw.actions, book)
    scenario, dropped = _leave_out_inapplicable(scenario, book)
    return ScoreForm(scenario, problems, dropped, bound=True)


def _leave_out_inapplicable(scenario: Scenario, book: RuleBook) -> tuple[Scenario, tuple[str, ...]]:
    """The scenario without the actions its persona cannot take, and those actions' labels."""
    if not scenario.persona:
        return scenario, ()
    applies: list[TakenAction] = []
    dropped: set[str] = set()
    for taken in scenario.actions:
        action = book.action(taken.action)
        if scenario.persona in action.personas:
            applies.append(taken)
        else:
            dropped.add(action.label)
    return Scenario(scenario.persona, tuple(applies), scenario.at_month), tuple(sorted(dropped))


def action_groups(book: RuleBook, persona: str) -> list[tuple[Mechanism, list[Action]]]:
    """The action checkboxes by mechanism, for the chosen persona (or all of them before one is chosen)."""
    groups = []
    for mechanism in book.mechanisms:
        actions = [a for a in book.actions if a.mechanism == mechanism.id and (not persona or persona in a.personas)]
        if actions:
            groups.append((mechanism, actions))
    return groups
