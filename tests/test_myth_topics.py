"""The myths page: claims first with the verdict on reveal, topics and their filter, the order, and
previous/next claim links on each fact check."""

import re

import pytest

from explainer.content import load
from explainer.content.records import MYTH_TOPICS
from explainer.pagecache import PAGE_QUERY

from .conftest import MYTH, only_problem, write_myths


def cards(html):
    return re.findall(r'<article class="myth-card" aria-labelledby="claim-([a-z0-9-]+)"', html)


# Content -------------------------------------------------------------------------------------------


def test_unknown_topic_is_reported_with_the_choices(content_dir):
    text = MYTH.format(claim="A claim here.", verdict="false").replace('topics = ["scores"]', 'topics = ["aliens"]')
    problem = only_problem(load(write_myths(content_dir, {"x": text})), "E007")
    assert problem.field == "topics" and "aliens" in problem.message and "travel" in problem.message


def test_missing_topics_and_rank_are_reported(content_dir):
    text = MYTH.format(claim="A claim here.", verdict="false").replace('topics = ["scores"]\nrank = 1\n', "")
    library = load(write_myths(content_dir, {"x": text}))
    assert {(p.code, p.field) for p in library.problems} == {("E006", "topics"), ("E006", "rank")}


def test_two_myths_with_one_rank_are_reported(content_dir):
    text = MYTH.format(claim="A claim here.", verdict="false")
    problem = only_problem(load(write_myths(content_dir, {"a": text, "b": text})), "E007")
    assert problem.field == "rank" and problem.path.name == "b.md" and "a.md" in problem.message


def test_quiz_answer_must_follow_the_verdict(content_dir):
    text = MYTH.format(claim="A claim here.", verdict="misleading").replace("quiz_answer = false", "quiz_answer = true")
    problem = only_problem(load(write_myths(content_dir, {"x": text})), "E007")
    assert problem.field == "quiz_answer"


def test_every_real_myth_has_known_topics_and_a_unique_rank(library):
    ranks = [m.rank for m in library.myths]
    assert sorted(ranks) == list(range(1, len(library.myths) + 1))
    assert ranks == sorted(ranks), "the library keeps the myths in rank order"
    for myth in library.myths:
        assert myth.topics and set(myth.topics) <= set(MYTH_TOPICS)
    used = {t for m in library.myths for t in m.topics}
    assert {"travel", "companies", "scores", "surveillance", "history", "private-credit", "courts"} <= used


def test_every_rank_is_explained_for_editors(library):
    for myth in library.myths:
        assert f"Rank {myth.rank}:" in myth.path.read_text(encoding="utf-8"), myth.slug


# The page ------------------------------------------------------------------------------------------


def test_the_claim_comes_before_its_verdict_which_is_hidden_by_default(client, library):
    html = client.get("/myths/").content.decode()
    assert "Guess first" in html and 'href="/myths/?reveal=all"' in html
    assert html.count('<details class="myth-answer">') == len(library.myths)  # closed
    for myth in library.myths[:5]:
        claim = html.index(f'id="claim-{myth.slug}"')
        assert claim < html.index(f'verdict-{myth.verdict}"', claim)


def test_show_all_verdicts_opens_every_card_and_is_cacheable(client, library):
    response = client.get("/myths/?reveal=all")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<details class="myth-answer" open>') == len(library.myths)
    assert "Hide the verdicts" in html and 'href="/myths/"' in html
    assert response[PAGE_QUERY] == "reveal=all"  # declared with takes_query, so the page cache may keep it
    assert client.get("/myths/?topic=travel&reveal=all")[PAGE_QUERY] == "topic=travel&reveal=all"
    assert PAGE_QUERY not in client.get("/myths/?reveal=yes")


def test_the_verdict_carries_the_key_facts(client):
    html = client.get("/myths/").content.decode()
    sesame = html[html.index('id="claim-sesame-credit-is-the-government-score"') :]
    assert "mid-2015" in sesame[: sesame.index("</article>")]
    assert "court defaulter list" in sesame[: sesame.index("</article>")]
    repair = html[html.index('id="claim-credit-can-never-be-repaired"') :]
    repair = repair[: repair.index("</article>")]
    assert "at most 3 months" in repair and "1 to 3 years" in repair


def test_cards_are_in_rank_order_most_common_first(client, library):
    html = client.get("/myths/").content.decode()
    assert cards(html) == [m.slug for m in sorted(library.myths, key=lambda m: m.rank)]
    assert cards(html)[0] == "single-national-score"


def test_topic_filter_shows_only_that_topic_in_order(client, library):
    response = client.get("/myths/?topic=travel")
    html = response.content.decode()
    expected = [m.slug for m in library.myths if "travel" in m.topics]
    assert response.status_code == 200 and cards(html) == expected and expected
    assert '<option value="travel" selected>' in html and "on travel bans" in html


def test_topic_and_verdict_filters_combine(client, library):
    html = client.get("/myths/?topic=courts&verdict=true").content.decode()
    expected = [m.slug for m in library.myths if "courts" in m.topics and m.verdict == "true"]
    assert cards(html) == expected and expected


def test_topic_filter_by_htmx_returns_the_list_only(client):
    response = client.get("/myths/?topic=companies", headers={"HX-Request": "true", "HX-Target": "myth-list"})
    html = response.content.decode()
    assert "<html" not in html and "<form" not in html and "myth-card" in html


@pytest.mark.parametrize("query", [{"topic": "aliens"}, {"topic": "<b>x</b>"}, {"reveal": "yes"}])
def test_unknown_topic_or_switch_value_is_a_clear_400(client, query):
    response = client.get("/myths/", query)
    html = response.content.decode()
    assert response.status_code == 400 and 'role="alert"' in html
    assert "<b>x</b>" not in html
    if "topic" in query:
        assert "There is no topic called" in html and "Travel bans" in html


def test_topic_tags_link_to_the_filter(client):
    html = client.get("/myths/").content.decode()
    assert 'href="/myths/?topic=travel">Travel bans</a>' in html


# Fact-check pages ----------------------------------------------------------------------------------


def test_each_fact_check_links_the_previous_and_next_claim(client, library):
    myths = library.myths
    first = client.get(myths[0].url).content.decode()
    assert 'rel="prev"' not in first and f'href="{myths[1].url}" rel="next"' in first
    middle = client.get(myths[5].url).content.decode()
    assert f'href="{myths[4].url}" rel="prev"' in middle and f'href="{myths[6].url}" rel="next"' in middle
    last = client.get(myths[-1].url).content.decode()
    assert 'rel="next"' not in last and f'href="{myths[-2].url}" rel="prev"' in last
