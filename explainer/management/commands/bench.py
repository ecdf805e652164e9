"""Benchmarks with printed numbers (never timed tests): the rules model and the score endpoint."""

import statistics
import time
from urllib.parse import urlencode

from django.core.management.base import BaseCommand
from django.test import Client

from explainer.library import get_rulebook
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

    def handle(self, *args, repeat, requests, **options):
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
