"""Instructions that only hold when scripts run (live results, the "/" key, the timeline's arrow keys)
show only when they do; without JavaScript the reader sees none of them."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HINTS = [
    ("/search/", "Results appear as you type"),
    ("/search/", "Press / on any page"),
    ("/timeline/", "arrow keys move between events"),
]


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(("path", "text"), HINTS)
def test_script_only_hint_is_hidden_without_javascript(no_js_page, path, text):
    no_js_page.goto(path)
    expect(no_js_page.get_by_text(text)).to_be_hidden()
    assert no_js_page.locator("[aria-keyshortcuts]").count() == 0  # "/" does nothing without the script


@pytest.mark.parametrize(("path", "text"), HINTS)
def test_script_only_hint_shows_when_javascript_runs(page, path, text):
    page.goto(path)
    expect(page.get_by_text(text)).to_be_visible()
    expect(page.locator("[data-search-input]").first).to_have_attribute("aria-keyshortcuts", "/")
    assert page.console_errors == []


def test_the_rest_of_the_timeline_help_shows_without_javascript(no_js_page):
    no_js_page.goto("/timeline/")
    expect(no_js_page.locator(".timeline-help a", has_text="JSON")).to_be_visible()


def test_hints_in_html_are_marked_hidden_for_scripts_to_reveal(client):
    for path, text in HINTS:
        html = client.get(path).content.decode()
        start = html.index(text)
        opening = html.rindex("<span", 0, start)
        assert "data-js-hint hidden" in html[opening:start], path
