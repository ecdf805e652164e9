"""The three-answer quiz: one URL per claim, right and wrong feedback, a running score, Back and reload,
tampering, the end screen and the shareable result."""

from html import unescape

import pytest
from django.core import signing

from explainer.content.records import QUIZ_KEY, VERDICTS
from explainer.quiz_round import COOKIE, SALT, read_cookie


def quiz_state(client):
    return read_cookie(client.cookies[COOKIE].value)


def start(client):
    response = client.post("/myths/quiz/", {"action": "start"})
    assert response.status_code == 303 and response["Location"] == "/myths/quiz/1/"
    return quiz_state(client)


def answer(client, state, number, value, **headers):
    return client.post(
        f"/myths/quiz/{number}/", {"action": "answer", "round": state["round"], "answer": value}, **headers
    )


def right_and_wrong(myth):
    wrong = next(key for key in ("true", "false", "complicated") if key != myth.quiz_key)
    return myth.quiz_key, wrong


def test_every_verdict_maps_to_one_of_three_answers():
    assert set(QUIZ_KEY) == set(VERDICTS)
    assert QUIZ_KEY["true"] == "true" and QUIZ_KEY["false"] == "false"
    assert {QUIZ_KEY[v] for v in ("misleading", "partly-true", "outdated")} == {"complicated"}


def test_a_round_mixes_all_three_answers(client, library):
    state = start(client)
    keys = [library.myth(slug).quiz_key for slug in state["order"]]
    assert len(keys) == 10 == len(set(state["order"]))
    assert keys.count("true") == 3 and keys.count("complicated") == 3 and keys.count("false") == 4


def test_each_question_has_its_own_address_with_three_answers(client, library):
    state = start(client)
    html = client.get("/myths/quiz/1/").content.decode()
    assert "Claim 1 of 10" in html and library.myth(state["order"][0]).claim in unescape(html)
    for value, label in (("true", "True"), ("false", "False"), ("complicated", "It’s more complicated")):
        assert f'name="answer" value="{value}">{label}</button>' in html
    assert 'action="/myths/quiz/1/"' in html


@pytest.mark.parametrize("kind", ["true", "false", "complicated"])
def test_right_answer_feedback_for_each_kind_of_claim(client, library, kind):
    state = start(client)
    number = next(i for i, slug in enumerate(state["order"], 1) if library.myth(slug).quiz_key == kind)
    for earlier in range(1, number):  # answer the claims before it
        answer(client, state, earlier, "false")
    response = answer(client, state, number, kind)
    assert response.status_code == 303 and response["Location"] == f"/myths/quiz/{number}/"
    html = client.get(response["Location"]).content.decode()
    assert "quiz-feedback is-right" in html and "Right!" in html and "✓" in html
    label = {"true": "True", "false": "False", "complicated": "It’s more complicated"}[kind]
    assert f"The answer is: {label}." in html


def test_wrong_answer_says_so_in_words_and_an_icon(client, library):
    state = start(client)
    myth = library.myth(state["order"][0])
    _, wrong = right_and_wrong(myth)
    html = client.get(answer(client, state, 1, wrong)["Location"]).content.decode()
    assert "quiz-feedback is-wrong" in html and "Wrong." in html and "✗" in html and "Right!" not in html
    assert f'href="{myth.url}"' in html and 'Score so far: <span class="quiz-score">0 of 1' in html


def test_running_score_counts_right_answers(client, library):
    state = start(client)
    for number, slug in enumerate(state["order"][:3], 1):
        right, wrong = right_and_wrong(library.myth(slug))
        answer(client, state, number, right if number != 2 else wrong)
    html = client.get("/myths/quiz/4/").content.decode()
    assert 'Claim 4 of 10 · Score so far: <span class="quiz-score">2 of 3</span>' in html


def test_back_and_reload_show_the_same_feedback_without_answering_again(client, library):
    state = start(client)
    right, _ = right_and_wrong(library.myth(state["order"][0]))
    answer(client, state, 1, right)
    answer(client, state, 2, "false")
    first = client.get("/myths/quiz/1/")  # Back to claim 1
    assert first.status_code == 200 and "Right!" in first.content.decode()
    assert client.get("/myths/quiz/1/").content == first.content  # reload: the same page
    assert quiz_state(client)["answers"] == [right, "false"]
    assert "no-store" in first["Cache-Control"] or "no-cache" in first["Cache-Control"]


def test_a_claim_not_reached_yet_redirects_to_the_one_waiting(client):
    start(client)
    response = client.get("/myths/quiz/5/")
    assert response.status_code == 302 and response["Location"] == "/myths/quiz/1/"
    assert client.get("/myths/quiz/11/").status_code == 404


