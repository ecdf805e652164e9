"""Geometry for the hand-drawn SVG charts on /numbers/ and in chapters. No Django here.

`bar_chart(series)` turns a content.numbers.Series into plain numbers (axis ticks, bars, bands for
years with no figure) that templates/numbers/includes/chart.html draws. Bars stand on a real time
axis, one per dated figure; nothing is drawn between figures, so no value is ever interpolated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .content.numbers import Point, Series, format_value
from .content.records import date_label

WIDTH, HEIGHT = 480, 270  # the viewBox; the SVG scales to its column (text sizes are set in CSS)
LEFT, RIGHT, TOP, BOTTOM = 50, 12, 30, 36
BAR = 22  # width of one figure's bar; figures of several measures on one date share it
SHORT_QUALIFIER = {"": "", "about": "≈", "nearly": "≈", "more than": ">", "less than": "<"}


@dataclass(frozen=True, slots=True)
class Tick:
    at: float  # x or y in viewBox units
    label: str
    on_phones: bool = True  # False: a year label dropped on phones, where the text is larger


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    measure_index: int
    point: Point
    label: str  # short text above the bar: "≈7.49"
    label_x: float
    label_y: float
    # The same label on phones, where it is drawn larger (charts.css); None when it has no room there
    # (the table under the chart still gives the figure).
    phone_label_at: tuple[float, float] | None = None

    @property
    def label_at(self) -> tuple[float, float]:
        return (self.label_x, self.label_y)


@dataclass(frozen=True, slots=True)
class Band:
    """Whole years with no figure: shaded, so the gap shows instead of being bridged."""

    x: float
    y: float
    width: float
    height: float
    years: str  # "2015–2016"
    labelled: bool  # wide enough to carry the words "no figure"
    labelled_on_phones: bool = False  # wide enough for "no figure" and the years at the phone size


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    right: int  # x of the plot's right edge
    top: int
    bottom: int  # y of the baseline
    x_ticks: tuple[Tick, ...]
    x_labels: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...]
    bands: tuple[Band, ...]
    legend: tuple[tuple[int, str, int], ...]  # (measure index, label, y), only when there are several measures


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 × a power of ten) up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks, value = [0.0], 0.0
    while value < top - 1e-9:
        value = round(value + step, 10)
        ticks.append(value)
    return ticks


def year_step(span: int) -> int:
    return 1 if span <= 8 else 2 if span <= 16 else 5


def bar_chart(series: Series) -> Chart:
    points = series.points
    measures = series.all_measures
    index = {m.id: i for i, m in enumerate(measures)}
    first = math.floor(min(p.position for p in points))
    last = math.floor(max(p.position for p in points)) + 1
    if last - first < 2:
        last = first + 2
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    baseline, plot_top = HEIGHT - BOTTOM, TOP

    inner_left, inner_right = plot_left + BAR, plot_right - BAR / 2  # room for a bar at either end

    def x_of(year: float) -> float:
        return inner_left + (year - first) / (last - first) * (inner_right - inner_left)

    y_values = nice_ticks(max(p.value for p in points))
    y_max = y_values[-1]

    def y_of(value: float) -> float:
        return baseline - value / y_max * (baseline - plot_top)

    step = year_step(last - first)
    year_width = (inner_right - inner_left) / (last - first)
    phone_step = step
    while phone_step * year_width < PHONE_YEAR_LABEL:
        phone_step += step
    # A line at each year's start; the label in the middle of the year it names.
    x_ticks = tuple(Tick(round(x_of(year), 1), "") for year in range(first, last + 1))
    x_labels = tuple(
        Tick(round(x_of(year + 0.5), 1), str(year), (year - first) % phone_step == 0)
        for year in range(first, last)
        if (year - first) % step == 0
    )
    y_ticks = tuple(Tick(round(y_of(v), 1), format_value(int(v) if v.is_integer() else v)) for v in y_values)

    # Figures a few months apart would overlap at full width: narrow every bar to fit the closest pair.
    places = sorted({x_of(p.position) for p in points})
    closest = min((b - a for a, b in zip(places, places[1:], strict=False)), default=BAR * 2)
    width = min(BAR, closest * 0.8) / len(measures)
    bars = []
    for point in points:
        i = index.get(point.measure, 0)
        centre = x_of(point.position)
        x = centre - width * len(measures) / 2 + i * width
        top = y_of(point.value)
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(top, 1),
                width=round(width, 1),
                height=round(baseline - top, 1),
                measure_index=i,
                point=point,
                label=SHORT_QUALIFIER[point.qualifier] + point.value_label,
                label_x=round(x + width / 2, 1),
                label_y=round(top - 5, 1),
            )
        )
    bars = sorted(bars, key=lambda b: (b.label_x, -b.y))
    wide = _place_labels(bars, LABEL_CHAR, LABEL_LINE, floor=12)
    # On phones a label is drawn only right above its own bar (a lifted label in a stack could be read as a
    # neighbour's), tallest bars first; the others are left out there.
    tallest_first = sorted(range(len(bars)), key=lambda i: (bars[i].y, bars[i].label_x))
    spots = _place_labels([bars[i] for i in tallest_first], PHONE_CHAR, PHONE_LINE, drop_above=PHONE_TOP, lift=False)
    phone = [spots[tallest_first.index(i)] for i in range(len(bars))]
    bars = [
        replace(bar, label_x=x, label_y=y, phone_label_at=at) for bar, (x, y), at in zip(bars, wide, phone, strict=True)
    ]
    bands = []
    for run in _runs(series.missing_years):
        x0, x1 = x_of(run[0]), x_of(run[-1] + 1)
        years = str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}"
        width = x1 - x0
        bands.append(
            Band(round(x0, 1), plot_top, round(width, 1), baseline - plot_top, years, width >= 60, width >= PHONE_GAP)
        )
    legend = tuple((i, m.label, 4 + 20 * i) for i, m in enumerate(measures)) if len(measures) > 1 else ()
    return Chart(
        WIDTH,
        HEIGHT,
        plot_left,
        plot_right,
        plot_top,
        baseline,
        x_ticks,
        x_labels,
        y_ticks,
        tuple(bars),
        tuple(bands),
        legend,
    )


LABEL_CHAR = 8.5  # rough width of one character of a value label, in viewBox units
LABEL_LINE = 17
# On phones (max-width 40rem) the chart is about 358 px wide for 480 units, so charts.css draws its text
# at 22 units to show it at >= 16 px; labels need more room there.
PHONE_CHAR = 13.5  # one character of a value label at 22 units (digits, "≈", ">")
PHONE_LINE = 24
PHONE_TOP = 20  # a value label whose baseline is higher than this would be cut off: not drawn on phones
PHONE_YEAR_LABEL = 66  # room for a year ("2019") at 22 units and a gap
PHONE_GAP = 120  # a band of missing years wide enough for "no figure" and "2015–2016" at 22 units


def _place_labels(
    bars: list[Bar],
    char: float,
    line: float,
    floor: float = 0,
    drop_above: float | None = None,
    lift: bool = True,
) -> list[tuple[float, float] | None]:
    """Keep value labels clear of neighbouring bars and of each other, and inside the chart: where each
    bar's label goes (in the order given), at `char` units a character and `line` units a line. A label
    that would end above `floor` is moved down to it, or, given `drop_above`, left out (None). Without
    `lift`, a label that would have to be lifted clear of something is left out too."""
    placed: list[tuple[float, float, float]] = []  # x, y, half width
    spots: list[tuple[float, float] | None] = []
    for bar in bars:
        half = len(bar.label) * char / 2
        x = min(max(bar.label_x, half + 2), WIDTH - half - 2)
        y = bar.label_y
        for _ in range(len(bars) * 2):  # each pass can only lift the label; stop once nothing overlaps
            before = y
            for other in bars:
                if abs(other.x + other.width / 2 - x) < half + other.width / 2 and other.y < y + 2:
                    y = min(y, other.y - 5)
            for other_x, other_y, other_half in placed:
                if abs(x - other_x) < half + other_half + 4 and abs(y - other_y) < line:
                    y = other_y - line
            if y == before:
                break
        if (drop_above is not None and y < drop_above) or (not lift and y != bar.label_y):
            spots.append(None)
            continue
        placed.append((round(x, 1), round(max(y, floor), 1), half))
        spots.append(placed[-1][:2])
    return spots


def _runs(years: tuple[int, ...]) -> list[list[int]]:
    runs: list[list[int]] = []
    for year in years:
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


def describe(series: Series) -> str:
    """The chart's text description: every figure, in words, and the years with none."""
    parts = []
    for when, cells in series.rows():
        values = [
            f"{measure.label + ' ' if series.measures else ''}{point.label}"
            for measure, point in zip(series.all_measures, cells, strict=True)
            if point is not None
        ]
        parts.append(f"{date_label(when)}: {', '.join(values)}")
    text = f"{series.kind_label}, in {series.unit}. " + "; ".join(parts) + "."
    if series.missing_years:
        text += " No figure found for " + series.missing_label + "."
    return text
