"""The score widget's query string -> a rules Scenario, or messages saying what was wrong."""

from dataclasses import dataclass, field

from .rules import MAX_ACTIONS, MAX_MONTH, RuleBook, Scenario, ScenarioError, TakenAction
from .rules.model import validate

MONTH_CHOICES = (0, 3, 6, 12, 24, 36, 60)  # the "months later" menu; any 0..MAX_MONTH works in a URL


@dataclass
class ScoreForm:
    """What the reader chose, kept even when part of it is wrong, so the form can be shown again."""

    persona: str = ""
    actions: list[TakenAction] = field(default_factory=list)
    months: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # actions that do not apply to the persona
    bound: bool = False

    @property
    def chosen(self) -> set[str]:
        return {taken.action for taken in self.actions}

    @property
    def scenario(self) -> Scenario:
        return Scenario(self.persona, tuple(self.actions), self.months)


def parse(query, book: RuleBook) -> ScoreForm:
    """Read persona=…, action=id or action=id@month (repeatable), months=…; validate against `book`."""
    form = ScoreForm(bound=bool(query))
    if not form.bound:
        return form
    personas = query.getlist("persona")
    if len(personas) > 1:
        form.errors["persona"] = "Choose one persona, not several."
    elif not personas or not personas[0]:
        form.errors["persona"] = "Choose who you are."
    elif book.persona(personas[0]) is None:
        form.errors["persona"] = "That persona is not one the model knows. Choose one from the list."
    else:
        form.persona = personas[0]

    months = query.getlist("months")
    if len(months) > 1:
        form.errors["months"] = "Give “months later” once."
    elif months and months[0] != "":
        try:
            form.months = int(months[0])
        except ValueError:
            form.errors["months"] = f"“Months later” must be a whole number from 0 to {MAX_MONTH}."
        else:
            if not 0 <= form.months <= MAX_MONTH:
                form.errors["months"] = f"“Months later” must be from 0 to {MAX_MONTH}."
                form.months = 0

    raw_actions = [value for value in query.getlist("action") if value]
    if len(raw_actions) > MAX_ACTIONS:
        form.errors["action"] = f"Choose at most {MAX_ACTIONS} actions (this had {len(raw_actions)})."
        raw_actions = raw_actions[:MAX_ACTIONS]
    for value in raw_actions:
        action_id, _, month_text = value.partition("@")
        if book.action(action_id) is None:
            form.errors["action"] = (
                "One of the actions is not in the model; it has been left out. Choose from the list."
            )
            continue
        try:
            month = int(month_text) if month_text else 0
        except ValueError:
            form.errors["action"] = "An action's month must be a whole number, as in action=id@6."
            continue
        if not 0 <= month <= MAX_MONTH:
            form.errors["action"] = f"An action's month must be from 0 to {MAX_MONTH}."
            continue
        form.actions.append(TakenAction(action_id, month))

    if form.persona:
        # Switching persona with actions ticked is normal use, not an error: leave those out, and say so.
        applicable = [t for t in form.actions if form.persona in book.action(t.action).personas]
        form.dropped = sorted({book.action(t.action).label for t in form.actions if t not in applicable})
        form.actions = applicable
    if form.persona and not form.errors:
        try:  # the model has the last word
            validate(form.scenario, book)
        except ScenarioError as exc:
            form.errors[exc.field] = str(exc)
    return form
