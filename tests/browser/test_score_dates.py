"""Readers use the widget's new controls: when each action happens, "rules in force on", the phone cue,
the skip link, the empty filter, a failed request, and the copy button."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_an_actions_month_survives_every_other_control(page):
    page.goto("/score/?persona=person&action=refuse-judgment&action=perform-judgment%406&months=3")
    when = page.locator('select[name="when.perform-judgment"]')
    expect(when).to_have_value("6")
    page.get_by_label("Look at the situation").select_option("12")
    expect(page).to_have_url(re.compile(r"action=perform-judgment%406.*months=12"))
    page.get_by_label("Rules in force on").select_option("2019-01-01")
    expect(page).to_have_url(re.compile(r"as_of=2019-01-01"))
    expect(when).to_have_value("6")
    expect(page.locator("#score-result")).to_contain_text("1 January 2019")
    assert page.console_errors == []


def test_setting_when_an_action_happens_updates_the_address(page):
    page.goto("/score/?persona=person&action=refuse-judgment&action=perform-judgment")
    page.locator('select[name="when.perform-judgment"]').select_option("12")
    expect(page).to_have_url(re.compile(r"action=perform-judgment%4012"))


def test_on_a_phone_a_cue_leads_to_the_result(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.goto("/score/")
    page.get_by_label("A person elsewhere in China").check()
    page.locator(".action-option:visible input[type=checkbox]").first.check()
    cue = page.locator("#score-jump")
    expect(cue).to_be_visible()
    cue.click()
    expect(page.locator("#score-result h2")).to_be_focused()
    context.close()


def test_keyboard_users_can_skip_to_the_result(page):
    page.goto("/score/?persona=person&action=refuse-judgment")
    page.get_by_label("Rules in force on").focus()
    page.keyboard.press("Shift+Tab")
    skip = page.get_by_role("link", name="Skip to the result")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#score-result$"))


def test_an_empty_filter_says_so_and_keeps_ticked_actions(page):
    page.goto("/score/?persona=person&action=refuse-judgment")
    page.get_by_label("Filter actions").fill("zzzz")
    expect(page.locator("#action-filter-empty")).to_contain_text("No action matches “zzzz”")
    expect(page.locator(".action-option:visible")).to_have_count(1)  # the ticked one stays


def test_a_failed_request_shows_a_message_and_keeps_the_result(page):
    page.goto("/score/?persona=person&action=refuse-judgment")
    page.route("**/score/**", lambda route: route.abort())
    page.get_by_label("Look at the situation").select_option("12")
    expect(page.locator("#score-failed")).to_be_visible()
    expect(page.locator(".headline")).to_be_visible()


def test_the_copy_button_copies_the_scenario_address(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/score/?persona=company&action=miss-annual-report&months=36")
    page.get_by_role("button", name="Copy the link to this scenario").click()
    expect(page.get_by_role("button", name="Link copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith("/score/?persona=company&action=miss-annual-report&months=36")


def test_a_slow_update_shows_that_it_is_loading(page):
    page.goto("/score/?persona=person&action=refuse-judgment")
    loading = page.locator("#score-loading")
    expect(loading).to_be_hidden()
    page.route("**/score/**", lambda route: (page.wait_for_timeout(800), route.continue_()))
    page.get_by_label("Look at the situation").select_option("12")
    expect(loading).to_be_visible()
    expect(loading).to_be_hidden(timeout=10000)
    expect(page.locator("#score-result")).to_contain_text("12 months later")
