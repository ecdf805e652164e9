"""The downloadable datasets on /data/: what each holds, its fields, and its records. No Django imports.

Each dataset is a flat table: the same field names, in the same order, in JSON and in CSV. Lists are
JSON arrays; in CSV they are joined with "; " (sentences, which may hold semicolons, one per line).
Records refer to sources by key; the `sources` dataset is the bibliography the keys point into.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .content.records import THEMES, VERDICTS, Library
from .content.text import plain_text
from .rules import RuleBook

LICENCE = "CC BY 4.0"
LICENCE_NAME = "Creative Commons Attribution 4.0 International"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FORMATS = ("json", "csv")
LIST_SEPARATOR = "; "
LINE_SEPARATOR = "\n"
# Excel reads a CSV file as UTF-8 only when it starts with a byte order mark; without one, Chinese
# characters and curly quotes come out garbled. Python reads it with encoding="utf-8-sig".
CSV_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # as shown in the field table: "text", "date", "integer", "true/false", "URL", "list of …"
    meaning: str
    csv: str = "text"  # how CSV writes it: "text", "list" (joined with "; ") or "lines" (one per line)


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a dataset is built from. `absolute` turns a site path into a full URL."""

    library: Library
    rulebook: RuleBook | None
    absolute: Callable[[str], str]
    site: str = "Social Credit, Explained"


@dataclass(frozen=True, slots=True)
class Dataset:
    slug: str  # the file name: /data/<slug>.json and /data/<slug>.csv
    title: str
    group: str
    description: str
    page: str  # the site page that shows the same records
    fields: tuple[Field, ...]
    build: Callable[[Inputs], list[dict]]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def records(self, inputs: Inputs) -> list[dict]:
        """One dict per record, keyed by the documented field names in order (tests/test_data.py checks)."""
        return self.build(inputs)


def content_date(library: Library) -> date:
    """The newest last-reviewed or last-checked date in the content: what the files were generated from.

    Not today's date: the files are the same for every reader until the content changes.
    """
    dates = [c.reviewed for c in library.chapters] + [m.reviewed for m in library.myths]
    dates += [e.reviewed for e in library.events if e.reviewed]
    dates += [s.accessed for s in library.sources.values()]
    return max(dates) if dates else date(1970, 1, 1)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _keys(name: str = "sources") -> Field:
    return Field(
        name, "list of source keys", "Keys of the sources behind this record (see the sources dataset).", "list"
    )


# Timeline --------------------------------------------------------------------------------------------


def _timeline(inputs: Inputs) -> list[dict]:
    url = inputs.absolute
    return [
        {
            "slug": e.slug,
            "title": e.title,
            "date": e.date,
            "precision": e.precision,
            "date_note": e.date_note,
            "name_zh": e.name_zh,
            "issuer": e.issuer,
            "themes": list(e.themes),
            "summary": plain_text(e.html),
            "correction": plain_text(e.correction_html),
            "sources": list(e.references),
            "related": [url(path) for path in e.related],
            "url": url(e.url),
            "reviewed": _iso(e.reviewed),
        }
        for e in inputs.library.events
    ]


TIMELINE = Dataset(
    "timeline",
    "Timeline events",
    "Site content",
    "Every dated event on the timeline, from the 1990s to 2022, in date order.",
    "/timeline/",
    (
        Field("slug", "text", "Identifier of the event; also the last part of its address."),
        Field("title", "text", "What happened, in a line."),
        Field("date", "text", "When: YYYY, YYYY-MM or YYYY-MM-DD, only as precise as the sources allow."),
        Field("precision", "text", "How precise the date is: year, month or day."),
        Field(
            "date_note", "text", "A second date that matters, such as publication or entry into force; may be empty."
        ),
        Field("name_zh", "text", "Chinese name of the document or body; may be empty."),
        Field("issuer", "text", "The issuing body or the actors involved."),
        Field(
            "themes",
            "list of theme slugs",
            "Themes of the event: " + ", ".join(THEMES) + " (labels on the timeline).",
            "list",
        ),
        Field("summary", "text", "The event's description as plain text, without citation numbers."),
        Field("correction", "text", "A common error about the event, corrected; may be empty."),
        _keys(),
        Field("related", "list of URLs", "Guide pages (and sections) that go deeper.", "list"),
        Field("url", "URL", "The event's page on this site."),
        Field("reviewed", "date", "When an editor last checked the event against its sources (YYYY-MM-DD)."),
    ),
    _timeline,
)


