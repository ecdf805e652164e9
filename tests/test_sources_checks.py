"""Issue 14's checks on sources: kinds, weak-only statements, pinpoints, document pages, uncited entries,
and the legal basis of every rule. Each test breaks a small content tree in one way and expects the
check to name the file (and line) of the problem."""

import textwrap

from explainer.content import load
from explainer.content.evidence import uncited
from explainer.rules import data as rules_data
from explainer.rules.cross_checks import LegalTexts

from .conftest import CHAPTER, SOURCES, only_problem, write_content

WEAK = """
[[sources]]
key = "blog"
kind = "other"
topics = ["reception"]
author = "A Blogger"
title = "A blog post"
publisher = "Blog"
date = "2020"
url = "https://blog.example/post"
accessed = 2026-11-26
editor_note = "EDITORS-ONLY remark: read in a mirror copy"
"""

DOCUMENT = """
short = "Alpha provisions (2014)"
number = "法释〔2014〕1号"
issuer = "A court"
issued = 2014-06-01
in_force = 2014-07-01
status = "in force"
summary = "What the document does."

[[articles]]
ref = "art. 3"
zh = "第三条　甲。"
en = "Article 3. A."

[[articles]]
ref = "art. 12"
zh = "第十二条　乙。"
en = "Article 12. B."
"""


def _with_chapter_line(root, line):
    chapter = CHAPTER.format(title="Three", order=3) + f"\n{line}\n"
    (root / "guide" / "three.md").write_text(chapter, encoding="utf-8")
    return chapter.splitlines().index(line) + 1


def _with_document(root, text=DOCUMENT, key="alpha"):
    (root / "documents").mkdir(exist_ok=True)
    (root / "documents" / f"{key}.toml").write_text(textwrap.dedent(text), encoding="utf-8")


def test_a_source_without_a_kind_fails(tmp_path):
    root = write_content(tmp_path / "content", sources=SOURCES.replace('kind = "press"\n', "", 1))
    problem = only_problem(load(root), "E006")
    assert problem.field == "sources[1] (beta).kind"


def test_an_unknown_kind_or_topic_fails(tmp_path):
    sources = SOURCES.replace('kind = "press"', 'kind = "blog"').replace('topics = ["courts"]', 'topics = ["cats"]', 1)
    problems = {p.field: p.message for p in load(write_content(tmp_path / "content", sources=sources)).problems}
    assert "must be one of law" in problems["sources[1] (beta).kind"]
    assert "cats" in problems["sources[0] (alpha).topics"]


def test_a_statement_resting_only_on_other_sources_fails_with_its_line(tmp_path):
    root = write_content(tmp_path / "content", sources=SOURCES + WEAK)
    line = _with_chapter_line(root, "Something happened [@blog].")
    problem = only_problem(load(root), "E020")
    assert problem.path.name == "three.md" and problem.line == line and "blog" in problem.message


def test_a_stronger_source_or_the_about_marker_lets_it_pass(tmp_path):
    root = write_content(tmp_path / "content", sources=SOURCES + WEAK)
    _with_chapter_line(root, "Something happened [@blog; @beta]. The blog argued it [about @blog].")
    assert not [p for p in load(root).problems if p.code == "E020"]


def test_a_glossary_entry_whose_sources_are_all_other_fails(tmp_path):
    root = write_content(tmp_path / "content", sources=SOURCES + WEAK)
    glossary = (root / "glossary.toml").read_text(encoding="utf-8")
    glossary = glossary.replace('sources = ["alpha"]', 'sources = ["blog"]', 1)
    (root / "glossary.toml").write_text(glossary, encoding="utf-8")
    problem = only_problem(load(root), "E020")
    assert problem.path.name == "glossary.toml"


def test_a_pinpoint_must_name_an_article_on_the_document_page(tmp_path):
    root = write_content(tmp_path / "content")
    _with_document(root)
    line = _with_chapter_line(
        root, "Fine [@alpha, art. 3(1)]. Also fine [@alpha, art. 12, para. 2]. Wrong [@alpha, art. 1]."
    )
    problem = only_problem(load(root), "E019")
    assert problem.path.name == "three.md" and problem.line == line and "art. 1" in problem.message


def test_a_document_page_belongs_to_a_law_entry(tmp_path):
    root = write_content(tmp_path / "content")
    _with_document(root, key="beta")  # beta is press
    problem = only_problem(load(root), "E018")
    assert problem.path.name == "beta.toml" and "press" in problem.message


