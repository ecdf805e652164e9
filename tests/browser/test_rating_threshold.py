"""Below the threshold the feedback block invites a vote: no average, and the empty stars are drawn
as outlines in the star colour rather than grey blanks; the fifth vote brings the average."""

import pytest

from explainer.feedback.models import Rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAPTER = "/guide/how-it-works/"


def reach_feedback(page):
    page.goto(CHAPTER)
    page.locator(".page-feedback").scroll_into_view_if_needed()
    page.locator(".rating-form").wait_for()


def test_an_unrated_page_invites_the_first_vote_with_outlined_stars(page):
    reach_feedback(page)
    assert page.get_by_text("No one has rated this page yet. Be the first").is_visible()
    assert page.locator(".page-feedback .stars").count() == 0
    star = page.locator("label[for=stars-3]")
    fill = star.evaluate("el => getComputedStyle(el).color")
    stroke = star.evaluate("el => getComputedStyle(el).webkitTextStrokeColor")
    assert fill == "rgba(0, 0, 0, 0)" and stroke not in ("", "rgba(0, 0, 0, 0)")
    assert page.console_errors == []


def test_the_fifth_vote_shows_the_average(page):
    for i, stars in enumerate((4, 4, 5, 5)):
        Rating.objects.create(page_kind="guide", page_slug="how-it-works", reader=f"{i:032x}", stars=stars)
    reach_feedback(page)
    assert page.get_by_text("Too few readers have rated this page").is_visible()
    page.locator("label[for=stars-2]").click()
    page.get_by_role("button", name="Send rating").click()
    page.get_by_text("Rated 4.0 out of 5 by 5 readers.").wait_for()
    chosen = page.locator("label[for=stars-2]").evaluate("el => getComputedStyle(el).color")
    assert chosen != "rgba(0, 0, 0, 0)", "the chosen stars are filled"
