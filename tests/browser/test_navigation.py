"""A reader opens the site, finds a chapter and follows a citation, with the mouse and the keyboard."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def focused(page) -> str:
    return page.evaluate("document.activeElement.outerHTML.slice(0, 200)")


def tab_until(page, predicate_js: str, limit: int = 200) -> None:
    """Press Tab until the focused element satisfies `predicate_js` (given `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return
    raise AssertionError(f"never reached an element where {predicate_js}; last focus: {focused(page)}")


def test_reader_follows_navigation_to_a_chapter_and_a_citation(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Guide").click()
    expect(page).to_have_url(re.compile(r"/guide/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("The guide")

    page.locator(".chapter-list a").nth(1).click()
    expect(page).to_have_url(re.compile(r"/guide/what-it-is/$"))
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()

    marker = page.locator("sup.cite a.cite-ref").first
    key = marker.get_attribute("href").removeprefix("#ref-")
    marker.click()
    expect(page).to_have_url(re.compile(rf"#ref-{re.escape(key)}$"))
    reference = page.locator(f"#ref-{key}")
    expect(reference).to_be_in_viewport()

    reference.get_by_role("link", name="Full entry").click()
    expect(page).to_have_url(re.compile(rf"/sources/{re.escape(key)}/$"))
    expect(page.get_by_role("heading", name="Where this site cites it")).to_be_visible()
    assert page.console_errors == []


def test_keyboard_only_reader_reaches_a_citation(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert "skip-link" in focused(page), "the skip link comes first"
    expect(page.locator(".skip-link")).to_be_in_viewport()

    tab_until(page, "el.closest('nav[aria-label=Main]') && el.textContent.trim() === 'Guide'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/guide/$"))

    tab_until(page, "el.closest('.chapter-list') !== null")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/guide/[\w-]+/$"))

    tab_until(page, "el.classList.contains('cite-ref')")
    key = page.evaluate("document.activeElement.getAttribute('href')").removeprefix("#ref-")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"#ref-{re.escape(key)}$"))
    expect(page.locator(f"#ref-{key}")).to_be_in_viewport()


def test_glossary_definition_shows_on_keyboard_focus(page):
    page.goto("/guide/historical-background/")
    tip = page.locator(".term-tip").first
    expect(tip).to_be_hidden()
    page.locator(".term > a").first.focus()
    expect(tip).to_be_visible()


def test_chapter_layout_fits_a_phone_screen(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    for url in ["/", "/guide/how-it-works/", "/sources/", "/glossary/"]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 390px"
    context.close()


def test_citation_markers_stay_small_superscripts(page):
    """Other blocks' styles must not leak onto the numbered citations in the text."""
    page.goto("/timeline/")
    marker = page.locator("sup.cite").first
    style = marker.evaluate(
        "el => { const s = getComputedStyle(el); return [s.borderTopWidth, s.paddingTop, s.marginTop]; }"
    )
    assert style == ["0px", "0px", "0px"], style
    line = page.locator("sup.cite").first.evaluate("el => parseFloat(getComputedStyle(el.parentElement).lineHeight)")
    assert marker.bounding_box()["height"] < line
