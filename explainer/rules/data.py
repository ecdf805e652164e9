"""Load content/rules/*.toml into a RuleBook, collecting every problem with its file and field."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from ..content.frontmatter import Field, check_fields, not_blank, toml_error_line
from ..content.records import ContentError
from .book import RuleBook
from .cross_checks import cross_check
from .records import AREAS, EFFECTS, LIST_KINDS, Action, Consequence, Grade, ListInfo, Mechanism, Persona, Rule


def _strings(value: list) -> str | None:
    return None if all(isinstance(v, str) and v for v in value) else "must be a list of strings"


def _nonempty_strings(value: list) -> str | None:
    return _strings(value) or (None if value else "must list at least one")


PERSONA = {
    "id": Field(str, check=not_blank),
    "label": Field(str, check=not_blank),
    "description": Field(str, check=not_blank),
    "points_mechanism": Field(str, required=False),
}
MECHANISM = {
    "id": Field(str, check=not_blank),
    "name": Field(str, check=not_blank),
    "kind": Field(
        str,
        check=lambda v: (
            None if v in ("points", "list", "rating", "claims") else "must be points, list, rating or claims"
        ),
    ),
    "run_by": Field(str, check=not_blank),
    "document": Field(str, check=not_blank),
    "date": Field(str, check=not_blank),
    "summary": Field(str, check=not_blank),
    "sources": Field(list, check=_nonempty_strings),
    "personas": Field(list, check=_nonempty_strings),
    "start_points": Field(int, required=False),
    "min_points": Field(int, required=False),
    "grades_reported_by": Field(str, required=False),
    "effect_note": Field(str, required=False),
}
GRADE = {
    "name": Field(str, check=not_blank),
    "min_points": Field(int),
    "brings": Field(str, required=False),
    "consequences": Field(list, required=False, check=_strings),
}
LIST = {
    "id": Field(str, check=not_blank),
    "name": Field(str, check=not_blank),
    "kind": Field(str, check=lambda v: None if v in LIST_KINDS else f"must be one of {', '.join(LIST_KINDS)}"),
}
CONSEQUENCE = {
    "id": Field(str, check=not_blank),
    "kind": Field(str, check=lambda v: None if v in ("restriction", "reward") else "must be restriction or reward"),
    "text": Field(str, check=not_blank),
    "area": Field(str, check=lambda v: None if v in AREAS else f"must be one of {', '.join(AREAS)}"),
    "sources": Field(list, check=_nonempty_strings),
    "article": Field(str, required=False),
    "basis": Field(list, required=False, check=_strings),
    "reported_by": Field(str, required=False),
    "in_force": Field(date, required=False),
    "until": Field(date, required=False),
}
ACTION = {
    "id": Field(str, check=not_blank),
    "label": Field(str, check=not_blank),
    "personas": Field(list, check=_nonempty_strings),
    "myth": Field(str, required=False),
}
RULE = {
    "id": Field(str, check=not_blank),
    "action": Field(str),
    "effect": Field(str, check=lambda v: None if v in EFFECTS else f"must be one of {', '.join(EFFECTS)}"),
    "text": Field(str, check=not_blank),
    "sources": Field(list, check=_nonempty_strings),
    "personas": Field(list, required=False, check=_strings),
    "points": Field(int, required=False),
    "list": Field(str, required=False),
    "grade": Field(str, required=False),
    "lasts_months": Field(int, required=False, check=lambda v: None if v >= 0 else "must be 0 or more"),
    "article": Field(str, required=False),
    "basis": Field(list, required=False, check=_strings),
    "repair": Field(str, required=False),
    "repair_after_months": Field(int, required=False, check=lambda v: None if v >= 0 else "must be 0 or more"),
    "escalates_to": Field(str, required=False),
    "escalates_after_months": Field(int, required=False),
    "consequences": Field(list, required=False, check=_strings),
    "reported_by": Field(str, required=False),
    "in_force": Field(date, required=False),
    "until": Field(date, required=False),
}
TABLES = {"grades": GRADE, "lists": LIST, "consequences": CONSEQUENCE, "actions": ACTION, "rules": RULE}
RECORDS = {"lists": ListInfo, "consequences": Consequence, "actions": Action, "rules": Rule}
OWNED = ("actions", "rules", "lists")  # records that take their mechanism from the file they are in
# Shown in this order: the points scheme, then lists and ratings, then the claims people ask about.
KIND_ORDER = {"points": 0, "list": 1, "rating": 1, "claims": 2}


def load(folder: Path, source_keys, myth_slugs=None, legal=None) -> tuple[RuleBook | None, list[ContentError]]:
    """Read personas.toml and one file per mechanism; return the RuleBook and any problems.

    `legal` (cross_checks.LegalTexts) lets the checks verify each rule's legal basis.
    """
    files = sorted(p for p in folder.glob("*.toml"))
    if not files:
        return None, []
    reading = _Reading()
    for path in files:
        reading.file(path)
    book = reading.book()
    return book, reading.problems + cross_check(book, reading.where, source_keys, myth_slugs, legal)


class _Reading:
    """The records read so far, where each came from, and every problem met on the way."""

    def __init__(self):
        self.problems: list[ContentError] = []
        self.personas: list[Persona] = []
        self.parts: dict[str, list] = {name: [] for name in ("mechanisms", *RECORDS)}
        self.where: dict[tuple[str, str], Path] = {}  # (table, id) -> the file that defined it

    def file(self, path: Path):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            self.problems.append(
                ContentError("E013", path, "rules", f"not valid TOML: {exc}", toml_error_line(exc) or None)
            )
            return
        if path.stem == "personas":
            self._personas(path, data)
        else:
            self._mechanism(path, data)

    def _personas(self, path: Path, data: dict):
        for i, item in enumerate(data.get("personas", [])):
            if self._entry_ok(path, f"personas[{i}]", item, PERSONA):
                self.personas.append(Persona(**item))

    def _mechanism(self, path: Path, data: dict):
        """One mechanism's file: the [mechanism] table, then its grades, lists, consequences, actions, rules."""
        mechanism = data.get("mechanism")
        if not isinstance(mechanism, dict):
            self.problems.append(ContentError("E006", path, "mechanism", "a [mechanism] table is required"))
            return
        if not self._entry_ok(path, "mechanism", mechanism, MECHANISM):
            return
        grades = []
        for name, schema in TABLES.items():
            for i, item in enumerate(data.get(name, [])):
                label = f"{name}[{i}] ({item.get('id', item.get('name', '?'))})"
                if not self._entry_ok(path, label, item, schema):
                    continue
                values = _tuples(item)
                if name == "grades":
                    grades.append(Grade(**values))
                    continue
                if name in OWNED:
                    values["mechanism"] = mechanism["id"]
                self._add(path, label, name, RECORDS[name](**values))
        values = _tuples(mechanism)
        values["grades"] = tuple(sorted(grades, key=lambda g: -g.min_points))
        self.parts["mechanisms"].append(Mechanism(**values))
        self.where[("mechanisms", mechanism["id"])] = path

    def _add(self, path: Path, label: str, table: str, record):
        key = (table, record.id)
        if key in self.where:
            message = f"duplicate id '{record.id}' (also in {self.where[key].name})"
            self.problems.append(ContentError("E009", path, label, message))
            return
        self.where[key] = path
        self.parts[table].append(record)

    def _entry_ok(self, path: Path, label: str, data: dict, schema: dict) -> bool:
        found = check_fields(data, schema, path, lambda name: None)
        self.problems.extend(ContentError(p.code, path, f"{label}.{p.field}", p.message) for p in found)
        return not found

    def book(self) -> RuleBook:
        return RuleBook(
            personas=tuple(self.personas),
            mechanisms=tuple(sorted(self.parts["mechanisms"], key=lambda m: KIND_ORDER[m.kind])),
            actions=tuple(self.parts["actions"]),
            rules=tuple(self.parts["rules"]),
            lists=tuple(self.parts["lists"]),
            consequences=tuple(self.parts["consequences"]),
        )


def _tuples(table: dict) -> dict:
    """A TOML table's values, lists made tuples (the records are frozen)."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in table.items()}
