"""The time axis of /timeline/: where each event's mark, each era band and each year tick goes.

Plain numbers for an SVG that the template draws (no Django here, no inline styles there). Distance
along the axis is proportional to time: an event sits at the middle of the period its date names (a
day, a month or a whole year), so "2015" sits at mid-2015 and "2015-06-11" at that day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .records import THEMES, Era, Event

WIDTH = 1000  # the SVG's user units across; it scales to the column
LEFT = 186  # room for the lane labels
RIGHT = 16  # half a year label, so the last one is not cut
TOP = 40  # room for the era labels above the lanes
ROW = 22  # one row of marks in a lane; colliding marks move to the next row
LANE_GAP = 8
BOTTOM = 26  # the year labels under the lanes
RADIUS = {"central": 8, "ministry": 6, "local": 4.5, "other": 4.5}  # "other" is drawn as a ring
GAP = 2 * max(RADIUS.values()) + 3  # the least distance between two marks in one row


@dataclass(frozen=True, slots=True)
class Mark:
    event: Event
    theme: str  # its lane: the event's first theme
    x: float
    y: float
    r: float
    label: str  # the mark's accessible name: "14 June 2014: State Council issues ..."


@dataclass(frozen=True, slots=True)
class Lane:
    theme: str
    label: str
    y: float  # top
    height: float
    label_y: float


@dataclass(frozen=True, slots=True)
class Band:
    era: Era
    x: float
    width: float
    label: str
    label_x: float


@dataclass(frozen=True, slots=True)
class Axis:
    start: int  # first year shown (from 1 January)
    end: int  # the axis stops on 1 January of this year
    marks: tuple[Mark, ...]  # in date order, as the list
    lanes: tuple[Lane, ...]
    bands: tuple[Band, ...]
    ticks: tuple[tuple[float, str], ...]  # (x, label); label "" for a minor tick
    height: int
    bottom: int  # y of the axis line

    @property
    def plot_height(self) -> float:
        return self.bottom - TOP


def moment(value: str) -> float:
    """A timeline date ("YYYY", "YYYY-MM" or "YYYY-MM-DD") as a year with a fraction: the middle of its period."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    days = 366 if calendar.isleap(year) else 365
    if len(parts) == 1:
        return year + 0.5
    month = parts[1]
    first = date(year, month, 1).timetuple().tm_yday - 1
    if len(parts) == 2:
        return year + (first + calendar.monthrange(year, month)[1] / 2) / days
    return year + (first + parts[2] - 0.5) / days


def full_range(events, eras) -> tuple[int, int]:
    """The whole timeline: from the five-year mark before the first event to the end of the last era."""
    first = min(e.year for e in events)
    last = max([era.end for era in eras] + [e.year for e in events])
    return first - first % 5, last + 1


def era_range(era: Era, whole: tuple[int, int]) -> tuple[int, int]:
    """An era's own years, but never before the whole axis starts (no empty years before the first event)."""
    return max(era.start, whole[0]), min(era.end + 1, whole[1])


def layout(events, eras, start: int, end: int) -> Axis:
    """Place every event dated in [start, end) on the axis, one lane per theme that has any."""
    span = WIDTH - LEFT - RIGHT

    def x_of(t: float) -> float:
        return round(LEFT + (t - start) / (end - start) * span, 1)

    shown = [e for e in events if start <= e.year < end]
    by_lane: dict[str, list[Event]] = {}
    for event in sorted(shown, key=lambda e: (moment(e.date), e.slug)):
        by_lane.setdefault(event.themes[0], []).append(event)

    lanes, placed, y = [], {}, TOP + 4
    for theme in THEMES:  # lanes in the order of the theme filter
        if theme not in by_lane:
            continue
        rows: list[float] = []  # the last x used in each row
        spots = []
        for event in by_lane[theme]:
            x = x_of(moment(event.date))
            row = next((i for i, last in enumerate(rows) if x - last >= GAP), len(rows))
            if row == len(rows):
                rows.append(x)
            rows[row] = x
            spots.append((event, x, row))
        height = len(rows) * ROW + LANE_GAP
        for event, x, row in spots:
            placed[event.slug] = Mark(
                event=event,
                theme=theme,
                x=x,
                y=round(y + LANE_GAP / 2 + row * ROW + ROW / 2, 1),
                r=RADIUS.get(event.level, RADIUS["other"]),
                label=f"{event.date_label}: {event.title}",
            )
        lanes.append(Lane(theme, THEMES[theme], y, height, round(y + LANE_GAP / 2 + ROW / 2 + 4, 1)))
        y += height
    bottom = int(y + 4)

    bands = []
    for era in eras:
        left, right = max(era.start, start), min(era.end + 1, end)
        if left >= right:
            continue
        last = right - 1
        short = f"{last % 100:02d}" if last // 100 == left // 100 else str(last)  # "2014–16", "1995–2006"
        label = f"{left}–{short}" if last > left else str(left)
        bands.append(Band(era, x_of(left), round(x_of(right) - x_of(left), 1), label, x_of(left) + 4))

    every = 1 if end - start <= 12 else 5
    ticks = tuple((x_of(year), str(year) if year % every == 0 else "") for year in range(start, end + 1))
    marks = tuple(sorted(placed.values(), key=lambda m: (m.event.date, m.event.slug)))
    return Axis(start, end, marks, tuple(lanes), tuple(bands), ticks, bottom + BOTTOM, bottom)
