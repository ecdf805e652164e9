"""Hostile input and security headers: no request gives a 5xx or reflects what it sent unescaped."""

import json
import os
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.library import get_library, get_rulebook

from .conftest import ROOT

# If this ever appears in a response, some input reached the page without being escaped.
MARK = '<i data-fuzz="1">'

text = st.text(max_size=120)
marked = st.builds(lambda a, b: a + MARK + b, st.text(max_size=10), st.text(max_size=10))
odd = st.sampled_from(["", " ", "\x00", "%ff", "\ud800", "‮", "😀" * 50, "a" * 5000, "../../etc/passwd", "1e309"])


def value(valid):
    """A parameter value: valid, plain random text, odd bytes, or text carrying the marker."""
    return st.one_of(st.sampled_from(valid), text, odd, marked)


def _params():
    library, book = get_library(), get_rulebook()
    actions = [a.id for a in book.actions] + [f"{a.id}@3" for a in book.actions[:5]]
    personas = [p.id for p in book.personas]
    return {
        "/score/": {"persona": value(personas), "action": value(actions), "months": value(["0", "6", "60", "-1"])},
        "/timeline/": {"theme": value(sorted({t for e in library.events for t in e.themes}))},
        "/myths/": {"verdict": value(sorted({m.verdict for m in library.myths}))},
    }


PARAMS = _params()
CHAPTER = get_library().chapters[0].url


@st.composite
def requests(draw):
    path = draw(st.sampled_from([*PARAMS, "/timeline/2014-planning-outline/", CHAPTER, "/glossary/"]))
    fields = PARAMS.get(path, {"q": value(["a"])})
    names = draw(st.lists(st.sampled_from([*fields, "other"]), max_size=6))
    query = [(name, draw(fields.get(name, text))) for name in names]
    htmx = draw(st.booleans())
    return path, query, htmx


def _assert_safe(response, sent):
    assert response.status_code < 500, (response.status_code, sent)
    assert MARK.encode() not in response.content, sent


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=requests())
def test_no_query_gives_a_server_error_or_reflects_markup(client, request):
    path, query, htmx = request
    headers = {"HX-Request": "true"} if htmx else {}
    # Encoded by hand so that a lone surrogate goes out as the raw bytes a hostile client could send.
    query_string = urlencode(query, errors="surrogatepass")
    response = client.get(f"{path}?{query_string}", headers=headers)
    _assert_safe(response, (path, query))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.booleans(),
    fields=st.dictionaries(
        st.sampled_from(["action", "round", "position", "answer", "csrfmiddlewaretoken", "other"]),
        value(["start", "answer", "true", "false", "0", "9"]),
        max_size=5,
    ),
)
def test_no_quiz_post_gives_a_server_error_or_reflects_markup(start, fields):
    client = Client()
    if start:
        client.post("/myths/quiz/", {"action": "start"})
    body = urlencode(fields, errors="surrogatepass")
    response = client.post(
        "/myths/quiz/",
        body,
        "application/x-www-form-urlencoded",
        headers={"HX-Request": "true", "HX-Target": "quiz-body"},
    )
    _assert_safe(response, fields)
    assert response.status_code in (200, 400, 409)


def test_every_response_sends_the_hardening_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert "Server" not in response


@pytest.mark.slow
def test_production_sends_hsts_over_https():
    """Run a request through the production settings in a separate process."""
    code = (
        "import django, json; django.setup()\n"
        "from django.test import Client, override_settings\n"
        # the hashed static names need collectstatic, which a fresh clone has not run; not under test here
        "plain = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},"
        " 'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
        "with override_settings(STORAGES=plain):\n"
        "    r = Client().get('/', secure=True, headers={'host': 'example.org'})\n"
        "print(json.dumps({'status': r.status_code, 'headers': dict(r.headers)}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "explainer.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "example.org",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    headers = {k.lower(): v for k, v in result["headers"].items()}
    assert result["status"] == 200
    assert "max-age=31536000" in headers["strict-transport-security"]
    assert "includeSubDomains" in headers["strict-transport-security"]
    assert "server" not in headers


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_unsupported_methods_are_refused_not_crashed(client, method):
    response = client.generic(method, "/myths/quiz/")
    assert response.status_code == 405


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    form=st.sampled_from(["rate", "report"]),
    fields=st.dictionaries(
        st.sampled_from(["stars", "problem", "source", "email", "website", "started", "other"]),
        value(["1", "5", "a report of at least ten characters", "reader@example.org", ""]),
        max_size=6,
    ),
    htmx=st.booleans(),
)
def test_no_feedback_post_gives_a_server_error_or_reflects_markup(client, form, fields, htmx):
    from explainer.feedback.models import RateCounter

    RateCounter.objects.all().delete()  # keep the rate limit out of the way: the forms themselves are under test
    client.get("/feedback/guide/key-points/")  # the reader cookie a post needs
    body = urlencode(fields, errors="surrogatepass")
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(
        f"/feedback/guide/key-points/{form}/", body, "application/x-www-form-urlencoded", headers=headers
    )
    _assert_safe(response, fields)
    assert response.status_code in (200, 303, 400)