# Myths -----------------------------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def _myths(inputs: Inputs) -> list[dict]:
    url = inputs.absolute
    return [
        {
            "slug": m.slug,
            "claim": m.claim,
            "verdict": m.verdict,
            "verdict_label": m.verdict_label,
            "quiz_answer": m.quiz_answer,
            "evidence": [plain_text(item) for item in _LIST_ITEM.findall(m.evidence_html)],
            "short_answer": plain_text(m.short_html),
            "explanation": plain_text(m.html),
            "sources": list(m.citations),
            "related": [url(path) for path in m.related],
            "published": _iso(m.published),
            "reviewed": _iso(m.reviewed),
            "url": url(m.url),
        }
        for m in inputs.library.myths
    ]


MYTHS = Dataset(
    "myths",
    "Myths and fact checks",
    "Site content",
    "Common claims about the system, each with a verdict, the evidence and an explanation.",
    "/myths/",
    (
        Field("slug", "text", "Identifier of the fact check; also the last part of its address."),
        Field("claim", "text", "The claim as it is commonly made."),
        Field("verdict", "text", "The verdict: " + ", ".join(VERDICTS) + "."),
        Field("verdict_label", "text", "The verdict as shown on the site, such as “Partly true”."),
        Field("quiz_answer", "true/false", "Whether the quiz counts the claim as true."),
        Field("evidence", "list of sentences", "The key facts, one sentence each (in CSV, one per line).", "lines"),
        Field("short_answer", "text", "The verdict explained in a sentence or two."),
        Field("explanation", "text", "The full explanation as plain text, without citation numbers."),
        _keys(),
        Field("related", "list of URLs", "Guide chapters and timeline events on the same subject.", "list"),
        Field("published", "date", "When the fact check was first published (YYYY-MM-DD)."),
        Field("reviewed", "date", "When an editor last reviewed it against its sources (YYYY-MM-DD)."),
        Field("url", "URL", "The fact check's page on this site."),
    ),
    _myths,
)


# Glossary and bibliography ---------------------------------------------------------------------------


def _glossary(inputs: Inputs) -> list[dict]:
    terms = sorted(inputs.library.glossary.values(), key=lambda t: t.term.casefold())
    return [
        {
            "slug": t.slug,
            "term": t.term,
            "zh": t.zh,
            "pinyin": t.pinyin,
            "meaning": t.meaning,
            "sources": list(t.sources),
            "url": inputs.absolute(t.anchor),
        }
        for t in terms
    ]


GLOSSARY = Dataset(
    "glossary",
    "Glossary",
    "Site content",
    "Chinese terms used in writing about the system, with characters, pinyin and meaning, in alphabetical order.",
    "/glossary/",
    (
        Field("slug", "text", "Identifier of the term; the anchor of its entry on the glossary page."),
        Field("term", "text", "The English or romanised name, as used in the text."),
        Field("zh", "text", "The term in simplified Chinese characters."),
        Field("pinyin", "text", "The pronunciation in pinyin, with tone marks."),
        Field("meaning", "text", "What the term means, in one or two sentences."),
        _keys(),
        Field("url", "URL", "The term's entry on the glossary page."),
    ),
    _glossary,
)


def _sources(inputs: Inputs) -> list[dict]:
    entries = sorted(inputs.library.sources.values(), key=lambda s: (s.author.casefold(), s.date))
    return [
        {
            "key": s.key,
            "author": s.author,
            "title": s.title,
            "title_zh": s.title_zh,
            "publisher": s.publisher,
            "date": s.date,
            "url": s.url,
            "accessed": _iso(s.accessed),
            "note": s.note,
            "page": inputs.absolute(s.anchor),
        }
        for s in entries
    ]


SOURCES = Dataset(
    "sources",
    "Bibliography",
    "Site content",
    "Every source the site cites. The sources fields of the other datasets hold these keys.",
    "/sources/",
    (
        Field("key", "text", "The source's stable key, as used in the other datasets."),
        Field("author", "text", "Person, people or issuing body."),
        Field("title", "text", "Title, in English or in the translation used."),
        Field("title_zh", "text", "Chinese title; may be empty."),
        Field("publisher", "text", "Publisher, or where the text or translation appeared."),
        Field("date", "text", "Date of the source: YYYY, YYYY-MM, YYYY-MM-DD, or n.d. when undated."),
        Field("url", "URL", "Where the source can be read."),
        Field("accessed", "date", "When an editor last checked the entry and its link (YYYY-MM-DD)."),
        Field("note", "text", "Notes on the source, such as which translation is used; may be empty."),
        Field("page", "URL", "The source's entry on this site's sources page."),
    ),
    _sources,
)


# The rules model behind the score widget -------------------------------------------------------------

RULES_GROUP = "Rules model (the score widget)"


def _book(inputs: Inputs) -> RuleBook:
    return inputs.rulebook or RuleBook((), (), (), (), (), ())


