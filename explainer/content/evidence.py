"""Checks on what the citations rest on: the kind of each source and the articles pinpoints name.

- E019: a pinpoint such as "art. 3" on a document that has a page must name an article on that page.
- E020: a statement whose every source is of kind "other" (blogs, mirrors, company pages, Wikipedia)
  fails, unless it is marked as a statement about the source itself: `[about @key]`. The same holds
  for a glossary entry's sources.
- W021 (see `uncited`): a bibliography entry that nothing cites.
No Django imports.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from . import pinpoint
from .markdown import citation_groups, scan
from .records import ContentError, Library

WEAK = "other"


def problems(library: Library, root: Path) -> list[ContentError]:
    found: list[ContentError] = []
    for path in _cited_files(root):
        text = path.read_text(encoding="utf-8")
        found += _pinpoints(library, path, text)
        found += _weak_only(library, path, text)
    for term in library.glossary.values():
        kinds = {library.sources[k].kind for k in term.sources if k in library.sources}
        if kinds == {WEAK}:
            found.append(
                ContentError("E020", root / "glossary.toml", f"{term.slug}.sources", "every source is of kind 'other'")
            )
    return found


def _cited_files(root: Path) -> list[Path]:
    files = [p for folder in ("guide", "timeline", "myths") for p in sorted((root / folder).glob("*.md"))]
    files += sorted((root / "corrections").glob("*.toml"))
    return files + [p for p in (root / "eras.toml",) if p.exists()]


def _pinpoints(library: Library, path: Path, text: str) -> Iterable[ContentError]:
    for ref in scan(text):
        if ref.kind != "citation" or not ref.pinpoint:
            continue
        document = library.document(ref.value)
        if document is not None and pinpoint.is_structured(ref.pinpoint) and not document.article(ref.pinpoint):
            yield ContentError(
                "E019",
                path,
                "citation",
                f"'{ref.pinpoint}' is not an article on the page of {document.key} (content/documents/)",
                ref.line,
            )


def _weak_only(library: Library, path: Path, text: str) -> Iterable[ContentError]:
    for group in citation_groups(text):
        kinds = {library.sources[k].kind for k in group.keys if k in library.sources}
        if kinds == {WEAK} and not group.about:
            keys = ", ".join(group.keys)
            yield ContentError(
                "E020",
                path,
                "citation",
                f"rests only on sources of kind 'other' ({keys}): cite a stronger source, or mark a "
                f"statement about the source itself as [about @key]",
                group.line,
            )


def uncited(library: Library, root: Path, elsewhere: Iterable[str] = ()) -> list[ContentError]:
    """Entries that no page, glossary entry, era, correction, document page or rule (`elsewhere`) cites."""
    used = set(elsewhere)
    for path in _cited_files(root):
        used |= {ref.value for ref in scan(path.read_text(encoding="utf-8")) if ref.kind == "citation"}
    for event in library.events:
        used |= set(event.sources)
    for term in library.glossary.values():
        used |= set(term.sources)
    for document in {d.key: d for d in library.documents.values()}.values():
        used |= {document.key, *document.translations, document.replaced_by}
    lines = _entry_lines(root / "sources.toml") if (root / "sources.toml").exists() else {}
    return [
        ContentError("W021", root / "sources.toml", key, "no page, rule or document cites this entry", lines.get(key))
        for key in library.sources
        if key not in used
    ]


def _entry_lines(path: Path) -> dict[str, int]:
    lines = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("key = "):
            lines[tomllib.loads(line)["key"]] = number
    return lines
