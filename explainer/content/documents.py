"""Key legal documents (content/documents/<key>.toml): facts, status and the articles the site relies on.

Each file belongs to a bibliography entry of kind "law" with the same key, and its page is that
entry's page, /sources/<key>/. Articles carry the Chinese text and the site's own English rendering;
`pinpoint.resolve` maps a citation such as "art. 3(1)" to one of them. No Django imports.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import frontmatter, pinpoint
from .frontmatter import Field, not_blank, one_of
from .records import ContentError, Source

STATUSES = ("in force", "amended", "replaced", "repealed", "draft")
STRONG_KINDS = ("law", "translation")  # what a legal basis may cite

DOCUMENT = {
    "short": Field(str, check=not_blank),
    "number": Field(str),
    "issuer": Field(str, check=not_blank),
    "issued": Field(date),
    "in_force": Field(date, required=False),
    "replaced": Field(date, required=False),
    "replaced_by": Field(str, required=False),
    "status": Field(str, check=one_of(*STATUSES)),
    "status_note": Field(str, required=False),
    "translations": Field(list, required=False),
    "summary": Field(str, check=not_blank),
    "articles": Field(list, check=lambda v: None if v else "must list at least one article"),
}
ARTICLE = {
    "ref": Field(str, check=lambda v: None if pinpoint.is_structured(v) else 'must start "art. " or "s. "'),
    "zh": Field(str, check=not_blank),
    "en": Field(str, check=not_blank),
    "note": Field(str, required=False),
}


@dataclass(frozen=True, slots=True)
class Article:
    ref: str  # "art. 3" or "s. 2(1)"
    zh: str
    en: str  # the site's own rendering
    note: str = ""

    @property
    def anchor(self) -> str:
        return pinpoint.anchor(self.ref)

    @property
    def label(self) -> str:
        """ "Article 3", "Section 2(1)": the heading over the two texts."""
        kind, _, rest = self.ref.partition(". ")
        return f"{ {'art': 'Article', 's': 'Section'}.get(kind, kind) } {rest}"


@dataclass(frozen=True, slots=True)
class Document:
    key: str
    short: str
    number: str
    issuer: str
    issued: date
    status: str
    summary: str
    articles: tuple[Article, ...]
    path: Path
    in_force: date | None = None
    replaced: date | None = None
    replaced_by: str = ""
    status_note: str = ""
    translations: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"/sources/{self.key}/"

    def citation(self, source: Source, article: Article) -> str:
        """How to cite one article: issuer, Chinese title with the English in brackets, number, article."""
        number = f" ({self.number})" if self.number else ""
        return f"{self.issuer}, {source.title_zh or source.title} [{source.title}]{number}, {article.ref}, {self.issued.year}."

    def article(self, pin: str) -> Article | None:
        found = pinpoint.resolve(pin, tuple(a.ref for a in self.articles))
        return next((a for a in self.articles if a.ref == found), None)


def load_documents(folder: Path, sources: Mapping[str, Source], problems: list) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
        if (document := _load(path, sources, problems)) is not None:
            documents[document.key] = document
    for document in documents.values():
        if document.replaced_by and document.replaced_by not in sources:
            problems.append(
                ContentError("E001", document.path, "replaced_by", f"unknown source key '{document.replaced_by}'")
            )
    return documents


def _load(path: Path, sources: Mapping[str, Source], problems: list) -> Document | None:
    text = path.read_text(encoding="utf-8")
    line_of = functools.partial(_line, text)
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(ContentError("E013", path, "document", f"not valid TOML: {exc}"))
        return None
    found = frontmatter.check_fields(meta, DOCUMENT, path, line_of)
    articles = []
    for i, entry in enumerate(meta.get("articles") or ()):
        bad = frontmatter.check_fields(entry, ARTICLE, path, line_of) if isinstance(entry, dict) else []
        found += [ContentError(p.code, p.path, f"articles[{i}].{p.field}", p.message, p.line) for p in bad]
        if isinstance(entry, dict) and not bad:
            articles.append(Article(**{k: v.strip() for k, v in entry.items()}))
    refs = [a.anchor for a in articles]
    found += [
        ContentError("E009", path, "articles", f"article '{a.ref}' appears twice", line_of("ref"))
        for i, a in enumerate(articles)
        if a.anchor in refs[:i]
    ]
    key = path.stem
    source = sources.get(key)
    if source is None:
        found.append(ContentError("E001", path, "key", f"no bibliography entry '{key}' for this document"))
    elif source.kind != "law":
        found.append(ContentError("E018", path, "key", f"'{key}' is a {source.kind or 'kindless'} entry, not law"))
    for t in meta.get("translations") or ():
        if t not in sources or sources[t].kind != "translation":
            found.append(ContentError("E018", path, "translations", f"'{t}' is not a translation entry"))
    problems += found
    if found:
        return None
    fields = {k: v for k, v in meta.items() if k != "articles"}
    fields["translations"] = tuple(fields.get("translations", ()))
    return Document(key=key, articles=tuple(articles), path=path, **fields)


def _line(text: str, name: str) -> int | None:
    return next((i + 1 for i, line in enumerate(text.splitlines()) if line.strip().startswith(f"{name} ")), None)


def by_citation_key(documents: Mapping[str, Document]) -> dict[str, Document]:
    """Each document under its own key and under the keys of its translations: a translation's
    pinpoints land on the page of the document it translates."""
    found = dict(documents)
    for document in documents.values():
        for key in document.translations:
            found.setdefault(key, document)
    return found