def _personas(inputs: Inputs) -> list[dict]:
    return [
        {"id": p.id, "label": p.label, "description": p.description, "points_mechanism": p.points_mechanism}
        for p in _book(inputs).personas
    ]


def _mechanisms(inputs: Inputs) -> list[dict]:
    return [
        {
            "id": m.id,
            "name": m.name,
            "kind": m.kind,
            "run_by": m.run_by,
            "document": m.document,
            "date": m.date,
            "summary": m.summary,
            "personas": list(m.personas),
            "start_points": m.start_points,
            "min_points": m.min_points if m.kind == "points" else None,
            "effect_note": m.effect_note,
            "grades_reported_by": m.grades_reported_by,
            "sources": list(m.sources),
        }
        for m in _book(inputs).mechanisms
    ]


def _grades(inputs: Inputs) -> list[dict]:
    return [
        {
            "mechanism": m.id,
            "name": g.name,
            "min_points": g.min_points,
            "brings": g.brings,
            "consequences": list(g.consequences),
        }
        for m in _book(inputs).mechanisms
        for g in m.grades
    ]


def _lists(inputs: Inputs) -> list[dict]:
    return [{"id": i.id, "name": i.name, "mechanism": i.mechanism, "kind": i.kind} for i in _book(inputs).lists]


def _actions(inputs: Inputs) -> list[dict]:
    return [
        {
            "id": a.id,
            "label": a.label,
            "mechanism": a.mechanism,
            "personas": list(a.personas),
            "myth": a.myth,
        }
        for a in _book(inputs).actions
    ]


def _rules(inputs: Inputs) -> list[dict]:
    return [
        {
            "id": r.id,
            "mechanism": r.mechanism,
            "action": r.action,
            "effect": r.effect,
            "text": r.text,
            "personas": list(r.personas),
            "points": r.points,
            "list": r.list,
            "grade": r.grade,
            "lasts_months": r.lasts_months,
            "article": r.article,
            "repair": r.repair,
            "repair_after_months": r.repair_after_months,
            "escalates_to": r.escalates_to,
            "escalates_after_months": r.escalates_after_months,
            "consequences": list(r.consequences),
            "sources": list(r.sources),
            "reported_by": r.reported_by,
        }
        for r in _book(inputs).rules
    ]


def _consequences(inputs: Inputs) -> list[dict]:
    return [
        {"id": c.id, "kind": c.kind, "text": c.text, "article": c.article, "sources": list(c.sources)}
        for c in _book(inputs).consequences
    ]


_ID = "Identifier, unique within this dataset."
_MECHANISM = Field("mechanism", "text", "The id of the mechanism it belongs to (see the mechanisms dataset).")

