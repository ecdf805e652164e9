"""The content pipeline: loading, rendering, and one test per validation error."""

import subprocess
import sys

import pytest
from django.core.management import call_command

from explainer.content import load

from .conftest import CHAPTER, SOURCES, only_problem, write_content


def codes(library):
    return [p.code for p in library.problems]


def test_valid_content_loads_without_problems(content_dir):
    library = load(content_dir)
    assert library.problems == ()
    assert [c.slug for c in library.chapters] == ["one", "two"]
    assert set(library.sources) == {"alpha", "beta", "gamma"}


def test_citations_are_numbered_by_first_appearance_and_reused(content_dir):
    chapter = load(content_dir).chapter("one")
    assert chapter.citations == ("alpha", "beta", "gamma")
    assert chapter.citation_uses == (2, 1, 1)
    assert 'href="#ref-alpha" id="cite-alpha-1"' in chapter.html
    assert 'href="#ref-alpha" id="cite-alpha-2"' in chapter.html
    assert ">2</a>, <a" in chapter.html  # [@beta; @gamma] renders as one bracket: [2, 3]


def test_glossary_term_renders_as_link_with_described_definition(content_dir):
    html = load(content_dir).chapter("one").html
    assert '<a aria-describedby="term-hukou-1" href="/glossary/#hukou">hukou</a>' in html
    assert 'id="term-hukou-1"' in html and 'role="tooltip"' in html
    assert "户口" in html and "Household registration" in html


def test_headings_get_anchors_and_a_table_of_contents(content_dir):
    chapter = load(content_dir).chapter("one")
    assert [(h.id, h.title) for h in chapter.toc] == [("first-section", "First section"), ("second", "Second section")]
    assert '<h2 id="second">' in chapter.html


def test_chapters_are_immutable(content_dir):
    chapter = load(content_dir).chapter("one")
    with pytest.raises(AttributeError):
        chapter.title = "Changed"


def test_unknown_citation_key_names_file_and_line(content_dir):
    (content_dir / "guide" / "one.md").write_text(CHAPTER.format(title="One", order=1) + "\nBad [@nope].\n")
    problem = only_problem(load(content_dir), "E001")
    assert problem.path.name == "one.md" and "nope" in problem.message
    assert problem.line == 15


def test_unknown_glossary_term_names_file_and_line(content_dir):
    (content_dir / "guide" / "one.md").write_text(CHAPTER.format(title="One", order=1) + "\nThe [[dangan]] file.\n")
    problem = only_problem(load(content_dir), "E002")
    assert (problem.path.name, problem.line) == ("one.md", 15) and "dangan" in problem.message


def test_glossary_entry_citing_unknown_source_is_reported(content_dir):
    text = (content_dir / "glossary.toml").read_text().replace('["alpha"]', '["missing"]')
    (content_dir / "glossary.toml").write_text(text)
    problem = only_problem(load(content_dir), "E001")
    assert problem.path.name == "glossary.toml" and problem.field == "hukou.sources"


def test_link_to_missing_page_is_reported(content_dir):
    (content_dir / "guide" / "two.md").write_text(CHAPTER.format(title="Two", order=2) + "\n[x](/guide/three/)\n")
    problem = only_problem(load(content_dir), "E003")
    assert (problem.path.name, problem.line) == ("two.md", 15) and "/guide/three/" in problem.message


def test_link_to_missing_anchor_is_reported(content_dir):
    (content_dir / "guide" / "two.md").write_text(
        CHAPTER.format(title="Two", order=2) + "\n[x](/guide/one/#nowhere) [y](#second)\n"
    )
    problem = only_problem(load(content_dir), "E004")
    assert problem.path.name == "two.md" and "#nowhere" in problem.message


def test_links_to_glossary_sources_and_site_pages_are_checked(content_dir):
    text = (
        CHAPTER.format(title="Two", order=2)
        + "\n[a](/glossary/#hukou) [b](/sources/#beta) [c](/about/#licence) [d](/sources/#zeta)\n"
    )
    (content_dir / "guide" / "two.md").write_text(text)
    problem = only_problem(load(content_dir, pages={"/about/": frozenset({"licence"})}), "E004")
    assert "#zeta" in problem.message


def test_missing_front_matter_is_reported(content_dir):
    (content_dir / "guide" / "one.md").write_text("Just text [@alpha].\n")
    problem = only_problem(load(content_dir), "E005")
    assert problem.path.name == "one.md" and "+++" in problem.message


def test_malformed_front_matter_toml_is_reported_with_line(content_dir):
    (content_dir / "guide" / "one.md").write_text('+++\ntitle = "One"\norder = = 1\n+++\nBody\n')
    problem = only_problem(load(content_dir), "E005")
    assert problem.path.name == "one.md" and problem.line == 3


def test_missing_required_field_is_named(content_dir):
    text = CHAPTER.format(title="One", order=1).replace("reviewed = 2026-11-26\n", "")
    (content_dir / "guide" / "one.md").write_text(text)
    problem = only_problem(load(content_dir), "E006")
    assert (problem.path.name, problem.field) == ("one.md", "reviewed")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("order = 1", 'order = "first"', "order"),
        ("order = 1", "order = true", "order"),
        ("reviewed = 2026-11-26", 'reviewed = "last week"', "reviewed"),
        ('title = "One"', 'title = ""', "title"),
        ("summary = ", 'summary = "Too short"\nx = ', "summary"),
    ],
)
def test_malformed_field_is_named_with_its_line(content_dir, old, new, field):
    text = CHAPTER.format(title="One", order=1).replace(old, new)
    if field == "summary":  # replace the whole summary line with a short one
        text = CHAPTER.format(title="One", order=1).replace(
            'summary = "A summary long enough to pass the length check for chapter summaries."', 'summary = "Too short"'
        )
    (content_dir / "guide" / "one.md").write_text(text)
    problem = only_problem(load(content_dir), "E007")
    assert (problem.path.name, problem.field) == ("one.md", field)
    assert problem.line is not None


