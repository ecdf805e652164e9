"""Shared by the benchmark and load-test commands: the production server and wrk, on loopback only."""

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError


@contextmanager
def production_server(port, workers, server="granian"):
    """Start the app as `make serve` does (production settings, static files collected); yield its pid."""
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    base, bin_dir = settings.BASE_DIR, Path(sys.executable).parent
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=base, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=base, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "buildsearchindex"], cwd=base, env=env, check=True, capture_output=True
    )
    if server == "granian":
        command = [str(bin_dir / "granian"), "--interface", "wsgi", "explainer.wsgi:application"]
        command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--blocking-threads", "2"]
    else:
        command = [str(bin_dir / "gunicorn"), "explainer.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
    process = subprocess.Popen(command, cwd=base, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for(port, deadline=30.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise CommandError(f"nothing answered on port {port}")


def run_wrk(args):
    """Run wrk; return (requests/s, p50 ms, p99 ms, socket errors + non-2xx/3xx responses, full output)."""
    result = subprocess.run(["wrk", *args], capture_output=True, text=True)
    if result.returncode:
        raise CommandError(f"wrk failed: {result.stderr.strip() or result.stdout.strip()}")
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p50 = _ms(re.search(r"50%\s+([\d.]+\w+)", out)[1])
    p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", out)[1])
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, errors + (int(non2xx[1]) if non2xx else 0), out


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_pids(master_pid):
    return [int(pid) for pid in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()]
