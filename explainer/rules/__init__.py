"""The "what happens to my score?" model. No Django imports: `import explainer.rules` stays pure.

records.py   what content/rules/*.toml describes (Mechanism, Action, Rule, ...)
book.py      RuleBook: those records, indexed by id
scenario.py  what a reader asks (Scenario) and every problem with it (Problem, ScenarioError)
dates.py     when a record was in force; calendar months
model.py     evaluate(scenario, book) -> Outcome (dated scenarios use the rules in force on each day)
outcome.py   Outcome and its parts (Step, Membership, Points, Effect, WayBack)
data.py      content/rules/*.toml -> RuleBook, with cross_checks.py for the ids they name
"""

from .book import RuleBook
from .model import evaluate
from .outcome import Change, Effect, Membership, NotInForce, Outcome, Points, Step, WayBack
from .records import AREAS, EFFECTS, Action, Consequence, Grade, ListInfo, Mechanism, Persona, Rule
from .scenario import MAX_ACTIONS, MAX_MONTH, Problem, Scenario, ScenarioError, TakenAction, problems, read, validate

__all__ = [
    "AREAS",
    "EFFECTS",
    "MAX_ACTIONS",
    "MAX_MONTH",
    "Action",
    "Change",
    "Consequence",
    "Effect",
    "Grade",
    "ListInfo",
    "Mechanism",
    "NotInForce",
    "Membership",
    "Outcome",
    "Persona",
    "Points",
    "Problem",
    "Rule",
    "RuleBook",
    "Scenario",
    "ScenarioError",
    "Step",
    "TakenAction",
    "WayBack",
    "evaluate",
    "problems",
    "read",
    "validate",
]
