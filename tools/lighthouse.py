"""Lighthouse (mobile profile) against the production server on loopback; prints the four scores per page.

Lighthouse comes from the npm registry (`make lighthouse` installs it into .lighthouse/) and drives
Debian's Chromium (CHROME_PATH). Targets: performance ≥ 98, accessibility, best practices and SEO 100.
Run: python -m tools.lighthouse
"""

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import ROOT, ToolError
from .loopback import production_server

PAGES = [("home", "/"), ("guide chapter", "/guide/how-it-works/"), ("timeline", "/timeline/"), ("widget", "/score/")]
PAGES += [("numbers", "/numbers/")]
CATEGORIES = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
CHROME_FLAGS += "--disable-sync --no-first-run"
LIGHTHOUSE = ROOT / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
PORT = 8121


def main():
    parser = argparse.ArgumentParser(
        prog="python -m tools.lighthouse",
        description="Run Lighthouse's mobile profile on four pages and print the scores.",
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median score is shown")
    runs = parser.parse_args().runs
    if not LIGHTHOUSE.exists():
        raise ToolError("Lighthouse is not installed: npm install --prefix .lighthouse lighthouse@12")
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium")
    if not chrome:
        raise ToolError("Chromium not found: apt-get install chromium, or set CHROME_PATH.")
    print(f"{'page':16} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    below = []
    with production_server(PORT, workers=1), tempfile.TemporaryDirectory() as tmp:
        for label, path in PAGES:
            reports = [_lighthouse(path, Path(tmp) / f"{label}-{run}.json", chrome) for run in range(runs)]
            scores = {c: [round(r["categories"][c]["score"] * 100) for r in reports] for c in CATEGORIES}
            medians = {c: sorted(v)[len(v) // 2] for c, v in scores.items()}
            below += [f"{path} {c} {s}" for c, s in medians.items() if s < CATEGORIES[c]]
            if any(medians[c] < 100 for c in CATEGORIES):
                _explain(reports[-1])
            print(f"{label:16} " + " ".join(f"{medians[c]:>15}" for c in CATEGORIES))
    targets = ", ".join(f"{c} ≥ {t}" for c, t in CATEGORIES.items())
    print(f"\nTargets: {targets}. " + (f"Below target: {'; '.join(below)}" if below else "All met."))


def _lighthouse(path, report, chrome):
    """One Lighthouse run on one page: its JSON report."""
    command = [str(LIGHTHOUSE), f"http://127.0.0.1:{PORT}{path}", "--quiet", "--output=json"]
    command += [f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}"]
    command += [f"--only-categories={','.join(CATEGORIES)}"]
    for _attempt in range(2):  # Lighthouse's trace recording fails now and then (NO_NAVSTART)
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True)
        if result.returncode == 0 or b"Runtime error encountered" not in result.stderr:
            break
    if result.returncode:
        raise ToolError(f"Lighthouse failed on {path}: {result.stderr.decode()[-800:]}")
    return json.loads(report.read_text())


def _explain(data):
    """Name the audits that cost points, so a low score says why."""
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                print(f"    {category['id']}: {audit['id']} ({audit['score']:.2f})")


if __name__ == "__main__":
    main()
