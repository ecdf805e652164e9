"""Checks across the rule files: every id a record names must exist, every source key must be cited.

One small function per check, each yielding what it found for one record; `cross_check` runs a
record's checks together, so the problems come out record by record, in file order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..content.records import ContentError
from .book import RuleBook
from .records import Action, Consequence, Mechanism, Rule, split_basis

UNKNOWN_ID = "E017"
UNKNOWN_SOURCE = "E001"
NO_LEGAL_BASIS = "E022"
BAD_DATES = "E023"
LEGAL_KINDS = ("law", "translation")


@dataclass(frozen=True, slots=True)
class Found:
    field: str
    message: str
    code: str = UNKNOWN_ID


@dataclass(frozen=True)
class Known:
    """The ids a check may look up, gathered once."""

    book: RuleBook
    sources: set[str]
    myths: set[str] | None  # None: the myths were not loaded, so myth links are not checked
    personas: set[str]
    lists: set[str]
    consequences: set[str]
    triggered: set[str]  # actions that some rule names
    escalation_targets: set[str]
    legal: LegalTexts | None = None  # None: legal bases are not checked

    @classmethod
    def of(cls, book: RuleBook, source_keys, myth_slugs, legal: LegalTexts | None = None) -> Known:
        return cls(
            book=book,
            sources=set(source_keys),
            myths=None if myth_slugs is None else set(myth_slugs),
            personas={p.id for p in book.personas},
            lists={item.id for item in book.lists},
            consequences={c.id for c in book.consequences},
            triggered={r.action for r in book.rules},
            escalation_targets={r.escalates_to for r in book.rules if r.escalates_to},
            legal=legal,
        )


@dataclass(frozen=True)
class LegalTexts:
    """What the legal-basis check needs from the bibliography, without importing it."""

    kinds: Mapping[str, str]  # source key -> kind
    has_article: Callable[[str, str], bool]  # (key, pinpoint) -> is that article on a document page?
    span: Callable[[str], tuple[date | None, date | None]] = lambda key: (None, None)  # in force, replaced


def _basis(record: Rule | Consequence, known: Known) -> Iterator[Found]:
    """A legal basis cites a law or translation with a pinpoint that has its article on a document page.

    A record with no basis must say which report it rests on (`reported_by`): the widget then shows it
    as not confirmed in a legal text.
    """
    if known.legal is None:
        return
    if not record.basis and not record.reported_by:
        yield Found(
            "basis", 'needs a legal basis ("key, art. N") or the report it rests on (reported_by)', NO_LEGAL_BASIS
        )
    for basis in record.basis:
        key, pin = split_basis(basis)
        kind = known.legal.kinds.get(key)
        if kind is None:
            yield Found("basis", f"unknown source key '{key}'", UNKNOWN_SOURCE)
        elif kind not in LEGAL_KINDS:
            yield Found(
                "basis", f"'{key}' is of kind '{kind}': a legal basis cites a law or translation", NO_LEGAL_BASIS
            )
        elif not pin:
            yield Found("basis", f"'{basis}' needs a pinpoint such as 'art. 3'", NO_LEGAL_BASIS)
        elif not known.legal.has_article(key, pin):
            yield Found("basis", f"'{pin}' of '{key}' is not an article on a document page", NO_LEGAL_BASIS)


def _dates(record: Rule | Consequence, known: Known) -> Iterator[Found]:
    """A record's dates are in order, and each instrument it rests on was in force all that time."""
    if record.in_force and record.until and record.until <= record.in_force:
        yield Found("until", "must be after in_force", BAD_DATES)
    if known.legal is None:
        return
    for key in dict.fromkeys(split_basis(basis)[0] for basis in record.basis):
        start, end = known.legal.span(key)
        if start and (record.in_force is None or record.in_force < start):
            yield Found(
                "in_force", f"'{key}' applies only from {start}: the record needs in_force on or after it", BAD_DATES
            )
        if end and (record.until is None or record.until > end):
            yield Found(
                "until", f"'{key}' stopped applying on {end}: the record needs until on or before it", BAD_DATES
            )


def _versions(rule: Rule, known: Known) -> Iterator[Found]:
    """Versions of one rule (same action, persona, mechanism, effect and list) never overlap in time."""
    for other in known.book.rules:
        if other.id <= rule.id or (other.action, other.mechanism, other.effect, other.list) != (
            rule.action,
            rule.mechanism,
            rule.effect,
            rule.list,
        ):
            continue
        if set(other.personas or ("*",)) & set(rule.personas or ("*",)) and _overlap(rule, other):
            yield Found("in_force", f"in force at the same time as '{other.id}', another version of it", BAD_DATES)


def _overlap(a, b) -> bool:
    starts_before_b_ends = b.until is None or a.in_force is None or a.in_force < b.until
    b_starts_before_a_ends = a.until is None or b.in_force is None or b.in_force < a.until
    return starts_before_b_ends and b_starts_before_a_ends


def _rule_basis(rule: Rule, known: Known) -> Iterator[Found]:
    mechanism = known.book.mechanism(rule.mechanism)
    if rule.effect != "note" and (mechanism is None or mechanism.kind != "claims"):
        yield from _basis(rule, known)


