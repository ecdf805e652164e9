"""The downloadable datasets on /data/: what each holds, its fields, and its records. No Django imports.

- `model`: Dataset, Field and Inputs: a field documents a column and reads its value from the content.
- `content_tables`: timeline, myths, glossary and sources; `rules_tables`: the score widget's rule book.
- `files`: the JSON and CSV files, their header, licence and credit line.
- `legacy`: /timeline.json and /timeline.csv, built from the timeline dataset in their first layout.
"""

from .content_tables import CONTENT_DATASETS, GLOSSARY, MYTHS, SOURCES, TIMELINE
from .files import (
    CSV_BOM,
    FORMATS,
    LICENCE,
    LICENCE_NAME,
    LICENCE_URL,
    LINE_SEPARATOR,
    LIST_SEPARATOR,
    about,
    attribution,
    content_date,
    to_csv,
    to_json_document,
)
from .legacy import legacy_timeline, legacy_timeline_csv, legacy_timeline_json
from .model import Dataset, Field, Inputs
from .numbers_tables import NUMBERS
from .rules_tables import RULE_DATASETS

DATASETS = {d.slug: d for d in (*CONTENT_DATASETS, NUMBERS, *RULE_DATASETS)}

__all__ = [
    "CSV_BOM",
    "DATASETS",
    "FORMATS",
    "GLOSSARY",
    "LICENCE",
    "LICENCE_NAME",
    "LICENCE_URL",
    "LINE_SEPARATOR",
    "LIST_SEPARATOR",
    "MYTHS",
    "NUMBERS",
    "RULE_DATASETS",
    "SOURCES",
    "TIMELINE",
    "Dataset",
    "Field",
    "Inputs",
    "about",
    "attribution",
    "content_date",
    "legacy_timeline",
    "legacy_timeline_csv",
    "legacy_timeline_json",
    "to_csv",
    "to_json_document",
]
