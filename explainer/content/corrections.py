"""The corrections log (content/corrections/*.toml): one file per substantive change to a page.

A correction names the page it changed (a site path, with an anchor if it concerns one section), says
what the page said, what it says now and why, with citations. The page then shows "What changed", and
/corrections/ and the feed list it. The link checks make sure the page exists.
"""

from __future__ import annotations

import functools
import tomllib
from datetime import date
from pathlib import Path

from . import frontmatter
from .frontmatter import Field, not_blank, unknown_references
from .markdown import render, scan
from .records import ContentError, Correction

CORRECTION = {
    "date": Field(date),
    "page": Field(str, check=lambda v: None if v.startswith("/") else "must be a site path such as /guide/faq/"),
    "summary": Field(str, check=not_blank),
    "said": Field(str, check=not_blank),
    "says": Field(str, check=not_blank),
    "why": Field(str, check=not_blank),
}


def load_corrections(folder: Path, sources, glossary, problems: list, documents=None) -> list[Correction]:
    corrections = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
        text = path.read_text(encoding="utf-8")
        try:
            meta = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            problems.append(ContentError("E013", path, "correction", f"not valid TOML: {exc}"))
            continue
        found = frontmatter.check_fields(meta, CORRECTION, path, functools.partial(_line, text))
        if found:
            problems += found
            continue
        for name in ("said", "says", "why"):
            problems += unknown_references(scan(meta[name], _line(text, name) or 1), path, sources, glossary)
        slug = path.stem
        why = render(
            meta["why"],
            sources=sources,
            glossary=glossary,
            id_prefix=f"{slug}-",
            link_sources=True,
            documents=documents,
        )
        corrections.append(
            Correction(
                slug=slug,
                date=meta["date"],
                page=meta["page"],
                summary=meta["summary"].strip(),
                said=meta["said"].strip(),
                says=meta["says"].strip(),
                why_html=why.html,
                citations=why.citations,
                path=path,
            )
        )
    return sorted(corrections, key=lambda c: (c.date, c.slug), reverse=True)


def _line(text: str, name: str) -> int | None:
    return next((i + 1 for i, line in enumerate(text.splitlines()) if line.startswith(f"{name} ")), None)
