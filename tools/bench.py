"""Benchmarks with printed numbers (never timed tests): the rules model, the score endpoint and search.

Run: python -m tools.bench (make bench). Everything runs in this process, with the site's settings.
"""

import argparse
import statistics
import time
from datetime import date
from urllib.parse import urlencode

from django.test import Client

from explainer.library import get_rulebook, get_search_index
from explainer.rules import MAX_ACTIONS, Scenario, TakenAction, evaluate
from explainer.search import relevance

from . import setup_django


def _percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def fifty_actions(book, persona_id):
    """MAX_ACTIONS actions for a persona, cycling through all its actions over ten years."""
    actions = book.actions_for(persona_id)
    return tuple(TakenAction(actions[i % len(actions)].id, (i * 7) % 120) for i in range(MAX_ACTIONS))


def _arguments():
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="Time the rules model on 50-action scenarios and the /score/ endpoint in-process.",
    )
    parser.add_argument("--repeat", type=int, default=2000, help="evaluations per persona")
    parser.add_argument("--requests", type=int, default=300, help="requests per URL")
    parser.add_argument("--searches", type=int, default=200, help="repetitions of each search query")
    return parser.parse_args()


def main():
    options = _arguments()
    setup_django()
    rules_model(options.repeat)
    score_endpoint(options.requests)
    search(options.searches)


def rules_model(repeat):
    book = get_rulebook()
    print(f"Rules model: {MAX_ACTIONS}-action scenarios, {repeat} evaluations each (microseconds)")
    print(f"{'persona':40} {'median':>9} {'p99':>9}")
    dated = (None, date(2019, 1, 1), date(2026, 12, 2))  # undated (rules in force now), and two "as of" dates
    for persona in book.personas:
        for as_of in dated:
            scenario = Scenario(persona.id, fifty_actions(book, persona.id), 120, as_of)
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                evaluate(scenario, book)
                samples.append((time.perf_counter() - start) * 1e6)
            median, p99 = _percentiles(samples)
            label = f"{persona.id} as of {as_of}" if as_of else persona.id
            print(f"{label:40} {median:9.1f} {p99:9.1f}")


def score_endpoint(requests):
    client = Client()
    company = [a.id for a in get_rulebook().actions_for("company")][:10]
    query = urlencode({"persona": "company", "action": company, "months": 24}, doseq=True)
    urls = [
        ("/score/ full page, 10 actions", f"/score/?{query}", {}),
        (
            "/score/ htmx partial, 10 actions",
            f"/score/?{query}",
            {"HX-Request": "true", "HX-Target": "score-result"},
        ),
    ]
    print(f"\nEndpoint, in-process server time over {requests} requests (milliseconds)")
    print(f"{'url':36} {'median':>8} {'p99':>8}")
    for label, url, headers in urls:
        client.get(url, headers=headers)  # warm
        samples = []
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url, headers=headers)
            samples.append((time.perf_counter() - start) * 1e3)
            assert response.status_code == 200, response.status_code
        median, p99 = _percentiles(samples)
        print(f"{label:36} {median:8.2f} {p99:8.2f}")


def search(repeat):
    """The search index alone, then /search/ in-process (page and htmx partial), per query.

    The view is timed with the page cache bypassed: each request carries a different, ignored
    parameter, so every one runs the search and renders the template.
    """
    index = get_search_index()
    print(f"\nSearch index: {len(index)} documents, {len(index.vocabulary)} terms")
    print(f"Index query, {repeat} repetitions of each of {len(SEARCH_QUERIES)} queries (milliseconds)")
    print(f"{'query':24} {'results':>7} {'median':>8} {'p99':>8}")
    everything = []
    for query in SEARCH_QUERIES:
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            results = index.search(query)
            samples.append((time.perf_counter() - start) * 1e3)
        everything += samples
        median, p99 = _percentiles(samples)
        print(f"{query[:24]:24} {results.total:7} {median:8.3f} {p99:8.3f}")
    median, p99 = _percentiles(everything)
    print(f"{'all queries':24} {'':7} {median:8.3f} {p99:8.3f}")
    search_relevance(index, max(1, repeat // 4))
    search_view(max(1, repeat // 4))


def search_relevance(index, repeat):
    """The reader questions of tests/data/search_questions.toml: how well they are answered, and how fast."""
    questions = relevance.load()
    report = relevance.evaluate(index, questions)
    print(f"\nSearch relevance: {report.summary()}")
    for outcome in report.misses():
        print(f"  not in the top 3 (rank {outcome.rank or '>10'}): {outcome.question.q}")
    samples = []
    for _ in range(repeat):
        for question in questions:
            start = time.perf_counter()
            index.search(question.q)
            samples.append((time.perf_counter() - start) * 1e3)
    median, p99 = _percentiles(samples)
    print(f"{'reader questions':24} {len(questions):7} {median:8.3f} {p99:8.3f}  (ms, {repeat} repetitions)")


def search_view(requests):
    client = Client()
    views = [("/search/ full page", {}), ("/search/ htmx partial", {"HX-Request": "true"})]
    print(f"\n/search/ in-process, {requests} requests per query, page cache bypassed (milliseconds)")
    print(f"{'view':24} {'median':>8} {'p99':>8}")
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
        print(f"{label:24} {median:8.2f} {p99:8.2f}")


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


if __name__ == "__main__":
    main()
