"""Ratings and error reports: one vote per reader per page, validation, rate limits, the admin,
and no vote or report lost when many arrive at once."""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from explainer.feedback.forms import stamp
from explainer.feedback.models import ErrorReport, Rating

from .html import elements

pytestmark = pytest.mark.django_db

PAGE = "/feedback/guide/how-it-works/"
PAGES = [
    "/feedback/guide/key-points/",
    "/feedback/timeline/2014-planning-outline/",
    "/feedback/myths/single-national-score/",
]
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def average_from_one_vote(monkeypatch):
    """These tests check the average itself; tests/test_rating_threshold.py checks when it shows."""
    monkeypatch.setattr("explainer.feedback.views.MIN_VOTES_FOR_AVERAGE", 1)


def report_data(**overrides):
    data = {
        "problem": "The date of the 2014 outline is given as 2015 in the second paragraph.",
        "source": "State Council, Planning Outline (2014)",
        "email": "",
        "website": "",
        "started": stamp(time.time() - 60),
    }
    return {**data, **overrides}


def reader(**kwargs):
    """A reader's browser after a first visit to a feedback block, which gives it the reader cookie."""
    browser = Client(**kwargs)
    browser.get(PAGE)
    return browser


@pytest.fixture
def client():
    return reader()


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    settings.RATE_LIMITS = {"rate": (30, 600), "report": (5, 3600)}


# --- the block on content pages and its own page ---


@pytest.mark.parametrize(
    "url", ["/guide/how-it-works/", "/timeline/2014-planning-outline/", "/myths/single-national-score/"]
)
def test_content_pages_link_to_feedback_without_anything_per_reader(client, url):
    html = client.get(url).content.decode()
    kind, slug = url.strip("/").split("/")
    assert len(elements(html, "section", class_="page-feedback")) == 1
    (loader,) = elements(html, "div", **{"hx-get": f"/feedback/{kind}/{slug}/"})
    assert loader["hx-trigger"] == "load"
    assert elements(html, "a", href=f"/feedback/{kind}/{slug}/"), "a plain link without JavaScript"
    assert "csrfmiddlewaretoken" not in html, "the page is public and cached: no per-reader token in it"


