"""The map of pilot and demonstration cities: content/places.toml as frozen records, plus the tile grid.

The map is a tile grid: one square per provincial-level division of mainland China, placed roughly
where it lies, so no border is drawn. Each place on a tile is a mark whose batch shows by shape and by
the number or letter inside it, never by colour alone. No Django imports.

Problems (ContentError codes, stable for tests and editors):
- E040: the file is missing, is not valid TOML, or an entry lacks a field or has one of the wrong type.
- E041: an unknown role, province, shape or source key, or a duplicate id or slug.
- E042: a membership or a batch with no source, or only sources of kind 'other', or a local scheme
  without `what` or `year`.
- E043: a page link that does not resolve (checked against the site's pages by the caller).
- E044: a batch drawn with more places than its notice named.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .records import ContentError, date_label

# Provincial-level divisions of mainland China: slug -> (English name, Chinese name, column, row) on a
# 7 x 8 tile grid, placed by the rough position of each division's centre (north at the top).
PROVINCES: dict[str, tuple[str, str, int, int]] = {
    "heilongjiang": ("Heilongjiang", "黑龙江", 6, 0),
    "inner-mongolia": ("Inner Mongolia", "内蒙古", 3, 1),
    "beijing": ("Beijing", "北京", 4, 1),
    "jilin": ("Jilin", "吉林", 6, 1),
    "xinjiang": ("Xinjiang", "新疆", 0, 2),
    "gansu": ("Gansu", "甘肃", 1, 2),
    "ningxia": ("Ningxia", "宁夏", 2, 2),
    "shanxi": ("Shanxi", "山西", 3, 2),
    "hebei": ("Hebei", "河北", 4, 2),
    "tianjin": ("Tianjin", "天津", 5, 2),
    "liaoning": ("Liaoning", "辽宁", 6, 2),
    "tibet": ("Tibet", "西藏", 0, 3),
    "qinghai": ("Qinghai", "青海", 1, 3),
    "shaanxi": ("Shaanxi", "陕西", 2, 3),
    "henan": ("Henan", "河南", 3, 3),
    "shandong": ("Shandong", "山东", 4, 3),
    "sichuan": ("Sichuan", "四川", 1, 4),
    "chongqing": ("Chongqing", "重庆", 2, 4),
    "hubei": ("Hubei", "湖北", 3, 4),
    "anhui": ("Anhui", "安徽", 4, 4),
    "jiangsu": ("Jiangsu", "江苏", 5, 4),
    "shanghai": ("Shanghai", "上海", 6, 4),
    "yunnan": ("Yunnan", "云南", 1, 5),
    "guizhou": ("Guizhou", "贵州", 2, 5),
    "hunan": ("Hunan", "湖南", 3, 5),
    "jiangxi": ("Jiangxi", "江西", 4, 5),
    "zhejiang": ("Zhejiang", "浙江", 5, 5),
    "guangxi": ("Guangxi", "广西", 2, 6),
    "guangdong": ("Guangdong", "广东", 3, 6),
    "fujian": ("Fujian", "福建", 4, 6),
    "hainan": ("Hainan", "海南", 2, 7),
}
GRID_COLUMNS, GRID_ROWS = 7, 8
SHAPES = ("circle", "square", "triangle", "diamond", "hexagon")
ROLE_KINDS = ("candidates", "batch", "local")
MARKS_PER_ROW = 4  # marks on one tile row; a tile holds MARKS_PER_ROW * MARK_ROWS marks
MARK_ROWS = 3


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    kind: str  # candidates | batch | local
    name: str
    summary: str
    sources: tuple[str, ...] = ()
    mark: str = ""  # the number or letter drawn in the mark ("" for roles not drawn)
    shape: str = ""
    date: str = ""
    date_note: str = ""
    count: int | None = None  # how many places the notice named
    page: str = ""
    gap: str = ""  # for readers: what the map leaves out, and why

    @property
    def drawn(self) -> bool:
        return bool(self.shape)

    @property
    def date_label(self) -> str:
        return date_label(self.date) if self.date else ""

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass(frozen=True, slots=True)
class Membership:
    role: Role
    sources: tuple[str, ...]
    year: str = ""  # local schemes: start year, "" when it could not be confirmed
    what: str = ""  # local schemes: one line, for readers

    @property
    def label(self) -> str:
        if self.role.kind == "local":
            return f"local scheme ({self.year or 'start year not confirmed'})"
        return f"{self.role.name.lower()} ({self.role.year})"


@dataclass(frozen=True, slots=True)
class Place:
    slug: str
    name: str
    zh: str
    province: str
    page: str
    memberships: tuple[Membership, ...]

    @property
    def province_name(self) -> str:
        return PROVINCES[self.province][0]


@dataclass(frozen=True, slots=True)
class Places:
    roles: tuple[Role, ...]
    places: tuple[Place, ...]
    problems: tuple[ContentError, ...] = ()

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def members(self, role: Role) -> list[tuple[Place, Membership]]:
        """The places holding `role`, in file order (a batch's notice order)."""
        return [(p, m) for p in self.places for m in p.memberships if m.role.id == role.id]

    def source_keys(self) -> set[str]:
        keys = {k for r in self.roles for k in r.sources}
        return keys | {k for p in self.places for m in p.memberships for k in m.sources}


ROLE_FIELDS = {
    "id": str,
    "kind": str,
    "name": str,
    "summary": str,
    "sources": list,
    "mark": str,
    "shape": str,
    "date": str,
    "date_note": str,
    "count": int,
    "page": str,
    "gap": str,
}
ROLE_REQUIRED = ("id", "kind", "name", "summary")
PLACE_FIELDS = {"slug": str, "name": str, "zh": str, "province": str, "page": str, "roles": list}
MEMBERSHIP_FIELDS = {"role": str, "sources": list, "year": str, "what": str}


def load_places(
    path: Path, source_kinds: Mapping[str, str], page_exists: Callable[[str], bool] = lambda path: True
) -> Places:
    """Load content/places.toml, collecting every problem with its entry and field.

    `source_kinds` maps each bibliography key to its kind; `page_exists` says whether a site path resolves.
    """
    problems: list[ContentError] = []

    def problem(code: str, field: str, message: str) -> None:
        problems.append(ContentError(code, path, field, message))

    if not path.exists():
        problem("E040", "places", "file is missing")
        return Places((), (), tuple(problems))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        problem("E040", "places", f"not valid TOML: {exc}")
        return Places((), (), tuple(problems))

    roles: dict[str, Role] = {}
    for i, entry in enumerate(data.get("roles", [])):
        label = f"roles[{i}] ({entry.get('id', '?')})"
        if not _fields(entry, ROLE_FIELDS, ROLE_REQUIRED, label, problem):
            continue
        role = Role(**{k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()})
        if role.id in roles:
            problem("E041", f"{label}.id", f"duplicate role id '{role.id}'")
            continue
        if role.kind not in ROLE_KINDS:
            problem("E041", f"{label}.kind", f"must be one of {', '.join(ROLE_KINDS)}")
        if role.shape and role.shape not in SHAPES:
            problem("E041", f"{label}.shape", f"must be one of {', '.join(SHAPES)}")
        if role.kind != "candidates" and not (role.shape and role.mark):
            problem("E041", f"{label}.shape", "a drawn role needs a shape and a mark")
        if role.kind != "local" and not role.sources:
            problem("E042", f"{label}.sources", "a batch must cite at least one source")
        if role.kind != "local" and role.count is None:
            problem("E040", f"{label}.count", "a batch must say how many places its notice named")
        _check_sources(role.sources, f"{label}.sources", source_kinds, problem)
        if role.page and not page_exists(role.page):
            problem("E043", f"{label}.page", f"no page at '{role.page}'")
        roles[role.id] = role

    places: list[Place] = []
    slugs: set[str] = set()
    for i, entry in enumerate(data.get("places", [])):
        label = f"places[{i}] ({entry.get('slug', '?')})"
        if not _fields(entry, PLACE_FIELDS, tuple(PLACE_FIELDS), label, problem):
            continue
        if entry["slug"] in slugs:
            problem("E041", f"{label}.slug", f"duplicate slug '{entry['slug']}'")
            continue
        slugs.add(entry["slug"])
        if entry["province"] not in PROVINCES:
            problem("E041", f"{label}.province", f"unknown province '{entry['province']}'")
            continue
        if not page_exists(entry["page"]):
            problem("E043", f"{label}.page", f"no page at '{entry['page']}'")
        memberships = []
        for j, held in enumerate(entry["roles"]):
            where = f"{label}.roles[{j}]"
            if not isinstance(held, dict) or not _fields(held, MEMBERSHIP_FIELDS, ("role",), where, problem):
                if not isinstance(held, dict):
                    problem("E040", where, 'must be a table such as { role = "batch-1" }')
                continue
            role = roles.get(held["role"])
            if role is None or role.kind == "candidates":
                problem("E041", f"{where}.role", f"unknown role '{held['role']}'")
                continue
            sources = tuple(held.get("sources", ())) or (role.sources if role.kind != "local" else ())
            if not sources:
                problem("E042", f"{where}.sources", "every membership must cite at least one source")
            _check_sources(sources, f"{where}.sources", source_kinds, problem)
            if role.kind == "local" and not (held.get("what", "").strip() and "year" in held):
                problem("E042", where, 'a local scheme needs `what` and `year` ("" if not confirmed)')
            memberships.append(Membership(role, sources, held.get("year", ""), held.get("what", "")))
        if not memberships:
            problem("E042", f"{label}.roles", "a place needs at least one role")
            continue
        per_tile = sum(len(p.memberships) for p in places if p.province == entry["province"])
        if per_tile + len(memberships) > MARKS_PER_ROW * MARK_ROWS:
            problem("E041", label, f"more than {MARKS_PER_ROW * MARK_ROWS} marks on the {entry['province']} tile")
        places.append(
            Place(entry["slug"], entry["name"], entry["zh"], entry["province"], entry["page"], tuple(memberships))
        )

    result = Places(tuple(roles.values()), tuple(places))
    for role in result.roles:
        drawn = len(result.members(role))
        if role.count is not None and drawn > role.count:
            problem("E044", f"roles ({role.id})", f"{drawn} places drawn, but the notice named {role.count}")
        if role.count is not None and role.kind == "batch" and drawn < role.count and not role.gap:
            problem("E044", f"roles ({role.id}).gap", f"only {drawn} of {role.count} drawn: say why in `gap`")
    return Places(result.roles, result.places, tuple(problems))


def _fields(entry: dict, schema: dict, required: tuple[str, ...], label: str, problem) -> bool:
    ok = True
    for name in required:
        if name not in entry:
            problem("E040", f"{label}.{name}", "missing")
            ok = False
    for name, value in entry.items():
        if name not in schema:
            problem("E040", f"{label}.{name}", "unknown field")
            ok = False
        elif not isinstance(value, schema[name]) or isinstance(value, bool):
            problem("E040", f"{label}.{name}", f"must be a {schema[name].__name__}")
            ok = False
        elif schema[name] is list and not all(isinstance(v, str | dict) for v in value):
            problem("E040", f"{label}.{name}", "must be a list of strings or tables")
            ok = False
    return ok


def _check_sources(keys, field: str, source_kinds: Mapping[str, str], problem) -> None:
    for key in keys:
        if key not in source_kinds:
            problem("E041", field, f"unknown source key '{key}'")
    if keys and all(source_kinds.get(key) == "other" for key in keys):
        problem("E042", field, "every source is of kind 'other': a membership needs a stronger source")


# The drawing, in SVG user units. A tile is TILE wide and high, with GAP between tiles.
TILE, GAP = 132, 8
MARK = 28  # space for one mark; the shape itself is a little smaller
LABEL_HEIGHT = 22


@dataclass(frozen=True, slots=True)
class Mark:
    place: Place
    membership: Membership
    x: float  # centre
    y: float

    @property
    def label_y(self) -> float:
        """A triangle's label sits lower, where the shape is wide enough for it."""
        return self.y + 3 if self.membership.role.shape == "triangle" else self.y

    @property
    def points(self) -> str:
        """Polygon points for the triangle, diamond and hexagon shapes, centred on (x, y)."""
        return shape_points(self.membership.role.shape, self.x, self.y)


@dataclass(frozen=True, slots=True)
class Tile:
    slug: str
    name: str
    zh: str
    x: int
    y: int
    marks: tuple[Mark, ...]


def tiles(places: Places) -> list[Tile]:
    """Every province tile with its marks, in reading order (row by row), for the SVG."""
    drawn = [(p, m) for p in places.places for m in p.memberships if m.role.drawn]
    order = {role.id: i for i, role in enumerate(places.roles)}
    result = []
    for slug, (name, zh, column, row) in sorted(PROVINCES.items(), key=lambda item: (item[1][3], item[1][2])):
        x, y = column * (TILE + GAP), row * (TILE + GAP)
        here = sorted(((p, m) for p, m in drawn if p.province == slug), key=lambda pm: order[pm[1].role.id])
        marks = []
        for index, (place, membership) in enumerate(here):
            cx = x + 10 + MARK / 2 + (index % MARKS_PER_ROW) * MARK
            cy = y + LABEL_HEIGHT + 6 + MARK / 2 + (index // MARKS_PER_ROW) * MARK
            marks.append(Mark(place, membership, cx, cy))
        result.append(Tile(slug, name, zh, x, y, tuple(marks)))
    return result


def shape_points(shape: str, x: float, y: float, r: float = 11.5) -> str:
    if shape == "triangle":
        pts = [(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
    elif shape == "diamond":
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    elif shape == "hexagon":
        pts = [
            (x + r * math.cos(math.pi / 6 + i * math.pi / 3), y + r * math.sin(math.pi / 6 + i * math.pi / 3))
            for i in range(6)
        ]
    else:
        return ""
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)


def view_box() -> str:
    return f"0 0 {GRID_COLUMNS * (TILE + GAP) - GAP} {GRID_ROWS * (TILE + GAP) - GAP}"