def test_unknown_front_matter_field_is_reported(content_dir):
    text = CHAPTER.format(title="One", order=1).replace("+++\n## First", 'colour = "red"\n+++\n## First')
    (content_dir / "guide" / "one.md").write_text(text)
    problem = only_problem(load(content_dir), "E008")
    assert problem.field == "colour"


def test_duplicate_chapter_slug_is_reported(content_dir):
    text = CHAPTER.format(title="Three", order=3).replace("+++\n## First", 'slug = "one"\n+++\n## First')
    (content_dir / "guide" / "three.md").write_text(text)
    problem = only_problem(load(content_dir), "E009")
    assert problem.path.name == "three.md" and "one" in problem.message


def test_duplicate_source_key_is_reported(tmp_path):
    root = write_content(
        tmp_path / "content", sources=SOURCES + SOURCES.split("[[sources]]")[1].join(["[[sources]]", ""])
    )
    problem = only_problem(load(root), "E009")
    assert problem.path.name == "sources.toml" and "alpha" in problem.message and problem.line == 34


def test_malformed_source_entry_names_entry_and_field(tmp_path):
    root = write_content(tmp_path / "content", sources=SOURCES.replace('date = "2015"', 'date = "last year"'))
    problem = only_problem(load(root), "E007")
    assert problem.field == "sources[1] (beta).date"
    assert problem.line == 20


def test_unknown_diagram_is_reported(content_dir):
    (content_dir / "guide" / "one.md").write_text(CHAPTER.format(title="One", order=1) + "\n!diagram[missing]\n")
    problem = only_problem(load(content_dir), "E010")
    assert (problem.path.name, problem.line) == ("one.md", 15)


def test_diagram_is_placed_and_its_links_checked(content_dir):
    (content_dir / "diagrams" / "flow.html").write_text('<figure><a href="/glossary/#nope">x</a></figure>')
    (content_dir / "guide" / "one.md").write_text(CHAPTER.format(title="One", order=1) + "\n!diagram[flow]\n")
    library = load(content_dir)
    assert "<figure>" in library.chapter("one").html
    assert only_problem(library, "E004").path.name == "flow.html"


def test_chapter_with_too_few_citations_is_reported(content_dir):
    (content_dir / "guide" / "one.md").write_text(CHAPTER.format(title="One", order=1).replace("; @gamma", ""))
    problem = only_problem(load(content_dir), "E011")
    assert problem.path.name == "one.md"


def test_duplicate_order_is_reported(content_dir):
    (content_dir / "guide" / "two.md").write_text(CHAPTER.format(title="Two", order=1))
    problem = only_problem(load(content_dir), "E012")
    assert problem.path.name == "two.md"


def test_missing_bibliography_file_is_reported(content_dir):
    (content_dir / "sources.toml").unlink()
    library = load(content_dir)
    assert "E013" in codes(library)


def test_every_problem_is_collected_not_just_the_first(content_dir):
    (content_dir / "guide" / "one.md").write_text(
        CHAPTER.format(title="One", order=1) + "\n[@x] [[y]] [z](/nowhere/)\n"
    )
    assert {"E001", "E002", "E003"} <= set(codes(load(content_dir)))


def test_content_problems_fail_the_django_system_check(settings, content_dir):
    from explainer import library as library_module

    (content_dir / "guide" / "one.md").write_text(CHAPTER.format(title="One", order=1) + "\n[@nope]\n")
    settings.CONTENT_DIR = content_dir
    library_module.clear_caches()
    try:
        from django.core.management.base import SystemCheckError

        with pytest.raises(SystemCheckError, match=r"one\.md:15: citation: unknown source key 'nope'"):
            call_command("check")
    finally:
        library_module.clear_caches()


def test_the_real_content_passes_the_system_check():
    call_command("check", fail_level="WARNING")


@pytest.mark.slow
def test_the_content_package_does_not_import_django():
    code = (
        "import sys, explainer.content; assert not any(m.startswith('django') for m in sys.modules), 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_glossary_term_with_a_label_inside_a_table_stays_in_its_cell(content_dir):
    table = "\n| Term | Meaning |\n|---|---|\n| [[hukou|household registration]] | old |\n"
    (content_dir / "guide" / "one.md").write_text(CHAPTER.format(title="One", order=1) + table)
    html = load(content_dir).chapter("one").html
    assert (
        '<td><span class="term"><a aria-describedby="term-hukou-2" href="/glossary/#hukou">household registration</a>'
        in html
    )
    assert "<td>old</td>" in html and "[[" not in html


def test_real_chapters_leave_no_unrendered_syntax(library):
    for chapter in library.chapters:
        assert "[[" not in chapter.html and "[@" not in chapter.html, chapter.slug
        assert "cite-missing" not in chapter.html and "term-missing" not in chapter.html, chapter.slug


@pytest.mark.parametrize(
    ("date", "label"), [("2014-06-14", "14 June 2014"), ("2014-06", "June 2014"), ("2014", "2014"), ("n.d.", "n.d.")]
)
def test_source_dates_read_naturally(date, label):
    from datetime import date as Date

    from explainer.content.records import Source

    source = Source("k", "A", "T", "P", date, "https://example.org", Date(2026, 11, 26))
    assert source.date_label == label
