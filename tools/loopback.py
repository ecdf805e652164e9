"""Shared by the benchmarks and the load test: the production server and wrk, on loopback only."""

import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from . import ROOT, ToolError


@contextmanager
def production_server(port, workers, server="granian"):
    """Start the app with tools/serve.sh, as `make serve` does, on loopback; yield the server's pid."""
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",  # this venv's tools
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "APP_SERVER": server,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    with tempfile.TemporaryFile() as log:  # kept to explain a server that never answers
        process = subprocess.Popen([str(ROOT / "tools" / "serve.sh")], env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            try:
                wait_for(port, process=process, deadline=120)  # collectstatic and the index come first
            except ToolError:
                log.seek(0)
                raise ToolError(
                    f"tools/serve.sh did not answer on port {port}:\n{log.read().decode()[-1500:]}"
                ) from None
            yield process.pid
        finally:
            process.terminate()
            process.wait(timeout=10)


def wait_for(port, deadline=30.0, process=None):
    """Return once something answers on the port; fail if it never does, or if `process` ends first."""
    end = time.monotonic() + deadline
    while time.monotonic() < end and (process is None or process.poll() is None):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise ToolError(f"nothing answered on port {port}")


def run_wrk(args):
    """Run wrk; return (requests/s, p50 ms, p99 ms, socket errors + non-2xx/3xx responses, full output)."""
    result = subprocess.run(["wrk", *args], capture_output=True, text=True)
    if result.returncode:
        raise ToolError(f"wrk failed: {result.stderr.strip() or result.stdout.strip()}")
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
