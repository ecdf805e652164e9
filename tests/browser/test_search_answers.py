"""A new reader types questions into search: the first result answers them, the answer card shows,
and it all works without JavaScript; axe finds nothing on the card."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from explainer.search import relevance

pytestmark = pytest.mark.browser

QUESTIONS = ["What happened in 2014?", "Can my credit be repaired?", "Is Sesame Credit the government score?"]


def answers(query):
    return {q.q: q.answers for q in relevance.load()}[query]


@pytest.mark.parametrize("query", QUESTIONS)
def test_a_typed_question_is_answered_by_the_first_result_and_a_card(page, query):
    page.goto("/")
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    first = page.locator("#search-results .search-result a").first
    assert first.get_attribute("href") in answers(query)
    card = page.locator("[data-search-answer]")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Best answer")
    assert page.console_errors == []


def test_the_card_follows_live_typing(page):
    page.goto("/search/")
    page.locator("#search-q").press_sequentially("What is a redlist?", delay=20)
    expect(page.locator("[data-search-answer] h2 a")).to_have_attribute("href", "/glossary/#redlist")
    page.locator("#search-q").fill("")
    page.locator("#search-q").press_sequentially("Rongcheng", delay=20)
    expect(page.locator(".search-count")).to_contain_text("for “Rongcheng”")
    expect(page.locator("[data-search-answer]")).to_have_count(0)


def test_without_javascript_a_question_gets_its_card(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search/")
    page.locator("#search-q").fill("What happened in 2014?")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("[data-search-answer]")).to_contain_text("2014 on the timeline")
    expect(page.locator(".search-answer-events a")).to_have_count(4)
    href = page.locator("#search-results .search-result a").first.get_attribute("href")
    assert href in answers("What happened in 2014?")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("q", ["What happened in 2014?", "Is Sesame Credit the government score?", "what is it"])
def test_axe_finds_no_violations_on_answers(page, q, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"/search/?q={q}")
    outcome = Axe().run(page)
    assert outcome.violations_count == 0, outcome.generate_report()


def test_the_card_fits_a_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto("/search/?q=Is+Sesame+Credit+the+government+score%3F")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    size = page.locator(".search-answer-text").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 16
    context.close()
