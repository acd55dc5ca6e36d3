"""Evaluating measures, and the badge a measure shows.

Evaluations are facts about a meeting: once saved they are never changed or deleted. A measure
that goes on gets a new evaluation date, and is evaluated again then.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.validation import FieldChecks, checked

EVALUATION_TEXT_MAX, PARTICIPANTS_TEXT_MAX = 1000, 300


class Result(StrEnum):
    GREEN = "green"  # it works / reached
    RED = "red"  # it did not work


class Outcome(StrEnum):
    CONTINUE = "continue"
    ADJUST = "adjust"
    END = "end"


class Badge(StrEnum):
    GREEN = "green"
    RED = "red"
    ENDED = "ended"
    DUE = "due"
    OVERDUE = "overdue"
    PENDING = "pending"  # not evaluated yet, and the date has not come


@dataclass(frozen=True)
class EvaluationInput:
    result: Result
    outcome: Outcome
    text: str
    participants_text: str
    evaluated_on: date
    next_evaluation_date: date | None


def measure_badge(
    *,
    evaluation_date: date,
    ended: bool,
    latest_result: str | None,
    latest_evaluated_on: date | None,
    today: date,
) -> Badge:
    if ended:
        return Badge.ENDED
    evaluated_for_current_date = latest_evaluated_on is not None and latest_evaluated_on >= evaluation_date
    if today >= evaluation_date and not evaluated_for_current_date:
        return Badge.DUE if today == evaluation_date else Badge.OVERDUE
    if latest_result is not None:
        return Badge(latest_result)
    return Badge.PENDING


def promises_evaluation(*, ended: bool, log_status: str) -> bool:
    """Whether a measure still shows when it will be evaluated next: not once it has ended, and not in
    a closed log (passive), where nobody will evaluate it."""
    return not ended and log_status != LogStatus.PASSIVE


def counted_result(badge: Badge, latest_result: str | None) -> str:
    """What a measure counts as in the summary: green, red or open. An ended measure keeps the result
    of its last evaluation, so a plan whose measures worked and ended does not say "works: 0"."""
    if badge in (Badge.GREEN, Badge.RED):
        return badge.value
    if badge == Badge.ENDED:
        return latest_result or "ended"
    return "open"


def is_overdue(badge: Badge) -> bool:
    return badge == Badge.OVERDUE


def check_evaluation(form: dict[str, str], *, measure_start: date, today: date) -> EvaluationInput:
    checks = FieldChecks()
    result = checks.choice("result", form.get("result", ""), Result)
    outcome = checks.choice("outcome", form.get("outcome", ""), Outcome)
    text = checks.text("text", form.get("text", ""), max_length=EVALUATION_TEXT_MAX)
    participants = checks.text(
        "participants_text", form.get("participants_text", ""), max_length=PARTICIPANTS_TEXT_MAX, required=False
    )
    evaluated_on = checks.date("evaluated_on", form.get("evaluated_on"))
    if evaluated_on and evaluated_on > today:
        checks.add("evaluated_on", "error.date_in_future")
    elif evaluated_on and evaluated_on < measure_start:
        checks.add("evaluated_on", "error.before_measure_start")
    next_date = None
    if outcome in (Outcome.CONTINUE, Outcome.ADJUST):
        next_date = checks.date("next_evaluation_date", form.get("next_evaluation_date"))
        if next_date and evaluated_on and next_date <= evaluated_on:
            checks.add("next_evaluation_date", "error.next_date_after_evaluation")
    checks.raise_if_any()
    return EvaluationInput(checked(result), checked(outcome), text, participants, checked(evaluated_on), next_date)
