"""A reader follows "What changed" on a corrected page to its entry in the corrections log."""

import pytest
from playwright.sync_api import expect

from explainer.library import get_library

pytestmark = pytest.mark.browser


def test_what_changed_leads_to_the_correction_and_the_log_reads_well(page):
    pages = ("/guide/", "/timeline/", "/myths/", "/glossary/", "/score/")
    correction = next((c for c in get_library().corrections if c.page_url.startswith(pages)), None)
    assert correction, "the content has corrections to show"
    page.goto(correction.page_url)
    note = page.locator(".what-changed")
    expect(note).to_contain_text("What changed")
    if note.get_attribute("open") is None:  # a long list is folded: the reader opens it first
        note.locator("summary").click()
    note.get_by_role("link", name=correction.summary).first.click()
    expect(page).to_have_url(f"{page.url.split('/corrections/')[0]}/corrections/#{correction.slug}")
    entry = page.locator(f'[id="{correction.slug}"]')
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("It said")
    expect(entry).to_contain_text("It says now")
    expect(entry.get_by_role("link", name=correction.summary)).to_have_count(0)  # the entry does not link to itself
    assert page.console_errors == []


def test_the_log_links_back_to_each_corrected_page(page):
    page.goto("/corrections/")
    page.locator(".correction-meta a[href^='/guide/'], .correction-meta a[href^='/myths/']").first.click()
    expect(page.locator(".what-changed")).to_be_visible()
    assert page.console_errors == []
