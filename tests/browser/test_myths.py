"""Readers reveal the facts behind a claim and play a quiz round, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_show_the_facts_by_click_then_hide_them(page):
    page.goto("/myths/")
    card = page.locator(".myth-card").first
    button = card.locator("a.reveal")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(card.locator(".myth-facts")).to_contain_text("Read the full fact check")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page).to_have_url(re.compile(r"/myths/$"))  # revealing does not navigate
    button.click()
    expect(card.locator(".myth-facts")).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert page.console_errors == []


def test_a_fact_check_page_loads_with_no_console_or_csp_errors(page):
    page.goto("/myths/single-national-score/")
    expect(page.locator("h1")).to_contain_text("single national")
    assert (
        page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)['@type']")
        == "ClaimReview"
    )
    assert page.console_errors == []


def test_show_the_facts_with_the_keyboard(page):
    page.goto("/myths/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('reveal')"):
            break
    button = page.locator("a.reveal").first
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".myth-facts").first).to_contain_text("Read the full fact check")
    expect(button).to_be_focused()
    page.keyboard.press(" ")
    expect(page.locator(".myth-facts").first).to_be_hidden()


def test_verdict_filter_updates_the_cards_and_the_address(page):
    page.goto("/myths/")
    total = page.locator(".myth-card").count()
    page.get_by_label("Show claims rated").select_option("false")
    expect(page).to_have_url(re.compile(r"\?verdict=false$"))
    shown = page.locator(".myth-card").count()
    assert 0 < shown < total
    expect(page.locator(".myth-card .verdict")).to_have_text(["False"] * shown)


def play_round(page):
    page.get_by_role("button", name="Start the quiz").click()
    for i in range(10):
        expect(page.locator(".quiz-progress")).to_have_text(f"Claim {i + 1} of 10")
        page.get_by_role("button", name="True" if i % 2 else "False").click()
        expect(page.locator(".quiz-feedback")).to_be_visible()
        page.locator(".quiz-feedback .button").click()
    expect(page.locator(".quiz-summary h2")).to_contain_text("of 10 right")
    expect(page.locator(".quiz-results li")).to_have_count(10)


def test_a_quiz_round_with_the_mouse(page):
    page.goto("/myths/quiz/")
    play_round(page)
    assert page.console_errors == []


def test_a_quiz_round_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/myths/quiz/")
    play_round(page)
    context.close()