def test_a_document_translation_must_be_a_translation_entry(tmp_path):
    root = write_content(tmp_path / "content")
    _with_document(root, DOCUMENT.replace('status = "in force"', 'status = "in force"\ntranslations = ["beta"]'))
    problem = only_problem(load(root), "E018")
    assert problem.field == "translations"


def test_pinpoints_render_in_the_text_and_the_reference_list_links_the_article(tmp_path):
    root = write_content(tmp_path / "content")
    _with_document(root)
    _with_chapter_line(root, "Bans [@alpha, art. 3(1); @beta].")
    library = load(root)
    assert not library.problems, [str(p) for p in library.problems]
    chapter = library.chapter("three")
    assert '<a class="cite-pin" href="/sources/alpha/#art-3">art. 3(1)</a>' in chapter.html
    assert 'aria-label="Source 1: Author A, Title A, art. 3(1)"' in chapter.html
    assert chapter.citation_pinpoints[chapter.citations.index("alpha")] == ("art. 3(1)",)
    assert library.pinpoint_url("alpha", "art. 3(1)") == "/sources/alpha/#art-3"
    assert library.pinpoint_url("alpha", "art. 31") is None


def test_an_about_marker_is_visible_to_readers(tmp_path):
    root = write_content(tmp_path / "content", sources=SOURCES + WEAK)
    _with_chapter_line(root, "The blog argued it [about @blog].")
    html = load(root).chapter("three").html
    assert 'class="cite cite-about"' in html and "the source itself" in html


def test_an_entry_cited_nowhere_is_reported(tmp_path):
    root = write_content(tmp_path / "content", sources=SOURCES + WEAK)
    found = uncited(load(root), root)
    assert [(p.code, p.field) for p in found] == [("W021", "blog")]
    assert uncited(load(root), root, elsewhere={"blog"}) == []


RULES = """
[mechanism]
id = "m"
name = "M"
kind = "list"
run_by = "A court"
document = "Alpha provisions"
date = "2014"
summary = "A list."
sources = ["alpha"]
personas = ["person"]

[[lists]]
id = "l"
name = "L"
kind = "blacklist"

[[actions]]
id = "a"
label = "Does a thing"
personas = ["person"]

[[rules]]
id = "m.r"
action = "a"
effect = "list-entry"
list = "l"
text = "Listed."
sources = ["alpha"]
{basis}
"""
PERSONAS = '[[personas]]\nid = "person"\nlabel = "A person"\ndescription = "Someone."\n'


def _rule_problems(tmp_path, basis):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "personas.toml").write_text(PERSONAS, encoding="utf-8")
    (folder / "m.toml").write_text(RULES.format(basis=basis), encoding="utf-8")
    legal = LegalTexts(
        kinds={"alpha": "law", "beta": "press", "gamma": "translation"},
        has_article=lambda key, pin: (key, pin) == ("alpha", "art. 3(1)"),
    )
    _, problems = rules_data.load(folder, source_keys={"alpha", "beta", "gamma"}, legal=legal)
    return [(p.code, p.field, p.message) for p in problems]


def test_a_rule_with_a_pinpointed_legal_basis_passes(tmp_path):
    assert _rule_problems(tmp_path, 'basis = ["alpha, art. 3(1)"]') == []


def test_a_rule_without_basis_fails_unless_it_names_the_report_it_rests_on(tmp_path):
    assert [p[:2] for p in _rule_problems(tmp_path, "")] == [("E022", "m.r.basis")]
    (tmp_path / "reported").mkdir()
    assert _rule_problems(tmp_path / "reported", 'reported_by = "beta"') == []


def test_a_legal_basis_must_be_law_or_translation_with_a_pinpoint_on_a_document_page(tmp_path):
    for i, (basis, expected) in enumerate(
        [
            ('basis = ["beta, art. 3"]', "of kind 'press'"),
            ('basis = ["alpha"]', "needs a pinpoint"),
            ('basis = ["alpha, art. 9"]', "not an article on a document page"),
            ('basis = ["nobody, art. 3"]', "unknown source key"),
        ]
    ):
        (tmp_path / str(i)).mkdir()
        problems = _rule_problems(tmp_path / str(i), basis)
        assert len(problems) == 1 and expected in problems[0][2], problems