def test_htmx_answer_swaps_the_body_and_pushes_the_question_url(client):
    state = start(client)
    response = answer(client, state, 1, "false", headers={"HX-Request": "true", "HX-Target": "quiz-body"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and "quiz-feedback" in html
    assert response["HX-Push-Url"] == "/myths/quiz/1/"


def test_htmx_start_shows_claim_one_and_pushes_its_url(client):
    response = client.post(
        "/myths/quiz/", {"action": "start"}, headers={"HX-Request": "true", "HX-Target": "quiz-body"}
    )
    assert response.status_code == 200 and "Claim 1 of 10" in response.content.decode()
    assert response["HX-Push-Url"] == "/myths/quiz/1/"


def test_repeated_answer_is_a_409_and_the_first_answer_stands(client):
    state = start(client)
    answer(client, state, 1, "true")
    response = answer(client, state, 1, "false")
    html = response.content.decode()
    assert response.status_code == 409
    assert "already answered claim 1" in html and 'href="/myths/quiz/2/"' in html
    assert quiz_state(client)["answers"] == ["true"]


def test_out_of_order_answer_is_a_409(client):
    state = start(client)
    response = answer(client, state, 3, "true")
    assert response.status_code == 409 and "claim 1 is next" in response.content.decode()


@pytest.mark.parametrize("value", ["maybe", "", "<script>x</script>", "TRUE"])
def test_bad_answer_is_a_400_that_keeps_the_round(client, value):
    state = start(client)
    response = answer(client, state, 1, value)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose True, False or It’s more complicated" in unescape(html) and "<script>x" not in html
    assert quiz_state(client)["answers"] == []


def test_old_position_field_on_the_intro_url_still_works_and_is_checked(client):
    state = start(client)
    data = {"action": "answer", "round": state["round"], "answer": "true"}
    assert client.post("/myths/quiz/", {**data, "position": "abc"}).status_code == 400
    assert client.post("/myths/quiz/", {**data, "position": "99"}).status_code == 400
    assert client.post("/myths/quiz/", {**data, "position": "0"}).status_code == 303
    assert client.post("/myths/quiz/", {**data, "position": "0"}).status_code == 409


def test_answer_for_a_claim_outside_the_round_is_a_400(client):
    state = start(client)
    assert answer(client, state, 11, "true").status_code == 400
    assert answer(client, state, 0, "true").status_code == 400
    assert quiz_state(client)["answers"] == []


def test_the_intro_offers_the_results_of_a_finished_round(client):
    state = start(client)
    for number in range(1, 11):
        answer(client, state, number, "false")
    assert 'href="/myths/quiz/results/"' in client.get("/myths/quiz/").content.decode()


def test_stale_round_and_unknown_action_are_refused(client):
    state = start(client)
    assert answer(client, {**state, "round": "forged"}, 1, "true").status_code == 409
    assert client.post("/myths/quiz/1/", {"action": "delete", "round": state["round"]}).status_code == 400
    assert client.post("/myths/quiz/", {"action": "delete-everything"}).status_code == 400


def test_a_tampered_cookie_is_no_round(client):
    start(client)
    value = client.cookies[COOKIE].value
    client.cookies[COOKIE] = value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    response = client.get("/myths/quiz/1/")
    assert response.status_code == 409 and "no quiz round in progress" in response.content.decode()
    assert answer(client, {"round": "x"}, 1, "true").status_code == 409


def test_a_round_from_the_old_true_false_quiz_is_dropped(client, library):
    old = {"round": "abc", "order": [m.slug for m in library.myths[:10]], "answers": [True]}
    client.cookies[COOKIE] = signing.dumps(old, salt=SALT, compress=True)
    assert "Start the quiz" in client.get("/myths/quiz/").content.decode()


def test_a_whole_round_ends_with_a_review_and_a_share_link(client, library):
    state = start(client)
    right = 0
    for number, slug in enumerate(state["order"], 1):
        myth = library.myth(slug)
        choice = ("true", "false", "complicated")[number % 3]
        right += choice == myth.quiz_key
        assert answer(client, state, number, choice).status_code == 303
    last = client.get("/myths/quiz/10/").content.decode()
    assert 'href="/myths/quiz/results/"' in last
    response = client.get("/myths/quiz/results/")
    html = response.content.decode()
    assert f"You got {right} of 10 right" in html
    assert html.count("quiz-mark") == 10
    for slug in state["order"]:
        assert f'href="{library.myth(slug).url}"' in html
    assert f"http://testserver/myths/quiz/scored/{right}/" in html
    share = client.get(f"/myths/quiz/scored/{right}/")
    assert share.status_code == 200 and f"{right} of 10 right" in share.content.decode()
    assert "public" in share["Cache-Control"]


def test_results_before_the_end_go_back_to_the_claim_waiting(client):
    assert client.get("/myths/quiz/results/")["Location"] == "/myths/quiz/"
    start(client)
    assert client.get("/myths/quiz/results/")["Location"] == "/myths/quiz/1/"


def test_share_page_for_an_impossible_score_is_a_404(client):
    assert client.get("/myths/quiz/scored/11/").status_code == 404


def test_quiz_rejects_posts_without_csrf_in_the_site_layout():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/myths/quiz/", {"action": "start"})
    assert response.status_code == 403 and 'class="site-header"' in response.content.decode()


@pytest.mark.django_db
def test_quiz_keeps_no_database_rows(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        state = start(client)
        client.get("/myths/quiz/1/")
        answer(client, state, 1, "true")
