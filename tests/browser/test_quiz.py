"""The three-answer quiz in a browser: with and without JavaScript, Back and reload, and axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ANSWERS = ["True", "False", "It’s more complicated"]


def play_round(page):
    page.get_by_role("button", name="Start the quiz").click()
    for i in range(10):
        expect(page).to_have_url(re.compile(rf"/myths/quiz/{i + 1}/$"))
        expect(page.locator(".quiz-progress")).to_contain_text(f"Claim {i + 1} of 10")
        page.get_by_role("button", name=ANSWERS[i % 3], exact=True).click()
        feedback = page.locator(".quiz-feedback")
        expect(feedback).to_be_visible()
        expect(feedback.locator("h2")).to_contain_text(re.compile(r"Right!|Wrong\."))
        expect(page.locator(".quiz-score")).to_have_text(re.compile(rf"^\d+ of {i + 1}$"))
        feedback.locator(".button").click()
    expect(page).to_have_url(re.compile(r"/myths/quiz/results/$"))
    expect(page.locator(".quiz-summary h2")).to_contain_text("of 10 right")
    expect(page.locator(".quiz-results li")).to_have_count(10)
    expect(page.locator(".quiz-share")).to_contain_text("/myths/quiz/scored/")


def test_a_quiz_round_with_the_mouse(page):
    page.goto("/myths/quiz/")
    play_round(page)
    assert page.console_errors == []
    results = Axe().run(page)  # the end screen
    assert results.violations_count == 0, results.generate_report()


def test_a_quiz_round_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/myths/quiz/")
    play_round(page)
    context.close()


def test_back_and_reload_mid_quiz_stay_in_the_quiz(page):
    page.goto("/myths/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_role("button", name="False", exact=True).click()
    page.locator(".quiz-feedback .button").click()
    expect(page).to_have_url(re.compile(r"/myths/quiz/2/$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/myths/quiz/1/$"))
    expect(page.locator(".quiz-feedback")).to_contain_text("You answered False")
    page.reload()
    expect(page.locator(".quiz-feedback")).to_contain_text("You answered False")
    page.locator(".quiz-feedback .button").click()
    expect(page).to_have_url(re.compile(r"/myths/quiz/2/$"))  # the swap has landed: reload that page
    expect(page).to_have_title(re.compile(r"^Quiz: claim 2 of 10 · "))  # htmx took the fragment's <title>
    page.reload()
    expect(page.locator(".quiz-progress")).to_contain_text("Claim 2 of 10")
    expect(page.locator(".quiz-score")).to_have_text(re.compile(r"^[01] of 1$"))
    assert page.console_errors == []


def test_right_and_wrong_feedback_differ_in_words_and_icon(page):
    page.goto("/myths/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    seen = set()
    for _ in range(10):
        page.get_by_role("button", name="True", exact=True).click()
        feedback = page.locator(".quiz-feedback")
        heading = feedback.locator("h2").inner_text()
        seen.add("right" if "Right!" in heading else "wrong")
        assert ("✓" in heading) == ("Right!" in heading) and ("✗" in heading) == ("Wrong." in heading)
        feedback.locator(".button").click()
    assert seen == {"right", "wrong"}  # a round has 3 true claims and 7 others


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_myths_page_and_quiz_screens(page, scheme):
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    page.goto("/myths/?reveal=all")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.goto("/myths/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    page.locator(".quiz-question").wait_for()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="False", exact=True).click()
    page.locator(".quiz-feedback").wait_for()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
