"""Replay the hostile clients of issue 16 against the production server on loopback, and print numbers.

    python -m tools.probe            (make probe)

Starts tools/serve.sh (two workers) as `make serve` does, then:
1. floods it with 10,000 hostile requests (junk query strings, long URLs, oversized htmx headers) and
   prints each worker's memory, and how fast a real page is answered afterwards (still cached?);
2. holds 8 slow-body and 8 slow-header clients open while timing 300 requests for a cached page (p99);
3. tries to poison absolute URLs with a forged Host and X-Forwarded-Proto, then reads the sitemap as
   a reader would;
4. sends 100 votes without a reader cookie at once and counts the votes stored;
0. (first) times the first requests to a server just started.
5. counts wrong admin passwords accepted before the login locks.
"""

from __future__ import annotations

import argparse
import http.client
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import ROOT
from .loopback import production_server

PORT = 8411


def main():
    parser = argparse.ArgumentParser(prog="python -m tools.probe", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="hostile requests in the flood")
    options = parser.parse_args()
    with production_server(PORT, workers=2) as pid:
        cold_start()
        flood(pid, options.requests)
        slow_clients()
        host_poisoning()
        votes()
        admin_lockout()


# 0. A worker just started ---------------------------------------------------------------------------


def cold_start():
    """The first request for each page after the server starts: what the first readers wait."""
    paths = ["/", "/guide/", "/timeline/", "/myths/", "/glossary/", "/sources/", "/about/", "/score/"]
    paths += [f"/guide/{slug}/" for slug in ("what-it-is", "how-it-works", "companies", "origins", "faq")]
    # As through the documented proxy: the public host name and X-Forwarded-Proto, which the workers
    # rendered for when they started; then with a host and port they did not render for.
    proxied = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    samples = [_get(path, proxied)[2] for path in paths for _ in range(2)]  # twice: both workers, likely
    print(
        f"0. Cold start, first requests for {len(paths)} pages through the proxy: median "
        f"{statistics.median(samples):.2f} ms, p99 {_p99(samples):.2f} ms (target under 20 ms)"
    )
    samples = [_get(path)[2] for path in paths for _ in range(2)]
    print(f"   the same on a host the workers did not render for: p99 {_p99(samples):.2f} ms")


# 1. Memory under a flood -----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def workers(pid: int) -> list[int]:
    kids = _children(pid)
    return [grandchild for kid in kids for grandchild in _children(kid)] + kids if kids else []


def _get(path: str, headers: dict | None = None, timeout: float = 10.0) -> tuple[int, bytes, float]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{PORT}", **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        return response.status, body, (time.perf_counter() - started) * 1000
    except (OSError, http.client.HTTPException):
        return 0, b"", (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def _hostile(i: int):
    kind = i % 4
    if kind == 0:
        return _get(f"/about/?k={i}")
    if kind == 1:
        return _get(f"/guide/?{'x' * 6000}={i}")
    if kind == 2:
        return _get("/myths/", {"HX-Request": "true", "HX-Target": f"t{i}" + "y" * 3000})
    return _get(f"/search/?q=court&junk={i}")


def _timings(path: str, count: int) -> list[float]:
    return [_get(path)[2] for _ in range(count)]


def flood(pid: int, count: int):
    for path in ("/", "/guide/what-it-is/"):
        _get(path)  # rendered once, then kept
    before = {p: _rss_mb(p) for p in workers(pid)}
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda i: _hostile(i)[0], range(count)))
    seconds = time.perf_counter() - started
    after = {p: _rss_mb(p) for p in workers(pid)}
    print(f"1. Flood: {count} hostile requests in {seconds:.1f} s (statuses: {_counts(statuses)})")
    for p in after:
        print(f"   worker {p}: {before.get(p, 0):.0f} MB before, {after[p]:.0f} MB after (target: under 100 MB)")
    warm = _timings("/", 200)
    print(f"   afterwards, a real page (/): median {statistics.median(warm):.2f} ms, p99 {_p99(warm):.2f} ms")


def _counts(statuses) -> str:
    counted = {}
    for status in statuses:
        counted[status] = counted.get(status, 0) + 1
    return ", ".join(f"{k or 'error'}×{v}" for k, v in sorted(counted.items()))


def _p99(samples) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


# 2. Slow clients -------------------------------------------------------------------------------------


