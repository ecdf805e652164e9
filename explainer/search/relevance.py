"""How well search answers readers' questions: the share answered in the top 3, and the mean
reciprocal rank, over a set of questions each with the pages that answer it
(tests/data/search_questions.toml; tests/test_search_relevance.py and `make bench` use it)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

QUESTIONS = Path(__file__).resolve().parents[2] / "tests" / "data" / "search_questions.toml"
DEPTH = 10  # ranks looked at: an answer further down counts as not found (reciprocal rank 0)


@dataclass(frozen=True, slots=True)
class Question:
    q: str
    answers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    question: Question
    rank: int | None  # 1-based rank of the first answer in the results, None if not in the first DEPTH
    found: tuple[str, ...]  # the URLs of the first results, for the report


@dataclass(frozen=True, slots=True)
class Report:
    outcomes: tuple[Outcome, ...]

    @property
    def top3(self) -> float:
        return sum(o.rank is not None and o.rank <= 3 for o in self.outcomes) / len(self.outcomes)

    @property
    def top1(self) -> float:
        return sum(o.rank == 1 for o in self.outcomes) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / len(self.outcomes)

    def misses(self, worse_than: int = 3) -> list[Outcome]:
        return [o for o in self.outcomes if o.rank is None or o.rank > worse_than]

    def summary(self) -> str:
        return (
            f"{len(self.outcomes)} questions: top-1 {self.top1:.1%}, top-3 {self.top3:.1%}, "
            f"mean reciprocal rank {self.mrr:.3f}"
        )


def load(path: Path = QUESTIONS) -> list[Question]:
    with Path(path).open("rb") as f:
        data = tomllib.load(f)
    return [Question(q=item["q"], answers=tuple(item["answers"])) for item in data["questions"]]


def evaluate(index, questions: list[Question]) -> Report:
    outcomes = []
    for question in questions:
        found = tuple(r.url for r in index.search(question.q, limit=DEPTH).results)
        rank = next((i for i, url in enumerate(found, 1) if url in question.answers), None)
        outcomes.append(Outcome(question, rank, found))
    return Report(tuple(outcomes))
