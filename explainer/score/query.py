"""The score widget's query string -> a ScoreForm: the usable scenario, and what the model said was wrong.

This module only splits the query string; every check and its wording is the model's
(`explainer.rules.scenario`). What it adds is the widget's one policy: switching persona with
actions ticked is normal use, not an error, so those actions are left out and named.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from ..rules import Action, Mechanism, Problem, RuleBook, Scenario, TakenAction, read
from ..rules.dates import long_date

MONTH_CHOICES = (0, 3, 6, 12, 24, 36, 60)  # the "months later" menu; any 0..MAX_MONTH works in a URL
WHEN_CHOICES = (0, 1, 3, 6, 12, 24, 36)  # when a ticked action happens, counted from the first
WHEN_PREFIX = "when."  # the form's per-action month field: when.<action id>=6 means action=<id>@6


@dataclass(frozen=True, slots=True)
class RawQuery:
    """The widget's parameters as given: persona=…, months=…, action=id or action=id@month (repeatable)."""

    personas: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    actions: tuple[tuple[str, str], ...] = ()  # (action id, month text), the text "" when no "@"
    as_of: tuple[str, ...] = ()
    bound: bool = False  # anything was asked at all; an empty query shows the introduction


def split(query) -> RawQuery:
    """Split a QueryDict (or anything with getlist) into raw values; judge nothing.

    The form sends a ticked action as action=<id> with its month in when.<id>; an address may say
    action=<id>@<month> instead, which wins.
    """
    actions = []
    for value in query.getlist("action"):
        if not value:
            continue  # an empty value is an unticked box in a hand-made URL, not an action
        action, at, month = value.partition("@")
        if not at:
            month = (query.getlist(WHEN_PREFIX + action) or [""])[0]
        actions.append((action, month))
    return RawQuery(
        personas=tuple(query.getlist("persona")),
        months=tuple(query.getlist("months")),
        actions=tuple(actions),
        as_of=tuple(query.getlist("as_of")),
        bound=bool(query),
    )


@dataclass(frozen=True)
class ScoreForm:
    """What the reader chose, kept even when part of it is wrong, so the form can be shown again."""

    scenario: Scenario = field(default_factory=lambda: Scenario(""))  # the usable part only
    problems: tuple[Problem, ...] = ()
    dropped: tuple[str, ...] = ()  # labels of the actions that do not apply to the persona
    bound: bool = False
    today: date | None = None  # the default and latest "as of" date
    requested: Scenario | None = None  # before the actions the persona cannot take were left out

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
    def when(self) -> dict[str, int]:
        """Each ticked action's month (the first time it is listed)."""
        found: dict[str, int] = {}
        for taken in self.scenario.actions:
            found.setdefault(taken.action, taken.month)
        return found

    def when_options(self, action_id: str) -> tuple[int, ...]:
        month = self.when.get(action_id, 0)
        return WHEN_CHOICES if month in WHEN_CHOICES else tuple(sorted((*WHEN_CHOICES, month)))

    @property
    def as_of(self) -> date | None:
        return self.scenario.as_of

    @property
    def as_of_is_today(self) -> bool:
        return self.scenario.as_of is None or self.scenario.as_of == self.today

    def query(self) -> str:
        """The scenario as an address query: persona, months, as_of (unless today), action=id@month."""
        scenario = self.scenario
        pairs = [("persona", scenario.persona)] if scenario.persona else []
        pairs += [("action", f"{t.action}@{t.month}" if t.month else t.action) for t in scenario.actions]
        if scenario.at_month:
            pairs.append(("months", str(scenario.at_month)))
        if not self.as_of_is_today:
            pairs.append(("as_of", scenario.as_of.isoformat()))
        return urlencode(pairs)

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


def read_form(query, book: RuleBook, today: date | None = None) -> ScoreForm:
    """The form as the reader filled it in, checked against `book`; `today` dates the scenario."""
    raw = split(query)
    if not raw.bound:
        return ScoreForm(Scenario("", as_of=today), today=today)
    requested, problems = read(raw.personas, raw.months, raw.actions, book, raw.as_of, today)
    scenario, dropped = _leave_out_inapplicable(requested, book)
    return ScoreForm(scenario, problems, dropped, bound=True, today=today, requested=requested)


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
    return replace(scenario, actions=tuple(applies)), tuple(sorted(dropped))


def action_groups(book: RuleBook, persona: str) -> list[tuple[Mechanism, list[Action]]]:
    """The action checkboxes by mechanism, for the chosen persona (or all of them before one is chosen)."""
    groups = []
    for mechanism in book.mechanisms:
        actions = [a for a in book.actions if a.mechanism == mechanism.id and (not persona or persona in a.personas)]
        if actions:
            groups.append((mechanism, actions))
    return groups


def as_of_options(form: ScoreForm) -> tuple[tuple[str, str], ...]:
    """The "rules in force on" menu: today, 1 January of each year back to 2015, and a date from the URL."""
    if form.today is None:
        return ()
    options = [("", f"today ({long_date(form.today)})")]
    options += [(f"{year}-01-01", f"1 January {year}") for year in range(form.today.year, 2014, -1)]
    chosen = form.as_of
    if chosen and not form.as_of_is_today and chosen.isoformat() not in dict(options):
        options.append((chosen.isoformat(), long_date(chosen)))
    return tuple(options)
