"""The one configured Markdown renderer: citations `[@key]`, glossary terms `[[slug]]`, diagrams.

The same regular expressions drive rendering and `scan()`, which the loader uses to report
unknown keys with their line numbers before anything is rendered.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from . import pinpoint
from .records import Source, Term

if TYPE_CHECKING:
    from .documents import Document

# `[@a]`, `[@a; @b]`, with a pinpoint after a key: `[@a, art. 3(1); @b]`. `[about @a]` marks a sentence
# about the source itself (what it says or claims), which may then rest on a weak source alone.
_CITED = r"@[\w.-]+(?:,[^;\[\]@]+)?"
CITATION = re.compile(rf"\[(about\s+)?({_CITED}(?:\s*;\s*{_CITED})*)\]")
ABOUT_LABEL = "the source itself"
# `[[slug|label]]`; the pipe may arrive escaped (`\|`), as the preprocessor below writes it.
TERM = re.compile(r"\[\[([\w-]+)(?:\\?\|([^\]]+))?\]\]")
DIAGRAM = re.compile(r"^!diagram\[([\w-]+)\]\s*$")
CHART = re.compile(r"^\{\{chart:([a-z0-9-]+)\}\}\s*$")  # a chart from content/numbers.toml (see chart_slot)
LINK = re.compile(r"\]\(((?:/|#)[^)\s]*)\)|href=\"((?:/|#)[^\"]*)\"")
ID = re.compile(r'\sid="([^"]+)"')

# Higher than Python-Markdown's own link pattern (160), so `[@key]` is never read as a link.
CITATION_PRIORITY = 180
TERM_PRIORITY = 181


@dataclass(frozen=True, slots=True)
class Reference:
    kind: str  # "citation", "term", "diagram" or "link"
    value: str
    line: int
    pinpoint: str = ""  # for a citation: "art. 3(1)", or empty


@dataclass(frozen=True, slots=True)
class CitationGroup:
    """One bracket of citations, `[@a; @b, art. 2]`: the evidence for one statement."""

    keys: tuple[str, ...]
    about: bool  # `[about @a]`: the statement is about the source itself
    line: int


def cited(group: str) -> list[tuple[str, str]]:
    """ "@a, art. 3; @b" -> [("a", "art. 3"), ("b", "")]."""
    items = []
    for item in group.split(";"):
        key, _, pin = item.strip().partition(",")
        items.append((key.strip()[1:], " ".join(pin.split())))
    return items


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    toc_tokens: tuple[dict, ...]
    citations: tuple[str, ...]
    citation_uses: tuple[int, ...]
    terms: tuple[str, ...]
    extra_html: tuple[str, ...] = ()
    citation_pinpoints: tuple[tuple[str, ...], ...] = ()  # for each cited key, its pinpoints in order


def citation_groups(text: str, first_line: int = 1) -> list[CitationGroup]:
    return [
        CitationGroup(tuple(key for key, _ in cited(m[2])), bool(m[1]), first_line + offset)
        for offset, line in enumerate(text.splitlines())
        for m in CITATION.finditer(line)
    ]


def scan(text: str, first_line: int = 1) -> list[Reference]:
    """Every citation key, glossary slug, diagram name and site-internal link, with its line."""
    found = []
    for offset, line in enumerate(text.splitlines()):
        number = first_line + offset
        for match in CITATION.finditer(line):
            found += [Reference("citation", key, number, pin) for key, pin in cited(match[2])]
        found += [Reference("term", m[1], number) for m in TERM.finditer(line)]
        if match := DIAGRAM.match(line):
            found.append(Reference("diagram", match[1], number))
        found += [Reference("link", m[1] or m[2], number) for m in LINK.finditer(line)]
    return found


def html_ids(html: str) -> frozenset[str]:
    return frozenset(ID.findall(html))


def render(
    text: str,
    *,
    sources: Mapping[str, Source],
    glossary: Mapping[str, Term],
    diagrams: Mapping[str, str] | None = None,
    extra: tuple[str, ...] = (),
    id_prefix: str = "",
    link_sources: bool = False,
    documents: Mapping[str, Document] | None = None,
) -> Rendered:
    """Render `text`, then each of `extra` with the same citation numbering (an event's correction).

    `id_prefix` keeps ids unique when several rendered texts share a page; `link_sources` points
    citation markers at /sources/ instead of a reference list on the same page. `documents` maps a
    citation key to the document page whose articles its pinpoints link to.
    """
    state = _State(sources, glossary, id_prefix, link_sources, documents or {})
    md = markdown.Markdown(
        extensions=["tables", "attr_list", "toc", "sane_lists", "smarty"],
        extension_configs={"toc": {"toc_depth": "2-3"}},
        output_format="html",
    )
    md.preprocessors.register(_DiagramPreprocessor(md, diagrams or {}), "diagram", 25)
    md.preprocessors.register(_TermPipePreprocessor(md), "glossary-term-pipe", 24)
    md.preprocessors.register(_ChartPreprocessor(md), "chart", 23)
    md.inlinePatterns.register(_CitationProcessor(CITATION.pattern, md, state), "citation", CITATION_PRIORITY)
    md.inlinePatterns.register(_TermProcessor(TERM.pattern, md, state), "glossary-term", TERM_PRIORITY)
    html = md.convert(text)
    toc_tokens = tuple(md.toc_tokens)
    extra_html = []
    for part in extra:
        md.reset()  # clears Markdown's own per-document state; the numbering in `state` carries on
        extra_html.append(md.convert(part) if part else "")
    uses = tuple(state.uses[key] for key in state.order)
    pins = tuple(tuple(dict.fromkeys(state.pins[key])) for key in state.order)
    terms = tuple(dict.fromkeys(state.terms))
    return Rendered(html, toc_tokens, tuple(state.order), uses, terms, tuple(extra_html), pins)


class _State:
    """Numbering shared by one document's citations and glossary terms."""

    def __init__(self, sources, glossary, prefix: str, link_sources: bool, documents):
        self.sources = sources
        self.glossary = glossary
        self.prefix = prefix
        self.link_sources = link_sources
        self.documents = documents
        self.order: list[str] = []  # keys in order of first citation; index + 1 is the number
        self.uses: dict[str, int] = {}
        self.pins: dict[str, list[str]] = {}
        self.terms: list[str] = []

    def cite(self, key: str, pin: str) -> tuple[int, int]:
        if key not in self.order:
            self.order.append(key)
            self.pins[key] = []
        if pin:
            self.pins[key].append(pin)
        self.uses[key] = self.uses.get(key, 0) + 1
        return self.order.index(key) + 1, self.uses[key]

    def pinpoint_url(self, key: str, pin: str) -> str | None:
        return pinpoint.article_url(self.documents, key, pin)


class _CitationProcessor(InlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, state: _State):
        super().__init__(pattern, md)
        self.state = state

    def handleMatch(self, m, data):
        sup = etree.Element("sup", {"class": "cite cite-about" if m.group(1) else "cite"})
        sup.text = "["
        items = cited(m.group(2))
        between = "; " if any(pin for _, pin in items) else ", "  # [1, 2] but [1, art. 3; 2]
        link = None
        for i, (key, pin) in enumerate(items):
            if i:
                link.tail = between
            if key not in self.state.sources:
                link = etree.SubElement(sup, "span", {"class": "cite-missing"})
                link.text = AtomicString(f"unknown source {key}")
                continue
            link = self._marker(sup, key, pin)
            if pin:
                link.tail = ", "
                link = self._pinpoint(sup, key, pin)
        if m.group(1):
            link.tail = ", "
            link = etree.SubElement(sup, "span", {"class": "cite-about-label"})
            link.text = ABOUT_LABEL
        link.tail = "]"
        return sup, m.start(0), m.end(0)

    def _marker(self, sup, key: str, pin: str):
        number, use = self.state.cite(key, pin)
        source = self.state.sources[key]
        where = f", {pin}" if pin else ""
        link = etree.SubElement(
            sup,
            "a",
            {
                "href": f"/sources/{key}/" if self.state.link_sources else f"#{self.state.prefix}ref-{key}",
                "id": f"{self.state.prefix}cite-{key}-{use}",
                "class": "cite-ref",
                "aria-label": f"Source {number}: {source.author}, {source.title}{where}",
            },
        )
        link.text = AtomicString(str(number))
        return link

    def _pinpoint(self, sup, key: str, pin: str):
        url = self.state.pinpoint_url(key, pin)
        element = etree.SubElement(sup, "a" if url else "span", {"class": "cite-pin"})
        if url:
            element.set("href", url)
        element.text = AtomicString(pin)
        return element


class _TermProcessor(InlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, state: _State):
        super().__init__(pattern, md)
        self.state = state

    def handleMatch(self, m, data):
        slug, label = m.group(1), m.group(2)
        term = self.state.glossary.get(slug)
        if term is None:
            span = etree.Element("span", {"class": "term-missing"})
            span.text = AtomicString(label or slug)
            return span, m.start(0), m.end(0)
        self.state.terms.append(slug)
        tip_id = f"{self.state.prefix}term-{slug}-{self.state.terms.count(slug)}"
        wrapper = etree.Element("span", {"class": "term"})
        link = etree.SubElement(wrapper, "a", {"href": term.anchor, "aria-describedby": tip_id})
        link.text = AtomicString(label or term.term)
        tip = etree.SubElement(wrapper, "span", {"class": "term-tip", "role": "tooltip", "id": tip_id})
        chinese = etree.SubElement(tip, "span", {"lang": "zh-Hans"})
        chinese.text = AtomicString(term.zh)
        chinese.tail = " "
        pinyin = etree.SubElement(tip, "i", {"lang": "zh-Latn-pinyin"})
        pinyin.text = AtomicString(term.pinyin)
        pinyin.tail = AtomicString(f": {term.meaning}")
        return wrapper, m.start(0), m.end(0)


class _DiagramPreprocessor(Preprocessor):
    """Replace a `!diagram[name]` line with the HTML of content/diagrams/name.html."""

    def __init__(self, md: markdown.Markdown, diagrams: Mapping[str, str]):
        super().__init__(md)
        self.diagrams = diagrams

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            match = DIAGRAM.match(line)
            if not match:
                out.append(line)
                continue
            html = self.diagrams.get(match[1], f'<p class="diagram-missing">Missing diagram {match[1]}</p>')
            out += ["", self.md.htmlStash.store(html), ""]
        return out


class _TermPipePreprocessor(Preprocessor):
    """Escape the pipe in `[[slug|label]]`, so that a table does not split its cell there."""

    UNESCAPED = re.compile(r"(\[\[[\w-]+)\|")

    def run(self, lines: list[str]) -> list[str]:
        return [self.UNESCAPED.sub(r"\1\\|", line) for line in lines]


def chart_slot(chart_id: str) -> str:
    """What a `{{chart:id}}` line becomes: a comment the page fills with the chart (numbers templatetags)."""
    return f"<!--chart:{chart_id}-->"


class _ChartPreprocessor(Preprocessor):
    """Replace a `{{chart:id}}` line with a slot; the chart itself is drawn by the page's template."""

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            match = CHART.match(line)
            if match:
                out += ["", self.md.htmlStash.store(chart_slot(match[1])), ""]
            else:
                out.append(line)
        return out
