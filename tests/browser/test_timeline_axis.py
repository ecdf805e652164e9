"""The time axis in a browser: a click or Enter on a mark opens the event (title and address follow),
phones keep their place, the list works without JavaScript, and axe finds nothing in light or dark."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MARK = ".axis-svg a.axis-mark"


def heading(page):
    return page.locator("#event-title")


def settled(page):
    """htmx wires up the links of a swapped-in event when the swap settles (20 ms later)."""
    expect(page.locator("#event-detail.htmx-settling")).to_have_count(0)
    expect(page.locator("#event-detail [data-event-close].htmx-added")).to_have_count(0)


def test_clicking_a_mark_opens_the_event_and_names_the_page_and_the_address(page):
    page.goto("/timeline/")
    mark = page.locator(f'{MARK}[href="/timeline/2014-planning-outline/"]')
    expect(mark).to_be_visible()
    page.evaluate("window.stillHere = true")  # gone if the click loaded a whole new page
    mark.click()
    expect(heading(page)).to_contain_text("Planning Outline")
    assert page.evaluate("window.stillHere") is True  # htmx swapped the panel in place
    expect(page).to_have_url(re.compile(r"/timeline/2014-planning-outline/$"))
    expect(page).to_have_title(re.compile(r"^State Council issues the Planning Outline.*\(14 June 2014\) · "))
    expect(mark).to_have_attribute("aria-current", "true")
    expect(page.locator('.events a[aria-current="true"]')).to_contain_text("Planning Outline")
    page.locator(f'{MARK}[href="/timeline/2015-credit-china/"]').click()
    expect(page).to_have_title(re.compile(r"^NDRC launches the Credit China website"))
    expect(mark).not_to_have_attribute("aria-current", "true")
    page.go_back()
    expect(heading(page)).to_contain_text("Planning Outline")
    expect(page).to_have_title(re.compile(r"^State Council issues the Planning Outline"))
    assert page.console_errors == []


def test_keyboard_reaches_the_marks_as_one_tab_stop_and_enter_opens_one(page):
    page.goto("/timeline/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('[data-time-axis]')"):
            break
    marks = page.locator(MARK)
    expect(marks.first).to_be_focused()
    assert page.locator(f'{MARK}[tabindex="0"]').count() == 1
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(marks.nth(2)).to_be_focused()
    # the focus is visible: the focused mark's outline ring is drawn in the focus colour
    ring = (
        marks.nth(2).locator(".axis-hit").evaluate("c => [getComputedStyle(c).stroke, getComputedStyle(c).strokeWidth]")
    )
    focus = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--focus').trim()")
    assert ring[1] == "3.5px" and ring[0] != "none" and focus
    href = marks.nth(2).get_attribute("href")
    page.evaluate("window.stillHere = true")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(heading(page)).to_be_focused()
    assert page.evaluate("window.stillHere") is True
    expect(page).to_have_title(re.compile(re.escape(heading(page).inner_text())))
    assert page.console_errors == []


def test_era_focus_redraws_the_axis_in_place(page):
    page.goto("/timeline/")
    total = page.locator(MARK).count()
    page.locator(".axis-eras a", has_text="2014–2016").click()
    expect(page).to_have_url(re.compile(r"/timeline/\?era=planning-outline$"))
    expect(page.locator(".axis-heading")).to_contain_text("The Planning Outline and joint punishment")
    shown = page.locator(MARK).count()
    assert 0 < shown < total
    page.locator(MARK).first.click()
    expect(page).to_have_url(re.compile(r"\?era=planning-outline$"))
    expect(page.locator(".axis-heading")).to_contain_text("2014–2016")
    page.get_by_label("Courts and enforcement").check()  # the theme filter keeps the era
    expect(page).to_have_url(re.compile(r"/timeline/\?theme=courts&era=planning-outline$"))
    expect(page.locator(".axis-heading")).to_contain_text("2014–2016")
    page.locator(".axis-eras a", has_text="All years").click()
    expect(page).to_have_url(re.compile(r"/timeline/\?theme=courts$"))
    page.get_by_label("All themes").check()
    expect(page).to_have_url(re.compile(r"/timeline/\?theme=$"))
    assert page.console_errors == []


def test_a_phone_keeps_its_place_when_an_event_opens_and_closes(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/timeline/")
    expect(page.locator(".axis-svg")).to_be_hidden()  # the list is the phone's axis
    expect(page.locator(".year-tick", has_text="2015")).to_be_visible()
    item = page.locator("#ev-2015-credit-china")
    item.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy({top: -200, behavior: 'instant'})")  # not the wheel: it scrolls smoothly, over time
    page.wait_for_function("window.scrollY > 1000")
    before = page.evaluate("window.scrollY")
    item.locator("a").click()
    expect(heading(page)).to_have_text("NDRC launches the Credit China website")
    expect(page.locator("#event-detail")).to_be_in_viewport()
    expect(page).to_have_url(re.compile(r"/timeline/2015-credit-china/$"))
    assert page.evaluate("window.scrollY") == before
    settled(page)
    page.get_by_role("link", name="Back to the list").click()
    expect(page.locator("#event-detail")).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/timeline/$"))
    expect(page).to_have_title(re.compile(r"^Timeline, 1990s to 2022, and since"))
    assert page.evaluate("window.scrollY") == before
    expect(item.locator("a")).to_be_focused()
    # Escape closes it too, and the place is still kept.
    item.locator("a").press("Enter")
    expect(heading(page)).to_be_focused()
    settled(page)
    page.keyboard.press("Escape")
    expect(page.locator("#event-detail")).to_be_hidden()
    assert page.evaluate("window.scrollY") == before
    context.close()


def test_without_javascript_the_list_and_the_marks_are_plain_links(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/timeline/")
    page.locator(f'{MARK}[href="/timeline/2013-court-defaulter-list/"]').click()
    expect(heading(page)).to_contain_text("defaulter")
    expect(page).to_have_title(re.compile(r"defaulter", re.IGNORECASE))
    page.locator(".events a").nth(3).click()
    expect(page).to_have_url(re.compile(r"/timeline/[\w-]+/$"))
    page.locator(".axis-eras a", has_text="2020–2022").click()
    expect(page).to_have_url(re.compile(r"\?era=limits$"))
    expect(page.locator(".axis-heading")).to_contain_text("Limits")
    context.close()


@pytest.mark.parametrize("url", ["/timeline/?era=expansion", "/timeline/2015-sesame-credit/?era=planning-outline"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_axis(page, url, scheme):
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    page.goto(url)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_a_phone_with_an_event_open(browser, live_server, scheme):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    page.goto("/timeline/")
    page.locator("#ev-2014-planning-outline a").click()
    expect(heading(page)).to_be_focused()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    context.close()
