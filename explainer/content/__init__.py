"""Load content/ into immutable records and collect every problem. No Django imports here.

`load(root)` never raises on bad content: it returns a Library whose `problems` name each file,
field and line, so Django's system checks can report them all at once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

from . import blocklist, corrections, documents, evidence, frontmatter, myths, termlinks, timeline
from .frontmatter import Field, length_between, not_blank, one_of
from .markdown import html_ids, render, scan
from .records import SOURCE_KINDS, TOPICS, Chapter, ContentError, Heading, Library, Source, Term

__all__ = ["ContentError", "Library", "load"]

MIN_CITATIONS = 3  # every chapter rests on at least three distinct sources
DATE_STRING = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|n\.d\.)$")  # "n.d.": an undated web page
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _slug(value: str) -> str | None:
    return None if SLUG.match(value) else "must be lower-case letters, digits and single hyphens"


def _partial_date(value: str) -> str | None:
    return None if DATE_STRING.match(value) else 'must be "YYYY", "YYYY-MM", "YYYY-MM-DD" or "n.d." (undated)'


def _url(value: str) -> str | None:
    return None if value.startswith(("https://", "http://")) else "must be an http(s) URL"


def _topics(value: list) -> str | None:
    unknown = [t for t in value if t not in TOPICS]
    return f"unknown topics {unknown} (allowed: {', '.join(TOPICS)})" if unknown else None


CHAPTER = {
    "title": Field(str, check=not_blank),
    "order": Field(int, check=lambda v: None if v >= 1 else "must be 1 or more"),
    "summary": Field(str, check=length_between(50, 200)),
    "reviewed": Field(date),
    "kind": Field(str, required=False, check=one_of("chapter", "references")),
    "slug": Field(str, required=False, check=_slug),
}
SOURCE = {
    "key": Field(str, check=_slug),
    "author": Field(str, check=not_blank),
    "title": Field(str, check=not_blank),
    "title_zh": Field(str, required=False),
    "publisher": Field(str, check=not_blank),
    "date": Field(str, check=_partial_date),
    "url": Field(str, check=_url),
    "accessed": Field(date),
    "note": Field(str, required=False),
    "kind": Field(str, check=one_of(*SOURCE_KINDS)),
    "topics": Field(list, check=_topics),
    "editor_note": Field(str, required=False),
}
TERM = {
    "slug": Field(str, check=_slug),
    "term": Field(str, check=not_blank),
    "zh": Field(str, check=not_blank),
    "pinyin": Field(str, check=not_blank),
    "meaning": Field(str, check=not_blank),
    "sources": Field(
        list, check=lambda v: None if v and all(isinstance(k, str) for k in v) else "must list at least one source key"
    ),
    "explained_in": Field(
        str, required=False, check=lambda v: None if v.startswith("/guide/") else "must be a /guide/ path"
    ),
    "related": Field(
        list, required=False, check=lambda v: None if all(isinstance(p, str) for p in v) else "must list site paths"
    ),
}


def load(root: Path, pages: Mapping[str, frozenset[str]] | None = None) -> Library:
    """Load content/. `pages` maps other site paths (e.g. "/about/") to the anchors they hold."""
    root = Path(root)
    problems: list[ContentError] = []
    sources = _load_table(root / "sources.toml", "sources", SOURCE, "key", Source, problems)
    glossary = _load_table(root / "glossary.toml", "terms", TERM, "slug", Term, problems)
    for term in glossary.values():
        for key in term.sources:
            if key not in sources:
                problems.append(
                    ContentError("E001", root / "glossary.toml", f"{term.slug}.sources", f"unknown source key '{key}'")
                )
    diagrams = {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "diagrams").glob("*.html"))}
    cited = documents.by_citation_key(documents.load_documents(root / "documents", sources, problems))
    chapters = _load_chapters(root / "guide", sources, glossary, diagrams, problems, cited)
    events = timeline.load_events(root / "timeline", sources, glossary, problems, cited)
    eras = timeline.load_eras(root / "eras.toml", events, sources, glossary, problems, cited) if events else ()
    claims = myths.load_myths(root / "myths", sources, glossary, problems, cited)
    fixes = corrections.load_corrections(root / "corrections", sources, glossary, problems, cited)
    library = Library(
        chapters=tuple(sorted(chapters, key=lambda c: c.order)),
        sources=MappingProxyType(sources),
        glossary=MappingProxyType(glossary),
        events=tuple(sorted(events, key=lambda e: (e.date, e.slug))),
        eras=eras,
        myths=tuple(sorted(claims, key=lambda m: (m.rank, m.slug))),  # most common claims first
        corrections=tuple(fixes),
        documents=MappingProxyType(cited),
    )
    problems += _check_links(library, root, diagrams, pages or {})
    problems += blocklist.blocked_links(root, blocklist.blocked_domains(root, problems))
    problems += evidence.problems(library, root)
    problems += [
        ContentError("E003", root / "glossary.toml", f"{slug}.{name}", message)
        for slug, name, message in termlinks.problems(library)
    ]
    return replace(library, problems=tuple(problems))


def _load_table(path: Path, table: str, schema: dict, id_field: str, record: type, problems: list) -> dict:
    """Load a TOML file of `[[table]]` entries into {id: record}, skipping the entries with problems."""
    if not path.exists():
        problems.append(ContentError("E013", path, table, "file is missing"))
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(
            ContentError("E013", path, table, f"not valid TOML: {exc}", frontmatter.toml_error_line(exc) or None)
        )
        return {}
    starts = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip() == f"[[{table}]]"]
    entries = data.get(table, [])
    loaded: dict = {}
    for i, entry in enumerate(entries):
        start = starts[i] if i < len(starts) else None
        label = f"{table}[{i}] ({entry.get(id_field, '?')})"
        found = frontmatter.check_fields(entry, schema, path, _line_finder(text, start))
        problems += [ContentError(p.code, p.path, f"{label}.{p.field}", p.message, p.line) for p in found]
        if found:
            continue
        ident = entry[id_field]
        if ident in loaded:
            problems.append(ContentError("E009", path, f"{label}.{id_field}", f"duplicate {id_field} '{ident}'", start))
            continue
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
        loaded[ident] = record(**values)
    return loaded


def _line_finder(text: str, start: int | None):
    """Find the line of `name = …` in the TOML block beginning at line `start`."""
    lines = text.splitlines()

    def line_of(name: str) -> int | None:
        begin = (start or 1) - 1
        for number in range(begin, len(lines)):
            if number > begin and lines[number].lstrip().startswith("[["):
                break
            if re.match(rf"\s*{re.escape(name)}\s*=", lines[number]):
                return number + 1
        return start

    return line_of


def _load_chapters(folder: Path, sources, glossary, diagrams, problems: list, cited) -> list[Chapter]:
    chapters: list[Chapter] = []
    seen_orders: dict[int, Path] = {}
    for doc in frontmatter.documents(folder, CHAPTER, problems):
        path, meta, body, first_line, slug = doc.path, doc.meta, doc.body, doc.first_line, doc.slug
        if meta["order"] in seen_orders:
            problems.append(
                ContentError(
                    "E012", path, "order", f"order {meta['order']} is also used by {seen_orders[meta['order']]}"
                )
            )
        seen_orders.setdefault(meta["order"], path)
        problems += frontmatter.unknown_references(scan(body, first_line), path, sources, glossary)
        for ref in scan(body, first_line):
            if ref.kind == "diagram" and ref.value not in diagrams:
                problems.append(
                    ContentError("E010", path, "diagram", f"no file content/diagrams/{ref.value}.html", ref.line)
                )
        rendered = render(body, sources=sources, glossary=glossary, diagrams=diagrams, documents=cited)
        kind = meta.get("kind", "chapter")
        if kind == "chapter" and len(rendered.citations) < MIN_CITATIONS:
            problems.append(
                ContentError(
                    "E011",
                    path,
                    "citations",
                    f"cites {len(rendered.citations)} distinct sources; a chapter needs at least {MIN_CITATIONS}",
                )
            )
        chapters.append(
            Chapter(
                slug=slug,
                title=meta["title"],
                order=meta["order"],
                summary=meta["summary"].strip(),
                reviewed=meta["reviewed"],
                kind=kind,
                html=rendered.html,
                toc=tuple(_headings(rendered.toc_tokens)),
                citations=rendered.citations,
                citation_uses=rendered.citation_uses,
                citation_pinpoints=rendered.citation_pinpoints,
                terms=rendered.terms,
                words=len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", rendered.html))),
                path=path,
            )
        )
    return chapters


def _headings(tokens, level_limit: int = 2):
    for token in tokens:
        if token["level"] <= level_limit:
            yield Heading(token["id"], re.sub(r"<[^>]+>", "", token["name"]), token["level"])
        yield from _headings(token.get("children", []), level_limit)


def link_targets(library: Library, pages: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Every site path content may link to, with the anchors on that page."""
    targets: dict[str, frozenset[str]] = dict(pages)
    targets["/guide/"] = targets.get("/guide/", frozenset())
    targets["/glossary/"] = frozenset(library.glossary)
    targets["/sources/"] = frozenset(library.sources)
    for chapter in library.chapters:
        targets[chapter.url] = html_ids(chapter.html)
    if library.events:
        targets["/timeline/"] = frozenset(era.slug for era in library.eras)
        for event in library.events:
            targets[event.url] = html_ids(event.html + event.correction_html) | {"event-detail"}
    if library.myths:
        targets["/myths/"] = frozenset(m.slug for m in library.myths)
        targets["/myths/quiz/"] = frozenset()
        for myth in library.myths:
            targets[myth.url] = html_ids(myth.evidence_html + myth.short_html + myth.html)
    targets["/corrections/"] = frozenset(c.slug for c in library.corrections)
    return targets


