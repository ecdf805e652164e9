"""The corrections log: content files checked like the rest, /corrections/, "What changed" and the feed."""

import textwrap
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import caches

from explainer import library as library_module
from explainer.content import load
from explainer.feedback.models import ErrorReport

ATOM = "{http://www.w3.org/2005/Atom}"

CORRECTION = """\
date = {date}
page = "{page}"
summary = "{summary}"
said = "The first chapter said one thing."
says = "It now says another."
why = "A better source says so [@beta]."
"""


def write_correction(root, slug, *, date="2026-12-01", page="/guide/one/#second", summary="A fix"):
    (root / "corrections").mkdir(exist_ok=True)
    text = CORRECTION.format(date=date, page=page, summary=summary)
    (root / "corrections" / f"{slug}.toml").write_text(textwrap.dedent(text), encoding="utf-8")


def reload():
    """Content is read once per process (and pages kept for a while): start again, as a deploy does."""
    library_module.clear_caches()
    caches["pages"].clear()


@pytest.fixture
def site(settings, content_dir):
    """The site served from a small content tree of its own."""
    settings.CONTENT_DIR = content_dir
    reload()
    yield content_dir
    reload()


def test_corrections_load_newest_first_with_their_reasons_rendered(content_dir):
    write_correction(content_dir, "2026-12-older", date="2026-11-30")
    write_correction(content_dir, "2026-12-newer", date="2026-12-01", page="/guide/two/")
    library = load(content_dir)
    assert not library.problems, [str(p) for p in library.problems]
    assert [c.slug for c in library.corrections] == ["2026-12-newer", "2026-12-older"]
    newer = library.corrections[0]
    assert newer.url == "/corrections/#2026-12-newer" and newer.page_url == "/guide/two/"
    assert 'href="/sources/beta/"' in newer.why_html
    assert library.corrections_for("/guide/one/") == (library.corrections[1],)


def test_a_correction_naming_a_page_that_does_not_exist_fails_check(content_dir):
    write_correction(content_dir, "2026-12-lost", page="/guide/nowhere/")
    problem = next(p for p in load(content_dir).problems if p.code == "E003")
    assert problem.path.name == "2026-12-lost.toml" and "/guide/nowhere/" in problem.message and problem.line == 2


def test_a_correction_naming_a_missing_anchor_fails_check(content_dir):
    write_correction(content_dir, "2026-12-anchor", page="/guide/one/#no-such-section")
    assert any(p.code == "E004" and "no-such-section" in p.message for p in load(content_dir).problems)


def test_a_correction_with_a_missing_field_or_unknown_source_fails_check(content_dir):
    (content_dir / "corrections").mkdir()
    (content_dir / "corrections" / "2026-12-bad.toml").write_text(
        'date = 2026-12-01\npage = "/guide/one/"\nsummary = "x"\nsaid = "a"\nwhy = "b [@nobody]"\n', encoding="utf-8"
    )
    problems = load(content_dir).problems
    assert any(p.field == "says" for p in problems), [str(p) for p in problems]
    write_correction(content_dir, "2026-12-bad")
    (content_dir / "corrections" / "2026-12-bad.toml").write_text(
        CORRECTION.format(date="2026-12-01", page="/guide/one/", summary="x").replace("@beta", "@nobody"),
        encoding="utf-8",
    )
    assert any(p.code == "E001" and "nobody" in p.message for p in load(content_dir).problems)


@pytest.mark.django_db
def test_the_log_lists_each_correction_with_what_changed_and_why(client, site):
    write_correction(site, "2026-12-fix", summary="Firms are graded")
    reload()
    html = client.get("/corrections/").content.decode()
    assert 'id="2026-12-fix"' in html and "Firms are graded" in html
    assert "The first chapter said one thing." in html and "It now says another." in html
    assert 'href="/guide/one/#second"' in html and "Guide: <a" in html
    assert "Prompted by a reader" not in html


@pytest.mark.django_db
def test_a_correction_answering_an_accepted_report_says_so_without_naming_the_reader(client, site):
    write_correction(site, "2026-12-fix")
    reload()
    ErrorReport.objects.create(
        page_kind="guide",
        page_slug="one",
        problem="The second section is wrong.",
        email="reader@example.org",
        status=ErrorReport.Status.ACCEPTED,
        correction="2026-12-fix",
    )
    html = client.get("/corrections/").content.decode()
    assert "Prompted by a reader’s report" in html
    assert "reader@example.org" not in html and "The second section is wrong." not in html


@pytest.mark.django_db
def test_a_corrected_page_says_what_changed_and_links_to_the_log(client, site):
    write_correction(site, "2026-12-fix", summary="Firms are graded")
    reload()
    html = client.get("/guide/one/").content.decode()
    assert "What changed:" in html and 'href="/corrections/#2026-12-fix"' in html and "Firms are graded" in html
    assert "1 correction, the latest on" in html and '<details class="what-changed" open>' in html
    assert "What changed:" not in client.get("/guide/two/").content.decode()


@pytest.mark.django_db
def test_the_feed_is_atom_and_gains_an_entry_when_a_correction_is_added(client, site):
    def entries():
        response = client.get("/corrections/feed/")
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)
        assert feed.tag == f"{ATOM}feed" and feed.find(f"{ATOM}id") is not None
        assert feed.find(f"{ATOM}updated") is not None and feed.find(f"{ATOM}title").text
        found = feed.findall(f"{ATOM}entry")
        for entry in found:  # what RFC 4287 requires of every entry
            assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}title").text
            assert entry.find(f"{ATOM}updated").text and entry.find(f"{ATOM}link").get("href")
        return feed, found

    _, before = entries()
    write_correction(site, "2026-12-new", date="2026-12-02", summary="A new fix")
    reload()
    feed, after = entries()
    assert len(after) == len(before) + 1
    assert after[0].find(f"{ATOM}title").text == "Correction: A new fix"
    assert after[0].find(f"{ATOM}link").get("href").endswith("/corrections/#2026-12-new")
    assert feed.find(f"{ATOM}updated").text.startswith("2026-12-02")


def test_every_page_links_the_feed_in_its_head(client):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html and 'href="/corrections/feed/"' in html


@pytest.mark.django_db
def test_an_editor_links_an_accepted_report_to_a_correction_from_the_log(client):
    from django.contrib.auth import get_user_model

    from explainer.library import get_library

    correction = get_library().corrections[0]
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password-123")
    client.login(username="editor", password="a-long-test-password-123")
    report = ErrorReport.objects.create(page_kind="guide", page_slug="faq", problem="The repair periods are old.")
    url = f"/admin/feedback/errorreport/{report.id}/change/"
    form = client.get(url).content.decode()
    assert f'<option value="{correction.slug}">' in form  # a menu of the log's entries, not a free text box
    client.post(url, {"status": "accepted", "correction": "2026-12-no-such-correction", "editor_note": ""})
    assert ErrorReport.objects.get(id=report.id).correction == ""  # an unknown slug is refused
    client.post(url, {"status": "accepted", "correction": correction.slug, "editor_note": ""})
    report.refresh_from_db()
    assert (report.status, report.correction) == ("accepted", correction.slug)
