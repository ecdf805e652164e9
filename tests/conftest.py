"""Fixtures shared by the test modules, and the helpers they import from here (never from each other):
the project root, and small valid content trees to write into tmp_path and then break."""

import textwrap
from pathlib import Path

import pytest

from explainer.library import get_library

ROOT = Path(__file__).resolve().parent.parent  # the repository: where manage.py runs in a subprocess

SOURCES = """
[[sources]]
key = "alpha"
kind = "law"
topics = ["courts"]
author = "Author A"
title = "Title A"
publisher = "Publisher A"
date = "2014-06"
url = "https://example.org/a"
accessed = 2026-11-26

[[sources]]
key = "beta"
kind = "press"
topics = ["courts"]
author = "Author B"
title = "Title B"
publisher = "Publisher B"
date = "2015"
url = "https://example.org/b"
accessed = 2026-11-26

[[sources]]
key = "gamma"
kind = "scholarship"
topics = ["courts"]
author = "Author C"
title = "Title C"
publisher = "Publisher C"
date = "2016-01-02"
url = "https://example.org/c"
accessed = 2026-11-26
"""

GLOSSARY = """
[[terms]]
slug = "hukou"
term = "hukou"
zh = "户口"
pinyin = "hùkǒu"
meaning = "Household registration, kept by the police."
sources = ["alpha"]
"""

CHAPTER = """\
+++
title = "{title}"
order = {order}
summary = "A summary long enough to pass the length check for chapter summaries."
reviewed = 2026-11-26
+++
## First section

A claim [@alpha]. Another [@beta; @gamma]. Again [@alpha]. The [[hukou]] is old.

## Second section {{#second}}

See [the first chapter](/guide/one/#first-section).
"""


def only_problem(library, code):
    """The one problem with this code, failing with every problem listed if there is not exactly one."""
    matching = [p for p in library.problems if p.code == code]
    assert len(matching) == 1, [str(p) for p in library.problems]
    return matching[0]


def write_content(
    root: Path, chapters: dict[str, str] | None = None, sources: str = SOURCES, glossary: str = GLOSSARY
) -> Path:
    """Write a small, valid content/ tree; override parts of it to break it."""
    (root / "guide").mkdir(parents=True, exist_ok=True)
    (root / "diagrams").mkdir(exist_ok=True)
    (root / "sources.toml").write_text(textwrap.dedent(sources), encoding="utf-8")
    (root / "glossary.toml").write_text(textwrap.dedent(glossary), encoding="utf-8")
    if chapters is None:
        chapters = {"one": CHAPTER.format(title="One", order=1), "two": CHAPTER.format(title="Two", order=2)}
    for slug, text in chapters.items():
        (root / "guide" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def content_dir(tmp_path):
    return write_content(tmp_path / "content")


@pytest.fixture(scope="session")
def library():
    return get_library()


EVENT = """\
+++
title = "{title}"
date = "{date}"
issuer = "State Council"
themes = ["law"]
sources = ["alpha"]
reviewed = 2026-11-26
level = "central"
+++
Something happened [@beta]. It mattered [@alpha].
"""

ERAS = """
[[eras]]
slug = "early"
title = "Early"
start = 1990
end = 2010
intro = "The early years [@alpha]."

[[eras]]
slug = "late"
title = "Late"
start = 2011
end = 2022
intro = "The late years [@gamma]."
"""


def write_timeline(root: Path, events: dict[str, str] | None = None, eras: str = ERAS) -> Path:
    (root / "timeline").mkdir(parents=True, exist_ok=True)
    (root / "eras.toml").write_text(eras, encoding="utf-8")
    if events is None:
        events = {
            "2001-first": EVENT.format(title="First", date="2001"),
            "2014-second": EVENT.format(title="Second", date="2014-06-14"),
        }
    for slug, text in events.items():
        (root / "timeline" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


MYTH = """\
+++
claim = "{claim}"
verdict = "{verdict}"
quiz_answer = false
short_answer = "No. It is not so [@gamma]."
evidence = ["First fact [@alpha].", "Second fact [@beta]."]
related = ["/guide/one/#second"]
published = 2026-11-26
reviewed = 2026-11-26
topics = ["scores"]
rank = 1
+++
Explanation [@alpha]. The [[hukou]] again.
"""


def write_myths(root: Path, myths: dict[str, str] | None = None) -> Path:
    (root / "myths").mkdir(parents=True, exist_ok=True)
    if myths is None:
        myths = {"one-score": MYTH.format(claim="Everyone has one score.", verdict="false")}
    for slug, text in myths.items():
        (root / "myths" / f"{slug}.md").write_text(text, encoding="utf-8")
    return root
