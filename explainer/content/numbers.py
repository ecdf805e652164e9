"""content/numbers.toml: sourced figures over time, for the charts on /numbers/ and in chapters.

No Django here. `load_numbers(path, sources)` returns the series and every problem found, each naming
its series and field: an unknown source key (E001), a figure resting only on weak sources (E020), and
anything else wrong with a series or a point (E045).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .records import ContentError, date_label

KINDS = {
    "cumulative": "Running total (cumulative)",
    "flow": "Count for each period",
    "stock": "Level at a date",
}
QUALIFIERS = ("", "about", "nearly", "more than", "less than")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# `{{chart:court-defaulter-listings}}` on a line of its own places a chart in a chapter.
CHART_LINE = re.compile(r"^\{\{chart:([a-z0-9-]+)\}\}\s*$")

SERIES_FIELDS = {"id", "title", "measured", "unit", "kind", "gap_note", "mark_missing_years", "measures", "points"}
SERIES_FIELDS |= {"editor_note"}
POINT_FIELDS = {"date", "value", "qualifier", "sources", "measure", "note"}


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Point:
    date: str  # "2019", "2019-07" or "2019-07-09": precision follows the string, as for events
    value: int | float  # in the series' unit, as the source gives it
    sources: tuple[str, ...]  # "key" or "key, art. 3"
    measure: str = ""
    qualifier: str = ""  # "about", "nearly", "more than": the source's own hedge
    note: str = ""

    @property
    def date_label(self) -> str:
        return date_label(self.date)

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def position(self) -> float:
        """The point's place on a time axis, in years: the middle of its year, month or day."""
        year, month, day = DATE.match(self.date).groups()
        if month is None:
            return year_float(int(year), 7, 2)
        if day is None:
            return year_float(int(year), int(month), 15)
        return year_float(int(year), int(month), int(day))

    @property
    def value_label(self) -> str:
        return format_value(self.value)

    @property
    def label(self) -> str:
        return f"{self.qualifier} {self.value_label}".strip()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(source_key(s) for s in self.sources)


@dataclass(frozen=True, slots=True)
class Series:
    id: str
    title: str
    measured: str
    unit: str
    kind: str  # one of KINDS
    points: tuple[Point, ...]
    gap_note: str = ""
    measures: tuple[Measure, ...] = ()
    mark_missing_years: bool = True  # False when a gap is not missing data (batches in some years only)
    editor_note: str = ""  # for editors only: never rendered

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def url(self) -> str:
        return f"/numbers/#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"chart-{self.id}"

    @property
    def csv_url(self) -> str:
        return f"/numbers/{self.id}.csv"

    @property
    def all_measures(self) -> tuple[Measure, ...]:
        return self.measures or (Measure("", self.unit),)

    @property
    def missing_years(self) -> tuple[int, ...]:
        """Whole years between the first and last figure for which the data holds no figure."""
        if not self.mark_missing_years or not self.points:
            return ()
        years = {p.year for p in self.points}
        return tuple(y for y in range(min(years), max(years) + 1) if y not in years)

    @property
    def missing_label(self) -> str:
        """ "2015–2016, 2018": the missing years, runs joined by a dash."""
        runs: list[list[int]] = []
        for year in self.missing_years:
            if runs and runs[-1][-1] == year - 1:
                runs[-1].append(year)
            else:
                runs.append([year])
        return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)

    @property
    def source_keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for p in self.points for k in p.keys))

    def rows(self) -> list[tuple[str, list[Point | None]]]:
        """The table: one row per date, one cell per measure (None where that measure has no figure)."""
        by_date: dict[str, dict[str, Point]] = {}
        for point in sorted(self.points, key=lambda p: (p.position, p.date)):
            by_date.setdefault(point.date, {})[point.measure] = point
        return [(d, [cells.get(m.id) for m in self.all_measures]) for d, cells in by_date.items()]


def year_float(year: int, month: int, day: int) -> float:
    start = date(year, 1, 1).toordinal()
    length = date(year + 1, 1, 1).toordinal() - start
    return year + (date(year, month, day).toordinal() - start) / length


