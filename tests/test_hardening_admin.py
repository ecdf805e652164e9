"""The admin and the quiz after the second security review (issue 16, items 5 and 6): sign-in throttled per
address and per account, staff sessions kept on the server so that logout revokes them, the quiz in its
own signed cookie, a configurable admin path, hostile 400s logged as one line."""

import importlib
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import tomllib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import clear_url_caches
from django.utils import timezone

import explainer.urls
from explainer import quiz_round

from .conftest import ROOT

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-123"
ATTACKER = "203.0.113.7"
EDITOR_HOME = "198.51.100.20"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def sign_in(client, username, password, address):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


# 1. Sign-in throttle ----------------------------------------------------------------------------------


def test_wrong_passwords_lock_out_the_address_and_the_account(editor):
    attacker = Client()
    responses = [sign_in(attacker, "editor", f"guess-{n}", ATTACKER) for n in range(6)]
    assert [r.status_code for r in responses[:4]] == [200] * 4, "the first failures get the form again"
    assert responses[4].status_code == 429 and responses[5].status_code == 429, "the 5th failure locks out"
    assert "too many login attempts" in responses[5].content.decode()

    right = sign_in(attacker, "editor", PASSWORD, ATTACKER)
    assert right.status_code == 429 and not signed_in(right), "the right password is refused too"
    assert "_auth_user_id" not in attacker.session

    # The account is locked from anywhere, and the address for any account.
    assert sign_in(Client(), "editor", PASSWORD, EDITOR_HOME).status_code == 429
    get_user_model().objects.create_superuser("second", "second@example.org", PASSWORD)
    assert sign_in(Client(), "second", PASSWORD, ATTACKER).status_code == 429
    assert signed_in(sign_in(Client(), "second", PASSWORD, EDITOR_HOME)), "others still sign in"


def test_the_lock_out_ends_after_the_cool_off(editor, settings):
    for n in range(5):
        sign_in(Client(), "editor", f"guess-{n}", ATTACKER)
    assert sign_in(Client(), "editor", PASSWORD, ATTACKER).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert signed_in(sign_in(Client(), "editor", PASSWORD, ATTACKER))


def test_failures_spread_over_many_accounts_still_lock_the_address(editor):
    for n in range(5):
        sign_in(Client(), f"nobody-{n}", "guess", ATTACKER)
    assert sign_in(Client(), "editor", PASSWORD, ATTACKER).status_code == 429


def test_the_throttle_counts_the_address_the_rate_limits_use(editor, monkeypatch):
    """Behind a trusted proxy every reader arrives from the proxy's address: axes must count the reader's
    address, as the rate limits do (explainer.feedback.ratelimit.client_address), or one attacker would
    lock every editor out."""
    monkeypatch.setattr("explainer.feedback.ratelimit.client_address", lambda request: "192.0.2.99")
    sign_in(Client(), "editor", "guess", ATTACKER)
    assert AccessAttempt.objects.get().ip_address == "192.0.2.99"


def test_a_forwarded_value_that_is_no_address_counts_against_the_connection(editor, monkeypatch):
    monkeypatch.setattr("explainer.feedback.ratelimit.client_address", lambda request: "unknown, <script>")
    assert sign_in(Client(), "editor", "guess", ATTACKER).status_code == 200
    assert AccessAttempt.objects.get().ip_address == ATTACKER


# 2. Staff sessions in the database; the quiz in its own signed cookie -------------------------------


def test_logout_revokes_the_session(editor, settings):
    client = Client()
    assert signed_in(sign_in(client, "editor", PASSWORD, EDITOR_HOME))
    old = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert len(old) == 32 and old.isalnum(), "the cookie is a random key; what it stands for stays on the server"

    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = old
    assert stolen.get("/admin/").status_code == 200, "the copied cookie works while the editor is signed in"

    assert client.post("/admin/logout/").status_code == 200
    response = stolen.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def play(client, moves=3):
    """Start a round and answer the first claims (each answer redirects to the claim's own page, as
    without JavaScript); return every response, the pages shown included."""
    responses = [client.post("/myths/quiz/", {"action": "start"})]
    for number in range(1, moves + 1):
        state = quiz_round.read_cookie(client.cookies[quiz_round.COOKIE].value)
        data = {"action": "answer", "round": state["round"], "answer": "true"}
        responses.append(client.post(f"/myths/quiz/{number}/", data))
        responses.append(client.get(f"/myths/quiz/{number}/"))
    return responses


def test_the_quiz_writes_no_session_and_no_row(settings):
    client = Client()
    responses = play(client)
    assert [r.status_code for r in responses] == [303] + [303, 200] * 3
    assert Session.objects.count() == 0
    assert all(settings.SESSION_COOKIE_NAME not in r.cookies for r in responses)
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert all("Cookie" in r["Vary"] for r in responses if r.status_code == 200)


def test_the_quiz_carries_on_with_only_its_own_cookie():
    first = Client()
    play(first, moves=2)
    other = Client()  # another browser holding nothing but the quiz cookie
    other.cookies[quiz_round.COOKIE] = first.cookies[quiz_round.COOKIE].value
    page = other.get("/myths/quiz/3/")
    assert page.status_code == 200 and "Claim 3 of 10" in page.content.decode()


@pytest.mark.parametrize("production", [False, True])
def test_the_quiz_cookie_is_signed_http_only_same_site_and_secure_in_production(settings, production):
    settings.SESSION_COOKIE_SECURE = production  # what settings.py sets when DJANGO_ENV=production
    morsel = Client().post("/myths/quiz/", {"action": "start"}).cookies[quiz_round.COOKIE]
    assert morsel["httponly"] and morsel["samesite"] == "Lax"
    assert bool(morsel["secure"]) is production
    assert int(morsel["max-age"]) == quiz_round.COOKIE_AGE


