"""The RuleBook: every record of the rules model, with look-ups by id built once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .dates import in_force_on
from .records import Action, Consequence, ListInfo, Mechanism, Persona, Rule, split_basis


@dataclass(frozen=True)
class RuleBook:
    personas: tuple[Persona, ...]
    mechanisms: tuple[Mechanism, ...]
    actions: tuple[Action, ...]
    rules: tuple[Rule, ...]
    lists: tuple[ListInfo, ...]
    consequences: tuple[Consequence, ...]
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        # Dictionaries by id, built once: evaluate() looks things up for every action it applies.
        by_action: dict[str, list[Rule]] = {}
        for rule in self.rules:
            by_action.setdefault(rule.action, []).append(rule)
        index = {
            "persona": {p.id: p for p in self.personas},
            "mechanism": {m.id: m for m in self.mechanisms},
            "action": {a.id: a for a in self.actions},
            "rule": {r.id: r for r in self.rules},
            "list": {item.id: item for item in self.lists},
            "consequence": {c.id: c for c in self.consequences},
            "rules_by_action": {k: tuple(v) for k, v in by_action.items()},
        }
        index["rules_for"] = {
            (persona.id, action): tuple(r for r in rules if not r.personas or persona.id in r.personas)
            for persona in self.personas
            for action, rules in index["rules_by_action"].items()
        }
        object.__setattr__(self, "_index", index)

    def source_keys(self) -> set[str]:
        """Every bibliography key the rules cite, as evidence, legal basis or reporting."""
        keys: set[str] = set()
        for m in self.mechanisms:
            keys |= {*m.sources, m.grades_reported_by}
        for record in (*self.rules, *self.consequences):
            keys |= {*record.sources, record.reported_by, *(split_basis(b)[0] for b in record.basis)}
        return keys - {""}

    def persona(self, persona_id: str) -> Persona | None:
        return self._index["persona"].get(persona_id)

    def mechanism(self, mechanism_id: str) -> Mechanism | None:
        return self._index["mechanism"].get(mechanism_id)

    def action(self, action_id: str) -> Action | None:
        return self._index["action"].get(action_id)

    def rule(self, rule_id: str) -> Rule | None:
        return self._index["rule"].get(rule_id)

    def list_info(self, list_id: str) -> ListInfo | None:
        return self._index["list"].get(list_id)

    def consequence(self, consequence_id: str) -> Consequence | None:
        return self._index["consequence"].get(consequence_id)

    def rules_for(self, persona_id: str, action_id: str) -> tuple[Rule, ...]:
        """Every version of the rules an action triggers for a persona."""
        return self._index["rules_for"].get((persona_id, action_id), ())

    def rules_in_force(self, persona_id: str, action_id: str, on: date | None) -> tuple[Rule, ...]:
        """The rules in force on `on` (None: now) that an action triggers for a persona."""
        return tuple(r for r in self.rules_for(persona_id, action_id) if in_force_on(r, on))

    def actions_for(self, persona_id: str) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if persona_id in a.personas)

    def mechanisms_for(self, persona_id: str) -> tuple[Mechanism, ...]:
        return tuple(m for m in self.mechanisms if persona_id in m.personas)
