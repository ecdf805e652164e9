"""Glossary entries lead on: to the guide section that explains the term, and to events and myths."""

import re

from explainer.content import load
from explainer.content.termlinks import term_links
from explainer.library import get_term_links

from .conftest import GLOSSARY, only_problem, write_content
from .html import elements

CHAPTER = """\
+++
title = "{title}"
order = {order}
summary = "A summary long enough to pass the length check for chapter summaries."
reviewed = 2026-11-26
+++
## Overview

A claim [@alpha]. Another [@beta; @gamma]. The [[hukou]] matters, and the hukou is old.
The hukou again, and the hukou once more.

## The hukou system {{#registration}}

The [[hukou]] is kept by the police [@alpha].

## Elsewhere

Nothing here [@beta].
"""


def _chapters(**extra):
    chapters = {"one": CHAPTER.format(title="One", order=1)}
    chapters.update(extra)
    return chapters


def test_a_heading_that_names_the_term_beats_a_section_that_mentions_it_more(tmp_path):
    root = write_content(tmp_path / "content", chapters=_chapters())
    library = load(root)
    assert library.problems == ()
    section = term_links(library)["hukou"].section
    assert section.path == "/guide/one/#registration"
    assert section.title == "One: The hukou system"


def test_without_a_naming_heading_the_section_that_uses_the_term_most_wins(tmp_path):
    text = CHAPTER.format(title="One", order=1).replace("## The hukou system", "## Police records")
    library = load(write_content(tmp_path / "content", chapters={"one": text}))
    assert term_links(library)["hukou"].section.path == "/guide/one/#overview"


def test_summary_chapters_are_not_where_a_term_is_explained(tmp_path):
    faq = CHAPTER.format(title="FAQ", order=2).replace("## The hukou system", "## Hukou, in short")
    text = CHAPTER.format(title="One", order=1).replace("## The hukou system", "## Police records")
    library = load(write_content(tmp_path / "content", chapters={"one": text, "faq": faq}))
    assert term_links(library)["hukou"].section.path.startswith("/guide/one/")


def test_a_term_no_page_uses_has_no_links(tmp_path):
    chapter = CHAPTER.format(title="One", order=1).replace("[[hukou]]", "hukou").replace("The hukou system", "Police")
    library = load(write_content(tmp_path / "content", chapters={"one": chapter}))
    links = term_links(library)["hukou"]
    assert not links and links.section is None and links.events == () and links.myths == ()


def test_explained_in_overrides_the_computed_section(tmp_path):
    glossary = GLOSSARY + 'explained_in = "/guide/one/#elsewhere"\n'
    library = load(write_content(tmp_path / "content", chapters=_chapters(), glossary=glossary))
    assert library.problems == ()
    section = term_links(library)["hukou"].section
    assert (section.path, section.title) == ("/guide/one/#elsewhere", "One: Elsewhere")


def test_explained_in_naming_a_missing_heading_is_a_problem_naming_the_field(tmp_path):
    glossary = GLOSSARY + 'explained_in = "/guide/one/#nowhere"\n'
    library = load(write_content(tmp_path / "content", chapters=_chapters(), glossary=glossary))
    problem = only_problem(library, "E003")
    assert problem.path.name == "glossary.toml" and problem.field == "hukou.explained_in"


def test_explained_in_must_be_a_guide_path(tmp_path):
    glossary = GLOSSARY + 'explained_in = "/myths/x/"\n'
    library = load(write_content(tmp_path / "content", chapters=_chapters(), glossary=glossary))
    assert any("explained_in" in p.field for p in library.problems)


def test_related_naming_no_event_or_myth_is_a_problem(tmp_path):
    glossary = GLOSSARY + 'related = ["/timeline/nothing/"]\n'
    library = load(write_content(tmp_path / "content", chapters=_chapters(), glossary=glossary))
    problem = only_problem(library, "E003")
    assert problem.field == "hukou.related"


# The real content


def test_every_term_used_in_the_guide_links_to_a_guide_section(library):
    links = get_term_links()
    used = {slug for chapter in library.chapters if chapter.kind == "chapter" for slug in chapter.terms}
    missing = [slug for slug in library.glossary if slug in used and links[slug].section is None]
    assert missing == []


def test_related_events_and_myths_really_use_the_term(library):
    for slug, links in get_term_links().items():
        assert all(slug in record.terms for record in links.events + links.myths), slug
        assert len(links.events) <= 3 and len(links.myths) <= 3


def test_known_terms_land_on_the_sections_that_explain_them():
    links = get_term_links()
    assert links["abnormal-operations-list"].section.path == "/guide/companies/#abnormal-list"
    assert links["sesame-credit"].section.path == "/guide/comparisons/#sesame"
    assert links["hukou"].section.path == "/guide/historical-background/#household-registration"
    assert "/myths/sesame-credit-is-the-government-score/" in [m.url for m in links["sesame-credit"].myths]


def test_every_glossary_link_reaches_an_existing_page_and_anchor(client, library):
    html = client.get("/glossary/").content.decode()
    hrefs = {a["href"] for a in elements(html, "a") if a["href"].startswith(("/guide/", "/timeline/", "/myths/"))}
    assert len(hrefs) > 60, "the glossary should link to guide sections, events and myths"
    pages: dict[str, str] = {}
    broken = []
    for href in sorted(hrefs):
        path, _, anchor = href.partition("#")
        if path not in pages:
            response = client.get(path)
            pages[path] = response.content.decode() if response.status_code == 200 else ""
        if not pages[path] or (anchor and not re.search(rf'\sid="{re.escape(anchor)}"', pages[path])):
            broken.append(href)
    assert broken == []


def test_each_glossary_entry_shows_its_own_links(client):
    html = client.get("/glossary/").content.decode()
    entry = html[html.index('id="abnormal-operations-list"') :]
    entry = entry[: entry.index('class="glossary-entry"')]
    assert 'href="/guide/companies/#abnormal-list"' in entry
    assert "In the guide:" in entry and "On the timeline:" in entry and "Fact checks:" in entry
