"""What a dataset is: a flat table whose fields are documented for readers and read from the content.

A field says once what a column is called, what it means and where its value comes from, so the file
and its documentation on /data/ cannot drift apart. No Django imports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..content.records import Library
from ..content.text import plain_text
from ..rules import RuleBook

type Value = Callable[[Any, Inputs], Any]


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a dataset is built from. `absolute` turns a site path into a full URL."""

    library: Library
    rulebook: RuleBook | None
    absolute: Callable[[str], str]
    site: str = "Social Credit, Explained"
    numbers: tuple = ()  # the series of content/numbers.toml (content.numbers.Series)


@dataclass(frozen=True, slots=True)
class Field:
    """A column. Its value is `value(item, inputs)`, or else the item's attribute of the same name.

    Either way tuples become lists, and a "date" field holds YYYY-MM-DD, or is empty when there is none.
    """

    name: str
    type: str  # as shown in the field table: "text", "date", "integer", "true/false", "URL", "list of …"
    meaning: str
    csv: str = "text"  # how CSV writes it: "text", "list" (joined with "; ") or "lines" (one per line)
    value: Value | None = None

    def read(self, item: Any, inputs: Inputs) -> Any:
        found = getattr(item, self.name) if self.value is None else self.value(item, inputs)
        if self.type == "date":
            return found.isoformat() if found else ""
        return list(found) if isinstance(found, tuple) else found


@dataclass(frozen=True, slots=True)
class Dataset:
    slug: str  # the file name: /data/<slug>.json and /data/<slug>.csv
    title: str
    group: str
    description: str
    page: str  # the site page that shows the same records
    items: Callable[[Inputs], Iterable[Any]]  # what the records are read from, in the files' order
    fields: tuple[Field, ...]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def record(self, item: Any, inputs: Inputs) -> dict:
        """One item as a dict keyed by the documented field names, in order."""
        return {f.name: f.read(item, inputs) for f in self.fields}

    def records(self, inputs: Inputs) -> list[dict]:
        return [self.record(item, inputs) for item in self.items(inputs)]


# Values that are not simply an attribute of the item ------------------------------------------------


def absolute(attr: str) -> Value:
    """The site path held in `attr`, as a full URL."""
    return lambda item, inputs: inputs.absolute(getattr(item, attr))


def absolute_each(attr: str) -> Value:
    """The site paths held in `attr`, as full URLs."""
    return lambda item, inputs: [inputs.absolute(path) for path in getattr(item, attr)]


def plain(attr: str) -> Value:
    """The rendered HTML held in `attr`, as plain text without citation numbers."""
    return lambda item, _inputs: plain_text(getattr(item, attr))


def source_keys(attr: str = "sources") -> Field:
    """The `sources` column every dataset has, read from the item's `attr`."""
    meaning = "Keys of the sources behind this record (see the sources dataset)."
    return Field("sources", "list of source keys", meaning, "list", lambda item, _inputs: getattr(item, attr))
