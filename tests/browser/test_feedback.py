"""Rating a page and reporting an error, as a reader does: mouse, keyboard, and without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.feedback.models import ErrorReport, Rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAPTER = "/guide/how-it-works/"


@pytest.fixture(autouse=True)
def quick_forms(settings, monkeypatch):
    settings.REPORT_FORM_MIN_SECONDS = 0  # a test types faster than any reader
    # These tests check the average itself; tests/browser/test_rating_threshold.py checks when it shows.
    monkeypatch.setattr("explainer.feedback.views.MIN_VOTES_FOR_AVERAGE", 1)
    from django.core.cache import cache

    cache.clear()


def reach_feedback(page, url=CHAPTER):
    page.goto(url)
    page.locator(".page-feedback").scroll_into_view_if_needed()
    page.locator(".rating-form").wait_for()  # loaded by htmx when it came into view


def test_rating_with_the_mouse_updates_in_place(page):
    reach_feedback(page)
    assert page.get_by_text("No one has rated this page yet.").is_visible()
    page.locator("label[for=stars-4]").click()
    page.get_by_role("button", name="Send rating").click()
    page.get_by_text("Rated 4.0 out of 5 by 1 reader.").wait_for()
    assert page.get_by_role("status").inner_text() == "Thank you. Your rating of 4 out of 5 is counted."
    assert page.url.endswith(CHAPTER), "the reader stays on the chapter"
    assert Rating.objects.get().stars == 4
    # voting again replaces the vote
    page.locator("label[for=stars-2]").click()
    page.get_by_role("button", name="Change rating").click()
    page.get_by_text("Rated 2.0 out of 5 by 1 reader.").wait_for()
    assert list(Rating.objects.values_list("stars", flat=True)) == [2]
    # and a reload shows the reader's vote
    reach_feedback(page)
    assert page.locator(".star-input legend").inner_text() == "Your rating: 2 out of 5. You can change it."
    assert page.console_errors == []


def test_rating_with_the_keyboard_only(page):
    reach_feedback(page)
    page.locator("#stars-1").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # arrow keys move through a radio group
    assert page.locator("#stars-5").is_checked()
    outline = page.locator("label[for=stars-5]").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid", "the focused star shows a focus ring"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_text("Rated 5.0 out of 5 by 1 reader.").wait_for()


def test_reporting_an_error_with_mistakes_then_properly(page):
    reach_feedback(page, "/myths/single-national-score/")
    page.get_by_text("Report an error on this page").click()
    page.get_by_label("What is wrong?").fill("short")
    page.get_by_label("Your email (optional)").fill("not-an-email")
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("Say a little more (at least 10 characters).").wait_for()
    assert page.get_by_label("What is wrong?").get_attribute("aria-invalid") == "true"
    page.get_by_label("What is wrong?").fill("The second paragraph gives the wrong year for the draft law.")
    page.get_by_label("Your email (optional)").fill("")
    page.get_by_role("button", name="Send report").click()
    page.get_by_role("status").get_by_text("Your report was sent to the editors.").wait_for()
    (report,) = ErrorReport.objects.all()
    assert report.page_url == "/myths/single-national-score/" and report.status == "new"
    # the first try was answered 400, which the browser and htmx log; nothing else went wrong
    assert all("400" in error for error in page.console_errors), page.console_errors


def test_without_javascript_a_link_leads_to_the_forms(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(CHAPTER)
    page.get_by_role("link", name="Rate this page or report an error").click()
    assert page.url.endswith("/feedback/guide/how-it-works/")
    page.locator("label[for=stars-3]").click()
    page.get_by_role("button", name="Send rating").click()
    page.get_by_text("Thank you. Your rating of 3 out of 5 is counted.").wait_for()
    page.get_by_label("What is wrong?").fill("A figure in the table does not match its source.")
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("Your report was sent to the editors.").wait_for()
    assert Rating.objects.count() == 1 and ErrorReport.objects.count() == 1
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_feedback_forms(page, scheme):
    page.emulate_media(color_scheme=scheme)
    reach_feedback(page, "/timeline/2014-planning-outline/")
    page.get_by_text("Report an error on this page").click()
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("Say what is wrong on the page.").wait_for()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.goto("/feedback/myths/single-national-score/")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
