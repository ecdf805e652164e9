"""Clone, spam and pirate domains (content/blocklist.toml) are never sources: a link to one fails check."""

from explainer.content import load
from explainer.library import get_library

from .conftest import SOURCES, write_content

BLOCKLIST = '[[blocked]]\ndomain = "clone.example"\nwhy = "copies news pages"\n'


def test_a_source_on_a_blocked_domain_fails_check_naming_the_file_and_line(content_dir):
    (content_dir / "blocklist.toml").write_text(BLOCKLIST, encoding="utf-8")
    sources = SOURCES.replace("https://example.org/b", "http://www.clone.example/china/2010/content_1.htm")
    write_content(content_dir, sources=sources)
    problems = [p for p in load(content_dir).problems if p.code == "E017"]
    assert len(problems) == 1, [str(p) for p in load(content_dir).problems]
    problem = problems[0]
    assert problem.path.name == "sources.toml" and "www.clone.example" in problem.message
    lines = (content_dir / "sources.toml").read_text(encoding="utf-8").splitlines()
    assert "clone.example" in lines[problem.line - 1]


def test_a_blocked_link_in_a_note_or_a_page_fails_too_but_similar_names_do_not(content_dir):
    (content_dir / "blocklist.toml").write_text(BLOCKLIST, encoding="utf-8")
    chapter = (content_dir / "guide" / "one.md").read_text(encoding="utf-8")
    chapter += "\nA copy [was here](https://clone.example/a) [@alpha]. Not [this](https://notclone.example/b).\n"
    (content_dir / "guide" / "one.md").write_text(chapter, encoding="utf-8")
    problems = [p for p in load(content_dir).problems if p.code == "E017"]
    assert [p.path.name for p in problems] == ["one.md"]


def test_the_editors_review_notes_may_name_blocked_domains(content_dir):
    (content_dir / "blocklist.toml").write_text(BLOCKLIST, encoding="utf-8")
    (content_dir / "reviews").mkdir()
    (content_dir / "reviews" / "notes.md").write_text("Replaced https://clone.example/x.\n", encoding="utf-8")
    assert not [p for p in load(content_dir).problems if p.code == "E017"]


def test_the_real_content_links_no_blocked_domain():
    assert not [str(p) for p in get_library().problems if p.code == "E017"]