RULE_DATASETS = (
    Dataset(
        "rules-mechanisms",
        "Mechanisms",
        RULES_GROUP,
        "The documented lists, ratings and points schemes the model covers, and the claims it checks.",
        "/score/",
        (
            Field("id", "text", _ID),
            Field("name", "text", "The mechanism's name."),
            Field("kind", "text", "points, list, rating, or claims (popular claims that no mechanism acts on)."),
            Field("run_by", "text", "The agency or court that runs it."),
            Field("document", "text", "The document that sets it up."),
            Field("date", "text", "Date of that document: YYYY, YYYY-MM, YYYY-MM-DD, or n.d."),
            Field("summary", "text", "What the mechanism is and whom it covers."),
            Field("personas", "list of persona ids", "Who it applies to (see the personas dataset).", "list"),
            Field("start_points", "integer or empty", "Points schemes: the score everyone starts with."),
            Field("min_points", "integer or empty", "Points schemes: the lowest possible score."),
            Field("effect_note", "text", "A note on what the scheme's grades do; may be empty."),
            Field(
                "grades_reported_by",
                "source key or empty",
                "Set when the grade bands come from reporting rather than the primary text.",
            ),
            _keys(),
        ),
        _mechanisms,
    ),
    Dataset(
        "rules-grades",
        "Grades",
        RULES_GROUP,
        "The grade bands of points schemes, highest first.",
        "/score/",
        (
            _MECHANISM,
            Field("name", "text", "The grade, such as AAA."),
            Field("min_points", "integer", "The lowest score in the band."),
            Field("brings", "text", "What the grade brings, as far as the sources show."),
            Field("consequences", "list of consequence ids", "Documented consequences of the grade.", "list"),
        ),
        _grades,
    ),
    Dataset(
        "rules-lists",
        "Lists",
        RULES_GROUP,
        "The lists and grades that rules put people and companies on, or take them off.",
        "/score/",
        (
            Field("id", "text", _ID),
            Field("name", "text", "The list's name."),
            _MECHANISM,
            Field("kind", "text", "blacklist, redlist, or grade (a grade held for a time)."),
        ),
        _lists,
    ),
    Dataset(
        "rules-personas",
        "Personas",
        RULES_GROUP,
        "Who the reader can be in the score widget.",
        "/score/",
        (
            Field("id", "text", _ID),
            Field("label", "text", "The persona as the widget names it."),
            Field("description", "text", "Who this is."),
            Field("points_mechanism", "mechanism id or empty", "The points scheme that covers this persona, if any."),
        ),
        _personas,
    ),
    Dataset(
        "rules-actions",
        "Actions",
        RULES_GROUP,
        "What the reader can choose to do in the score widget.",
        "/score/",
        (
            Field("id", "text", _ID),
            Field("label", "text", "The action as the widget shows it."),
            Field("mechanism", "text", "The id of the mechanism under which the widget lists the action."),
            Field("personas", "list of persona ids", "Who can take the action.", "list"),
            Field("myth", "text", "Slug of the fact check that discusses the action; may be empty."),
        ),
        _actions,
    ),
    Dataset(
        "rules",
        "Rules",
        RULES_GROUP,
        "What each action does under each mechanism, with the article and sources that say so.",
        "/score/",
        (
            Field("id", "text", _ID),
            _MECHANISM,
            Field("action", "text", "The action that triggers the rule; empty for a rule reached only by escalation."),
            Field("effect", "text", "points, list-entry, list-removal, grade-cap, reward or note."),
            Field("text", "text", "What happens, in a line."),
            Field("personas", "list of persona ids", "Limits the rule to these personas; empty for everyone.", "list"),
            Field("points", "integer", "Points rules: points added (positive) or deducted (negative); otherwise 0."),
            Field("list", "text", "List rules: the id of the list entered or left."),
            Field("grade", "text", "Grade-cap rules: the highest grade allowed."),
            Field("lasts_months", "integer", "How long the effect lasts, in months; 0 for no fixed end."),
            Field("article", "text", "The article or section of the document; may be empty."),
            Field("repair", "text", "How the effect can be undone; may be empty."),
            Field("repair_after_months", "integer", "Months before repair is possible; 0 for at once."),
            Field("escalates_to", "text", "Id of a list-entry rule that follows if the entry remains; may be empty."),
            Field("escalates_after_months", "integer", "Months before that escalation; 0 if none."),
            Field("consequences", "list of consequence ids", "What the listing or grade brings.", "list"),
            _keys(),
            Field("reported_by", "source key or empty", "Set when a value comes from reporting, not the primary text."),
        ),
        _rules,
    ),
    Dataset(
        "rules-consequences",
        "Consequences",
        RULES_GROUP,
        "The restrictions and rewards that listings and grades bring.",
        "/score/",
        (
            Field("id", "text", _ID),
            Field("kind", "text", "restriction or reward."),
            Field("text", "text", "The restriction or reward, in a sentence."),
            Field("article", "text", "The article or section of the document; may be empty."),
            _keys(),
        ),
        _consequences,
    ),
)

DATASETS = {d.slug: d for d in (TIMELINE, MYTHS, GLOSSARY, SOURCES, *RULE_DATASETS)}


def about(dataset: Dataset, inputs: Inputs, count: int) -> dict:
    """The header of a JSON file: what it is, its licence, and how to credit it."""
    home = inputs.absolute("/")
    return {
        "dataset": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "records": count,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": attribution(inputs.site, home),
        "publisher": home,
        "source": inputs.absolute(dataset.page),
        "documentation": inputs.absolute(f"/data/#{dataset.slug}"),
        "content_date": content_date(inputs.library).isoformat(),
    }


def attribution(site: str, url: str) -> str:
    """The credit line the licence asks for: who, where, and under which licence."""
    return f"{site}, {url}, licensed under {LICENCE} ({LICENCE_URL})"


def to_json_document(dataset: Dataset, inputs: Inputs) -> dict:
    rows = dataset.records(inputs)
    return {"about": about(dataset, inputs, len(rows)), "records": rows}


def _cell(value, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return (LINE_SEPARATOR if kind == "lines" else LIST_SEPARATOR).join(value)
    return str(value)


def to_csv(dataset: Dataset, inputs: Inputs) -> str:
    """The records as CSV (RFC 4180: comma, double quotes, CRLF), with a byte order mark for Excel."""
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out)
    writer.writerow(dataset.field_names)
    kinds = [f.csv for f in dataset.fields]
    for row in dataset.records(inputs):
        writer.writerow([_cell(value, kind) for value, kind in zip(row.values(), kinds, strict=True)])
    return out.getvalue()
