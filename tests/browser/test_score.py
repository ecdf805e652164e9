"""Readers try the score widget: ticking updates the result in place, and its address can be shared."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_ticking_actions_changes_the_grade_without_a_reload(page):
    page.goto("/score/")
    page.get_by_label("A resident of Rongcheng").check()
    expect(page.locator(".points-value")).to_contain_text("1000 points")
    page.evaluate("window.__marker = 'same page'")
    option = page.locator(".action-option:visible").filter(has_text=re.compile("damag", re.I)).first
    option.locator("input").check()
    expect(page.locator(".points-value")).not_to_contain_text("1000 points")
    expect(page).to_have_url(re.compile(r"persona=rongcheng-resident.*action="))
    assert page.evaluate("window.__marker") == "same page", "no full reload"
    expect(page.locator("#score-status")).not_to_be_empty()
    shared = page.url
    result = page.locator(".points-value").inner_text()

    fresh = page.context.new_page()
    fresh.goto(shared)
    expect(fresh.locator(".points-value")).to_have_text(result)
    fresh.close()
    assert page.console_errors == []


def test_the_filter_box_narrows_the_actions(page):
    page.goto("/score/?persona=company")
    visible = page.locator(".action-option:visible").count()
    page.get_by_label("Filter actions").fill("tax")
    expect(page.locator(".action-option:visible")).not_to_have_count(visible)
    assert page.locator(".action-option:visible").count() > 0


def test_keyboard_only(page):
    page.goto("/score/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'persona'"):
            break
    page.keyboard.press("Space")
    expect(page.locator("#score-result h2")).to_be_visible()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'action'"):
            break
    page.keyboard.press("Space")
    expect(page.locator(".rule-lines li").first).to_be_visible()


def test_without_javascript_the_form_loads_the_same_result(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/score/")
    page.get_by_label("A company").check()
    page.get_by_role("button", name="Show what happens").click()
    expect(page).to_have_url(re.compile(r"persona=company"))
    page.locator(".action-option input").first.check()
    page.get_by_role("button", name="Show what happens").click()
    expect(page.locator(".rule-lines li").first).to_be_visible()
    # A company has no score in this model, but firms do have the NDRC's national grade: the box says so.
    expect(page.locator(".no-score")).to_contain_text("This model gives a company no score")
    expect(page.locator(".no-score")).to_contain_text("national public credit grade")
    context.close()
