"""/map/ in Chromium: accessible in both colour schemes, marks reachable by keyboard, the list on phones."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(page, scheme):
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    page.goto("/map/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.console_errors == []


def test_a_mark_is_reached_by_keyboard_and_opens_its_page(page):
    page.goto("/map/")
    mark = page.locator(".places-map a", has=page.locator("circle")).first
    name = mark.get_attribute("aria-label")
    assert name and "first batch" in name
    # Tab from the last link before the map until the first mark has focus.
    page.locator(".places-legend").evaluate("el => el.setAttribute('tabindex', '-1')")
    page.locator(".places-legend").focus()
    first = page.locator(".places-map a").first
    for _ in range(5):
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    assert first.evaluate("el => el === document.activeElement")
    href = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href.split('#')[0]}*")


def test_marks_are_drawn_with_shapes_and_labels(page):
    page.goto("/map/")
    assert page.locator(".places-map a.mark-batch-1 circle").count() == 12
    assert page.locator(".places-map a.mark-batch-4 polygon").count() == 68
    labels = page.locator(".places-map a.mark-batch-4 text").all_text_contents()
    assert set(labels) == {"4"}


def test_on_a_phone_the_map_gives_way_to_the_tables(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800})
    phone = context.new_page()
    phone.goto("/map/")
    assert not phone.locator(".places-figure").is_visible()
    assert phone.locator(".places-narrow-note").is_visible()
    assert phone.locator(".places-table").first.is_visible()
    wide = phone.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390
    context.close()


def test_printed_map_is_black_on_white(page, tmp_path):
    page.emulate_media(media="print")
    page.goto("/map/")
    assert page.locator(".places-figure").is_visible()
    fill = page.locator(".places-map .mark-shape").first.evaluate("el => getComputedStyle(el).fill")
    assert fill == "rgb(255, 255, 255)"
    page.screenshot(path=str(tmp_path / "map-print.png"), full_page=True)
