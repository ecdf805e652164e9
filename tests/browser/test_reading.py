"""Cite this page, glossary pop-ups and reading aids in Chromium: mouse, keyboard, no JavaScript, axe-core."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.library import get_library

pytestmark = pytest.mark.browser

CHAPTER = "/guide/what-it-is/"  # long (over four minutes) and with glossary terms
TABLE_CHAPTER = "/guide/comparisons/"  # glossary terms inside a wide table
EVENT = "/timeline/2014-planning-outline/"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def clipboard_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()


# Cite this page -------------------------------------------------------------------------------------


def test_cite_block_opens_with_the_keyboard_and_copy_writes_the_citation(clipboard_page):
    page = clipboard_page
    page.goto(CHAPTER)
    summary = page.locator("details.cite-page:not(.embed-code) summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.cite-page").get_attribute("open") is not None
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Copy APA (7th edition) citation", "the first Copy button comes next in the tab order"
    page.keyboard.press("Enter")
    status = page.locator("[data-cite-status]")
    status.filter(has_text="copied").wait_for()
    assert status.inner_text() == "APA (7th edition) citation copied."
    assert status.get_attribute("role") == "status"
    expected = page.locator("#citation-apa").input_value()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    reviewed = get_library().chapter("what-it-is").reviewed  # the citation is dated by the last review
    assert expected.endswith(f"{CHAPTER}") and f"({reviewed.year}, {reviewed:%B} {reviewed.day})" in expected

    page.get_by_role("button", name="Copy BibTeX citation").click()
    status.filter(has_text="BibTeX").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").startswith("@misc{sce-guide-what-it-is,")
    assert not page.console_errors


def test_without_javascript_the_citations_show_and_can_be_selected_but_no_copy_button(no_js_page):
    page = no_js_page
    page.goto(CHAPTER)
    page.locator("details.cite-page:not(.embed-code) summary").click()
    for style in ("apa", "mla", "bibtex"):
        area = page.locator(f"#citation-{style}")
        assert area.is_visible() and area.is_editable() is False
        assert area.get_attribute("readonly") is not None and area.get_attribute("disabled") is None
        assert "what-it-is" in area.input_value()
        box = area.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "the text area fits the phone screen"
    assert page.locator(".cite-copy").count() == 0
    # Select all of one citation with the keyboard, as a reader without the Copy button would.
    page.locator("#citation-mla").focus()
    page.keyboard.press("Control+A")
    assert page.locator("#citation-mla").evaluate("a => a.value.slice(a.selectionStart, a.selectionEnd)") == (
        page.locator("#citation-mla").input_value()
    )


def test_event_swapped_in_by_htmx_gets_copy_buttons_too(clipboard_page):
    page = clipboard_page
    page.goto("/timeline/")
    page.locator(".events a").nth(5).click()
    page.locator("#event-detail details.cite-page").wait_for()
    page.locator("#event-detail details.cite-page:not(.embed-code) summary").click()
    assert page.locator("#event-detail .cite-copy").count() == 3
    page.get_by_role("button", name="Copy MLA (9th edition) citation").click()
    page.locator("[data-cite-status]").filter(has_text="copied").wait_for()
    url = re.sub(r"^https?://", "", page.url)
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"{url}.")
    assert not page.console_errors


# Glossary pop-ups -----------------------------------------------------------------------------------


def tip_of(term):
    return term.locator("xpath=following-sibling::span[contains(@class, 'term-tip')]")


def assert_inside_viewport(page, box):
    size = page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"], (box, size)


def test_glossary_definition_shows_on_hover_and_stays_while_the_pointer_moves_onto_it(page):
    page.goto(CHAPTER)
    term = page.locator(".prose .term > a").first
    tip = tip_of(term)
    term.scroll_into_view_if_needed()
    assert not tip.is_visible()
    term.hover()
    assert tip.is_visible()
    box = tip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 5, steps=10)
    assert tip.is_visible(), "the pointer can move onto the definition (WCAG 1.4.13 hoverable)"
    page.mouse.move(5, 5)
    assert not tip.is_visible()


def test_glossary_definition_shows_on_focus_and_escape_hides_it_without_moving_focus(page):
    page.goto(CHAPTER)
    term = page.locator(".prose .term > a").first
    tip = tip_of(term)
    term.focus()
    assert tip.is_visible()
    assert tip.get_attribute("id") == term.get_attribute("aria-describedby")
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == tip.get_attribute("id")
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert tip.is_visible(), "focusing the term again shows the definition again"


def test_escape_in_an_event_hides_the_definition_before_it_leaves_the_event(page):
    page.goto(EVENT)
    term = page.locator("#event-detail .term > a").first
    tip = tip_of(term)
    term.focus()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.closest('#event-detail') !== null"), "focus stays on the term"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.closest('[data-timeline-axis]') !== null"), "then back to the list"


def test_glossary_definition_in_a_scrolling_table_is_whole_and_inside_a_phone_screen(phone_page):
    page = phone_page
    page.goto(TABLE_CHAPTER)
    terms = page.locator(".prose table .term > a")
    assert terms.count() >= 2
    for i in range(terms.count()):
        term = terms.nth(i)
        term.scroll_into_view_if_needed()
        term.focus()
        tip = tip_of(term)
        assert tip.is_visible()
        assert_inside_viewport(page, tip.bounding_box())
        # Nothing clips it: the point at its far corner is the tip itself, not the table underneath.
        box = tip.bounding_box()
        hit = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('.term-tip') !== null",
            [box["x"] + box["width"] - 4, box["y"] + box["height"] - 4],
        )
        assert hit, f"definition {i} is covered or clipped"
    assert not page.console_errors


def test_glossary_definition_near_the_right_edge_of_a_phone_stays_on_screen(phone_page):
    page = phone_page
    page.goto(CHAPTER)
    terms = page.locator(".prose p .term > a")
    boxes = [terms.nth(i).bounding_box() for i in range(terms.count())]
    rightmost = max(range(len(boxes)), key=lambda i: boxes[i]["x"])
    term = terms.nth(rightmost)
    term.scroll_into_view_if_needed()
    term.hover()
    assert_inside_viewport(page, tip_of(term).bounding_box())


def test_without_javascript_the_definition_still_shows_on_focus_and_fits_a_phone(no_js_page):
    page = no_js_page
    page.goto(TABLE_CHAPTER)
    terms = page.locator(".prose .term > a")
    for i in (0, terms.count() - 1):
        term = terms.nth(i)
        term.focus()
        assert tip_of(term).is_visible()
        assert_inside_viewport(page, tip_of(term).bounding_box())


# Reading progress and back to top ------------------------------------------------------------------


def progress(page) -> float:
    matrix = page.locator(".reading-progress-bar").evaluate("b => getComputedStyle(b).transform")
    if matrix == "none":
        return 0.0
    return float(re.match(r"matrix\(([-\d.e]+)", matrix)[1])


def test_progress_bar_follows_scrolling_and_back_to_top_returns_with_focus_on_the_title(page):
    page.emulate_media(reduced_motion="reduce")
    page.goto(CHAPTER)
    bar = page.locator(".reading-progress")
    assert bar.is_visible() and bar.get_attribute("aria-hidden") == "true"
    link = page.locator("a.back-to-top")
    assert progress(page) == 0.0
    assert link.evaluate("a => getComputedStyle(a).opacity") == "0", "hidden at the top of the page"

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    # The bar starts at scaleX(0), "matrix(0, …)", so wait for the scroll handler to move it.
    page.wait_for_function(
        "() => parseFloat(getComputedStyle(document.querySelector('.reading-progress-bar')).transform.slice(7)) > 0"
    )
    middle = progress(page)
    assert 0.2 < middle < 0.9
    page.wait_for_function("() => getComputedStyle(document.querySelector('a.back-to-top')).opacity === '1'")

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function(
        f"() => parseFloat(getComputedStyle(document.querySelector('.reading-progress-bar')).transform.slice(7)) > {middle}"
    )
    assert progress(page) > 0.95

    link.click()
    page.wait_for_function("() => window.scrollY === 0")
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert "#top" not in page.url


def test_back_to_top_is_reachable_by_keyboard_and_visible_when_focused(page):
    page.goto(CHAPTER)
    page.locator(".pager a").first.focus()
    page.keyboard.press("Shift+Tab")  # the link sits just before the pager in the tab order
    link = page.locator("a.back-to-top")
    assert page.evaluate("document.activeElement.classList.contains('back-to-top')")
    page.wait_for_function("() => getComputedStyle(document.querySelector('a.back-to-top')).opacity === '1'")
    outline = link.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline == "solid", "focus is visible"
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.scrollY === 0")


def test_back_to_top_on_a_phone_shows_only_when_scrolling_back_up_and_stays_clear_of_the_sides(phone_page):
    page = phone_page
    page.emulate_media(reduced_motion="reduce")
    page.goto(CHAPTER)
    link = page.locator("a.back-to-top")
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 2000")
    page.wait_for_timeout(100)
    assert link.evaluate("a => getComputedStyle(a).opacity") == "0", "not over the text while reading down"
    page.mouse.wheel(0, -200)
    page.wait_for_function("() => getComputedStyle(document.querySelector('a.back-to-top')).opacity === '1'")
    box = link.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, "a comfortable target"
    assert_inside_viewport(page, box)


def test_reading_aids_cause_no_layout_shift(page):
    """Loading, the bar appearing, the link starting to float and the rating block arriving move
    nothing on the page, scrolling from top to bottom."""
    page.add_init_script(
        """
        window.__cls = 0;
        new PerformanceObserver(list => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
        }).observe({type: 'layout-shift', buffered: true});
        """
    )
    page.goto(CHAPTER)
    page.wait_for_load_state("load")
    page.locator(".rating-form").wait_for(state="attached")  # the rating block, loaded after the page
    bottom = page.evaluate("() => document.documentElement.scrollHeight - window.innerHeight - 10")
    while page.evaluate("() => window.scrollY") < bottom:
        page.mouse.wheel(0, 700)
        page.wait_for_timeout(60)
    page.mouse.wheel(0, -500)
    page.wait_for_function("() => getComputedStyle(document.querySelector('a.back-to-top')).opacity === '1'")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__cls") == 0


def test_without_javascript_back_to_top_is_a_plain_link_that_works(no_js_page):
    page = no_js_page
    page.emulate_media(reduced_motion="reduce")  # an instant jump, not a smooth scroll
    page.goto(CHAPTER)
    assert not page.locator(".reading-progress").is_visible()
    link = page.get_by_role("link", name="Back to top")
    link.scroll_into_view_if_needed()
    link.click()
    assert page.evaluate("window.scrollY") == 0


def test_short_chapters_have_no_reading_aids(page):
    page.goto("/guide/references/")
    assert page.locator(".reading-progress").count() == 0 and page.locator("a.back-to-top").count() == 0


# Accessibility -------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_data_and_cite_pages(page, live_server, scheme):
    from explainer.library import get_library

    myth = get_library().myths[0]
    page.emulate_media(color_scheme=scheme)
    for url in ("/data/", CHAPTER, EVENT, myth.url):
        page.goto(url)
        if page.locator("details.cite-page").count():
            page.locator("details.cite-page:not(.embed-code) summary").click()
            page.locator(".cite-copy").first.wait_for()
        results = Axe().run(page)
        assert results.violations_count == 0, f"{url}: {results.generate_report()}"
    # With a glossary definition open and the back-to-top link showing.
    page.goto(CHAPTER)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    page.locator(".prose .term > a").first.focus()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
