"""Rules behind issue 14: where a person lands, how the plan speaks to them, which dates a measure
still promises, what the summary counts, and who can carry a measure in each arena."""

from datetime import date

from stafett_app.domain import evaluation as ev
from stafett_app.domain.lifecycle import LogStatus, holds_meetings
from stafett_app.domain.plan_rules import RESPONSIBLE_ROLES, arenas_for, suggested_evaluation_date
from stafett_app.domain.roles import LogRole, audience, direct_landing


def test_one_log_of_ones_own_opens_straight_away():
    assert direct_landing(["family"]) == "family"
    assert direct_landing(["child"]) == "child"
    assert direct_landing(["plan"]) is None  # staff keep their list
    assert direct_landing(["family", "family"]) is None  # two children: the list chooses
    assert direct_landing([]) is None


def test_the_plan_speaks_to_each_reader_in_their_own_way():
    assert audience({LogRole.OWNER}, 10) == "child"
    assert audience({LogRole.OWNER}, 15) == "young_person"
    assert audience({LogRole.OWNER}, 16) == "young_person"
    assert audience({LogRole.GUARDIAN}, 16) == "family"
    assert audience({LogRole.HOLDER}, 10) == "staff"
    assert audience({LogRole.READER}, 10) == "staff"


def test_ended_measures_and_closed_logs_promise_no_evaluation():
    assert ev.promises_evaluation(ended=False, log_status=LogStatus.ACTIVE)
    assert ev.promises_evaluation(ended=False, log_status=LogStatus.DRAFT)
    assert not ev.promises_evaluation(ended=True, log_status=LogStatus.ACTIVE)
    assert not ev.promises_evaluation(ended=False, log_status=LogStatus.PASSIVE)


def test_an_ended_measure_counts_by_its_last_result():
    assert ev.counted_result(ev.Badge.ENDED, "green") == "green"
    assert ev.counted_result(ev.Badge.ENDED, "red") == "red"
    assert ev.counted_result(ev.Badge.ENDED, None) == "ended"  # ended without evaluation: not counted
    assert ev.counted_result(ev.Badge.GREEN, "green") == "green"
    assert ev.counted_result(ev.Badge.OVERDUE, "green") == "open"
    assert ev.counted_result(ev.Badge.PENDING, None) == "open"


def test_only_an_active_log_meets():
    assert holds_meetings(LogStatus.ACTIVE)
    assert not holds_meetings(LogStatus.DRAFT)
    assert not holds_meetings(LogStatus.PASSIVE)


def test_each_arena_has_its_own_people():
    assert arenas_for({LogRole.GUARDIAN}) == ["home"]
    assert arenas_for({LogRole.OWNER}) == ["child"]
    assert arenas_for({LogRole.HOLDER}) == ["service"]
    assert arenas_for({LogRole.ACTOR}) == ["service"]
    assert set(RESPONSIBLE_ROLES) == {"home", "child", "service"}


def test_the_next_evaluation_is_suggested_three_weeks_on():
    assert suggested_evaluation_date(date(2026, 11, 30)) == date(2026, 12, 21)
