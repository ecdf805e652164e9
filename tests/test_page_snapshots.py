"""Every public page and htmx fragment, byte for byte, against a recorded fingerprint.

Written for the behaviour-preserving redesign (issue 12): a refactor must not change what readers
get. When a change to a page is intended (new content, a fixed template), record the new
fingerprints and review the list of changed pages in the diff of tests/snapshots/pages.json:

    SNAPSHOT_UPDATE=1 .venv/bin/python -m pytest tests/test_page_snapshots.py

SNAPSHOT_DUMP=/some/dir also writes every response there, to diff two runs by hand.
"""

import hashlib
import json
import os
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import caches

from explainer import datasets
from explainer.content.records import THEMES, VERDICTS
from explainer.library import get_library, get_rulebook

RECORD = Path(__file__).parent / "snapshots" / "pages.json"
HTMX = {"HX-Request": "true"}
RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}

SEARCHES = ["shixin", "失信", "Rongcheng", "annual report", "blacklist", "zzzz", "the", "<b>x</b>"]


def _score_queries(book):
    """A spread of widget scenarios: every action alone, every persona with all its actions, bad input."""
    queries = [{}]
    for persona in book.personas:
        actions = [a.id for a in book.actions if persona.id in a.personas]
        queries.append({"persona": persona.id})
        queries += [{"persona": persona.id, "action": action} for action in actions]
        queries += [{"persona": persona.id, "action": actions, "months": m} for m in (0, 12, 36, 120)]
        queries.append(
            {"persona": persona.id, "action": [f"{a}@{min(i * 5, 120)}" for i, a in enumerate(actions)], "months": 60}
        )
    queries += [
        {"persona": "nobody"},
        {"persona": ["person", "company"]},
        {"action": "refuse-judgment"},
        {"persona": "person", "months": "x"},
        {"persona": "person", "months": "999"},
        {"persona": "person", "months": ["1", "2"]},
        {"persona": "person", "action": "no-such-action"},
        {"persona": "person", "action": "refuse-judgment@x"},
        {"persona": "person", "action": "refuse-judgment@500"},
        {"persona": "person", "action": ["refuse-judgment"] * 51},
        {"persona": "company", "action": ["late-utility-fees", "miss-annual-report"]},
    ]
    return queries


def requests():
    """(name, path, headers) for every public page and every fragment a page asks for."""
    library = get_library()
    plain = ["/", "/guide/", "/timeline/", "/myths/", "/score/", "/glossary/", "/sources/", "/about/", "/data/"]
    plain += ["/robots.txt", "/sitemap.xml", "/timeline.json", "/timeline.csv", "/no-such-page/", "/guide/nope/"]
    plain += [c.url for c in library.chapters] + [e.url for e in library.events] + [m.url for m in library.myths]
    for path in plain:
        yield path, path, {}
    for event in library.events:
        yield f"{event.url} htmx event-detail", event.url, {**HTMX, "HX-Target": "event-detail"}
        yield f"{event.url} htmx body", event.url, HTMX
        yield f"{event.url} restore", event.url, RESTORE
        yield f"{event.url} themed", f"{event.url}?theme={event.themes[0]}", {**HTMX, "HX-Target": "event-detail"}
    for theme in [*THEMES, "bogus<x>"]:
        path = f"/timeline/?{urlencode({'theme': theme})}"
        yield path, path, {}
        yield f"{path} htmx", path, HTMX
    for verdict in [*VERDICTS, "bogus<x>"]:
        path = f"/myths/?{urlencode({'verdict': verdict})}"
        yield path, path, {}
        yield f"{path} htmx", path, {**HTMX, "HX-Target": "myth-list"}
    for myth in library.myths:
        yield f"{myth.url} facts", myth.url, {**HTMX, "HX-Target": f"facts-{myth.slug}"}
        yield f"{myth.url} restore", myth.url, {**RESTORE, "HX-Target": f"facts-{myth.slug}"}
    for query in _score_queries(get_rulebook()):
        path = f"/score/?{urlencode(query, doseq=True)}"
        yield path, path, {}
        yield f"{path} htmx", path, {**HTMX, "HX-Target": "score-result"}
    for q in SEARCHES:
        path = f"/search/?{urlencode({'q': q})}"
        yield path, path, {}
        yield f"{path} htmx", path, {**HTMX, "HX-Target": "search-results"}
    for dataset in datasets.DATASETS:
        for fmt in datasets.FORMATS:
            path = f"/data/{dataset}.{fmt}"
            yield path, path, {}


def _fingerprint(response, body=None) -> str:
    body = response.content if body is None else body
    head = f"{response.status_code} {response.get('Content-Type', '')} vary={response.get('Vary', '')}"
    return f"{head} {hashlib.sha256(body).hexdigest()[:16]}"


@pytest.mark.slow
def test_every_public_page_is_unchanged(client):
    seen, dump = {}, os.environ.get("SNAPSHOT_DUMP")
    for name, path, headers in requests():
        caches["pages"].clear()
        response = client.get(path, headers=headers)
        seen[name] = _fingerprint(response)
        if dump:
            file = Path(dump) / hashlib.sha1(name.encode()).hexdigest()[:12]
            file.write_bytes(f"{name}\n{seen[name]}\n".encode() + response.content)
    _compare(seen, RECORD)


def _compare(seen, record):
    if os.environ.get("SNAPSHOT_UPDATE"):
        record.parent.mkdir(exist_ok=True)
        record.write_text(json.dumps(seen, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(record.read_text(encoding="utf-8"))
    changed = sorted(name for name in seen.keys() | recorded.keys() if seen.get(name) != recorded.get(name))
    assert not changed, f"{len(changed)} of {len(seen)} responses changed, e.g. {changed[:10]}"


@pytest.mark.slow
@pytest.mark.django_db
def test_feedback_blocks_are_unchanged(client):
    """The rating and report block each page loads (a database read, so kept apart from the rest)."""
    library = get_library()
    pages = [
        ("guide", library.chapters[0].slug),
        ("timeline", library.events[0].slug),
        ("myths", library.myths[0].slug),
    ]
    seen = {}
    for kind, slug in pages:
        for label, headers in [("page", {}), ("htmx", {**HTMX, "HX-Target": "feedback"})]:
            response = client.get(f"/feedback/{kind}/{slug}/", headers=headers)
            body = re.sub(rb'name="(csrfmiddlewaretoken|started)" value="[^"]+"', b"x", response.content)
            seen[f"/feedback/{kind}/{slug}/ {label}"] = _fingerprint(response, body)
    _compare(seen, RECORD.with_name("feedback.json"))