def _check_links(
    library: Library, root: Path, diagrams: dict[str, str], pages: Mapping[str, frozenset[str]]
) -> list[ContentError]:
    """Every site-internal link must reach a page, and an anchor on that page when it names one."""
    targets = link_targets(library, pages)
    problems = []
    documents = [(c.path, c.path.read_text(encoding="utf-8"), c.url, ()) for c in library.chapters]
    documents += [(e.path, e.path.read_text(encoding="utf-8"), e.url, e.related) for e in library.events]
    documents += [(m.path, m.path.read_text(encoding="utf-8"), m.url, m.related) for m in library.myths]
    documents += [(root / "diagrams" / f"{name}.html", html, None, ()) for name, html in diagrams.items()]
    documents += [(c.path, c.path.read_text(encoding="utf-8"), None, (c.page,)) for c in library.corrections]
    for path, text, own_url, related in documents:
        for ref in scan(text) + timeline.related_links(text, related):
            if ref.kind != "link":
                continue
            target, _, anchor = ref.value.partition("#")
            target = target or own_url
            if target is None or target not in targets:
                problems.append(ContentError("E003", path, "link", f"no page at '{ref.value}'", ref.line))
            elif anchor and anchor not in targets[target]:
                problems.append(ContentError("E004", path, "link", f"no anchor '#{anchor}' on {target}", ref.line))
    return problems
