"""HTTP benchmark: the production server against nginx serving the same pages as static files.

Starts the production server (granian, as `make serve` does; or, to compare, gunicorn or granian's bare
WSGI interface with --server gunicorn / granian-wsgi) and
nginx on loopback, drives each with wrk for a fixed time
per URL, prints requests per second, median and 99th-percentile latency, errors, each worker's
resident memory, and Django's throughput as a share of nginx's; then stops everything it started.
Requests say `Accept-Encoding: gzip`, as every browser does (--identity: they do not), and nginx serves
the static copies precompressed (gzip_static), as a static site would.
Needs Debian's wrk and nginx (apt-get install wrk nginx-light). Run: python -m tools.benchhttp
"""

import argparse
import gzip
import hashlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from explainer.library import get_rulebook

from . import ROOT, ToolError, setup_django
from .loopback import production_server, rss_mb, run_wrk, wait_for, worker_pids
from .pageweight import measure

NGINX_CONF = ROOT / "tools" / "nginx" / "bench.conf"
APP_PORT, STATIC_PORT, PROXY_PORT = 8101, 8102, 8103


def _urls():
    company = [a.id for a in get_rulebook().actions_for("company")][:10]
    query = urlencode({"persona": "company", "action": company, "months": 24}, doseq=True)
    return [
        ("home", "/", {}),
        ("guide chapter", "/guide/how-it-works/", {}),
        ("timeline", "/timeline/", {}),
        ("timeline partial", "/timeline/2014-planning-outline/", {"HX-Request": "true", "HX-Target": "event-detail"}),
        ("myths", "/myths/", {}),
        ("widget partial, 10 actions", f"/score/?{query}", {"HX-Request": "true", "HX-Target": "score-result"}),
    ]


def _wrk(url, headers, seconds, connections):
    args = ["-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    return run_wrk([*args, url])[:4]


def _arguments():
    parser = argparse.ArgumentParser(
        prog="python -m tools.benchhttp",
        description="Benchmark the app server against nginx static files and nginx proxy_cache with wrk (loopback only).",
    )
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per URL and server")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per URL; the median is shown")
    # One sync worker per core measured as fast as two here, with half the memory.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--server", choices=("granian", "granian-wsgi", "gunicorn"), default="granian")
    parser.add_argument("--identity", action="store_true", help="ask for uncompressed pages (browsers never do)")
    return parser.parse_args()


def main():
    options = _arguments()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            raise ToolError(f"{tool} is not installed: apt-get install wrk nginx-light")
    setup_django()
    accept = {} if options.identity else {"Accept-Encoding": "gzip"}
    urls = [(label, path, {**headers, **accept}) for label, path, headers in _urls()]
    root = Path(tempfile.mkdtemp(prefix="bench-"))
    root.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the pages
    try:
        with production_server(APP_PORT, options.workers, options.server) as app_pid:
            _save_pages(root / "pages", urls)
            with _nginx(root):
                encoding = "uncompressed (--identity)" if not accept else "gzip, as browsers ask"
                print(f"App server: {options.server} with {options.workers} workers; pages {encoding}")
                _run(urls, accept, options)
                _report(urls, app_pid)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _save_pages(pages, urls):
    """The same pages, saved as static files for nginx, and gzipped."""
    for _, path, headers in urls:
        request = urllib.request.Request(f"http://127.0.0.1:{APP_PORT}{path}", headers=headers)
        with urllib.request.urlopen(request) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
        target = pages / _static_name(path, headers)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        target.with_name(target.name + ".gz").write_bytes(gzip.compress(body, compresslevel=9, mtime=0))


@contextmanager
def _nginx(root):
    """nginx with tools/nginx/bench.conf, its placeholders filled in, for the length of a with block."""
    conf = NGINX_CONF.read_text()
    for name, value in {
        "ROOT": root,
        "STATIC_PORT": STATIC_PORT,
        "PROXY_PORT": PROXY_PORT,
        "APP_PORT": APP_PORT,
    }.items():
        conf = conf.replace(f"@{name}@", str(value))
    if left := re.findall(r"@[A-Z_]+@", conf):
        raise ToolError(f"{NGINX_CONF} has placeholders this script does not fill in: {left}")
    (root / "nginx.conf").write_text(conf)
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen([nginx_bin, "-c", str(root / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        wait_for(PROXY_PORT, deadline=10)
    except ToolError:
        process.terminate()
        raise ToolError(f"nginx did not start: {process.communicate()[1].decode()[-500:]}") from None
    try:
        yield process
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=10)


def _run(urls, accept, options):
    seconds, connections, rounds = options.seconds, options.connections, options.rounds
    print(f"wrk, {connections} connections, {seconds} s per URL and server, median of {rounds} rounds (latency in ms)")
    print(f"{'page':28} {'server':13} {'req/s':>9} {'p50':>7} {'p99':>7} {'errors':>6} {'vs nginx':>9}")
    for _, path, headers in urls:  # warm: a cache in use is a warm cache, so measure it warm
        for port in (APP_PORT, PROXY_PORT):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
            for _ in range(4):
                urllib.request.urlopen(request).read()
    for label, path, headers in urls:
        # Rounds alternate the three servers so that a burst of other load on this small machine
        # hits all three alike; the median round is reported.
        targets = {
            "nginx static": (f"http://127.0.0.1:{STATIC_PORT}/{_static_name(path, headers)}", accept),
            "django": (f"http://127.0.0.1:{APP_PORT}{path}", headers),
            "nginx cache": (f"http://127.0.0.1:{PROXY_PORT}{path}", headers),
        }
        runs = {server: [] for server in targets}
        for _ in range(rounds):
            for server, (url, request_headers) in targets.items():
                runs[server].append(_wrk(url, request_headers, seconds, connections))
        static_rps = statistics.median(run[0] for run in runs["nginx static"])
        for server, results in runs.items():
            rps = statistics.median(run[0] for run in results)
            p50 = statistics.median(run[1] for run in results)
            p99 = statistics.median(run[2] for run in results)
            errors = sum(run[3] for run in results)
            share = f"{rps / static_rps:8.0%}" if server != "nginx static" else ""
            print(f"{label:28} {server:13} {rps:9.0f} {p50:7.2f} {p99:7.2f} {errors:6d} {share:>9}")


def _report(urls, master_pid):
    rss = ", ".join(f"{rss_mb(pid):.0f}" for pid in worker_pids(master_pid))
    print(f"\nResident memory of each app server worker (MB): {rss}")
    print("\nPage weight with same-origin CSS and JS, gzip -9 (KB; budget 60):")
    for weight in measure([path for _, path, headers in urls if "HX-Request" not in headers]):
        print(f"  {weight.path:28} {weight.total / 1024:6.1f}")


def _static_name(path, headers):
    """A file name for nginx that keeps page and fragment of the same URL apart."""
    name = (re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "home")[:40]
    fragment = "_fragment" if "HX-Request" in headers else ""
    return f"{name}_{hashlib.sha1(path.encode()).hexdigest()[:8]}{fragment}.html"


if __name__ == "__main__":
    main()
