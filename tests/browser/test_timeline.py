"""Readers click, key and (without JavaScript) link through the timeline; back and forward work."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def event_links(page):
    return page.locator(".timeline-axis .events a")


def heading(page):
    return page.locator("#event-title")


def test_click_three_events_then_back_twice_lands_on_the_first(page):
    page.goto("/timeline/")
    links = event_links(page)
    titles = []
    for i in (2, 5, 9):
        link = links.nth(i)
        titles.append(link.inner_text())
        link.click()
        expect(heading(page)).to_have_text(titles[-1])
        expect(page).to_have_url(re.compile(re.escape(link.get_attribute("href")) + "$"))
    page.go_back()
    expect(heading(page)).to_have_text(titles[1])
    page.go_back()
    expect(heading(page)).to_have_text(titles[0])
    expect(page.locator("h1")).to_have_text("Timeline, 1990s to 2022, and since")  # the whole page, not a fragment
    page.reload()
    expect(heading(page)).to_have_text(titles[0])
    expect(page.locator(".timeline-axis [aria-current=true]")).to_have_text(titles[0])
    assert page.console_errors == []


def test_deep_link_opens_the_event_in_the_full_page(page):
    page.goto("/timeline/2014-planning-outline/")
    expect(heading(page)).to_contain_text("Planning Outline")
    expect(page.locator(".timeline-axis [aria-current=true]")).to_contain_text("Planning Outline")
    page.locator(".event-pager a[rel=next]").click()
    expect(page).not_to_have_url(re.compile("2014-planning-outline"))
    expect(heading(page)).to_be_focused()


def test_keyboard_only_reader_moves_with_arrows_and_opens_with_enter(page):
    page.goto("/timeline/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.timeline-axis .events')"):
            break
    first = event_links(page).first
    expect(first).to_be_focused()
    opened = []
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        title = page.evaluate("document.activeElement.textContent")
        page.keyboard.press("Enter")
        expect(heading(page)).to_have_text(title)
        expect(heading(page)).to_be_focused()
        expect(page.locator("#timeline-status")).to_contain_text(title)
        opened.append(title)
        page.keyboard.press("Escape")  # back to the list: the opened event is its one tab stop
        expect(page.locator(".timeline-axis .events a[tabindex='0']")).to_have_text(title)
        expect(page.locator(".timeline-axis .events a[tabindex='0']")).to_be_focused()
    page.go_back()  # the browser's own back (headless Chromium ignores Alt+Left)
    expect(heading(page)).to_have_text(opened[1])
    page.go_back()
    expect(heading(page)).to_have_text(opened[0])


def test_theme_filter_updates_in_place_and_keeps_the_address_in_sync(page):
    page.goto("/timeline/")
    total = event_links(page).count()
    page.get_by_label("Courts and enforcement").check()
    expect(page).to_have_url(re.compile(r"/timeline/\?theme=courts$"))
    expect(page.locator(".result-count")).to_contain_text("about courts and enforcement")
    shown = event_links(page).count()
    assert 0 < shown < total
    assert all(
        "?theme=courts" in href
        for href in event_links(page).evaluate_all("els => els.map(e => e.getAttribute('href'))")
    )
    page.go_back()
    expect(event_links(page)).to_have_count(total)


def test_without_javascript_links_and_the_filter_still_work(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/timeline/")
    titles = []
    for i in (1, 4, 7):
        link = event_links(page).nth(i)
        titles.append(link.inner_text())
        link.click()
        expect(heading(page)).to_have_text(titles[-1])
    page.go_back()
    page.go_back()
    expect(heading(page)).to_have_text(titles[0])
    page.locator(".theme-filter-box summary").click()  # event pages also have "Cite this page"
    page.get_by_label("City pilots").check()
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?theme=cities$"))
    expect(page.locator(".result-count")).to_contain_text("about city pilots")
    context.close()


def test_history_restore_with_script_set_styles_breaks_no_csp_rule(page):
    """A style set from script (a browser extension, autofill, our glossary pop-up) must not make htmx copy a
    style attribute during a swap: the CSP refuses inline styles, and each copy logged an error."""
    page.goto("/timeline/")
    event_links(page).nth(2).click()
    expect(heading(page)).to_have_text(event_links(page).nth(2).inner_text())
    page.evaluate("document.getElementById('site-search-q').style.outlineColor = 'red'")  # CSSOM: allowed
    event_links(page).nth(4).click()
    expect(heading(page)).to_have_text(event_links(page).nth(4).inner_text())
    # No snapshot of the page (with its feedback forms' CSRF tokens) is kept in localStorage.
    assert page.evaluate("localStorage.getItem('htmx-history-cache')") is None
    page.go_back()
    expect(heading(page)).to_have_text(event_links(page).nth(2).inner_text())
    assert page.console_errors == []
