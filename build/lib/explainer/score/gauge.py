"""The points gauge: grade bands as rectangles on a scale, and a marker at the reader's points."""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import Points

WIDTH = 600  # SVG user units; the drawing scales to its box
MARKER_WIDTH = 3
MIN_LABELLED_WIDTH = 30  # a narrower band has no room for its name


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    x: float
    width: float
    label_x: float
    labelled: bool
    current: bool  # the reader's grade


@dataclass(frozen=True, slots=True)
class Gauge:
    width: int
    bands: tuple[Band, ...]
    marker: float  # x of the marker's left edge
    label: str  # the drawing in words, for screen readers


def gauge(points: Points) -> Gauge | None:
    """Grade bands on a scale from the lowest band to a little past the highest; None with no grades."""
    grades = sorted(points.mechanism.grades, key=lambda g: g.min_points)
    if not grades:
        return None
    # The lowest band reaches down to 0: begin 200 points below the next band, unless the reader is lower.
    low = min(grades[1].min_points - 200 if len(grades) > 1 else 0, points.value)
    high = max(grades[-1].min_points + 100, points.value + 20)

    def x(value):
        return round((value - low) / (high - low) * WIDTH, 1)

    bands = []
    for i, grade in enumerate(grades):
        start = max(grade.min_points, low) if i else low
        end = grades[i + 1].min_points if i + 1 < len(grades) else high
        bands.append(
            Band(
                name=grade.name,
                x=x(start),
                width=max(x(end) - x(start), 0),
                label_x=x(start) + 4,
                labelled=x(end) - x(start) >= MIN_LABELLED_WIDTH,
                current=points.grade is not None and grade.name == points.grade.name,
            )
        )
    marker = min(max(x(points.value) - MARKER_WIDTH / 2, 0), WIDTH - MARKER_WIDTH)
    return Gauge(WIDTH, tuple(bands), marker, _label(points))


def _label(points: Points) -> str:
    """'980 points, grade A, on a scale where the grades begin at AAA 1050, AA 1030, …'"""
    grade = points.grade.name if points.grade else ""
    starts = ", ".join(f"{g.name} {g.min_points}" for g in points.mechanism.grades)
    return f"{points.value} points, grade {grade}, on a scale where the grades begin at {starts}"