def test_a_forged_or_foreign_quiz_cookie_is_no_round():
    client = Client()
    play(client, moves=0)
    value = client.cookies[quiz_round.COOKIE].value
    state = quiz_round.read_cookie(value)
    data = {"action": "answer", "round": state["round"], "position": 0, "answer": "true"}
    for forged in (
        value[:-2] + ("AA" if value[-2:] != "AA" else "BB"),  # tampered signature
        signing.dumps(state, salt="django.contrib.sessions.backends.signed_cookies", compress=True),  # other salt
        signing.dumps(state),  # no salt
    ):
        client.cookies[quiz_round.COOKIE] = forged
        response = client.post("/myths/quiz/", data)
        assert response.status_code == 409 and "Start a new round" in response.content.decode()


# 3. A configurable admin path ------------------------------------------------------------------------


@pytest.fixture
def admin_path(settings):
    """Serve the site with the admin under another path, as ADMIN_PATH does (urls.py reads it once)."""

    original = settings.ADMIN_PATH

    def use(path):
        settings.ADMIN_PATH = path
        importlib.reload(explainer.urls)
        clear_url_caches()

    yield use
    settings.ADMIN_PATH = original
    importlib.reload(explainer.urls)
    clear_url_caches()


def test_the_admin_answers_only_at_the_configured_path(editor, admin_path):
    admin_path("backroom-7f3a/")
    client = Client()
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404
    response = client.get("/backroom-7f3a/")
    assert response.status_code == 302 and response["Location"].startswith("/backroom-7f3a/login/")
    response = client.post("/backroom-7f3a/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    assert "Site administration" in client.get("/backroom-7f3a/").content.decode()


@pytest.mark.slow
@pytest.mark.parametrize(("value", "expected"), [(None, "admin/"), ("/backroom-7f3a", "backroom-7f3a/")])
def test_admin_path_comes_from_the_environment(value, expected):
    env = {k: v for k, v in os.environ.items() if k != "ADMIN_PATH"}
    if value is not None:
        env["ADMIN_PATH"] = value
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"/{expected}"


@pytest.mark.slow
def test_a_bad_admin_path_stops_the_start():
    env = {**os.environ, "ADMIN_PATH": "/"}
    code = "import django; django.setup()"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode != 0 and "ADMIN_PATH must be" in out.stderr


# 4. Hostile 400s are one log line ---------------------------------------------------------------------


@pytest.fixture
def server_log():
    """What the site's console handler writes (in production: the server's log)."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def lines(log):
    return [line for line in log.getvalue().splitlines() if line.strip()]


def test_a_bad_host_logs_one_line_without_traceback(server_log, caplog):
    response = Client(HTTP_HOST="evil.example" + "x" * 5000).get("/")
    assert response.status_code == 400
    assert any(r.name == "django.security.DisallowedHost" for r in caplog.records)
    [line] = lines(server_log)
    assert line.startswith("WARNING django.security.DisallowedHost: Invalid HTTP_HOST header")
    assert "Traceback" not in server_log.getvalue() and len(line) < 400


def test_too_many_fields_logs_one_line(server_log):
    response = Client().post("/myths/quiz/", {f"f{n}": "1" for n in range(1001)})
    assert response.status_code == 400
    [line] = lines(server_log)
    assert line.startswith("WARNING django.security.TooManyFieldsSent:") and "Traceback" not in line


def test_a_body_too_large_logs_one_line(server_log, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post("/myths/quiz/", {"action": "start", "pad": "x" * 2000})
    assert response.status_code == 400
    [line] = lines(server_log)
    assert line.startswith("WARNING django.security.RequestDataTooBig:") and "Traceback" not in line


def test_server_errors_keep_their_traceback(server_log):
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /", None, None)
    try:
        raise RuntimeError("a real bug")
    except RuntimeError:
        record.exc_info = sys.exc_info()
    record.status_code = 500
    logging.getLogger("django.request").handle(record)
    assert "Traceback" in server_log.getvalue() and "a real bug" in server_log.getvalue()


# 5. Production installs only runtime dependencies ----------------------------------------------------


def test_production_dependencies_hold_no_development_tools():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {re.split(r"[\[<>=~!; ]", spec, maxsplit=1)[0].lower() for spec in project["dependencies"]}
    tools = {re.split(r"[\[<>=~!; ]", spec, maxsplit=1)[0].lower() for spec in project["optional-dependencies"]["dev"]}
    assert {"pytest", "ruff", "playwright", "gunicorn", "hypothesis"} <= tools
    assert not runtime & tools
    assert "django-axes" in runtime


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_serve_runs_from_an_environment_with_runtime_dependencies_only():
    # -n prints what would run without running it; -B as if nothing were installed yet
    # Under `make test` this runs inside make: its variables would make the inner make print directories.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    out = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "serve"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    installs = [line for line in out.splitlines() if "pip install" in line and "--upgrade pip" not in line]
    assert installs and all(line.startswith(".venv-prod/bin/python ") for line in installs)
    assert all(line.rstrip().endswith(" -e .") for line in installs), "the project without the [dev] extra"
    assert "[dev]" not in out and ".venv/" not in out
    assert 'PATH="' in out.splitlines()[-1] and "/.venv-prod/bin:" in out.splitlines()[-1]