def format_value(value: int | float) -> str:
    """As the source wrote it: 7.49, 2.3398, 1,020 (no trailing zeros, thousands separated)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def source_key(cited: str) -> str:
    return cited.partition(",")[0].strip()


def source_pinpoint(cited: str) -> str:
    return " ".join(cited.partition(",")[2].split())


def chart_ids(text: str) -> list[tuple[str, int]]:
    """The `{{chart:id}}` lines of a Markdown text, with their line numbers."""
    return [(m[1], n) for n, line in enumerate(text.splitlines(), 1) if (m := CHART_LINE.match(line))]


def load_numbers(path: Path, sources: Mapping) -> tuple[tuple[Series, ...], list[ContentError]]:
    """Load content/numbers.toml. A missing file means no charts, not an error."""
    problems: list[ContentError] = []
    if not path.exists():
        return (), problems
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        return (), [ContentError("E045", path, "series", f"not valid TOML: {exc}")]
    found: list[Series] = []
    seen: set[str] = set()
    for i, entry in enumerate(data.get("series", [])):
        label = f"series[{i}] ({entry.get('id', '?')})"
        before = len(problems)
        series = _series(entry, label, path, sources, problems)
        if series is None or len(problems) > before:
            continue
        if series.id in seen:
            problems.append(ContentError("E045", path, f"{label}.id", f"duplicate id '{series.id}'"))
            continue
        seen.add(series.id)
        found.append(series)
    return tuple(found), problems


def _series(entry: dict, label: str, path: Path, sources: Mapping, problems: list) -> Series | None:
    def bad(field: str, message: str, code: str = "E045"):
        problems.append(ContentError(code, path, f"{label}.{field}", message))

    for name in sorted(entry.keys() - SERIES_FIELDS):
        bad(name, f"unknown field (allowed: {', '.join(sorted(SERIES_FIELDS))})")
    for name in ("id", "title", "measured", "unit", "kind"):
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            bad(name, "required text field is missing or empty")
    if any(
        not isinstance(entry.get(n), str) or not entry[n].strip() for n in ("id", "title", "measured", "unit", "kind")
    ):
        return None
    if not SLUG.match(entry["id"]):
        bad("id", "must be lower-case letters, digits and single hyphens")
    if entry["kind"] not in KINDS:
        bad("kind", f"must be one of {', '.join(KINDS)}")
    measures = []
    for j, m in enumerate(entry.get("measures", [])):
        if not isinstance(m, dict) or not m.get("id") or not m.get("label"):
            bad(f"measures[{j}]", "each measure needs an id and a label")
            continue
        measures.append(Measure(m["id"], m["label"]))
    measure_ids = {m.id for m in measures}
    points = []
    raw_points = entry.get("points", [])
    if not raw_points:
        bad("points", "a series needs at least one point")
    for j, raw in enumerate(raw_points):
        point = _point(raw, f"points[{j}]", measure_ids, sources, bad)
        if point is not None:
            points.append(point)
    keys = [(p.date, p.measure) for p in points]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        bad("points", f"two figures for {dup[0]}" + (f" ({dup[1]})" if dup[1] else ""))
    return Series(
        id=entry["id"],
        title=entry["title"].strip(),
        measured=entry["measured"].strip(),
        unit=entry["unit"].strip(),
        kind=entry["kind"],
        points=tuple(sorted(points, key=lambda p: (p.position, p.measure))),
        gap_note=str(entry.get("gap_note", "")).strip(),
        measures=tuple(measures),
        mark_missing_years=bool(entry.get("mark_missing_years", True)),
        editor_note=str(entry.get("editor_note", "")),
    )


def _point(raw: dict, where: str, measure_ids: set[str], sources: Mapping, bad) -> Point | None:
    if not isinstance(raw, dict):
        bad(where, "must be a table")
        return None
    ok = True
    for name in sorted(raw.keys() - POINT_FIELDS):
        bad(f"{where}.{name}", f"unknown field (allowed: {', '.join(sorted(POINT_FIELDS))})")
        ok = False
    when = raw.get("date")
    if not isinstance(when, str) or not _valid_date(when):
        bad(f"{where}.date", 'must be a real date written "YYYY", "YYYY-MM" or "YYYY-MM-DD"')
        ok = False
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        bad(f"{where}.value", "must be a number of 0 or more, in the series' unit")
        ok = False
    qualifier = raw.get("qualifier", "")
    if qualifier not in QUALIFIERS:
        bad(f"{where}.qualifier", f"must be one of {', '.join(repr(q) for q in QUALIFIERS)}")
        ok = False
    measure = raw.get("measure", "")
    if measure_ids and measure not in measure_ids:
        bad(f"{where}.measure", f"must be one of the series' measures: {', '.join(sorted(measure_ids))}")
        ok = False
    elif not measure_ids and measure:
        bad(f"{where}.measure", "the series declares no measures")
        ok = False
    cited = raw.get("sources")
    if not isinstance(cited, list) or not cited or not all(isinstance(s, str) for s in cited):
        bad(f"{where}.sources", "must list at least one source key")
        return None
    for key in (source_key(s) for s in cited):
        if key not in sources:
            bad(f"{where}.sources", f"unknown source key '{key}'", "E001")
            ok = False
    known = [sources[k] for k in (source_key(s) for s in cited) if k in sources]
    if known and len(known) == len(cited) and all(s.kind == "other" for s in known):
        bad(f"{where}.sources", "every source of this figure is of kind 'other'; cite a stronger one", "E020")
        ok = False
    if not ok:
        return None
    return Point(
        date=when, value=value, sources=tuple(cited), measure=measure, qualifier=qualifier, note=raw.get("note", "")
    )


def _valid_date(value: str) -> bool:
    match = DATE.match(value)
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    if not 1990 <= year <= 2100:
        return False
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return False
    return True
