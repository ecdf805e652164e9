"""Print and embeds in Chromium: what paper shows, and embed pages clean under axe."""

import pytest

from explainer.library import get_library

pytestmark = pytest.mark.browser


def a_myth_with_web_sources():
    library = get_library()
    return next(m for m in library.myths if any(library.sources[k].url.startswith("http") for k in m.citations))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_page_hides_the_rating_block_and_controls_and_shows_reference_addresses(page, scheme, tmp_path):
    myth = a_myth_with_web_sources()
    page.emulate_media(media="print", color_scheme=scheme)
    page.goto(myth.url)
    page.screenshot(path=tmp_path / f"print-{scheme}.png", full_page=True)
    assert page.locator(".page-feedback").count() == 1
    assert not page.locator(".page-feedback").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".cite-page").first.is_visible()
    assert not page.get_by_text("Embed this").is_visible()
    link = page.locator('.references a[href^="http"]').first
    href = link.get_attribute("href")
    printed = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert printed == '" (" attr(href) ")"' or href in printed  # Chromium reports the rule, not the text
    # No dark background on paper, even for a reader whose screen is dark.
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(255, 255, 255)"


def test_on_screen_the_address_is_not_printed_after_the_link(page):
    page.goto(a_myth_with_web_sources().url)
    link = page.locator('.references a[href^="http"]').first
    assert link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")


def test_an_embed_loads_in_a_frame_and_a_full_page_does_not(page, live_server):
    page.goto("/about/")  # any page of the site, to frame others from the same origin
    page.evaluate(
        """() => {
          for (const src of ["/embed/timeline/", "/timeline/"]) {
            const frame = document.createElement("iframe");
            frame.src = src;
            frame.title = src;
            document.body.append(frame);
          }
        }"""
    )
    page.wait_for_timeout(1500)
    embed = page.frame_locator('iframe[title="/embed/timeline/"]')
    assert embed.locator("h1").inner_text().startswith("Timeline")
    # Chromium replaces a refused frame with its own error page; the site's page never loads in it.
    blocked = page.locator('iframe[title="/timeline/"]').element_handle().content_frame()
    assert not blocked.url.startswith(live_server.url)
    assert "timeline-page" not in blocked.content()


def test_the_embed_code_copy_button_says_what_it_did(page):
    page.goto(get_library().myths[0].url)
    page.get_by_text("Embed this").click()
    page.get_by_role("button", name="Copy Embed code").click()
    status = page.locator(".embed-code [data-cite-status]")
    status.filter(has_text="Embed code").wait_for()
    assert status.inner_text() in ("Embed code copied.", "Embed code selected: press Ctrl+C (or ⌘C) to copy it.")
    assert not page.console_errors
