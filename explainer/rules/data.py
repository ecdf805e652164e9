"""Load content/rules/*.toml into a RuleBook, collecting every problem with its file and field."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..content.frontmatter import Field, check_fields, not_blank, toml_error_line
from ..content.records import ContentError
from .model import EFFECTS, Action, Consequence, Grade, ListInfo, Mechanism, Persona, Rule, RuleBook


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
    "kind": Field(
        str, check=lambda v: None if v in ("blacklist", "redlist", "grade") else "must be blacklist, redlist or grade"
    ),
}
CONSEQUENCE = {
    "id": Field(str, check=not_blank),
    "kind": Field(str, check=lambda v: None if v in ("restriction", "reward") else "must be restriction or reward"),
    "text": Field(str, check=not_blank),
    "sources": Field(list, check=_nonempty_strings),
    "article": Field(str, required=False),
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
    "repair": Field(str, required=False),
    "repair_after_months": Field(int, required=False, check=lambda v: None if v >= 0 else "must be 0 or more"),
    "escalates_to": Field(str, required=False),
    "escalates_after_months": Field(int, required=False),
    "consequences": Field(list, required=False, check=_strings),
    "reported_by": Field(str, required=False),
}
TABLES = {"grades": GRADE, "lists": LIST, "consequences": CONSEQUENCE, "actions": ACTION, "rules": RULE}


def load(folder: Path, source_keys, myth_slugs=None) -> tuple[RuleBook | None, list[ContentError]]:
    """Read personas.toml and one file per mechanism; return the RuleBook and any problems."""
    problems: list[ContentError] = []
    files = sorted(p for p in folder.glob("*.toml"))
    if not files:
        return None, []
    personas: list[Persona] = []
    parts: dict[str, list] = {
        "mechanisms": [],
        "grades": [],
        "lists": [],
        "consequences": [],
        "actions": [],
        "rules": [],
    }
    where: dict[tuple[str, str], Path] = {}

    def entry_ok(path, label, data, schema) -> bool:
        found = check_fields(data, schema, path, lambda name: None)
        problems.extend(ContentError(p.code, path, f"{label}.{p.field}", p.message) for p in found)
        return not found

    for path in files:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(ContentError("E013", path, "rules", f"not valid TOML: {exc}", toml_error_line(exc) or None))
            continue
        if path.stem == "personas":
            for i, item in enumerate(data.get("personas", [])):
                if entry_ok(path, f"personas[{i}]", item, PERSONA):
                    personas.append(Persona(**item))
            continue
        mechanism = data.get("mechanism")
        if not isinstance(mechanism, dict) or not entry_ok(path, "mechanism", mechanism, MECHANISM):
            if not isinstance(mechanism, dict):
                problems.append(ContentError("E006", path, "mechanism", "a [mechanism] table is required"))
            continue
        grades = []
        for name, schema in TABLES.items():
            for i, item in enumerate(data.get(name, [])):
                label = f"{name}[{i}] ({item.get('id', item.get('name', '?'))})"
                if not entry_ok(path, label, item, schema):
                    continue
                values = {k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}
                if name == "grades":
                    grades.append(Grade(**values))
                    continue
                if name in ("actions", "rules", "lists"):
                    values["mechanism"] = mechanism["id"]
                record = {"lists": ListInfo, "consequences": Consequence, "actions": Action, "rules": Rule}[name](
                    **values
                )
                key = (name, record.id)
                if key in where:
                    problems.append(
                        ContentError("E009", path, label, f"duplicate id '{record.id}' (also in {where[key].name})")
                    )
                    continue
                where[key] = path
                parts[name].append(record)
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in mechanism.items()}
        values["grades"] = tuple(sorted(grades, key=lambda g: -g.min_points))
        parts["mechanisms"].append(Mechanism(**values))
        where[("mechanisms", mechanism["id"])] = path
    # Shown in this order: the points scheme, then lists and ratings, then the claims people ask about.
    kind_order = {"points": 0, "list": 1, "rating": 1, "claims": 2}
    book = RuleBook(
        personas=tuple(personas),
        mechanisms=tuple(sorted(parts["mechanisms"], key=lambda m: kind_order[m.kind])),
        actions=tuple(parts["actions"]),
        rules=tuple(parts["rules"]),
        lists=tuple(parts["lists"]),
        consequences=tuple(parts["consequences"]),
    )
    problems += _cross_check(book, where, set(source_keys), myth_slugs)
    return book, problems


def _cross_check(book: RuleBook, where, source_keys: set[str], myth_slugs) -> list[ContentError]:
    """Every id a rule names must exist, and every source key must be in the bibliography."""
    problems = []
    persona_ids = {p.id for p in book.personas}
    lists = {item.id for item in book.lists}
    consequences = {c.id for c in book.consequences}

    def bad(kind, ident, field, message, code="E017"):
        problems.append(
            ContentError(code, where.get((kind, ident), Path("content/rules")), f"{ident}.{field}", message)
        )

    for persona in book.personas:
        if persona.points_mechanism and not book.mechanism(persona.points_mechanism):
            problems.append(
                ContentError(
                    "E017",
                    Path("content/rules/personas.toml"),
                    f"{persona.id}.points_mechanism",
                    f"no mechanism '{persona.points_mechanism}'",
                )
            )
    for mechanism in book.mechanisms:
        for key in mechanism.sources + ((mechanism.grades_reported_by,) if mechanism.grades_reported_by else ()):
            if key not in source_keys:
                bad("mechanisms", mechanism.id, "sources", f"unknown source key '{key}'", "E001")
        for persona in mechanism.personas:
            if persona not in persona_ids:
                bad("mechanisms", mechanism.id, "personas", f"unknown persona '{persona}'")
        for grade in mechanism.grades:
            for c in grade.consequences:
                if c not in consequences:
                    bad("mechanisms", mechanism.id, "grades", f"unknown consequence '{c}'")
    for consequence in book.consequences:
        for key in consequence.sources:
            if key not in source_keys:
                bad("consequences", consequence.id, "sources", f"unknown source key '{key}'", "E001")
    for action in book.actions:
        for persona in action.personas:
            if persona not in persona_ids:
                bad("actions", action.id, "personas", f"unknown persona '{persona}'")
        if action.myth and myth_slugs is not None and action.myth not in myth_slugs:
            bad("actions", action.id, "myth", f"no myth '{action.myth}'")
        if not any(r.action == action.id for r in book.rules):
            bad("actions", action.id, "id", "no rule is triggered by this action")
    for rule in book.rules:
        if rule.action and not book.action(rule.action):
            bad("rules", rule.id, "action", f"no action '{rule.action}'")
        if not rule.action and not any(r.escalates_to == rule.id for r in book.rules):
            bad("rules", rule.id, "action", "a rule with no action must be the target of an escalation")
        for key in rule.sources + ((rule.reported_by,) if rule.reported_by else ()):
            if key not in source_keys:
                bad("rules", rule.id, "sources", f"unknown source key '{key}'", "E001")
        if rule.list and rule.list not in lists:
            bad("rules", rule.id, "list", f"no list '{rule.list}'")
        if rule.escalates_to and getattr(book.rule(rule.escalates_to), "effect", "") != "list-entry":
            bad("rules", rule.id, "escalates_to", f"no list-entry rule '{rule.escalates_to}'")
        if rule.effect in ("list-entry", "list-removal") and not rule.list:
            bad("rules", rule.id, "list", f"a {rule.effect} rule must name its list")
        if rule.effect == "points" and not rule.points:
            bad("rules", rule.id, "points", "a points rule must add or deduct points")
        for c in rule.consequences:
            if c not in consequences:
                bad("rules", rule.id, "consequences", f"unknown consequence '{c}'")
        for persona in rule.personas:
            if persona not in persona_ids:
                bad("rules", rule.id, "personas", f"unknown persona '{persona}'")
    return problems
