"""Timeline events (content/timeline/*.md) and the eras that group them (content/eras.toml)."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

from . import frontmatter
from .frontmatter import Field, not_blank, unknown_references
from .markdown import Reference, render, scan
from .records import LEVELS, THEMES, ContentError, Era, Event

FIRST_YEAR, LAST_YEAR = 1990, 2026  # the timeline's scope
# The story the timeline tells runs to the November 2022 draft law; eras that start later are shown
# apart, as what has happened since.
STORY_END = 2022
EVENT_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _keys(value: list) -> str | None:
    if not value or not all(isinstance(k, str) and k for k in value):
        return "must list at least one entry"
    return None


def _optional_list(value: list) -> str | None:
    return None if all(isinstance(k, str) and k for k in value) else "must be a list of strings"


EVENT = {
    "title": Field(str, check=not_blank),
    "date": Field(str, check=lambda v: None if EVENT_DATE.match(v) else 'must be "YYYY", "YYYY-MM" or "YYYY-MM-DD"'),
    "date_note": Field(str, required=False),
    "name_zh": Field(str, required=False),
    "issuer": Field(str, check=not_blank),
    # the leading issuer's level (sizes the event's mark on the time axis)
    "level": Field(str, check=lambda v: None if v in LEVELS else f"unknown level '{v}' (known: {', '.join(LEVELS)})"),
    "themes": Field(list, check=_keys),
    "sources": Field(list, check=_keys),
    "related": Field(list, required=False, check=_optional_list),
    "correction": Field(str, required=False, check=not_blank),
    "reviewed": Field(date),
    "published": Field(date, required=False),  # when the event was added to the site (events added since 2026-12)
    "slug": Field(str, required=False),
}
ERA = {
    "slug": Field(str, check=not_blank),
    "title": Field(str, check=not_blank),
    "start": Field(int),
    "end": Field(int),
    "intro": Field(str, check=not_blank),
}


def load_events(folder: Path, sources, glossary, problems: list, documents=None) -> list[Event]:
    events: list[Event] = []
    for doc in frontmatter.documents(
        folder, EVENT, problems, check=lambda meta, path, line_of: _check_event(meta, path, sources, line_of)
    ):
        path, meta, body, first_line, slug, line_of = (
            doc.path,
            doc.meta,
            doc.body,
            doc.first_line,
            doc.slug,
            doc.line_of,
        )
        correction = meta.get("correction", "")
        problems += unknown_references(scan(body, first_line), path, sources, glossary)
        problems += unknown_references(scan(correction, line_of("correction") or 1), path, sources, glossary)
        rendered = render(body, sources=sources, glossary=glossary, extra=(correction,), documents=documents)
        if not rendered.citations and not meta["sources"]:
            problems.append(ContentError("E011", path, "sources", "an event needs at least one source"))
        events.append(
            Event(
                slug=slug,
                title=meta["title"],
                date=meta["date"],
                issuer=meta["issuer"],
                themes=tuple(meta["themes"]),
                sources=tuple(meta["sources"]),
                related=tuple(meta.get("related", ())),
                html=rendered.html,
                correction_html=rendered.extra_html[0],
                citations=rendered.citations,
                citation_uses=rendered.citation_uses,
                citation_pinpoints=rendered.citation_pinpoints,
                terms=rendered.terms,
                path=path,
                date_note=meta.get("date_note", ""),
                name_zh=meta.get("name_zh", ""),
                reviewed=meta["reviewed"],
                published=meta.get("published"),
                level=meta["level"],
            )
        )
    return events


def _check_event(meta: dict, path: Path, sources, line_of) -> list[ContentError]:
    found = []
    year = int(meta["date"][:4])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        found.append(
            ContentError("E014", path, "date", f"{meta['date']} is outside {FIRST_YEAR}–{LAST_YEAR}", line_of("date"))
        )
    for theme in meta["themes"]:
        if theme not in THEMES:
            found.append(
                ContentError(
                    "E015", path, "themes", f"unknown theme '{theme}' (known: {', '.join(THEMES)})", line_of("themes")
                )
            )
    for key in meta["sources"]:
        if key not in sources:
            found.append(ContentError("E001", path, "sources", f"unknown source key '{key}'", line_of("sources")))
    return found


def related_links(text: str, related: tuple[str, ...]) -> list[Reference]:
    """A record's `related` paths (events, myths) as link references, each with its line in `text`."""
    lines = text.splitlines()
    found = []
    for path in related:
        number = next((i + 1 for i, line in enumerate(lines) if f'"{path}"' in line), None)
        found.append(Reference("link", path, number or 1))
    return found


def load_eras(path: Path, events: list[Event], sources, glossary, problems: list, documents=None) -> tuple[Era, ...]:
    if not path.exists():
        problems.append(ContentError("E013", path, "eras", "file is missing"))
        return ()
    text = path.read_text(encoding="utf-8")
    try:
        entries = tomllib.loads(text).get("eras", [])
    except tomllib.TOMLDecodeError as exc:
        problems.append(ContentError("E013", path, "eras", f"not valid TOML: {exc}", frontmatter.toml_error_line(exc)))
        return ()
    eras = []
    for i, entry in enumerate(entries):
        found = frontmatter.check_fields(entry, ERA, path, lambda name: None)
        problems += [ContentError(p.code, p.path, f"eras[{i}].{p.field}", p.message) for p in found]
        if found:
            continue
        problems += unknown_references(scan(entry["intro"]), path, sources, glossary)
        intro = render(
            entry["intro"],
            sources=sources,
            glossary=glossary,
            id_prefix=f"{entry['slug']}-",
            link_sources=True,
            documents=documents,
        )
        since = entry["start"] > STORY_END
        eras.append(Era(entry["slug"], entry["title"], entry["start"], entry["end"], intro.html, since))
    eras.sort(key=lambda era: era.start)
    for event in events:
        homes = [era for era in eras if era.start <= event.year <= era.end]
        if len(homes) != 1:
            problems.append(
                ContentError(
                    "E016", event.path, "date", f"{event.date} falls in {len(homes)} eras of eras.toml, not one"
                )
            )
    return tuple(eras)
