"""The time strip: each list entry as a bar over the months of the scenario, with the moment its way
back opens and the month looked at. Plain numbers for an SVG the template draws (no inline styles)."""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import Outcome

WIDTH = 600  # the SVG's user units across; it scales to the column
ROW = 50  # a label line, then the bar


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    kind: str  # the list's kind, for its colour and its text label
    x: float
    width: float
    y: int
    label_y: int
    open_ended: bool  # no end within the strip
    repair_x: float | None  # where the way back opens
    text: str  # the same facts in words, for screen readers and the table


@dataclass(frozen=True, slots=True)
class Strip:
    months: int  # the span drawn, from month 0
    bars: tuple[Bar, ...]
    now_x: float  # the month looked at
    ticks: tuple[tuple[float, str], ...]
    height: int


def strip(outcome: Outcome) -> Strip | None:
    memberships = outcome.memberships
    if not memberships:
        return None
    at = outcome.scenario.at_month
    ends = [m.end for m in memberships if m.end is not None]
    span = max([at, 36, *ends, *(m.start + m.rule.repair_after_months for m in memberships)]) + 6
    scale = WIDTH / span
    ways = {(w.list.id, w.rule.id): w.earliest_month for w in outcome.ways_back}
    bars = []
    for row, m in enumerate(memberships):
        end = m.end if m.end is not None else span
        repair = ways.get((m.list.id, m.rule.id))
        until = f"until month {m.end}" if m.end is not None else "with no fixed end"
        opens = f"; the way back opens at month {repair}" if repair is not None else ""
        bars.append(
            Bar(
                label=m.list.name,
                kind=m.list.kind,
                x=round(m.start * scale, 1),
                width=round(max(end - m.start, 0.5) * scale, 1),
                y=row * ROW + 26,
                label_y=row * ROW + 20,
                open_ended=m.end is None,
                repair_x=round(repair * scale, 1) if repair is not None else None,
                text=f"{m.list.name}: from month {m.start} {until}{opens}.",
            )
        )
    step = 12 if span <= 72 else 24
    ticks = tuple((round(month * scale, 1), f"{month}") for month in range(0, span + 1, step))
    return Strip(span, tuple(bars), round(at * scale, 1), ticks, len(bars) * ROW + 34)
