"""The scripts and stylesheets as production serves them (explainer/staticmin.py) still work.

The test server serves the source files; here every /static/ script and stylesheet is answered with its
production bytes instead, and pages that rely on each script are used as a reader would."""

import re

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import expect

from explainer.staticmin import served

pytestmark = pytest.mark.browser


@pytest.fixture
def minified(page):
    swapped = []

    def answer(route):
        name = re.sub(r"^.*?/static/", "", route.request.url).split("?")[0]
        found = finders.find(name)
        if not found or not name.endswith((".js", ".css")):
            return route.continue_()
        with open(found, "rb") as handle:
            body = served(name, handle.read())
        swapped.append(name)
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return route.fulfill(body=body, content_type=f"{kind}; charset=utf-8")

    page.route("**/static/**", answer)
    page.swapped = swapped
    return page


def test_a_chapter_search_hints_and_cite_copy_work_minified(minified):
    page = minified
    page.goto("/search/?q=rongcheng")
    expect(page.locator("[data-js-hint]").first).to_be_visible()  # search.js ran
    page.goto("/guide/how-it-works/")
    page.locator("details.cite-page:not(.embed-code) summary").click()
    expect(page.locator("details.cite-page:not(.embed-code) button").first).to_be_visible()  # cite.js added it
    assert {"js/search.js", "js/cite.js", "css/site.css"} <= set(page.swapped)
    assert page.console_errors == []


def test_the_timeline_and_the_widget_work_minified(minified):
    page = minified
    page.goto("/timeline/")
    page.locator(".event-card a").first.focus()
    page.keyboard.press("ArrowDown")  # timeline.js moves between events
    expect(page.locator(".event-card a").nth(1)).to_be_focused()
    page.goto("/score/?persona=person&action=refuse-judgment&months=12")
    expect(page.locator(".score-headline, h2").first).to_be_visible()
    assert {"js/timeline.js", "js/score.js", "css/timeline.css"} <= set(page.swapped)
    assert page.console_errors == []
