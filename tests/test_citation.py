"""explainer/citation.py: APA 7, MLA 9 and BibTeX for the site's own pages, with no Django."""

import subprocess
import sys
from datetime import date

import pytest

from explainer import citation
from explainer.citation import CitedPage

SITE = "Social Credit, Explained"


def page(**overrides) -> CitedPage:
    values = {
        "kind": "guide",
        "slug": "what-it-is",
        "title": "What the system is, and what it is not",
        "url": "https://example.org/guide/what-it-is/",
        "site": SITE,
        "updated": date(2026, 11, 26),
    }
    values.update(overrides)
    return CitedPage(**values)


CHAPTER = page()
EVENT = page(
    kind="timeline",
    slug="2014-planning-outline",
    title="State Council issues the Planning Outline for the Social Credit System (2014–2020)",
    url="https://example.org/timeline/2014-planning-outline/",
    updated=date(2026, 9, 3),
)
MYTH = page(
    kind="myth",
    slug="one-score",
    title="Fact check: Every citizen has one national score.",
    url="https://example.org/myths/one-score/",
    updated=date(2027, 5, 1),
)


def test_apa_for_a_chapter_names_the_group_author_date_title_and_url():
    assert citation.apa(CHAPTER) == (
        "Social Credit, Explained. (2026, November 26). What the system is, and what it is not. "
        "https://example.org/guide/what-it-is/"
    )


def test_apa_for_an_event_keeps_its_title_punctuation():
    assert citation.apa(EVENT) == (
        "Social Credit, Explained. (2026, September 3). State Council issues the Planning Outline for the "
        "Social Credit System (2014–2020). https://example.org/timeline/2014-planning-outline/"
    )


def test_apa_does_not_double_a_full_stop_that_ends_the_title():
    text = citation.apa(MYTH)
    assert "(2027, May 1). Fact check: Every citizen has one national score. https://" in text
    assert ".." not in text


def test_mla_starts_with_the_title_and_leaves_out_the_protocol():
    assert citation.mla(CHAPTER) == (
        "“What the system is, and what it is not.” Social Credit, Explained, 26 Nov. 2026, "
        "example.org/guide/what-it-is/."
    )


def test_mla_for_a_myth_keeps_one_full_stop_inside_the_quotes():
    assert citation.mla(MYTH).startswith("“Fact check: Every citizen has one national score.” Social Credit")
    assert "1 May 2027" in citation.mla(MYTH)


def test_mla_keeps_a_question_mark_instead_of_adding_a_full_stop():
    assert citation.mla(page(title="Who runs it?")).startswith("“Who runs it?” Social Credit, Explained,")


def test_no_citation_claims_an_access_date():
    for style in (citation.apa, citation.mla, citation.bibtex):
        for item in (CHAPTER, EVENT, MYTH):
            text = style(item)
            assert "Accessed" not in text and "Retrieved" not in text and "urldate" not in text


@pytest.mark.parametrize(
    ("day", "apa", "mla"),
    [
        (date(2026, 1, 5), "(2026, January 5)", "5 Jan. 2026"),
        (date(2026, 6, 30), "(2026, June 30)", "30 June 2026"),
        (date(2026, 7, 4), "(2026, July 4)", "4 July 2026"),
        (date(2026, 9, 9), "(2026, September 9)", "9 Sept. 2026"),
        (date(2026, 5, 31), "(2026, May 31)", "31 May 2026"),
    ],
)
def test_date_formats_follow_each_style(day, apa, mla):
    assert citation.apa_date(day) == apa
    assert citation.mla_date(day) == mla


def test_bibtex_entry_for_a_chapter():
    assert citation.bibtex(CHAPTER) == (
        "@misc{sce-guide-what-it-is,\n"
        "  author = {{Social Credit, Explained}},\n"
        "  title = {{What the system is, and what it is not}},\n"
        "  year = {2026},\n"
        "  month = nov,\n"
        "  date = {2026-11-26},\n"
        "  url = {https://example.org/guide/what-it-is/},\n"
        "  note = {Last reviewed 26 November 2026}\n"
        "}"
    )


def test_bibtex_keys_come_from_kind_and_slug_and_differ_between_kinds():
    keys = {citation.bibtex_key(p) for p in (CHAPTER, EVENT, MYTH, page(kind="myth"))}
    assert keys == {
        "sce-guide-what-it-is",
        "sce-timeline-2014-planning-outline",
        "sce-myth-one-score",
        "sce-myth-what-it-is",
    }
    assert citation.bibtex_key(page(slug="Odd slug_with, commas")) == "sce-guide-odd-slug-with-commas"


def test_bibtex_escapes_special_characters_in_title_and_author():
    entry = citation.bibtex(page(title="Profits & losses: 100% {sure} #1 a_b ~ ^ \\", site="A & B"))
    assert (
        r"title = {{Profits \& losses: 100\% \{sure\} \#1 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}}},"
        in entry
    )
    assert r"author = {{A \& B}}," in entry


def test_bibtex_braces_stay_balanced_whatever_the_title():
    for title in ("{", "}", "}{", "a { b", "\\}"):
        entry = citation.bibtex(page(title=title))
        body = entry.replace("\\{", "").replace("\\}", "")
        depth = 0
        for char in body:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, entry
        assert depth == 0, entry


def test_bibtex_url_is_not_escaped_but_cannot_break_the_entry():
    entry = citation.bibtex(page(url="https://example.org/a_b/?q=1%20&x={y}"))
    assert "url = {https://example.org/a_b/?q=1%20&x=%7By%7D}," in entry


def test_bibtex_uses_month_macros():
    assert "month = sep," in citation.bibtex(EVENT)
    assert "month = may," in citation.bibtex(MYTH)


def test_all_styles_returns_the_three():
    assert set(citation.all_styles(CHAPTER)) == {"apa", "mla", "bibtex"}


@pytest.mark.slow
def test_citation_module_does_not_import_django():
    code = "import sys, explainer.citation; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
