"""Benchmarks with printed numbers (never timed tests): the rules model and the score endpoint."""

import statistics
import time
from urllib.parse import urlencode

from django.core.management.base import BaseCommand
from django.test import Client

from explainer.library import get_rulebook, get_search_index
from explainer.rules import MAX_ACTIONS, Scenario, TakenAction, evaluate


def _percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def fifty_actions(book, persona_id):
    """MAX_ACTIONS actions for a persona, cycling through all its actions over ten years."""
    actions = book.actions_for(persona_id)
    return tuple(TakenAction(actions[i % len(actions)].id, (i * 7) % 120) for i in range(MAX_ACTIONS))


class Command(BaseCommand):
    help = "Time the rules model on 50-action scenarios and the /score/ endpoint in-process."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=2000, help="evaluations per persona")
        parser.add_argument("--requests", type=int, default=300, help="requests per URL")
        parser.add_argument("--searches", type=int, default=200, help="repetitions of each search query")

    def handle(self, *args, repeat, requests, searches, **options):
        book = get_rulebook()
        self.stdout.write(f"Rules model: {MAX_ACTIONS}-action scenarios, {repeat} evaluations each (microseconds)")
        self.stdout.write(f"{'persona':22} {'median':>9} {'p99':>9}")
        for persona in book.personas:
            scenario = Scenario(persona.id, fifty_actions(book, persona.id), 120)
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                evaluate(scenario, book)
                samples.append((time.perf_counter() - start) * 1e6)
            median, p99 = _percentiles(samples)
            self.stdout.write(f"{persona.id:22} {median:9.1f} {p99:9.1f}")

        client = Client()
        company = [a.id for a in book.actions_for("company")][:10]
        query = urlencode({"persona": "company", "action": company, "months": 24}, doseq=True)
        urls = [
            ("/score/ full page, 10 actions", f"/score/?{query}", {}),
            (
                "/score/ htmx partial, 10 actions",
                f"/score/?{query}",
                {"HX-Request": "true", "HX-Target": "score-result"},
            ),
        ]
        self.stdout.write(f"\nEndpoint, in-process server time over {requests} requests (milliseconds)")
        self.stdout.write(f"{'url':36} {'median':>8} {'p99':>8}")
        for label, url, headers in urls:
            client.get(url, headers=headers)  # warm
            samples = []
            for _ in range(requests):
                start = time.perf_counter()
                response = client.get(url, headers=headers)
                samples.append((time.perf_counter() - start) * 1e3)
                assert response.status_code == 200, response.status_code
            median, p99 = _percentiles(samples)
            self.stdout.write(f"{label:36} {median:8.2f} {p99:8.2f}")

        self.search(searches)

    def search(self, repeat):
        """The search index alone, then /search/ in-process (page and htmx partial), per query.

        The view is timed with the page cache bypassed: each request carries a different, ignored
        parameter, so every one runs the search and renders the template.
        """
        index = get_search_index()
        self.stdout.write(f"\nSearch index: {len(index)} documents, {len(index.vocabulary)} terms")
        self.stdout.write(f"Index query, {repeat} repetitions of each of {len(SEARCH_QUERIES)} queries (milliseconds)")
        self.stdout.write(f"{'query':24} {'results':>7} {'median':>8} {'p99':>8}")
        everything = []
        for query in SEARCH_QUERIES:
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                results = index.search(query)
                samples.append((time.perf_counter() - start) * 1e3)
            everything += samples
            median, p99 = _percentiles(samples)
            self.stdout.write(f"{query[:24]:24} {results.total:7} {median:8.3f} {p99:8.3f}")
        median, p99 = _percentiles(everything)
        self.stdout.write(f"{'all queries':24} {'':7} {median:8.3f} {p99:8.3f}")

        client = Client()
        views = [("/search/ full page", {}), ("/search/ htmx partial", {"HX-Request": "true"})]
        requests = max(1, repeat // 4)
        self.stdout.write(f"\n/search/ in-process, {requests} requests per query, page cache bypassed (milliseconds)")
        self.stdout.write(f"{'view':24} {'median':>8} {'p99':>8}")
        for label, headers in views:
            samples = []
            for query in SEARCH_QUERIES:
                for n in range(requests):
                    url = f"/search/?{urlencode({'q': query, 'n': n})}"
                    start = time.perf_counter()
                    response = client.get(url, headers=headers)
                    samples.append((time.perf_counter() - start) * 1e3)
                    assert response.status_code == 200, (url, response.status_code)
            median, p99 = _percentiles(samples)
            self.stdout.write(f"{label:24} {median:8.2f} {p99:8.2f}")


# English words and phrases, prefixes as typed, Chinese and pinyin, a stop word and nonsense.
SEARCH_QUERIES = [
    "blacklist",
    "social credit score",
    "credit repair",
    "Sesame Credit",
    "defaulters barred from flying",
    "the",
    "credit",
    "rongch",
    "sh",
    "Rongcheng",
    "Róngchéng",
    "荣成",
    "失信",
    "失信被执行人",
    "shixin",
    "shi xin",
    "社会信用体系",
    "hukou",
    "xyzzy plugh",
    "<script>alert(1)</script>",
]