@pytest.mark.parametrize("url", PAGES)
def test_the_feedback_page_has_both_forms_and_is_not_cached(client, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html
    assert len(elements(html, "input", name="stars")) == 5
    assert elements(html, "textarea", name="problem") and "csrfmiddlewaretoken" in html
    assert "No one has rated this page yet. Be the first" in html


def test_htmx_gets_only_the_block(client):
    html = client.get(PAGE, headers=HTMX).content.decode()
    assert html.lstrip().startswith('<div class="feedback" id="feedback-block">') and "<h1" not in html


@pytest.mark.parametrize("url", ["/feedback/guide/no-such-chapter/", "/feedback/nonsense/key-points/"])
def test_unknown_pages_are_404(client, url):
    assert client.get(url).status_code == 404
    assert client.post(url + "rate/", {"stars": 3}).status_code == 404
    assert Rating.objects.count() == 0


# --- ratings ---


def test_a_vote_is_stored_and_the_reader_sees_it():
    client = Client()
    cookie = client.get(PAGE).cookies["reader"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    response = client.post(PAGE + "rate/", {"stars": 4})
    assert response.status_code == 303 and response["Location"] == PAGE + "?done=rated#rating"
    (vote,) = Rating.objects.all()
    assert (vote.page_kind, vote.page_slug, vote.stars) == ("guide", "how-it-works", 4)
    html = client.get(response["Location"]).content.decode()
    assert "Your rating: 4 out of 5" in html and "Rated 4.0 out of 5 by 1 reader." in html
    assert "Thank you. Your rating of 4 out of 5 is counted." in html
    assert [a["value"] for a in elements(html, "input", name="stars") if "checked" in a] == ["4"]


def test_voting_again_replaces_the_earlier_vote(client):
    client.post(PAGE + "rate/", {"stars": 2})
    client.post(PAGE + "rate/", {"stars": 5})
    assert list(Rating.objects.values_list("stars", flat=True)) == [5]
    reader().post(PAGE + "rate/", {"stars": 2})  # another reader
    html = client.get(PAGE).content.decode()
    assert "Rated 3.5 out of 5 by 2 readers." in html and "Your rating: 5 out of 5" in html


def test_a_vote_on_another_page_is_separate(client):
    client.post(PAGE + "rate/", {"stars": 2})
    client.post(PAGES[1] + "rate/", {"stars": 5})
    assert Rating.objects.count() == 2
    assert "Rated 2.0 out of 5 by 1 reader." in client.get(PAGE).content.decode()


def test_a_forged_reader_cookie_is_refused(client):
    client.post(PAGE + "rate/", {"stars": 2})
    client.cookies["reader"] = "0123456789abcdef0123456789abcdef"  # unsigned: someone else's id, guessed
    assert client.post(PAGE + "rate/", {"stars": 5}).status_code == 403
    assert list(Rating.objects.values_list("stars", flat=True)) == [2]


def test_an_htmx_vote_updates_the_form_and_the_status_line(client):
    response = client.post(PAGE + "rate/", {"stars": 3}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<h1" not in html
    assert 'class="rating-form"' in html and "Rated 3.0 out of 5 by 1 reader." in html
    (status,) = elements(html, "div", id="feedback-status")
    assert status["hx-swap-oob"] == "innerHTML" and "Your rating of 3 out of 5 is counted" in html


@pytest.mark.parametrize("stars", ["0", "6", "three", "", "3.5", "<b>4</b>"])
def test_a_bad_vote_is_refused_with_a_message(client, stars):
    response = client.post(PAGE + "rate/", {"stars": stars}, headers=HTMX)
    assert response.status_code == 400
    assert "Choose from 1 to 5 stars." in response.content.decode()
    assert "<b>4</b>" not in response.content.decode()
    assert Rating.objects.count() == 0


def test_votes_need_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post(PAGE + "rate/", {"stars": 4}).status_code == 403
    html = client.get(PAGE).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    assert client.post(PAGE + "rate/", {"stars": 4, "csrfmiddlewaretoken": token}).status_code == 303
    assert Rating.objects.count() == 1


def test_only_post_changes_anything(client):
    assert client.get(PAGE + "rate/?stars=5").status_code == 405
    assert Rating.objects.count() == 0


def test_votes_are_rate_limited_per_client(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rate": (2, 600)}
    for stars in (1, 2):
        assert client.post(PAGE + "rate/", {"stars": stars}).status_code == 303
    response = client.post(PAGE + "rate/", {"stars": 3}, headers=HTMX)
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 600
    assert "Too many ratings from your connection just now" in response.content.decode()
    assert Rating.objects.get().stars == 2
    # another address is not held back; a forged X-Forwarded-For is not believed
    assert reader(REMOTE_ADDR="10.0.0.9").post(PAGE + "rate/", {"stars": 5}).status_code == 303
    forged = {"X-Forwarded-For": "10.9.9.9"}
    assert client.post(PAGE + "rate/", {"stars": 4}, headers=forged).status_code == 429


def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rate": (1, 600)}
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's address
    assert client.post(PAGE + "rate/", {"stars": 1}, headers={"X-Forwarded-For": "1.1.1.1"}).status_code == 303
    assert client.post(PAGE + "rate/", {"stars": 1}, headers={"X-Forwarded-For": "1.1.1.1"}).status_code == 429
    assert client.post(PAGE + "rate/", {"stars": 1}, headers={"X-Forwarded-For": "6.6.6.6, 2.2.2.2"}).status_code == 303


# --- error reports ---


def test_a_report_is_stored_as_new_for_the_editors(client):
    response = client.post(PAGE + "report/", report_data(email="reader@example.org"))
    assert response.status_code == 303 and response["Location"] == PAGE + "?done=reported#report"
    (report,) = ErrorReport.objects.all()
    assert report.status == "new" and report.page_url == "/guide/how-it-works/"
    assert report.email == "reader@example.org" and "2014 outline" in report.problem
    assert "Your report was sent to the editors." in client.get(response["Location"]).content.decode()


def test_an_htmx_report_gets_a_fresh_form_and_thanks(client):
    response = client.post(PAGE + "report/", report_data(), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and ErrorReport.objects.count() == 1
    assert "Your report was sent to the editors." in html
    assert elements(html, "textarea", name="problem") and "2014 outline" not in html


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"problem": ""}, "Say what is wrong on the page."),
        ({"problem": "wrong"}, "Say a little more"),
        ({"problem": "x" * 2001}, "Keep it under 2000 characters"),
        ({"email": "not-an-address"}, "That does not look like an email address."),
        ({"source": "s" * 501}, "Keep the source under 500 characters."),
        ({"problem": "See http://a.example http://b.example http://c.example http://d.example"}, "at most three links"),
        ({"started": "forged"}, "This form could not be checked."),
        ({"started": stamp(time.time() - 3 * 86400)}, "opened a long time ago"),
        ({"started": "now"}, "That was very quick."),
    ],
)
def test_a_bad_report_is_refused_with_a_clear_message(client, overrides, message):
    if overrides.get("started") == "now":  # stamped when the test runs, not when it was collected
        overrides = {"started": stamp()}
    response = client.post(PAGE + "report/", report_data(**overrides), headers=HTMX)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ErrorReport.objects.count() == 0


@pytest.mark.slow
def test_a_stale_form_is_given_a_fresh_stamp_so_sending_again_works(client):
    response = client.post(PAGE + "report/", report_data(started="forged"))
    new_stamp = re.search(r'name="started" value="([^"]+)"', response.content.decode())[1]
    assert new_stamp != "forged"
    time.sleep(0.01)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.conf.settings.REPORT_FORM_MIN_SECONDS", 0)
        assert client.post(PAGE + "report/", report_data(started=new_stamp)).status_code == 303


def test_what_the_reader_wrote_comes_back_escaped(client):
    response = client.post(PAGE + "report/", report_data(problem="<script>alert(1)</script>", email="x"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_robot_filling_the_hidden_field_is_thanked_but_nothing_is_kept(client):
    response = client.post(PAGE + "report/", report_data(website="http://spam.example"), headers=HTMX)
    assert response.status_code == 200 and "sent to the editors" in response.content.decode()
    assert ErrorReport.objects.count() == 0


def test_reports_are_rate_limited_per_client(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report": (2, 3600)}
    for _ in range(2):
        assert client.post(PAGE + "report/", report_data()).status_code == 303
    response = client.post(PAGE + "report/", report_data())
    assert response.status_code == 429 and "Too many reports" in response.content.decode()
    assert ErrorReport.objects.count() == 2


# --- the editors' side ---


@pytest.fixture
def editor_client(client):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password-123")
    client.login(username="editor", password="a-long-test-password-123")
    return client


def test_editors_triage_reports_in_the_admin(editor_client):
    reader().post(PAGE + "report/", report_data())
    reader().post(PAGES[2] + "report/", report_data(problem="The verdict should cite the 2022 draft law too."))
    listing = editor_client.get("/admin/feedback/errorreport/?status__exact=new").content.decode()
    assert "2 error reports" in listing and "/myths/single-national-score/" in listing
    ids = list(ErrorReport.objects.values_list("id", flat=True))
    editor_client.post("/admin/feedback/errorreport/", {"action": "accept", "_selected_action": ids[:1]})
    editor_client.post(
        f"/admin/feedback/errorreport/{ids[1]}/change/", {"status": "rejected", "editor_note": "No source."}
    )
    assert sorted(ErrorReport.objects.values_list("status", flat=True)) == ["accepted", "rejected"]
    assert ErrorReport.objects.get(id=ids[1]).editor_note == "No source."


def test_editors_see_votes_but_cannot_change_them(editor_client):
    reader().post(PAGE + "rate/", {"stars": 4})
    vote = Rating.objects.get()
    assert editor_client.get("/admin/feedback/rating/").status_code == 200
    editor_client.post(f"/admin/feedback/rating/{vote.id}/change/", {"stars": 1})
    assert Rating.objects.get().stars == 4


# --- many at once ---


def _session(base_url, page):
    """A reader's first visit: the Cookie header to send back (CSRF and reader) and the CSRF token."""
    with urllib.request.urlopen(base_url + page) as response:
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie"):
            cookies.load(header)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())[1]
    return f"csrftoken={cookies['csrftoken'].value}; reader={cookies['reader'].value}", token


def _post(base_url, path, data, cookie_header):
    request = urllib.request.Request(
        base_url + path,
        data=urllib.parse.urlencode(data).encode(),
        headers={"Cookie": cookie_header, "HX-Request": "true", "Referer": base_url},
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError as error:
        return error.code, ""


def _run_threads(count, target):
    barrier = threading.Barrier(count)
    results = [None] * count

    def work(i):
        barrier.wait()  # all start together
        results[i] = target(i)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_no_vote_or_report_is_lost_when_many_arrive_at_once(live_server, settings):
    settings.RATE_LIMITS = {"rate": (10_000, 600), "report": (10_000, 600)}
    settings.REPORT_FORM_MIN_SECONDS = 0
    base = live_server.url
    readers, per_reader = 8, 5

    def one_reader(i):
        """Each thread is a new reader voting on several pages, then reporting an error."""
        statuses = []
        cookie, token = _session(base, PAGE)
        for page in [PAGE, *PAGES][:per_reader]:
            statuses.append(_post(base, page + "rate/", {"stars": i % 5 + 1, "csrfmiddlewaretoken": token}, cookie)[0])
        data = {**report_data(problem=f"Report number {i} about a wrong date."), "csrfmiddlewaretoken": token}
        statuses.append(_post(base, PAGE + "report/", data, cookie)[0])
        return statuses

    started = time.perf_counter()
    results = _run_threads(readers, one_reader)
    elapsed = time.perf_counter() - started
    pages = len([PAGE, *PAGES][:per_reader])
    assert all(status == 200 for statuses in results for status in statuses), results
    assert Rating.objects.count() == readers * pages
    assert Rating.objects.filter(page_slug="how-it-works").count() == readers
    assert ErrorReport.objects.count() == readers
    assert sorted(r.problem for r in ErrorReport.objects.all()) == sorted(
        f"Report number {i} about a wrong date." for i in range(readers)
    )
    print(f"\n{readers * (pages + 1)} concurrent writes from {readers} threads in {elapsed:.2f} s, none lost")  # noqa: T201 (shown with -s)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_one_reader_voting_many_times_at_once_keeps_one_vote(live_server, settings):
    settings.RATE_LIMITS = {"rate": (10_000, 600), "report": (10_000, 600)}
    base = live_server.url
    cookie, token = _session(base, PAGE)
    assert _post(base, PAGE + "rate/", {"stars": 1, "csrfmiddlewaretoken": token}, cookie)[0] == 200
    results = _run_threads(
        8, lambda i: _post(base, PAGE + "rate/", {"stars": 5, "csrfmiddlewaretoken": token}, cookie)[0]
    )
    assert results == [200] * 8
    assert list(Rating.objects.values_list("stars", flat=True)) == [5]