def _slow(payload_head: bytes, drip: bytes, stop: threading.Event):
    try:
        sock = socket.create_connection(("127.0.0.1", PORT), timeout=5)
        sock.sendall(payload_head)
        while not stop.is_set():
            sock.sendall(drip)
            stop.wait(1.0)
        sock.close()
    except OSError:
        pass  # the server hung up on us: that is the point


def slow_clients():
    stop = threading.Event()
    body_head = (
        f"POST /feedback/guide/what-it-is/report/ HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n"
        "Cookie: csrftoken=abcdefghijklmnopqrstuvwxyz012345\r\n\r\n"
    ).encode()
    header_head = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\n".encode()
    threads = [threading.Thread(target=_slow, args=(body_head, b"a", stop), daemon=True) for _ in range(8)]
    threads += [threading.Thread(target=_slow, args=(header_head, b"X", stop), daemon=True) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(2)  # let them settle in
    cached = _timings("/", 300)
    uncached = _timings("/search/?q=rongcheng", 50)
    stop.set()
    print("2. With 8 slow-body and 8 slow-header clients connected:")
    print(
        f"   cached page (/): median {statistics.median(cached):.2f} ms, p99 {_p99(cached):.2f} ms (target under 50 ms)"
    )
    print(f"   a search: median {statistics.median(uncached):.2f} ms, p99 {_p99(uncached):.2f} ms")


# 3. Host poisoning -----------------------------------------------------------------------------------


def host_poisoning():
    forged = _get("/sitemap.xml", {"Host": "localhost:8400", "X-Forwarded-Proto": "https"})
    evil = _get("/sitemap.xml", {"Host": "evil.example"})
    status, body, _ = _get("/sitemap.xml")
    locs = re.findall(rb"<loc>([^<]+)</loc>", body)
    poisoned = [loc for loc in locs if b"8400" in loc or b"evil" in loc or loc.startswith(b"https:")]
    print(f"3. Host poisoning: forged Host answered {forged[0]}, disallowed Host answered {evil[0]};")
    print(f"   then a reader's /sitemap.xml ({status}): {len(locs)} URLs, {len(poisoned)} poisoned (target 0)")


# 4. Votes without a reader cookie --------------------------------------------------------------------


def _database() -> Path:
    return ROOT / "db.sqlite3"


def _count_votes() -> int:
    with sqlite3.connect(_database()) as db:
        return db.execute("SELECT COUNT(*) FROM feedback_rating").fetchone()[0]


def _post(path: str, body: str, cookie: str = "", csrf: bool = True) -> int:
    """POST a form; with `csrf`, a made-up CSRF cookie and its matching header (no reader cookie)."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    try:
        token = "abcdefghijklmnopqrstuvwxyz012345"
        headers = {
            "Host": f"127.0.0.1:{PORT}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={token}; {cookie}" if csrf else cookie,
            "Origin": f"http://127.0.0.1:{PORT}",
        }
        if csrf:
            headers["X-CSRFToken"] = token
        connection.request("POST", path, body=body, headers=headers)
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


def votes():
    before = _count_votes()
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _: _post("/feedback/guide/what-it-is/rate/", "stars=5"), range(100)))
    stored = _count_votes() - before
    print(f"4. 100 cookie-less votes at once: statuses {_counts(statuses)}; {stored} stored (target 0)")


# 5. Admin lock-out -----------------------------------------------------------------------------------


def admin_lockout():
    """Wrong passwords for one account from one address, until the login refuses to check any more."""
    subprocess.run([sys.executable, "manage.py", "axes_reset"], cwd=ROOT, capture_output=True, check=False)
    allowed = 0
    for attempt in range(1, 31):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        connection.request("GET", "/admin/login/", headers={"Host": f"127.0.0.1:{PORT}"})
        response = connection.getresponse()
        page = response.read()
        cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        connection.close()
        if response.status != 200 or not cookie or not token:
            break  # the login page itself is refused: locked out
        form = f"username=admin&password=wrong{attempt}&csrfmiddlewaretoken={token[1].decode()}"
        status = _post("/admin/login/", form, f"csrftoken={cookie[1]}", csrf=False)
        if status in (403, 429):
            break
        allowed += 1
    print(f"5. Admin: {allowed} wrong passwords checked for one account before the lock-out")


if __name__ == "__main__":
    main()
