"""Readers guess a claim before opening its verdict, filter the claims, and move between fact checks."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_verdicts_are_hidden_until_the_reader_opens_one(page):
    page.goto("/myths/")
    card = page.locator(".myth-card").first
    expect(card.locator(".verdict")).to_be_hidden()
    card.locator("summary").click()
    expect(card.locator(".verdict")).to_be_visible()
    expect(card.locator(".myth-short")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/myths/$"))
    assert page.console_errors == []


def test_open_a_verdict_with_the_keyboard(page):
    page.goto("/myths/")
    summary = page.locator(".myth-card summary").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".myth-card .verdict").first).to_be_visible()


def test_show_all_verdicts_switch(page):
    page.goto("/myths/")
    page.get_by_role("link", name="Show all verdicts").click()
    expect(page).to_have_url(re.compile(r"\?reveal=all$"))
    count = page.locator(".myth-card").count()
    expect(page.locator(".myth-card .verdict")).to_have_count(count)
    for verdict in page.locator(".myth-card .verdict").all()[:3]:
        expect(verdict).to_be_visible()
    page.get_by_role("link", name="Hide the verdicts").click()
    expect(page).to_have_url(re.compile(r"/myths/$"))
    expect(page.locator(".myth-card .verdict").first).to_be_hidden()


def test_verdict_and_topic_filters_update_the_cards_and_the_address(page):
    page.goto("/myths/")
    total = page.locator(".myth-card").count()
    page.get_by_label("Topic").select_option("travel")
    expect(page).to_have_url(re.compile(r"\?verdict=&topic=travel$"))
    expect(page.locator(".result-count")).to_contain_text("on travel bans")
    shown = page.locator(".myth-card").count()
    assert 0 < shown < total
    page.get_by_label("Verdict").select_option("true")
    expect(page).to_have_url(re.compile(r"\?verdict=true&topic=travel$"))
    expect(page.locator(".result-count")).to_contain_text("rated true on travel bans")


def test_filters_work_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/myths/")
    page.get_by_label("Topic").select_option("companies")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page).to_have_url(re.compile(r"topic=companies"))
    expect(page.locator(".result-count")).to_contain_text("on companies")
    page.locator(".myth-card summary").first.click()
    expect(page.locator(".myth-card .verdict").first).to_be_visible()
    context.close()


def test_next_and_previous_claim_on_a_fact_check(page):
    page.goto("/myths/single-national-score/")
    assert page.console_errors == []
    page.locator("a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"/myths/low-score-travel-ban/$"))
    page.locator("a[rel=prev]").click()
    expect(page).to_have_url(re.compile(r"/myths/single-national-score/$"))
