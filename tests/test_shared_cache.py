"""The shared cache for real: a Redis server on loopback, used by two separate Django processes."""

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
import redis

from .conftest import ROOT

pytestmark = pytest.mark.slow  # starts redis-server and Django in subprocesses


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server")
    if not binary:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed: .ci/run should have installed Debian's redis-server package.")
        pytest.skip("redis-server not found: apt-get install redis-server to test the shared cache.")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workdir]
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def _in_django(code, cache_url, **env):
    """Run `code` in a fresh Django process configured with CACHE_URL; return its last line of output."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "explainer.settings", "CACHE_URL": cache_url, **env}
    script = "import django; django.setup()\n" + code
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_a_page_rendered_by_one_process_is_served_by_another_from_redis(redis_url):
    redis.Redis.from_url(redis_url).flushdb()
    render = "from django.test import Client\nprint(Client().get('/myths/').status_code)"
    assert _in_django(render, redis_url) == "200"
    keys = [k.decode() for k in redis.Redis.from_url(redis_url).keys("*")]
    assert any(k.startswith("pages:") and "cache_page" in k for k in keys), keys
    # A second process finds the page there: it is served without calling the view.
    check = (
        "from unittest import mock\n"
        "from django.test import Client\n"
        "with mock.patch('explainer.views.myths.page_or_partial', side_effect=AssertionError) as view:\n"
        "    r = Client().get('/myths/')\n"
        "print(r.status_code, view.called)"
    )
    assert _in_django(check, redis_url) == "200 False"


def test_counters_in_the_default_cache_are_shared_between_processes(redis_url):
    bump = "from django.core.cache import cache\ncache.add('hits', 0)\nprint(cache.incr('hits'))"
    assert _in_django(bump, redis_url) == "1"
    assert _in_django(bump, redis_url) == "2"
