"""The files on /data/: a dataset's records as JSON with a header, or as CSV. No Django imports.

Each dataset has the same field names, in the same order, in JSON and in CSV. Lists are JSON arrays;
in CSV they are joined with "; " (sentences, which may hold semicolons, one per line).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ..content.records import Library
from .model import Dataset, Inputs

LICENCE = "CC BY 4.0"
LICENCE_NAME = "Creative Commons Attribution 4.0 International"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FORMATS = ("json", "csv")
LIST_SEPARATOR = "; "
LINE_SEPARATOR = "\n"
# Excel reads a CSV file as UTF-8 only when it starts with a byte order mark; without one, Chinese
# characters and curly quotes come out garbled. Python reads it with encoding="utf-8-sig".
CSV_BOM = "\ufeff"


def content_date(library: Library) -> date:
    """The newest last-reviewed or last-checked date in the content: what the files were generated from.

    Not today's date: the files are the same for every reader until the content changes.
    """
    dates = [c.reviewed for c in library.chapters] + [m.reviewed for m in library.myths]
    dates += [e.reviewed for e in library.events if e.reviewed]
    dates += [s.accessed for s in library.sources.values()]
    return max(dates) if dates else date(1970, 1, 1)


def attribution(site: str, url: str) -> str:
    """The credit line the licence asks for: who, where, and under which licence."""
    return f"{site}, {url}, licensed under {LICENCE} ({LICENCE_URL})"


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
