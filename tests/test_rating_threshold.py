"""A page shows its average rating only once enough readers have rated it; before that the block
invites a vote instead of showing empty stars."""

import pytest
from django.test import Client

from explainer.feedback.models import Rating
from explainer.feedback.views import MIN_VOTES_FOR_AVERAGE

pytestmark = pytest.mark.django_db

PAGE = "/feedback/guide/how-it-works/"


def add_votes(*stars):
    for i, value in enumerate(stars):
        Rating.objects.create(page_kind="guide", page_slug="how-it-works", reader=f"{i:032x}", stars=value)


def test_the_threshold_is_five_votes():
    assert MIN_VOTES_FOR_AVERAGE == 5


def test_a_page_nobody_rated_invites_the_first_vote(client):
    html = client.get(PAGE).content.decode()
    assert "No one has rated this page yet. Be the first" in html
    assert "No ratings yet" not in html and 'class="stars"' not in html and "Rated " not in html


def test_below_the_threshold_no_average_is_shown(client):
    add_votes(*[1] * (MIN_VOTES_FOR_AVERAGE - 1))
    html = client.get(PAGE).content.decode()
    assert "Too few readers have rated this page to show an average yet" in html
    assert f"once {MIN_VOTES_FOR_AVERAGE} readers have rated it" in html
    assert "Rated " not in html and 'class="stars"' not in html


def test_at_the_threshold_the_average_and_count_show(client):
    add_votes(5, 4, 4, 3, 4)
    html = client.get(PAGE).content.decode()
    assert "Rated 4.0 out of 5 by 5 readers." in html
    assert '<span class="stars" aria-hidden="true">★★★★☆</span>' in html


def test_a_reader_who_voted_below_the_threshold_is_thanked_and_told_when_the_average_shows():
    add_votes(2, 3)
    client = Client()
    client.get(PAGE)  # the reader cookie
    client.post(PAGE + "rate/", {"stars": 4})
    html = client.get(PAGE).content.decode()
    assert "Thank you for rating this page. Its average rating appears once 5 readers have rated it." in html
    assert "Your rating: 4 out of 5" in html and "Rated " not in html


def test_the_fifth_vote_reveals_the_average_in_the_htmx_answer():
    add_votes(5, 5, 5, 5)
    client = Client()
    client.get(PAGE)
    html = client.post(PAGE + "rate/", {"stars": 3}, headers={"HX-Request": "true"}).content.decode()
    assert "Rated 4.6 out of 5 by 5 readers." in html