def _sources(keys, known: Known) -> Iterator[Found]:
    for key in keys:
        if key not in known.sources:
            yield Found("sources", f"unknown source key '{key}'", UNKNOWN_SOURCE)


def _personas(ids, known: Known) -> Iterator[Found]:
    for persona in ids:
        if persona not in known.personas:
            yield Found("personas", f"unknown persona '{persona}'")


def _consequences(ids, known: Known, field: str = "consequences") -> Iterator[Found]:
    for c in ids:
        if c not in known.consequences:
            yield Found(field, f"unknown consequence '{c}'")


# Mechanisms ---------------------------------------------------------------------------------------


def _mechanism_sources(mechanism: Mechanism, known: Known) -> Iterator[Found]:
    reported = (mechanism.grades_reported_by,) if mechanism.grades_reported_by else ()
    yield from _sources(mechanism.sources + reported, known)


def _mechanism_personas(mechanism: Mechanism, known: Known) -> Iterator[Found]:
    yield from _personas(mechanism.personas, known)


def _grade_consequences(mechanism: Mechanism, known: Known) -> Iterator[Found]:
    for grade in mechanism.grades:
        yield from _consequences(grade.consequences, known, field="grades")


# Consequences and actions -------------------------------------------------------------------------


def _consequence_sources(consequence: Consequence, known: Known) -> Iterator[Found]:
    yield from _sources(consequence.sources + ((consequence.reported_by,) if consequence.reported_by else ()), known)


def _action_personas(action: Action, known: Known) -> Iterator[Found]:
    yield from _personas(action.personas, known)


def _action_myth(action: Action, known: Known) -> Iterator[Found]:
    if action.myth and known.myths is not None and action.myth not in known.myths:
        yield Found("myth", f"no myth '{action.myth}'")


def _action_triggers_a_rule(action: Action, known: Known) -> Iterator[Found]:
    if action.id not in known.triggered:
        yield Found("id", "no rule is triggered by this action")


# Rules --------------------------------------------------------------------------------------------


def _rule_action(rule: Rule, known: Known) -> Iterator[Found]:
    if rule.action and not known.book.action(rule.action):
        yield Found("action", f"no action '{rule.action}'")
    if not rule.action and rule.id not in known.escalation_targets:
        yield Found("action", "a rule with no action must be the target of an escalation")


def _rule_sources(rule: Rule, known: Known) -> Iterator[Found]:
    yield from _sources(rule.sources + ((rule.reported_by,) if rule.reported_by else ()), known)


def _rule_list(rule: Rule, known: Known) -> Iterator[Found]:
    if rule.list and rule.list not in known.lists:
        yield Found("list", f"no list '{rule.list}'")


def _rule_escalation(rule: Rule, known: Known) -> Iterator[Found]:
    if rule.escalates_to and getattr(known.book.rule(rule.escalates_to), "effect", "") != "list-entry":
        yield Found("escalates_to", f"no list-entry rule '{rule.escalates_to}'")


def _rule_effect_needs(rule: Rule, known: Known) -> Iterator[Found]:
    if rule.effect in ("list-entry", "list-removal") and not rule.list:
        yield Found("list", f"a {rule.effect} rule must name its list")
    if rule.effect == "points" and not rule.points:
        yield Found("points", "a points rule must add or deduct points")


def _rule_consequences(rule: Rule, known: Known) -> Iterator[Found]:
    yield from _consequences(rule.consequences, known)


def _rule_personas(rule: Rule, known: Known) -> Iterator[Found]:
    yield from _personas(rule.personas, known)


CHECKS = {
    "mechanisms": (_mechanism_sources, _mechanism_personas, _grade_consequences),
    "consequences": (_consequence_sources, _basis, _dates),
    "actions": (_action_personas, _action_myth, _action_triggers_a_rule),
    "rules": (
        _rule_action,
        _rule_sources,
        _rule_list,
        _rule_escalation,
        _rule_effect_needs,
        _rule_consequences,
        _rule_personas,
        _rule_basis,
        _dates,
        _versions,
    ),
}


def cross_check(book: RuleBook, where: dict, source_keys, myth_slugs, legal=None) -> list[ContentError]:
    """Every id a record names must exist, and every source key must be in the bibliography.

    `where` maps (table, id) to the file that defined it, so each problem names its file.
    """
    known = Known.of(book, source_keys, myth_slugs, legal)
    problems = [
        ContentError(
            UNKNOWN_ID,
            Path("content/rules/personas.toml"),
            f"{persona.id}.points_mechanism",
            f"no mechanism '{persona.points_mechanism}'",
        )
        for persona in book.personas
        if persona.points_mechanism and not book.mechanism(persona.points_mechanism)
    ]
    for table, checks in CHECKS.items():
        for record in getattr(book, table):
            path = where.get((table, record.id), Path("content/rules"))
            for check in checks:
                problems += [
                    ContentError(f.code, path, f"{record.id}.{f.field}", f.message) for f in check(record, known)
                ]
    return problems
