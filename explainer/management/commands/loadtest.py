"""Load test: many readers at once against the production server, on loopback, bounded in time and count.

Holds 64 connections open for 60 seconds (by default) with wrk, each request picked in turn from a mix
of pages, htmx fragments and widget scenarios (many of them distinct, so not every one is a cache hit),
and stops early if the request budget is spent. Prints throughput, latency, errors and memory; exits
non-zero if any request failed. Needs Debian's wrk (apt-get install wrk).
"""

import os
import random
import shutil
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError

from explainer.library import get_library, get_rulebook

from ._loopback import production_server, rss_mb, run_wrk, worker_pids

# wrk runs this in each of its threads: requests go round the list; every status >= 400 is counted,
# and a thread stops once it has had its share of the request budget.
LUA = """
local paths = {%(paths)s}
local htmx = {%(htmx)s}
local budget = %(budget)d
-- globals, not locals: done() reads each thread's count with thread:get()
i, done_count, failed = 0, 0, 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  i = math.random(#paths)
end

function request()
  i = i %% #paths + 1
  local headers = {["Accept-Encoding"] = "gzip"}  -- as every browser asks
  if htmx[i] ~= "" then
    headers["HX-Request"] = "true"
    headers["HX-Target"] = htmx[i]
  end
  return wrk.format("GET", paths[i], headers)
end

function response(status, headers, body)
  done_count = done_count + 1
  if status >= 400 then failed = failed + 1 end
  if done_count >= budget then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total_failed = 0
  for _, thread in ipairs(threads) do total_failed = total_failed + thread:get("failed") end
  io.write(string.format("Failed responses (4xx/5xx): %%d\\n", total_failed))
end
"""


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


def _lua_strings(values):
    return ", ".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)


def _fetch(url, target):
    headers = {"HX-Request": "true", "HX-Target": target} if target else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        response.read()


class Command(BaseCommand):
    help = "Hold 64 connections for 60 s against a mix of pages and widget requests (loopback only)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--connections", type=int, default=64)
        parser.add_argument("--max-requests", type=int, default=5_000_000, help="stop early after this many")
        parser.add_argument("--scenarios", type=int, default=300, help="distinct widget scenarios in the mix")
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
        parser.add_argument(
            "--cold", dest="warm", action="store_false", help="skip the warm-up: measure a server just started"
        )

    def handle(self, *args, seconds, connections, max_requests, scenarios, workers, warm, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed: apt-get install wrk")
        if not 1 <= seconds <= 600 or not 1 <= connections <= 1024:
            raise CommandError("Keep it bounded: 1-600 seconds and 1-1024 connections.")
        mix = request_mix(scenarios)
        threads = 2
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(
            LUA
            % {
                "paths": _lua_strings(p for p, _ in mix),
                "htmx": _lua_strings(t for _, t in mix),
                "budget": max(1, max_requests // threads),
            }
        )
        port = 8111
        self.stdout.write(
            f"{connections} connections for up to {seconds} s (at most {max_requests} requests) over a mix of "
            f"{len(mix)} URLs: pages, timeline fragments and {scenarios} widget scenarios; {workers} workers"
        )
        try:
            with production_server(port, workers) as master:
                if warm:
                    self._warm(port, mix, workers)
                args = [f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script)]
                rps, p50, p99, errors, out = run_wrk([*args, f"http://127.0.0.1:{port}"])
                rss = [rss_mb(pid) for pid in worker_pids(master)]
        finally:
            script.unlink(missing_ok=True)
        self.stdout.write(out.strip() if options["verbosity"] > 1 else "")
        total = int(out.split(" requests in ")[0].split()[-1])
        failed = int(out.split("Failed responses (4xx/5xx): ")[1].split()[0])
        self.stdout.write(f"requests    {total}")
        self.stdout.write(f"req/s       {rps:.0f}")
        self.stdout.write(f"latency     p50 {p50:.2f} ms, p99 {p99:.2f} ms")
        self.stdout.write(
            f"errors      {errors} (socket errors and non-2xx/3xx); 4xx/5xx counted by the script: {failed}"
        )
        self.stdout.write(f"worker RSS  {', '.join(f'{mb:.0f} MB' for mb in rss)}")
        if errors or failed:
            raise CommandError(f"{errors + failed} requests failed")

    def _warm(self, port, mix, workers):
        """Ask for every URL a few times first, so each worker has rendered it once: a site in service
        runs warm. (A server just started renders each page once per worker: see --cold.)"""
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=4) as pool:
            urls = [(f"http://127.0.0.1:{port}{path}", target) for path, target in mix] * (2 * workers)
            list(pool.map(lambda args: _fetch(*args), urls))
        self.stdout.write(f"warm-up: {len(urls)} requests in {time.perf_counter() - started:.1f} s, not counted")
