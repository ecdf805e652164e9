"""/timeline.json and /timeline.csv: the timeline in the layout it was first published in. No Django imports.

The data page promises that these older files still work, byte for byte. They are the timeline
dataset's records, trimmed to the original fields and order, with each source given in full (a part of
its bibliography record) where the dataset gives keys; the CSV also holds those sources as JSON text.
"""

from __future__ import annotations

import csv
import io
import json

from ..content.records import THEMES
from .content_tables import SOURCES, TIMELINE
from .files import LICENCE, LICENCE_URL
from .model import Inputs

TITLE = "Timeline of China's social credit system, 1990s to 2022 and since"
EVENT_FIELDS = ("slug", "title", "date", "precision", "date_note", "name_zh", "issuer", "themes", "url")
EVENT_FIELDS += ("summary", "correction")
SOURCE_FIELDS = ("key", "author", "title", "publisher", "date", "url")
CSV_FIELDS = (*EVENT_FIELDS, "source_keys", "sources")


def legacy_timeline(inputs: Inputs) -> list[dict]:
    """Every event in the original layout, its sources in full."""
    sources = inputs.library.sources
    events = []
    for event in TIMELINE.records(inputs):
        row = {name: event[name] for name in EVENT_FIELDS}
        cited = (SOURCES.record(sources[key], inputs) for key in event["sources"])
        row["sources"] = [{name: source[name] for name in SOURCE_FIELDS} for source in cited]
        events.append(row)
    return events


def legacy_timeline_json(inputs: Inputs) -> dict:
    return {
        "title": TITLE,
        "licence": f"{LICENCE} ({LICENCE_URL})",
        "source": inputs.absolute(TIMELINE.page),
        "themes": THEMES,
        "events": legacy_timeline(inputs),
    }


def legacy_timeline_csv(inputs: Inputs) -> str:
    """Unlike the /data/ files: no byte order mark, themes and keys joined with ";", sources as JSON."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for event in legacy_timeline(inputs):
        sources = event.pop("sources")
        event["themes"] = ";".join(event["themes"])
        keys = ";".join(source["key"] for source in sources)
        writer.writerow([*event.values(), keys, json.dumps(sources, ensure_ascii=False)])
    return out.getvalue()
