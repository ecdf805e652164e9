"""Myth-versus-fact pages (content/myths/*.md): a claim, a verdict on a fixed scale, and the facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from . import frontmatter
from .frontmatter import Field, length_between, not_blank, one_of, unknown_references
from .markdown import render, scan
from .records import MYTH_TOPICS, VERDICTS, ContentError, Myth

MIN_SOURCES = 2  # a verdict rests on at least two distinct sources


def _sentences(value: list) -> str | None:
    if not 1 <= len(value) <= 6 or not all(isinstance(item, str) and item.strip() for item in value):
        return "must list one to six sentences"
    return None


def _paths(value: list) -> str | None:
    return None if all(isinstance(item, str) and item.startswith("/") for item in value) else "must list site paths"


def _topics(value: list) -> str | None:
    if not 1 <= len(value) <= 3 or len(set(value)) != len(value):
        return "must list one to three different topics"
    unknown = [item for item in value if item not in MYTH_TOPICS]
    if unknown:
        return f"unknown topic {str(unknown[0])[:40]!r}; choose from {', '.join(MYTH_TOPICS)}"
    return None


def _rank(value: int) -> str | None:
    return None if value >= 1 else "must be 1 or more"


MYTH = {
    "claim": Field(str, check=length_between(10, 200)),
    "verdict": Field(str, check=one_of(*VERDICTS)),
    "quiz_answer": Field(bool),
    "short_answer": Field(str, check=not_blank),
    "evidence": Field(list, check=_sentences),
    "related": Field(list, required=False, check=_paths),
    "topics": Field(list, check=_topics),
    "rank": Field(int, check=_rank),  # 1 = the most common claim; /myths/ lists claims in this order
    "editor_note": Field(str, required=False),  # for editors (why this rank): never rendered
    "published": Field(date),
    "reviewed": Field(date),
    "slug": Field(str, required=False),
}


def load_myths(folder: Path, sources, glossary, problems: list, documents=None) -> list[Myth]:
    myths: list[Myth] = []
    ranks: dict[int, str] = {}
    for doc in frontmatter.documents(folder, MYTH, problems):
        path, text, meta, body, first_line, slug, line_of = (
            doc.path,
            doc.text,
            doc.meta,
            doc.body,
            doc.first_line,
            doc.slug,
            doc.line_of,
        )
        evidence = "\n".join(f"- {item}" for item in meta["evidence"])
        for item in meta["evidence"]:
            line = next((i for i, row in enumerate(text.splitlines(), 1) if item[:40] in row), line_of("evidence"))
            problems += unknown_references(scan(item, line or 1), path, sources, glossary)
        problems += unknown_references(
            scan(meta["short_answer"], line_of("short_answer") or 1), path, sources, glossary
        )
        problems += unknown_references(scan(body, first_line), path, sources, glossary)
        # Numbered in reading order: evidence, then the short answer, then the explanation.
        rendered = render(
            evidence, sources=sources, glossary=glossary, extra=(meta["short_answer"], body), documents=documents
        )
        card = render(
            meta["short_answer"],
            sources=sources,
            glossary=glossary,
            id_prefix=f"{slug}-",
            link_sources=True,
            documents=documents,
        )
        if len(rendered.citations) < MIN_SOURCES:
            problems.append(
                ContentError(
                    "E011", path, "citations", f"cites {len(rendered.citations)} sources; a myth needs {MIN_SOURCES}"
                )
            )
        myths.append(
            Myth(
                slug=slug,
                claim=meta["claim"].strip(),
                verdict=meta["verdict"],
                quiz_answer=meta["quiz_answer"],
                evidence_html=rendered.html,
                short_html=rendered.extra_html[0],
                short_card_html=card.html,
                html=rendered.extra_html[1],
                citations=rendered.citations,
                citation_uses=rendered.citation_uses,
                citation_pinpoints=rendered.citation_pinpoints,
                terms=rendered.terms,
                related=tuple(meta.get("related", ())),
                published=meta["published"],
                reviewed=meta["reviewed"],
                path=path,
                topics=tuple(meta["topics"]),
                rank=meta["rank"],
            )
        )
        if meta["quiz_answer"] != (meta["verdict"] == "true"):
            problems.append(
                ContentError(
                    "E007",
                    path,
                    "quiz_answer",
                    "must be true exactly when the verdict is true (the quiz answer follows the verdict)",
                    line_of("quiz_answer"),
                )
            )
        if meta["rank"] in ranks:
            problems.append(
                ContentError(
                    "E007", path, "rank", f"rank {meta['rank']} is also given to {ranks[meta['rank']]}", line_of("rank")
                )
            )
        ranks.setdefault(meta["rank"], path.name)
    return myths
