"""Myth versus fact: content checks, cards, reveal fragments, filters, ClaimReview and the quiz."""

import json
import re

import pytest

from explainer.content import load
from explainer.content.records import VERDICTS

from .conftest import MYTH, only_problem, write_myths

# Content -----------------------------------------------------------------------------------------


def test_myth_loads_with_reading_order_numbering(content_dir):
    library = load(write_myths(content_dir))
    assert library.problems == ()
    myth = library.myth("one-score")
    assert myth.verdict_label == "False" and myth.rating == 1
    assert myth.citations == ("alpha", "beta", "gamma")  # evidence first, then the short answer
    assert ">3</a>" in myth.short_html
    assert 'href="/sources/gamma/"' in myth.short_card_html


def test_verdict_outside_the_scale_is_reported(content_dir):
    library = load(write_myths(content_dir, {"x": MYTH.format(claim="A claim here.", verdict="pants-on-fire")}))
    problem = only_problem(library, "E007")
    assert (problem.path.name, problem.field, problem.line) == ("x.md", "verdict", 3)


def test_unknown_citation_in_evidence_is_reported(content_dir):
    text = MYTH.format(claim="A claim here.", verdict="false").replace("[@beta]", "[@nope]")
    problem = only_problem(load(write_myths(content_dir, {"x": text})), "E001")
    assert problem.path.name == "x.md" and "nope" in problem.message and problem.line == 6


def test_broken_related_link_is_reported(content_dir):
    text = MYTH.format(claim="A claim here.", verdict="false").replace("/guide/one/#second", "/timeline/nowhere/")
    problem = only_problem(load(write_myths(content_dir, {"x": text})), "E003")
    assert problem.path.name == "x.md" and problem.line == 7


def test_myth_with_one_source_is_reported(content_dir):
    text = MYTH.format(claim="A claim here.", verdict="false")
    text = text.replace("[@beta]", "[@alpha]").replace("[@gamma]", "[@alpha]")
    problem = only_problem(load(write_myths(content_dir, {"x": text})), "E011")
    assert problem.path.name == "x.md"


def test_quiz_answer_must_be_a_boolean(content_dir):
    text = MYTH.format(claim="A claim here.", verdict="false").replace("quiz_answer = false", 'quiz_answer = "no"')
    problem = only_problem(load(write_myths(content_dir, {"x": text})), "E007")
    assert problem.field == "quiz_answer"


# The real myths ------------------------------------------------------------------------------------


def test_there_are_at_least_fifteen_sourced_myths(library):
    assert len(library.myths) >= 15
    for myth in library.myths:
        assert myth.verdict in VERDICTS
        assert len(myth.citations) >= 2, myth.slug
        assert myth.related, myth.slug


@pytest.mark.parametrize(
    "slug",
    [
        "single-national-score",
        "algorithm-scores-everyone",
        "jaywalking-and-video-games",
        "sesame-credit-is-the-government-score",
        "black-mirror-nosedive",
        "mainly-targets-individuals",
        "low-score-travel-ban",
        "scores-are-secret",
        "credit-can-never-be-repaired",
        "complete-since-2020",
        "score-range-1000-to-1300",
        "redlists-punish-firms",
        "foreign-companies-exempt",
        "nothing-like-it-in-the-west",
    ],
)
def test_the_required_claims_are_covered(library, slug):
    assert library.myth(slug) is not None


# Pages ---------------------------------------------------------------------------------------------


def test_myths_page_shows_every_claim_with_a_labelled_verdict(client, library):
    response = client.get("/myths/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<article class="myth-card"') == len(library.myths)
    for myth in library.myths:
        assert f'href="{myth.url}"' in html
        assert (
            f'verdict-{myth.verdict}"><span class="verdict-icon" aria-hidden="true"></span>{myth.verdict_label}' in html
        )
    assert "What the verdicts mean" in html


def test_reveal_returns_only_the_short_answer_for_htmx(client, library):
    myth = library.myths[0]
    response = client.get(myth.url, headers={"HX-Request": "true", "HX-Target": f"facts-{myth.slug}"})
    html = response.content.decode()
    assert "<html" not in html and "<h1" not in html
    assert myth.short_card_html in html and f'href="{myth.url}"' in html
    assert "HX-Request" in response["Vary"]


def test_myth_url_without_htmx_is_the_full_fact_check(client, library):
    myth = library.myths[0]
    response = client.get(myth.url)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    markers = (
        'class="claim-label"',
        'id="evidence-title"',
        'id="verdict-title"',
        'id="explanation-title"',
        'id="references"',
    )
    positions = [html.index(marker) for marker in markers]
    assert positions == sorted(positions), "claim, evidence, verdict, explanation, sources in that order"
    assert "HX-Request" in response["Vary"]


def test_history_restore_of_a_myth_gets_the_full_page(client, library):
    myth = library.myths[0]
    headers = {"HX-Request": "true", "HX-Target": f"facts-{myth.slug}", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(myth.url, headers=headers).content.decode()


def test_claim_review_json_ld_matches_the_page(client, library):
    for myth in library.myths:
        html = client.get(myth.url).content.decode()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(block[1])
        assert data["@type"] == "ClaimReview"
        assert data["claimReviewed"] == myth.claim
        assert data["reviewRating"]["alternateName"] == myth.verdict_label
        assert data["reviewRating"]["alternateName"] in html.split("</head>")[1]
        assert data["datePublished"] == myth.published.isoformat()
        assert data["author"]["name"] and data["url"] == f"http://testserver{myth.url}"
        assert 1 <= data["reviewRating"]["ratingValue"] <= 5


def test_verdict_filter_shows_only_that_verdict(client, library):
    response = client.get("/myths/?verdict=false")
    html = response.content.decode()
    expected = [m for m in library.myths if m.verdict == "false"]
    assert response.status_code == 200
    assert html.count('<article class="myth-card"') == len(expected) > 0
    assert '<option value="false" selected>' in html


def test_verdict_filter_by_htmx_returns_the_list_only(client):
    response = client.get("/myths/?verdict=misleading", headers={"HX-Request": "true", "HX-Target": "myth-list"})
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html and "myth-card" in html


@pytest.mark.parametrize("verdict", ["maybe", "<b>bold</b>", "z" * 3000])
def test_unknown_verdict_is_a_clear_400(client, verdict):
    response = client.get("/myths/", {"verdict": verdict})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is no verdict called" in html and "Partly true" in html
    assert "<b>bold</b>" not in html and "z" * 100 not in html


def test_unknown_myth_is_a_404(client):
    assert client.get("/myths/no-such-claim/").status_code == 404


def test_timeline_events_link_the_myths_that_cite_them(client, library):
    linked = [(m, p) for m in library.myths for p in m.related if p.startswith("/timeline/")]
    assert linked, "some myth relates to a timeline event"
    myth, path = linked[0]
    html = client.get(path.partition("#")[0]).content.decode()
    assert f'href="{myth.url}"' in html
