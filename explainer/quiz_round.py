"""The quiz as a state machine: a round of claims, each answered once and in order with True, False or
"It's more complicated" (records.QUIZ_KEY maps the five verdicts onto these three). The round lives in its
own signed cookie (not the session, which is kept in the database for editors), so playing writes no rows.
The views are in views/myths.py; each question has its own URL, /myths/quiz/<number>/."""

import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from .content.records import QUIZ_ANSWERS

ROUND_SIZE = 10
# Most claims in circulation are false; a round still mixes in the other answers, so that answering
# "False" every time scores at most 4 of 10.
PER_ROUND = {"true": 3, "complicated": 3}  # the rest of the round: claims rated false
COOKIE = "quiz"
COOKIE_AGE = 60 * 60 * 24 * 7  # a week: long enough to finish a round later
SALT = "explainer.quiz_round"  # a signature made for anything else (a session, a vote) is no round


def read_cookie(value: str | None) -> dict:
    """The round a cookie holds; nothing if it is missing, forged, expired or from another signer."""
    if not value:
        return {}
    try:
        state = signing.loads(value, salt=SALT, max_age=COOKIE_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return {}
    return state if isinstance(state, dict) else {}


def load(request, library) -> "Quiz":
    return Quiz(read_cookie(request.COOKIES.get(COOKIE)), library)


def store(quiz: "Quiz", response) -> None:
    """Write the round back if the request changed it. HttpOnly: no script needs it."""
    if quiz.changed:
        response.set_cookie(
            COOKIE,
            signing.dumps(quiz.state, salt=SALT, compress=True),
            max_age=COOKIE_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


class QuizError(Exception):
    """A request the quiz cannot take, with the status and a message for the reader."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Answered:
    position: int
    myth: object
    answer: str  # a key of QUIZ_ANSWERS

    @property
    def number(self) -> int:
        return self.position + 1

    @property
    def correct(self) -> bool:
        return self.answer == self.myth.quiz_key

    @property
    def answer_label(self) -> str:
        return QUIZ_ANSWERS[self.answer]

    @property
    def key_label(self) -> str:
        return QUIZ_ANSWERS[self.myth.quiz_key]


class Quiz:
    round_size = ROUND_SIZE
    """One reader's round: which claims, in which order, and the answers given so far."""

    def __init__(self, state: dict, library):
        self.library = library
        self.changed = False
        slugs = state.get("order", [])
        self.round = state.get("round", "")
        self.myths = [library.myth(slug) for slug in slugs]
        answers = state.get("answers", [])
        self.answers = list(answers) if isinstance(answers, list) else []
        stale = None in self.myths or len(self.answers) > len(self.myths)  # content changed since the round began
        if stale or not all(isinstance(a, str) and a in QUIZ_ANSWERS for a in self.answers):  # or an older round
            self.round, self.myths, self.answers = "", [], []

    # State ----------------------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return bool(self.round)

    @property
    def finished(self) -> bool:
        return self.started and len(self.answers) == len(self.myths)

    @property
    def position(self) -> int:
        """The 0-based index of the claim waiting for an answer."""
        return len(self.answers)

    @property
    def current(self):
        return None if not self.started or self.finished else self.myths[self.position]

    @property
    def results(self) -> list[Answered]:
        return [Answered(i, self.myths[i], answer) for i, answer in enumerate(self.answers)]

    @property
    def score(self) -> int:
        return sum(result.correct for result in self.results)

    @property
    def number(self) -> int:
        """The 1-based number of the claim waiting for an answer (one past the end once finished)."""
        return self.position + 1

    def result(self, number: int) -> Answered | None:
        """The answer given to claim `number` (1-based), if it has been answered."""
        return self.results[number - 1] if 1 <= number <= len(self.answers) else None

    @property
    def state(self) -> dict:
        return {"round": self.round, "order": [m.slug for m in self.myths], "answers": self.answers}

    def _save(self):
        self.changed = True

    # Actions --------------------------------------------------------------------------------------

    def handle(self, data) -> Answered | None:
        action = data.get("action", "")
        if action == "start":
            self.start()
            return None
        if action == "answer":
            return self.answer(data)
        raise QuizError("That is not something the quiz can do. Use the buttons on the page.")

    def start(self, rng=random):
        picked = []
        for key, count in PER_ROUND.items():
            pool = [m for m in self.library.myths if m.quiz_key == key]
            picked += rng.sample(pool, min(count, len(pool)))
        rest = [m for m in self.library.myths if m not in picked]
        false = [m for m in rest if m.quiz_key == "false"]
        picked += rng.sample(false, min(ROUND_SIZE - len(picked), len(false)))
        if len(picked) < ROUND_SIZE:  # a small library: fill the round with whatever is left
            left = [m for m in rest if m not in picked]
            picked += rng.sample(left, min(ROUND_SIZE - len(picked), len(left)))
        rng.shuffle(picked)
        self.myths = picked
        self.answers = []
        self.round = secrets.token_hex(8)
        self._save()

    def answer(self, data) -> Answered:
        if not self.started:
            raise QuizError("There is no quiz round in progress: it may have expired. Start a new round.", 409)
        if data.get("round") != self.round:
            raise QuizError("That answer belongs to a different quiz round. Carry on with this one.", 409)
        try:
            position = int(data.get("position", ""))
        except ValueError:
            raise QuizError("That answer did not say which claim it was for. Answer the claim shown.") from None
        if not 0 <= position < len(self.myths):
            raise QuizError("That answer was for a claim that is not in this round. Answer the claim shown.")
        if position < self.position:
            raise QuizError(
                f"You have already answered claim {position + 1}. Carry on from claim {self.position + 1}.", 409
            )
        if position > self.position or self.finished:
            raise QuizError(f"Please answer the claims in order: claim {self.position + 1} is next.", 409)
        choice = data.get("answer", "")
        if choice not in QUIZ_ANSWERS:
            raise QuizError("Choose True, False or It’s more complicated.")
        self.answers.append(choice)
        self._save()
        return self.results[-1]
