"""What content/rules/*.toml describes: mechanisms, the actions that trigger them, their rules and effects.

Frozen dataclasses, one per kind of table; `data.py` builds them and `book.py` indexes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

EFFECTS = ("points", "list-entry", "list-removal", "grade-cap", "reward", "note")
# What a consequence touches in a life or a business: the widget groups them by it, in this order.
AREAS = {
    "travel": "Travel",
    "spending": "Spending",
    "jobs": "Jobs and posts",
    "business": "Business and dealings with government",
    "publicity": "Public record",
    "services": "Services and perks",
}


@dataclass(frozen=True, slots=True)
class Consequence:
    id: str
    kind: str  # "restriction" or "reward"
    text: str
    area: str  # one of AREAS
    sources: tuple[str, ...]
    article: str = ""
    basis: tuple[str, ...] = ()  # pinpoint citations of the legal text: "key, art. 3(1)"
    reported_by: str = ""  # a source key when the consequence is known from reporting, not a legal text
    in_force: date | None = None  # first day it applied; None: as far back as the model goes
    until: date | None = None  # first day it no longer applied; None: still in force


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
    basis: tuple[str, ...] = ()  # pinpoint citations of the legal text: "key, art. 3(1)"
    repair: str = ""
    repair_after_months: int = 0
    escalates_to: str = ""  # id of the list-entry rule that applies if still listed after `escalates_after_months`
    escalates_after_months: int = 0
    consequences: tuple[str, ...] = ()
    reported_by: str = ""  # a source key when the value comes from reporting, not the primary text
    in_force: date | None = None  # first day it applied; None: as far back as the model goes
    until: date | None = None  # first day it no longer applied (its successor's in_force); None: in force


# Kinds of list, with the word readers see: a warning list or a public record is not a blacklist.
LIST_KINDS = {
    "blacklist": "blacklist",
    "watchlist": "warning list",
    "publicity": "public record",
    "redlist": "redlist",
    "grade": "grade",
}


@dataclass(frozen=True, slots=True)
class ListInfo:
    id: str
    name: str
    mechanism: str
    kind: str  # one of LIST_KINDS

    @property
    def kind_label(self) -> str:
        return LIST_KINDS[self.kind]


@dataclass(frozen=True, slots=True)
class Persona:
    id: str
    label: str
    description: str
    points_mechanism: str = ""


def split_basis(basis: str) -> tuple[str, str]:
    """ "spc-2015-high-consumption, art. 3(1)" -> ("spc-2015-high-consumption", "art. 3(1)")."""
    key, _, pin = basis.partition(",")
    return key.strip(), " ".join(pin.split())
