"""/search/ shows the best-answer card, explains a query of common words, and never fails on odd input."""

import re
from urllib.parse import urlencode

import pytest

from explainer.search import MAX_QUERY_LENGTH, relevance

HTMX = {"HX-Request": "true"}


def search(client, q, **headers):
    return client.get(f"/search/?{urlencode({'q': q})}", headers=headers)


def first_result_url(response):
    return re.search(r'<li class="search-result">.*?<a href="([^"]+)"', response.content.decode(), re.S)[1]


def card(html):
    """The answer card's HTML, or ""."""
    found = re.search(r'<section class="search-answer".*?</section>', html, re.S)
    return found[0] if found else ""


def links(html):
    return re.findall(r'<a href="([^"]+)"', html)


@pytest.mark.parametrize(
    "query", ["What happened in 2014?", "Can my credit be repaired?", "Is Sesame Credit the government score?"]
)
def test_the_issues_questions_are_answered_by_the_first_result_on_the_page(client, query):
    answers = {q.q: q.answers for q in relevance.load()}[query]
    response = search(client, query)
    assert response.status_code == 200
    assert first_result_url(response) in answers


def test_a_year_question_gets_a_card_listing_that_years_events(client):
    html = search(client, "What happened in 2014?").content.decode()
    *events, whole = links(card(html))
    assert whole == "/timeline/#ev-2014-planning-outline", "the timeline opens at the year's first event"
    assert len(events) == 4 and all(link.startswith("/timeline/2014-") for link in events)
    assert "2014 on the timeline" in card(html) and "Best answer" in card(html)
    assert html.count("data-search-answer") == 1


def test_a_fact_check_card_links_to_the_fact_check_with_its_verdict(client):
    html = search(client, "Is Sesame Credit the government score?").content.decode()
    assert links(card(html))[0] == "/myths/sesame-credit-is-the-government-score/"
    assert "Fact check. Verdict: False" in " ".join(card(html).split())


def test_the_htmx_partial_carries_the_card_too(client):
    response = search(client, "What is a redlist?", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>" not in html
    assert set(links(card(html))) == {"/glossary/#redlist"}


def test_no_card_when_nothing_clearly_answers(client):
    html = search(client, "Rongcheng").content.decode()
    assert not card(html)
    assert first_result_url(search(client, "Rongcheng")) == "/guide/how-it-works/#rongcheng"


def test_common_words_only_get_a_message_and_suggestions_not_an_empty_page(client):
    response = search(client, "what is it")
    html = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "has only very common words" in html and "No results" not in html
    assert '<ul class="search-suggestions">' in html


def test_one_common_word_alone_is_still_searched(client):
    response = search(client, "the")
    assert response.status_code == 200 and '<li class="search-result">' in response.content.decode()


@pytest.mark.parametrize(
    ("q", "status"),
    [
        ("x" * (MAX_QUERY_LENGTH + 1), 400),
        ("What happened in " + "2014 " * 60, 400),
        ("2014" * 50, 200),
        ("99999999999999999999 in 2014", 200),
        ("what what what what what what what what what what what what what", 200),
        ("<mark>2014</mark>", 200),
        ("%00 ' OR 1=1 --", 200),
        ("\u202e2014", 200),
    ],
)
def test_odd_questions_get_a_clear_4xx_or_a_normal_page(client, q, status):
    response = search(client, q)
    assert response.status_code == status
    html = response.content.decode()
    if "<" in q:  # echoed escaped in the count line (results mark their matches with <mark> themselves)
        assert "“&lt;mark&gt;2014&lt;/mark&gt;”" in html
    if status == 400:
        assert "at most 200 characters" in html
