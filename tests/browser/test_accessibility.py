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
        "/timeline/2025-credit-repair-plan/",  # an event since the draft law, with "What changed" nearby
        "/corrections/",
        "/guide/what-comes-next/",
        "/sources/gov-cn-2025-credit-repair-plan/",
        "/sources/spc-2015-high-consumption/",  # a document page: articles side by side
        "/sources/?kind=law&topic=courts",
        "/score/?persona=company&action=miss-annual-report&months=36",  # strip, areas, three people
        "/score/?persona=person&action=refuse-judgment&as_of=2016-01-01",
        "/embed/timeline/",
        "/embed/myths/algorithm-scores-everyone/",
        "/embed/score/?persona=person&action=refuse-judgment",
        "/embed/score/?persona=nobody",  # the embed's 400 message
        "/embed/numbers/court-defaulter-listings/",
    ],
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(page, url, scheme):
    # Reduced motion: axe then checks each element as it settles, not halfway through a fade (the floating
    # "Back to top" fades in; caught mid-fade on a busy machine, its text failed the contrast check).
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    page.goto(url)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_after_a_widget_update_and_a_quiz_answer(page):
    page.goto("/score/")
    page.get_by_label("A resident of Rongcheng").check()
    page.locator(".action-option input").first.check()
    page.locator(".rule-lines li").first.wait_for()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.goto("/myths/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_role("button", name="True").click()
    page.locator(".quiz-feedback").wait_for()
    page.locator("a.reveal").count()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
