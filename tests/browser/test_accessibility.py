"""axe-core, run in Chromium, finds no violations on the main page types."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/guide/how-it-works/",
        "/glossary/",
        "/sources/",
        "/about/",
        "/guide/no-such-page/",
        "/timeline/",
        "/timeline/2014-planning-outline/",
        "/timeline/?theme=nonsense",
    ],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(page, url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
