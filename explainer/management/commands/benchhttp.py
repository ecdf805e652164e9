"""HTTP benchmark: the production server against nginx serving the same pages as static files.

Starts the production server (granian, as `make serve` does; or gunicorn with --server gunicorn) and
nginx on loopback, drives each with wrk for a fixed time
per URL, prints requests per second, median and 99th-percentile latency, errors, each worker's
resident memory, and Django's throughput as a share of nginx's; then stops everything it started.
Requests say `Accept-Encoding: gzip`, as every browser does (--identity: they do not), and nginx serves
the static copies precompressed (gzip_static), as a static site would.
Needs Debian's wrk and nginx (apt-get install wrk nginx-light).
"""

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
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError

from explainer.library import get_rulebook
from explainer.pageweight import measure

from ._loopback import production_server, rss_mb, run_wrk, wait_for, worker_pids

NGINX_CONF = """
worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    proxy_cache_path {root}/cache keys_zone=pages:10m max_size=100m;
    map $http_accept_encoding $gzip_ok {{ ~*gzip gzip; default ""; }}
    server {{
        listen 127.0.0.1:{static_port};
        root {root}/pages;
        gzip_static on;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
    server {{
        listen 127.0.0.1:{proxy_port};
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $host;
            proxy_set_header Accept-Encoding $gzip_ok;
            proxy_cache pages;
            proxy_cache_key "$scheme$host$request_uri|$http_hx_request|$http_hx_target|$http_hx_history_restore_request|$gzip_ok";
            proxy_cache_use_stale updating;
            proxy_cache_lock on;
            # The key already holds every header the app varies on; honouring Vary as well would make
            # nginx read each cached entry twice (main key, then the variant).
            proxy_ignore_headers Vary;
        }}
    }}
}}
"""


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


class Command(BaseCommand):
    help = "Benchmark the app server against nginx static files and nginx proxy_cache with wrk (loopback only)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=5, help="wrk duration per URL and server")
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per URL; the median is shown")
        # One sync worker per core measured as fast as two here, with half the memory.
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
        parser.add_argument("--server", choices=("granian", "gunicorn"), default="granian")
        parser.add_argument("--identity", action="store_true", help="ask for uncompressed pages (browsers never do)")

    def handle(self, *args, seconds, connections, rounds, workers, server, identity, **options):
        for tool in ("wrk", "nginx"):
            if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
                raise CommandError(f"{tool} is not installed: apt-get install wrk nginx-light")
        root = Path(tempfile.mkdtemp(prefix="bench-"))
        root.chmod(0o755)  # nginx's workers run as an unprivileged user and must read the pages
        app_port, static_port, proxy_port = 8101, 8102, 8103
        self.accept = {} if identity else {"Accept-Encoding": "gzip"}
        with production_server(app_port, workers, server) as app_pid:
            self._bench(root, app_port, static_port, proxy_port, app_pid, server, workers, seconds, connections, rounds)

    def _bench(self, root, app_port, static_port, proxy_port, app_pid, server, workers, seconds, connections, rounds):
        nginx = None
        try:
            urls = [(label, path, {**headers, **self.accept}) for label, path, headers in _urls()]
            for _, path, headers in urls:  # the same page, saved as static files for nginx, and gzipped
                request = urllib.request.Request(f"http://127.0.0.1:{app_port}{path}", headers=headers)
                with urllib.request.urlopen(request) as response:
                    body = response.read()
                    if response.headers.get("Content-Encoding") == "gzip":
                        body = gzip.decompress(body)
                target = root / "pages" / _static_name(path, headers)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(body)
                target.with_name(target.name + ".gz").write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
            conf = root / "nginx.conf"
            conf.write_text(
                NGINX_CONF.format(
                    root=root,
                    static_port=static_port,
                    proxy_port=proxy_port,
                    app_port=app_port,
                )
            )
            nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
            nginx = subprocess.Popen([nginx_bin, "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.PIPE)
            try:
                wait_for(proxy_port, deadline=10)
            except CommandError:
                nginx.terminate()
                raise CommandError(f"nginx did not start: {nginx.communicate()[1].decode()[-500:]}") from None
            encoding = "uncompressed (--identity)" if not self.accept else "gzip, as browsers ask"
            self.stdout.write(f"App server: {server} with {workers} workers; pages {encoding}\n")
            self._run(urls, seconds, connections, rounds, app_port, static_port, proxy_port, app_pid)
        finally:
            if nginx:
                nginx.send_signal(signal.SIGQUIT)
                nginx.wait(timeout=10)
            shutil.rmtree(root, ignore_errors=True)

    def _run(self, urls, seconds, connections, rounds, app_port, static_port, proxy_port, master_pid):
        self.stdout.write(
            f"wrk, {connections} connections, {seconds} s per URL and server, median of {rounds} rounds (latency in ms)\n"
        )
        head = f"{'page':28} {'server':13} {'req/s':>9} {'p50':>7} {'p99':>7} {'errors':>6} {'vs nginx':>9}"
        self.stdout.write(head)
        for _, path, headers in urls:  # warm: a cache in use is a warm cache, so measure it warm
            for port in (app_port, proxy_port):
                request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
                for _ in range(4):
                    urllib.request.urlopen(request).read()
        for label, path, headers in urls:
            # Rounds alternate the three servers so that a burst of other load on this small machine
            # hits all three alike; the median round is reported.
            runs = {"nginx static": [], "django": [], "nginx cache": []}
            for _ in range(rounds):
                runs["nginx static"].append(
                    _wrk(
                        f"http://127.0.0.1:{static_port}/{_static_name(path, headers)}",
                        self.accept,
                        seconds,
                        connections,
                    )
                )
                runs["django"].append(_wrk(f"http://127.0.0.1:{app_port}{path}", headers, seconds, connections))
                runs["nginx cache"].append(_wrk(f"http://127.0.0.1:{proxy_port}{path}", headers, seconds, connections))
            static_rps = statistics.median(run[0] for run in runs["nginx static"])
            for server, results in runs.items():
                rps = statistics.median(run[0] for run in results)
                p50 = statistics.median(run[1] for run in results)
                p99 = statistics.median(run[2] for run in results)
                errors = sum(run[3] for run in results)
                share = f"{rps / static_rps:8.0%}" if server != "nginx static" else ""
                self.stdout.write(f"{label:28} {server:13} {rps:9.0f} {p50:7.2f} {p99:7.2f} {errors:6d} {share:>9}")
        rss = ", ".join(f"{rss_mb(pid):.0f}" for pid in worker_pids(master_pid))
        self.stdout.write(f"\nResident memory of each app server worker (MB): {rss}")
        self.stdout.write("\nPage weight with same-origin CSS and JS, gzip -9 (KB; budget 60):")
        for weight in measure([path for _, path, headers in urls if "HX-Request" not in headers]):
            self.stdout.write(f"  {weight.path:28} {weight.total / 1024:6.1f}")


def _static_name(path, headers):
    """A file name for nginx that keeps page and fragment of the same URL apart."""
    name = (re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "home")[:40]
    fragment = "_fragment" if "HX-Request" in headers else ""
    return f"{name}_{hashlib.sha1(path.encode()).hexdigest()[:8]}{fragment}.html"
