"""What a reader asks the model: a persona, actions at given months, a month to look at; and what is wrong with it.

Every check and its wording lives here, once. `problems()` judges a typed Scenario (evaluate refuses
one that has any); `read()` takes the raw strings a query string gives and returns the usable part
of the scenario with every problem found, so a form can show them all and keep the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .book import RuleBook
from .dates import EARLIEST, add_months, long_date

MAX_ACTIONS = 50
MAX_MONTH = 120  # ten years is as far as any documented term runs (the longest is five years)


@dataclass(frozen=True, slots=True)
class TakenAction:
    action: str
    month: int = 0


@dataclass(frozen=True, slots=True)
class Scenario:
    """A persona, actions at months counted from the first, and the month looked at.

    `as_of` dates the month looked at: an action at month m happened `at_month - m` months before it,
    and the rules applied are those in force on that day. None leaves dates out (every rule applies).
    """

    persona: str
    actions: tuple[TakenAction, ...] = ()
    at_month: int = 0
    as_of: date | None = None

    def day_of(self, month: int) -> date | None:
        return add_months(self.as_of, month - self.at_month) if self.as_of else None


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a scenario: `field` names the input ("persona", "months" or "action")."""

    field: str
    message: str


class ScenarioError(ValueError):
    """A scenario the model cannot evaluate, with every problem in it; `field` is the first one's."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__(" ".join(p.message for p in self.problems))

    @property
    def field(self) -> str:
        return self.problems[0].field


# The checks, each with the one wording readers see -----------------------------------------------


def _persona_problem(persona_id: str, book: RuleBook) -> Problem | None:
    if book.persona(persona_id) is None:
        return Problem("persona", "That persona is not one the model knows. Choose one from the list.")
    return None


def _months_problem(month: int) -> Problem | None:
    if not 0 <= month <= MAX_MONTH:
        return Problem("months", f"“Months later” must be from 0 to {MAX_MONTH}.")
    return None


def _count_problem(count: int) -> Problem | None:
    if count > MAX_ACTIONS:
        return Problem("action", f"Choose at most {MAX_ACTIONS} actions (this had {count}).")
    return None


def _unknown_action_problem(action_id: str, book: RuleBook) -> Problem | None:
    if book.action(action_id) is None:
        # "Left out": read() keeps the rest of the scenario, and the form shows it again without this one.
        return Problem("action", "One of the actions is not in the model; it has been left out. Choose from the list.")
    return None


def _as_of_problem(day: date, latest: date) -> Problem | None:
    if not EARLIEST <= day <= latest:
        return Problem("as_of", f"“As of” must be a date from {long_date(EARLIEST)} to {long_date(latest)}.")
    return None


def _action_month_problem(month: int) -> Problem | None:
    if not 0 <= month <= MAX_MONTH:
        return Problem("action", f"An action's month must be from 0 to {MAX_MONTH}.")
    return None


def _unique(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Each problem once: ten unknown actions are one thing to fix."""
    return tuple(dict.fromkeys(problems))


# A typed scenario --------------------------------------------------------------------------------


def problems(scenario: Scenario, book: RuleBook) -> tuple[Problem, ...]:
    """Every reason the model cannot evaluate `scenario`: persona, months, then actions."""
    found = [
        _persona_problem(scenario.persona, book),
        _months_problem(scenario.at_month),
        _count_problem(len(scenario.actions)),
    ]
    persona = book.persona(scenario.persona)
    for taken in scenario.actions:
        found.append(_unknown_action_problem(taken.action, book) or _action_month_problem(taken.month))
        action = book.action(taken.action)
        if persona and action and persona.id not in action.personas:
            found.append(
                Problem(
                    "action", f"“{action.label}” does not apply to {persona.label[:1].lower() + persona.label[1:]}."
                )
            )
    return _unique(p for p in found if p)


def validate(scenario: Scenario, book: RuleBook) -> None:
    """Raise ScenarioError, naming every problem, unless the rulebook knows every part of the scenario."""
    if found := problems(scenario, book):
        raise ScenarioError(found)


# Raw input, as a query string gives it -----------------------------------------------------------


def read(
    personas: Sequence[str],
    months: Sequence[str],
    actions: Sequence[tuple[str, str]],
    book: RuleBook,
    as_of: Sequence[str] = (),
    today: date | None = None,
) -> tuple[Scenario, tuple[Problem, ...]]:
    """The scenario from raw values, with every unusable part left out, and every problem found.

    `actions` are (action id, month text) pairs, the month text empty when none was given. Actions
    that do not apply to the persona are kept: whether that is a problem is the caller's choice.
    `as_of` is "YYYY-MM-DD" or "YYYY-MM" (the first of that month); it defaults to `today`, which is
    also the latest date allowed. Without `today` the scenario has no dates.
    """
    found: list[Problem] = []
    persona = _read_persona(personas, book, found)
    at_month = _read_months(months, found)
    taken = _read_actions(actions, book, found)
    day = _read_as_of(as_of, today, found) if today else None
    return Scenario(persona, taken, at_month, day), _unique(found)


def _read_as_of(values: Sequence[str], today: date, found: list[Problem]) -> date:
    """The date looked at; `today` when it is missing or wrong."""
    if len(values) > 1:
        found.append(Problem("as_of", "Give “as of” once."))
        return today
    if not values or values[0] == "":
        return today
    text = values[0]
    try:
        day = date.fromisoformat(text if len(text) == 10 else f"{text}-01") if len(text) in (7, 10) else None
    except ValueError:
        day = None
    if day is None:
        found.append(Problem("as_of", "“As of” must be a date written as YYYY-MM-DD or YYYY-MM."))
    elif problem := _as_of_problem(day, today):
        found.append(problem)
    else:
        return day
    return today


def _read_persona(values: Sequence[str], book: RuleBook, found: list[Problem]) -> str:
    if len(values) > 1:
        found.append(Problem("persona", "Choose one persona, not several."))
    elif not values or not values[0]:
        found.append(Problem("persona", "Choose who you are."))
    elif problem := _persona_problem(values[0], book):
        found.append(problem)
    else:
        return values[0]
    return ""


def _read_months(values: Sequence[str], found: list[Problem]) -> int:
    """The month looked at; 0 (the default) when it is missing or wrong."""
    if len(values) > 1:
        found.append(Problem("months", "Give “months later” once."))
        return 0
    if not values or values[0] == "":
        return 0
    month = _whole_number(values[0])
    if month is None:
        found.append(Problem("months", f"“Months later” must be a whole number from 0 to {MAX_MONTH}."))
    elif problem := _months_problem(month):
        found.append(problem)
    else:
        return month
    return 0


def _read_actions(pairs: Sequence[tuple[str, str]], book: RuleBook, found: list[Problem]) -> tuple[TakenAction, ...]:
    """The actions the model knows, at valid months; the first MAX_ACTIONS only."""
    if problem := _count_problem(len(pairs)):
        found.append(problem)
        pairs = pairs[:MAX_ACTIONS]
    taken = []
    for action_id, month_text in pairs:
        if problem := _unknown_action_problem(action_id, book):
            found.append(problem)
            continue
        month = _whole_number(month_text) if month_text else 0
        if month is None:
            found.append(Problem("action", "An action's month must be a whole number, as in action=id@6."))
        elif problem := _action_month_problem(month):
            found.append(problem)
        else:
            taken.append(TakenAction(action_id, month))
    return tuple(taken)


def _whole_number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None
