"""Load test: many readers at once against the production server, on loopback, bounded in time and count.

Holds 64 connections open for 60 seconds (by default) with wrk, each request picked in turn from a mix
of pages, htmx fragments and widget scenarios (many of them distinct, so not every one is a cache hit),
and stops early if the request budget is spent. Prints throughput, latency, errors and memory; exits
non-zero if any request failed. Needs Debian's wrk (apt-get install wrk). Run: python -m tools.loadtest
"""

import argparse
import os
import random
import shutil
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from explainer.library import get_library, get_rulebook

from . import ROOT, ToolError, setup_django
from .loopback import production_server, rss_mb, run_wrk, worker_pids

LUA_SCRIPT = ROOT / "tools" / "loadtest.lua"


def request_mix(scenarios, seed=1):
    """(path, htmx target or "") for a reader's mix: pages, timeline fragments, widget scenarios."""
    library, book = get_library(), get_rulebook()
    rng = random.Random(seed)
    mix = [("/", ""), ("/guide/", ""), ("/timeline/", ""), ("/myths/", ""), ("/score/", ""), ("/glossary/", "")]
    mix += [(chapter.url, "") for chapter in library.chapters]
    mix += [(event.url, "event-detail") for event in library.events]
    mix += [(myth.url, "") for myth in library.myths]
    for _ in range(scenarios):
        persona = rng.choice(book.personas).id
        actions = [a.id for a in rng.sample(book.actions_for(persona), k=min(10, len(book.actions_for(persona))))]
        query = urlencode({"persona": persona, "action": actions, "months": rng.randint(0, 36)}, doseq=True)
        mix.append((f"/score/?{query}", rng.choice(["score-result", ""])))
    rng.shuffle(mix)
    return mix


def _fetch(url, target):
    headers = {"HX-Request": "true", "HX-Target": target} if target else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        response.read()


def _arguments():
    parser = argparse.ArgumentParser(
        prog="python -m tools.loadtest",
        description="Hold 64 connections for 60 s against a mix of pages and widget requests (loopback only).",
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--max-requests", type=int, default=5_000_000, help="stop early after this many")
    parser.add_argument("--scenarios", type=int, default=300, help="distinct widget scenarios in the mix")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--cold", dest="warm", action="store_false", help="skip the warm-up: measure a server just started"
    )
    parser.add_argument("-v", "--verbosity", type=int, default=1, help="2 also prints wrk's own report")
    return parser.parse_args()


def main():
    options = _arguments()
    seconds, connections, max_requests = options.seconds, options.connections, options.max_requests
    if not shutil.which("wrk"):
        raise ToolError("wrk is not installed: apt-get install wrk")
    if not 1 <= seconds <= 600 or not 1 <= connections <= 1024:
        raise ToolError("Keep it bounded: 1-600 seconds and 1-1024 connections.")
    setup_django()
    mix = request_mix(options.scenarios)
    threads, port = 2, 8111
    print(
        f"{connections} connections for up to {seconds} s (at most {max_requests} requests) over a mix of "
        f"{len(mix)} URLs: pages, timeline fragments and {options.scenarios} widget scenarios; "
        f"{options.workers} workers"
    )
    with tempfile.TemporaryDirectory() as tmp:
        requests = Path(tmp) / "requests.tsv"  # read by loadtest.lua in each wrk thread
        requests.write_text("".join(f"{path}\t{target}\n" for path, target in mix))
        with production_server(port, options.workers) as master:
            if options.warm:
                _warm(port, mix, options.workers)
            args = [f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(LUA_SCRIPT)]
            budget = max(1, max_requests // threads)
            rps, p50, p99, errors, out = run_wrk([*args, f"http://127.0.0.1:{port}", "--", str(requests), str(budget)])
            rss = [rss_mb(pid) for pid in worker_pids(master)]
    print(out.strip() if options.verbosity > 1 else "")
    total = int(out.split(" requests in ")[0].split()[-1])
    failed = int(out.split("Failed responses (4xx/5xx): ")[1].split()[0])
    print(f"requests    {total}")
    print(f"req/s       {rps:.0f}")
    print(f"latency     p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    print(f"errors      {errors} (socket errors and non-2xx/3xx); 4xx/5xx counted by the script: {failed}")
    print(f"worker RSS  {', '.join(f'{mb:.0f} MB' for mb in rss)}")
    if errors or failed:
        raise ToolError(f"{errors + failed} requests failed")


def _warm(port, mix, workers):
    """Ask for every URL a few times first, so each worker has rendered it once: a site in service
    runs warm. (A server just started renders each page once per worker: see --cold.)"""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        urls = [(f"http://127.0.0.1:{port}{path}", target) for path, target in mix] * (2 * workers)
        list(pool.map(lambda args: _fetch(*args), urls))
    print(f"warm-up: {len(urls)} requests in {time.perf_counter() - started:.1f} s, not counted")


if __name__ == "__main__":
    main()
