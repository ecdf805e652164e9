"""The rules model behind the score widget, as one dataset per table of the rule book. No Django imports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from types import SimpleNamespace

from ..rules import RuleBook
from ..rules.model import Mechanism
from .model import Dataset, Field, Inputs, source_keys

GROUP = "Rules model (the score widget)"

_ID = Field("id", "text", "Identifier, unique within this dataset.")
_MECHANISM = Field("mechanism", "text", "The id of the mechanism it belongs to (see the mechanisms dataset).")
_ARTICLE = Field("article", "text", "The article or section of the document; may be empty.")


def _book(inputs: Inputs) -> RuleBook:
    return inputs.rulebook or RuleBook((), (), (), (), (), ())


def _table(slug: str, title: str, description: str, items: Callable[[Inputs], Iterable], fields: tuple) -> Dataset:
    """A table of the rule book: all are shown by the score widget."""
    return Dataset(slug, title, GROUP, description, "/score/", items, fields)


def _floor(mechanism: Mechanism, _inputs: Inputs) -> int | None:
    # Only points schemes have a lowest score; the model's default of 0 would mislead for the others.
    return mechanism.min_points if mechanism.kind == "points" else None


def _grades(inputs: Inputs) -> list[SimpleNamespace]:
    """Every grade band, with the id of the mechanism that holds it."""
    return [SimpleNamespace(mechanism=m.id, **asdict(g)) for m in _book(inputs).mechanisms for g in m.grades]


MECHANISMS = _table(
    "rules-mechanisms",
    "Mechanisms",
    "The documented lists, ratings and points schemes the model covers, and the claims it checks.",
    lambda inputs: _book(inputs).mechanisms,
    (
        _ID,
        Field("name", "text", "The mechanism's name."),
        Field("kind", "text", "points, list, rating, or claims (popular claims that no mechanism acts on)."),
        Field("run_by", "text", "The agency or court that runs it."),
        Field("document", "text", "The document that sets it up."),
        Field("date", "text", "Date of that document: YYYY, YYYY-MM, YYYY-MM-DD, or n.d."),
        Field("summary", "text", "What the mechanism is and whom it covers."),
        Field("personas", "list of persona ids", "Who it applies to (see the personas dataset).", "list"),
        Field("start_points", "integer or empty", "Points schemes: the score everyone starts with."),
        Field("min_points", "integer or empty", "Points schemes: the lowest possible score.", value=_floor),
        Field("effect_note", "text", "A note on what the scheme's grades do; may be empty."),
        Field(
            "grades_reported_by",
            "source key or empty",
            "Set when the grade bands come from reporting rather than the primary text.",
        ),
        source_keys(),
    ),
)

GRADES = _table(
    "rules-grades",
    "Grades",
    "The grade bands of points schemes, highest first.",
    _grades,
    (
        _MECHANISM,
        Field("name", "text", "The grade, such as AAA."),
        Field("min_points", "integer", "The lowest score in the band."),
        Field("brings", "text", "What the grade brings, as far as the sources show."),
        Field("consequences", "list of consequence ids", "Documented consequences of the grade.", "list"),
    ),
)

LISTS = _table(
    "rules-lists",
    "Lists",
    "The lists and grades that rules put people and companies on, or take them off.",
    lambda inputs: _book(inputs).lists,
    (
        _ID,
        Field("name", "text", "The list's name."),
        _MECHANISM,
        Field("kind", "text", "blacklist, redlist, or grade (a grade held for a time)."),
    ),
)

PERSONAS = _table(
    "rules-personas",
    "Personas",
    "Who the reader can be in the score widget.",
    lambda inputs: _book(inputs).personas,
    (
        _ID,
        Field("label", "text", "The persona as the widget names it."),
        Field("description", "text", "Who this is."),
        Field("points_mechanism", "mechanism id or empty", "The points scheme that covers this persona, if any."),
    ),
)

ACTIONS = _table(
    "rules-actions",
    "Actions",
    "What the reader can choose to do in the score widget.",
    lambda inputs: _book(inputs).actions,
    (
        _ID,
        Field("label", "text", "The action as the widget shows it."),
        Field("mechanism", "text", "The id of the mechanism under which the widget lists the action."),
        Field("personas", "list of persona ids", "Who can take the action.", "list"),
        Field("myth", "text", "Slug of the fact check that discusses the action; may be empty."),
    ),
)

RULES = _table(
    "rules",
    "Rules",
    "What each action does under each mechanism, with the article and sources that say so.",
    lambda inputs: _book(inputs).rules,
    (
        _ID,
        _MECHANISM,
        Field("action", "text", "The action that triggers the rule; empty for a rule reached only by escalation."),
        Field("effect", "text", "points, list-entry, list-removal, grade-cap, reward or note."),
        Field("text", "text", "What happens, in a line."),
        Field("personas", "list of persona ids", "Limits the rule to these personas; empty for everyone.", "list"),
        Field("points", "integer", "Points rules: points added (positive) or deducted (negative); otherwise 0."),
        Field("list", "text", "List rules: the id of the list entered or left."),
        Field("grade", "text", "Grade-cap rules: the highest grade allowed."),
        Field("lasts_months", "integer", "How long the effect lasts, in months; 0 for no fixed end."),
        _ARTICLE,
        Field("repair", "text", "How the effect can be undone; may be empty."),
        Field("repair_after_months", "integer", "Months before repair is possible; 0 for at once."),
        Field("escalates_to", "text", "Id of a list-entry rule that follows if the entry remains; may be empty."),
        Field("escalates_after_months", "integer", "Months before that escalation; 0 if none."),
        Field("consequences", "list of consequence ids", "What the listing or grade brings.", "list"),
        source_keys(),
        Field("reported_by", "source key or empty", "Set when a value comes from reporting, not the primary text."),
    ),
)

CONSEQUENCES = _table(
    "rules-consequences",
    "Consequences",
    "The restrictions and rewards that listings and grades bring.",
    lambda inputs: _book(inputs).consequences,
    (
        _ID,
        Field("kind", "text", "restriction or reward."),
        Field("text", "text", "The restriction or reward, in a sentence."),
        _ARTICLE,
        source_keys(),
    ),
)

RULE_DATASETS = (MECHANISMS, GRADES, LISTS, PERSONAS, ACTIONS, RULES, CONSEQUENCES)
