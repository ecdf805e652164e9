"""On a phone (390 px wide) every visible piece of text is at least 16 px and every visible link,
button and form control is a target of at least 24 × 24 px (WCAG 2.2, 2.5.8), citation markers
included. Each test fails with the list of offenders.

Exempt from the target size, as WCAG 2.5.8's "inline" exception allows: links inside running text
(a sentence in a paragraph, list item, table cell or definition), whose height is set by the line
of text around them; padding them to 24 px would open gaps between the lines of every paragraph.
Citation markers (and the "Cited at 1, 2" links back to them) are not exempt, although they sit in
sentences: they are a digit or two wide, so they carry their own minimum size.
"""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 16
MIN_TARGET_PX = 24

PAGES = [
    "/",
    "/guide/companies/",  # a chapter with many citations, a table and a pager
    "/timeline/",
    "/timeline/2014-planning-outline/",
    "/myths/",
    "/myths/single-national-score/",
    "/score/?persona=company&action=miss-annual-report&months=36",  # a full result: strip, groups, table
    "/glossary/",
    "/sources/",
    "/search/?q=blacklist",
    "/about/",
    "/numbers/",
    "/guide/rewards-and-punishments/",  # charts inline in a chapter
    "/map/",
    "/myths/quiz/1/",  # a question of a round in progress (without a round it is a 409)
]

# Runs in the page: every visible element with text of its own, and its rendered size in px.
SMALL_TEXT = """(min) => {
  const offenders = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el) || el.closest("script, style, noscript, template")) continue;
    seen.add(el);
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden (screen-reader text)
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement && el.getScreenCTM) {
      const m = el.getScreenCTM();
      size *= Math.sqrt(m.a * m.a + m.b * m.b);  // SVG text is scaled with its drawing
    }
    if (size < min - 0.05) {
      const name = el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
      offenders.push(`${name} ${size.toFixed(1)}px "${node.textContent.trim().slice(0, 40)}"`);
    }
  }
  return offenders;
}"""

SMALL_TARGETS = """(min) => {
  const offenders = [];
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]";
  const inRunningText = (el) => {
    if (el.closest("sup.cite, .backlinks")) return false;  // citation markers and their back links never are
    if (getComputedStyle(el).display !== "inline") return false;
    const block = el.parentElement.closest("p, li, td, th, dd, dt, blockquote, figcaption");
    if (!block) return false;
    const own = block.textContent.replace(/\\s+/g, " ").trim();
    let linked = "";
    block.querySelectorAll("a").forEach((a) => (linked += a.textContent));
    return own.length > linked.replace(/\\s+/g, " ").trim().length + 1;  // words around the link
  };
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden: its label is the target
    if (el.matches("label[for]")) {
      const input = document.getElementById(el.htmlFor);
      const inputBox = input && input.getBoundingClientRect();
      if (!input || (inputBox.width > 1 && inputBox.width >= min && inputBox.height >= min)) continue;
    }
    if (box.width >= min - 0.05 && box.height >= min - 0.05) continue;
    if (el.matches("a") && inRunningText(el)) continue;
    const label = (el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 30);
    offenders.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : ""} ${box.width.toFixed(0)}×${box.height.toFixed(0)} "${label}"`);
  }
  return offenders;
}"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


def load(page, path):
    if path.startswith("/myths/quiz/") and path != "/myths/quiz/":
        start_a_round(page)
    response = page.goto(path)
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")  # htmx-loaded parts (the feedback block) are measured too


def start_a_round(page):
    page.goto("/myths/quiz/")
    page.get_by_role("button", name="Start the quiz").click()
    page.wait_for_url("**/myths/quiz/1/")


def measure(page):
    return page.evaluate(SMALL_TEXT, MIN_TEXT_PX) + page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PAGES)
def test_all_text_is_at_least_16px_on_a_phone(phone, path):
    load(phone, path)
    offenders = phone.evaluate(SMALL_TEXT, MIN_TEXT_PX)
    assert offenders == [], f"{path}: text under {MIN_TEXT_PX}px:\n" + "\n".join(offenders)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PAGES)
def test_every_target_is_at_least_24px_on_a_phone(phone, path):
    load(phone, path)
    offenders = phone.evaluate(SMALL_TARGETS, MIN_TARGET_PX)
    assert offenders == [], f"{path}: targets under {MIN_TARGET_PX}×{MIN_TARGET_PX}px:\n" + "\n".join(offenders)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_wider_than_a_phone(phone, path):
    """Wide tables and charts scroll in their own box; the page itself never scrolls sideways."""
    load(phone, path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= phone.viewport_size["width"], f"{path} is {width}px wide"


@pytest.mark.django_db(transaction=True)
def test_citation_markers_are_targets_of_at_least_24px(phone):
    load(phone, "/guide/companies/")
    boxes = phone.locator("sup.cite a").evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert len(boxes) > 20
    assert min(w for w, _ in boxes) >= MIN_TARGET_PX and min(h for _, h in boxes) >= MIN_TARGET_PX


@pytest.mark.django_db(transaction=True)
def test_the_measure_catches_small_text_and_small_targets(phone):
    """The checks above could fail: a deliberately small link is reported by both."""
    load(phone, "/about/")
    phone.evaluate(
        """() => { const a = document.createElement("a"); a.href = "/"; a.textContent = "tiny";
        a.style.fontSize = "10px"; a.style.display = "inline-block"; document.querySelector("main").prepend(a); }"""
    )
    assert any('"tiny"' in o for o in phone.evaluate(SMALL_TEXT, MIN_TEXT_PX))
    assert any('"tiny"' in o for o in phone.evaluate(SMALL_TARGETS, MIN_TARGET_PX))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False])
def test_every_quiz_screen_on_a_phone(browser, live_server, javascript):
    """The question, right and wrong feedback and the end screen of a whole round, with and without htmx."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, device_scale_factor=1, java_script_enabled=javascript
    )
    page = context.new_page()
    start_a_round(page)
    offenders = []
    for i in range(10):
        page.wait_for_url(f"**/myths/quiz/{i + 1}/")
        offenders += [f"question {i + 1}: {o}" for o in measure(page)]
        page.get_by_role("button", name=["True", "False", "It’s more complicated"][i % 3], exact=True).click()
        page.locator(".quiz-feedback").wait_for()
        offenders += [f"feedback {i + 1}: {o}" for o in measure(page)]
        page.locator(".quiz-feedback .button").click()
    page.wait_for_url("**/myths/quiz/results/")
    page.locator(".quiz-summary").wait_for()
    offenders += [f"results: {o}" for o in measure(page)]
    context.close()
    assert offenders == [], "quiz screens at 390 px:\n" + "\n".join(offenders)
