"""Headless Chromium from Debian's package, driven by Playwright against Django's live server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop; Django refuses ORM calls from one unless told it's fine.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    for item in items:  # every browser test drives the live server, so -m "not slow" leaves it out too
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.slow)
    if chromium_path():
        return
    # On CI a missing browser is a failure (.ci/run installs it); elsewhere, say how to get it.
    if os.environ.get("CI"):
        raise pytest.UsageError("Chromium is not installed: .ci/run should have installed Debian's chromium package.")
    skip = pytest.mark.skip(
        reason="Chromium not found: install Debian's chromium package (apt-get install chromium) to run browser tests."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()
