"""The site-content datasets: timeline events, fact checks, glossary and bibliography. No Django imports.

Records refer to sources by key; the `sources` dataset is the bibliography the keys point into.
"""

from __future__ import annotations

import re

from ..content.records import LEVELS, THEMES, VERDICTS, Myth
from ..content.text import plain_text
from .model import Dataset, Field, Inputs, absolute, absolute_each, plain, source_keys

GROUP = "Site content"

TIMELINE = Dataset(
    "timeline",
    "Timeline events",
    GROUP,
    "Every dated event on the timeline, from the 1990s to 2022 and since, in date order.",
    "/timeline/",
    lambda inputs: inputs.library.events,
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
            "level",
            "text",
            "Who issued it: " + "; ".join(f"{key} = {label}" for key, label in LEVELS.items()) + ".",
        ),
        Field(
            "themes",
            "list of theme slugs",
            "Themes of the event: " + ", ".join(THEMES) + " (labels on the timeline).",
            "list",
        ),
        Field(
            "summary", "text", "The event's description as plain text, without citation numbers.", value=plain("html")
        ),
        Field(
            "correction",
            "text",
            "A common error about the event, corrected; may be empty.",
            value=plain("correction_html"),
        ),
        source_keys("references"),
        Field(
            "related",
            "list of URLs",
            "Guide pages (and sections) that go deeper.",
            "list",
            value=absolute_each("related"),
        ),
        Field("url", "URL", "The event's page on this site.", value=absolute("url")),
        Field("reviewed", "date", "When an editor last checked the event against its sources (YYYY-MM-DD)."),
    ),
)

_LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def _evidence(myth: Myth, _inputs: Inputs) -> list[str]:
    return [plain_text(item) for item in _LIST_ITEM.findall(myth.evidence_html)]


MYTHS = Dataset(
    "myths",
    "Myths and fact checks",
    GROUP,
    "Common claims about the system, each with a verdict, the evidence and an explanation.",
    "/myths/",
    lambda inputs: inputs.library.myths,
    (
        Field("slug", "text", "Identifier of the fact check; also the last part of its address."),
        Field("claim", "text", "The claim as it is commonly made."),
        Field("verdict", "text", "The verdict: " + ", ".join(VERDICTS) + "."),
        Field("verdict_label", "text", "The verdict as shown on the site, such as “Partly true”."),
        Field("quiz_answer", "true/false", "Whether the claim is true as stated (its verdict is “True”)."),
        Field(
            "quiz_key",
            "text",
            "The right answer in the quiz: true, false, or complicated (for claims rated misleading, partly true or outdated).",
        ),
        Field("topics", "list of topic slugs", "The claim's topics, the filter on /myths/.", "list"),
        Field("rank", "integer", "Position on /myths/: 1 is the claim the editors judge most common."),
        Field(
            "evidence",
            "list of sentences",
            "The key facts, one sentence each (in CSV, one per line).",
            "lines",
            value=_evidence,
        ),
        Field("short_answer", "text", "The verdict explained in a sentence or two.", value=plain("short_html")),
        Field(
            "explanation", "text", "The full explanation as plain text, without citation numbers.", value=plain("html")
        ),
        source_keys("citations"),
        Field(
            "related",
            "list of URLs",
            "Guide chapters and timeline events on the same subject.",
            "list",
            value=absolute_each("related"),
        ),
        Field("published", "date", "When the fact check was first published (YYYY-MM-DD)."),
        Field("reviewed", "date", "When an editor last reviewed it against its sources (YYYY-MM-DD)."),
        Field("url", "URL", "The fact check's page on this site.", value=absolute("url")),
    ),
)

GLOSSARY = Dataset(
    "glossary",
    "Glossary",
    GROUP,
    "Chinese terms used in writing about the system, with characters, pinyin and meaning, in alphabetical order.",
    "/glossary/",
    lambda inputs: sorted(inputs.library.glossary.values(), key=lambda t: t.term.casefold()),
    (
        Field("slug", "text", "Identifier of the term; the anchor of its entry on the glossary page."),
        Field("term", "text", "The English or romanised name, as used in the text."),
        Field("zh", "text", "The term in simplified Chinese characters."),
        Field("pinyin", "text", "The pronunciation in pinyin, with tone marks."),
        Field("meaning", "text", "What the term means, in one or two sentences."),
        source_keys(),
        Field("url", "URL", "The term's entry on the glossary page.", value=absolute("anchor")),
    ),
)

SOURCES = Dataset(
    "sources",
    "Bibliography",
    GROUP,
    "Every source the site cites. The sources fields of the other datasets hold these keys.",
    "/sources/",
    lambda inputs: sorted(inputs.library.sources.values(), key=lambda s: (s.author.casefold(), s.date)),
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
        Field("page", "URL", "The source's entry on this site's sources page.", value=absolute("anchor")),
    ),
)

CONTENT_DATASETS = (TIMELINE, MYTHS, GLOSSARY, SOURCES)
