"""The result's first lines: one sentence that answers the reader, and the consequences by area.

The lesson of the widget is that no national score moves: lists, grades and a few local points
schemes do the work. The headline says that for the person chosen, in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import AREAS, Outcome


@dataclass(frozen=True, slots=True)
class AreaGroup:
    area: str  # a key of AREAS
    label: str
    effects: tuple  # CitedEffect, in the order the model gave them

    @property
    def restrictions(self) -> int:
        return sum(e.effect.consequence.kind == "restriction" for e in self.effects)


def by_area(effects) -> tuple[AreaGroup, ...]:
    """The consequences grouped by what they touch, in the order of AREAS."""
    groups = []
    for area, label in AREAS.items():
        found = tuple(e for e in effects if e.effect.consequence.area == area)
        if found:
            groups.append(AreaGroup(area, label, found))
    return tuple(groups)


def headline(outcome: Outcome) -> str:
    """One sentence: does a score change, and what actually applies."""
    points = outcome.points
    if points:
        start = points.mechanism.start_points
        grade = f", grade {points.grade.name}" if points.grade else ""
        moved = "stay at" if points.value == start else f"go from {start} to"
        first = f"In Rongcheng's local scheme the points {moved} {points.value}{grade}; there is no national score."
    else:
        first = "No score changes: there is no national social credit score."
    active = outcome.active
    restrictions = [e for e in outcome.effects if e.consequence.kind == "restriction"]
    if active:
        names = _join([m.list.name for m in active])
        if restrictions:
            areas = _join(
                sorted(
                    {AREAS[e.consequence.area].lower() for e in restrictions},
                    key=list(map(str.lower, AREAS.values())).index,
                )
            )
            return f"{first} Being on the {names} is what brings the restrictions, on {areas}."
        return f"{first} What applies is the {names}."
    if outcome.memberships:
        return f"{first} The listing has ended by the date looked at."
    if any(s.rule.effect == "reward" for s in outcome.steps):
        return f"{first} What applies are the rewards below."
    return f"{first} No documented list or penalty follows from this at the date looked at."


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    return f"{', '.join(items[:-1])}, and {items[-1]}"  # the serial comma: some items contain "and"
