import textwrap
from pathlib import Path

import pytest

from explainer.library import get_library

SOURCES = """
[[sources]]
key = "alpha"
author = "Author A"
title = "Title A"
publisher = "Publisher A"
date = "2014-06"
url = "https://example.org/a"
accessed = 2026-11-26

[[sources]]
key = "beta"
author = "Author B"
title = "Title B"
publisher = "Publisher B"
date = "2015"
url = "https://example.org/b"
accessed = 2026-11-26

[[sources]]
key = "gamma"
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
