"""By the numbers in Chromium: axe in light and dark, the chart's text alternative, the table behind a
<details>, phone width, and a chart inside a chapter."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("url", ["/numbers/", "/guide/rewards-and-punishments/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(page, url, scheme):
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    page.goto(url)
    page.locator(".chart-data summary").first.click()  # the open table is checked too
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_each_chart_is_an_image_named_by_its_title_and_described(page):
    page.goto("/numbers/")
    charts = page.get_by_role("img", name="Listings on the court defaulter list since 2013", exact=False)
    assert charts.count() == 1
    description = page.locator("#chart-court-defaulter-listings-svg-desc").text_content()
    assert "more than 14.5" in description and "No figure found for 2015–2016" in description


def test_the_table_opens_by_keyboard(page):
    page.goto("/numbers/")
    summary = page.locator("#chart-pboc-credit-files .chart-data summary")
    summary.focus()
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="People with files in the central bank's credit reporting system")
    assert table.is_visible()
    assert table.get_by_role("cell", name="990", exact=True).is_visible()


def test_charts_fit_a_phone_without_scrolling_sideways(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto("/numbers/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("#chart-demonstration-cities svg").bounding_box()
    assert 300 <= box["width"] <= 390
    context.close()


def test_charts_work_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/guide/what-comes-next/")
    chart = page.locator("#chart-demonstration-cities")
    assert chart.locator("svg.chart-svg").is_visible()
    assert chart.get_by_role("link", name="Download the figures").get_attribute("href") == (
        "/numbers/demonstration-cities.csv"
    )
    context.close()


def test_print_keeps_the_chart_and_hides_the_download_link(page):
    page.goto("/numbers/")
    page.emulate_media(media="print")
    assert page.locator("#chart-blocked-rail-tickets svg").is_visible()
    assert not page.locator("#chart-blocked-rail-tickets .chart-download").is_visible()
