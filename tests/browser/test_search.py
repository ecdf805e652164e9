"""Readers search as they type, with the keyboard only, and without JavaScript; axe finds nothing."""

import contextlib
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def results(page):
    return page.locator("#search-results .search-result a")


def test_results_appear_while_typing_and_the_url_follows(page):
    page.goto("/search/")
    box = page.locator("#search-q")
    box.press_sequentially("rongch", delay=40)  # half a word, no Enter
    expect(results(page).first).to_have_attribute("href", re.compile("rongcheng"))
    expect(page).to_have_url(re.compile(r"/search/\?q=rongch$"))
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ results for “rongch”"))
    expect(box).to_be_focused()  # only the results were replaced, not the form
    expect(page.locator("h1")).to_have_count(1)
    page.reload()  # the URL in the address bar is a real page
    expect(box).to_have_value("rongch")
    expect(results(page).first).to_have_attribute("href", re.compile("rongcheng"))
    assert page.console_errors == []


def test_an_older_slower_answer_never_replaces_a_newer_one(page):
    page.goto("/search/")
    held = []
    # Hold the first search's response until the second has been shown, then let it arrive.
    page.route(re.compile(r"/search/\?q=blacklist$"), lambda route: held.append(route))
    box = page.locator("#search-q")
    box.press_sequentially("blacklist", delay=20)
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the first search was never sent"
    box.fill("")
    box.press_sequentially("shixin", delay=20)
    expect(page.locator(".search-count")).to_contain_text("for “shixin”")
    # htmx has already aborted that request (hx-sync="this:replace"), so answering it may fail: fine.
    with contextlib.suppress(Exception):
        held[0].fulfill(status=200, content_type="text/html", body='<p class="search-count">STALE blacklist</p>')
    page.wait_for_timeout(400)
    expect(page.locator(".search-count")).to_contain_text("for “shixin”")
    expect(page.locator("#search-results")).not_to_contain_text("STALE")
    expect(page).to_have_url(re.compile(r"q=shixin$"))


def test_slash_focuses_the_search_box_from_any_page_but_not_while_typing(page):
    page.goto("/guide/how-it-works/")
    box = page.locator("#site-search-q")
    expect(box).not_to_be_focused()
    page.keyboard.press("/")
    expect(box).to_be_focused()
    expect(box).to_have_value("")  # the slash opened the box; it was not typed into it
    page.keyboard.type("a/b")  # inside the box, "/" is just a character
    expect(box).to_have_value("a/b")
    page.goto("/search/")
    page.keyboard.press("/")
    expect(page.locator("#search-q")).to_be_focused()


def test_keyboard_only_reader_searches_and_opens_a_result(page):
    page.goto("/")
    page.keyboard.press("/")
    page.keyboard.type("Rongcheng")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Rongcheng$"))
    first = results(page).first
    href = first.get_attribute("href")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.search-result')"):
            break
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))


def test_without_javascript_the_form_still_searches(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/search/")
    page.locator("#search-q").fill("失信")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=%E5%A4%B1%E4%BF%A1$"))
    expect(page.locator(".search-count")).to_contain_text("for “失信”")
    expect(results(page).first).to_be_visible()
    page.goto("/about/")
    page.locator("#site-search-q").fill("hukou")
    page.locator(".site-search button").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=hukou$"))
    context.close()


def test_the_header_fits_a_narrow_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto("/guide/how-it-works/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("#site-search-q").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    context.close()


@pytest.mark.parametrize("url", ["/search/", "/search/?q=rongcheng", "/search/?q=失信"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_search_pages(page, url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    outcome = Axe().run(page)
    assert outcome.violations_count == 0, outcome.generate_report()


def test_axe_finds_no_violations_after_a_live_update(page):
    page.goto("/search/")
    page.locator("#search-q").press_sequentially("credit repair", delay=20)
    expect(page.locator("#search-status")).to_contain_text("credit repair")
    outcome = Axe().run(page)
    assert outcome.violations_count == 0, outcome.generate_report()
