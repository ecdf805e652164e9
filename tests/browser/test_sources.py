"""The bibliography in a browser: the kind and topic filters with and without JavaScript, and a
pinpoint citation leading to its article on a document page."""

import re

from playwright.sync_api import expect


def test_kind_filter_updates_the_list_and_the_address_with_htmx(page):
    page.goto("/sources/")
    total = page.locator(".sources-list > li").count()
    page.get_by_role("radio", name=re.compile("Official text")).check()
    expect(page).to_have_url(re.compile(r"\?kind=law(&topic=)?$"))
    expect(page.locator(".result-count")).to_contain_text("of kind “Official text”")
    shown = page.locator(".sources-list > li").count()
    assert 0 < shown < total
    expect(page.locator(".sources-list > li > .kind")).to_have_text(["Official text"] * shown)
    page.get_by_label("Topic").select_option("courts")
    expect(page).to_have_url(re.compile(r"kind=law&topic=courts$"))
    assert page.locator(".sources-list > li").count() < shown
    assert page.console_errors == []


def test_filters_work_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sources/")
    page.get_by_role("radio", name=re.compile("Translation")).check()
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?kind=translation&topic=$"))
    expect(page.locator(".sources-list > li > .kind").first).to_have_text("Translation")
    context.close()


def test_a_pinpoint_in_a_chapter_opens_its_article_in_both_languages(page):
    page.goto("/guide/companies/")
    link = page.locator("a.cite-pin[href^='/sources/spc-2015-high-consumption/#art-3']").first
    link.click()
    expect(page).to_have_url(re.compile(r"/sources/spc-2015-high-consumption/#art-3$"))
    article = page.locator("#art-3")
    expect(article).to_be_in_viewport()
    expect(article.locator(".article-zh")).to_contain_text("第三条")
    expect(article.locator(".article-en")).to_contain_text("Article 3")
