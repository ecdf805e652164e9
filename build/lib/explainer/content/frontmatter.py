"""Split TOML front matter (between `+++` lines) from a Markdown body and check its fields."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .markdown import Reference
from .records import ContentError

FENCE = "+++"


@dataclass(frozen=True, slots=True)
class Field:
    type: type | tuple[type, ...]
    required: bool = True
    check: Callable[[Any], str | None] | None = None  # returns a message when the value is bad


def split(text: str, path: Path) -> tuple[dict, str, int, list[ContentError]]:
    """Return (front matter, body, line number where the body starts, problems)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return {}, text, 1, [ContentError("E005", path, "front matter", "the file must start with a '+++' line", 1)]
    for end in range(1, len(lines)):
        if lines[end].strip() == FENCE:
            break
    else:
        return {}, text, 1, [ContentError("E005", path, "front matter", "no closing '+++' line", 1)]
    try:
        meta = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        line = toml_error_line(exc) + 1  # +1 for the opening fence
        return {}, "", end + 2, [ContentError("E005", path, "front matter", f"not valid TOML: {exc}", line)]
    return meta, "".join(lines[end + 1 :]), end + 2, []


def toml_error_line(exc: tomllib.TOMLDecodeError) -> int:
    """The line of a TOML error: Python 3.14 has `lineno`, older versions only say it in the message."""
    if lineno := getattr(exc, "lineno", None):
        return lineno
    match = re.search(r"at line (\d+)", str(exc))
    return int(match[1]) if match else 0


def check_fields(
    meta: dict, schema: dict[str, Field], path: Path, line_of: Callable[[str], int | None]
) -> list[ContentError]:
    """Check a dict (front matter or one TOML table) against a schema; name every bad field."""
    problems = []
    for name, spec in schema.items():
        if name not in meta:
            if spec.required:
                problems.append(ContentError("E006", path, name, "required field is missing", line_of(name)))
            continue
        value = meta[name]
        if not _is(value, spec.type):
            problems.append(
                ContentError(
                    "E007", path, name, f"must be {_describe(spec.type)}, not {type(value).__name__}", line_of(name)
                )
            )
        elif spec.check and (message := spec.check(value)):
            problems.append(ContentError("E007", path, name, message, line_of(name)))
    for name in meta.keys() - schema.keys():
        problems.append(
            ContentError("E008", path, name, f"unknown field (allowed: {', '.join(schema)})", line_of(name))
        )
    return problems


def _is(value: Any, expected: type | tuple[type, ...]) -> bool:
    expected = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in expected:
        return False  # TOML true is not an order number
    if isinstance(value, datetime) and datetime not in expected:
        return False  # a date with a time of day is not a date
    return isinstance(value, expected)


def _describe(expected: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", date: "a date (YYYY-MM-DD, unquoted)", list: "a list"}
    expected = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(names.get(t, t.__name__) for t in expected)


def not_blank(value: str) -> str | None:
    return "must not be empty" if not value.strip() else None


def length_between(low: int, high: int) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if not low <= len(value.strip()) <= high:
            return f"must be {low}-{high} characters long (is {len(value.strip())})"
        return None

    return check


def one_of(*allowed: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value in allowed else f"must be one of {', '.join(allowed)}"

    return check


def unknown_references(references: list[Reference], path: Path, sources, glossary) -> list[ContentError]:
    """Citation keys and glossary slugs that do not exist, each with its line."""
    found = []
    for ref in references:
        if ref.kind == "citation" and ref.value not in sources:
            found.append(ContentError("E001", path, "citation", f"unknown source key '{ref.value}'", ref.line))
        elif ref.kind == "term" and ref.value not in glossary:
            found.append(ContentError("E002", path, "glossary term", f"unknown glossary term '{ref.value}'", ref.line))
    return found


def field_line(text: str):
    """A function giving the line of `name = …` in a file's front matter."""
    lines = text.splitlines()

    def line_of(name: str) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
        return next((i + 1 for i, line in enumerate(lines) if pattern.match(line)), None)

    return line_of


@dataclass(frozen=True, slots=True)
class Document:
    """One Markdown file whose front matter passed its schema."""

    path: Path
    text: str
    meta: dict
    body: str
    first_line: int  # the body's first line in the file
    slug: str

    def line_of(self, name: str) -> int | None:
        return field_line(self.text)(name)


def documents(folder: Path, schema: dict[str, Field], problems: list, check=None) -> Iterator[Document]:
    """Each `*.md` file in `folder` with valid front matter and a slug not seen before, in name order.

    Problems (bad front matter, a failed `check(meta, path, line_of)`, a duplicate slug) go to `problems`.
    """
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta, body, first_line, found = split(text, path)
        line_of = field_line(text)
        if not found:
            found = check_fields(meta, schema, path, line_of)
        if not found and check:
            found = check(meta, path, line_of)
        problems += found
        if found:
            continue
        slug = meta.get("slug", path.stem)
        if slug in seen:
            problems.append(ContentError("E009", path, "slug", f"duplicate slug '{slug}' (also {seen[slug]})"))
            continue
        seen[slug] = path
        yield Document(path, text, meta, body, first_line, slug)
