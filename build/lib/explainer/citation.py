"""Citations of the site's own pages in APA 7, MLA 9 and BibTeX. No Django imports.

The site is both the group author and the publisher, and the date is the page's last-reviewed date:
pages are cached and identical for every reader, so no citation can carry "today" as an access date.
APA 7 needs no retrieval date for a page that shows when it was updated; MLA 9 makes the access date
optional when the source is dated, so it is left for the reader to add (see ACCESS_NOTE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# MLA 9 abbreviates months of more than four letters (MLA Handbook, 9th ed., appendix 1).
MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

ACCESS_NOTE = "If your style asks for the date you read the page, add it yourself (MLA: “Accessed 3 Mar. 2027.”)."

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))


@dataclass(frozen=True, slots=True)
class CitedPage:
    """What a citation needs to know about one page of the site."""

    kind: str  # "guide", "timeline" or "myths" (PAGE_KINDS): keeps BibTeX keys apart when two slugs coincide
    slug: str
    title: str
    url: str  # absolute and canonical
    site: str  # the site's name: group author and publisher
    updated: date  # the page's last-reviewed date


def _ends_sentence(text: str) -> bool:
    return text.rstrip("”’\"')").endswith((".", "?", "!"))


def _period(text: str) -> str:
    """Close a part of a citation with a full stop, unless it already ends a sentence."""
    return text if _ends_sentence(text) else f"{text}."


def apa_date(day: date) -> str:
    """APA 7: (2026, November 26)."""
    return f"({day.year}, {MONTHS[day.month - 1]} {day.day})"


def mla_date(day: date) -> str:
    """MLA 9: 26 Nov. 2026."""
    return f"{day.day} {MLA_MONTHS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """For prose: 26 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def apa(page: CitedPage) -> str:
    """APA 7, webpage by a group author whose name is also the site's: the site name is not repeated.

    Social Credit, Explained. (2026, November 26). Title of the page. https://…
    """
    return f"{_period(page.site)} {apa_date(page.updated)}. {_period(page.title)} {page.url}"


def mla(page: CitedPage) -> str:
    """MLA 9, with the organisation as both author and publisher: start with the title, name the site once.

    "Title of the Page." Social Credit, Explained, 26 Nov. 2026, example.org/guide/…/.
    """
    url = re.sub(r"^https?://", "", page.url)  # MLA 9 leaves out http:// and https://
    title = page.title if _ends_sentence(page.title) else f"{page.title}."
    return f"“{title}” {page.site}, {mla_date(page.updated)}, {url}."


def bibtex_escape(text: str) -> str:
    """Escape the characters that are special to BibTeX and LaTeX."""
    return _BIBTEX_SPECIAL_RE.sub(lambda m: _BIBTEX_SPECIAL[m[0]], text)


def bibtex_key(page: CitedPage) -> str:
    """A stable key from the page's kind and slug, in the characters every BibTeX tool accepts."""
    slug = re.sub(r"[^a-z0-9-]+", "-", page.slug.lower()).strip("-")
    return f"sce-{page.kind}-{slug}"


def bibtex(page: CitedPage) -> str:
    """A @misc entry that classic BibTeX styles and biblatex both read (biblatex also uses `date`)."""
    site = bibtex_escape(page.site)
    # Braces around the author keep a group name from being split into a person's first and last name;
    # braces around the title keep its capitals.
    fields = [
        ("author", f"{{{site}}}"),
        ("title", f"{{{bibtex_escape(page.title)}}}"),
        ("year", str(page.updated.year)),
        ("month", BIBTEX_MONTHS[page.updated.month - 1]),
        ("date", page.updated.isoformat()),
        ("url", page.url.replace("{", "%7B").replace("}", "%7D")),
        ("note", f"Last reviewed {long_date(page.updated)}"),
    ]
    lines = [f"@misc{{{bibtex_key(page)},"]
    for name, value in fields:
        # Month macros (nov) go unbraced so styles can print them in their own language.
        lines.append(f"  {name} = {value}," if name == "month" else f"  {name} = {{{value}}},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)


# Each style: its key, its name for readers, how to write it, and the text box's height in lines.
STYLES = (("apa", "APA (7th edition)", apa, 3), ("mla", "MLA (9th edition)", mla, 3), ("bibtex", "BibTeX", bibtex, 10))


def all_styles(page: CitedPage) -> dict[str, str]:
    return {key: write(page) for key, _, write, _ in STYLES}
