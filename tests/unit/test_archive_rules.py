"""When archive copies are due, and what a print holds: plain rules, no database."""

from datetime import date, timedelta

import pytest

from stafett_app.domain.archive import (
    ALL_ELEMENTS,
    WHAT_HAS_BEEN_TRIED,
    ArchiveTrigger,
    Period,
    PrintElement,
    add_months,
    parse_elements,
    periodic_due,
    periodic_key_date,
    trigger_key,
)
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.notifications import reminder_window

B, Y = ArchiveTrigger.BIMONTHLY, ArchiveTrigger.YEARLY
ACTIVE = LogStatus.ACTIVE


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (date(2026, 1, 15), 2, date(2026, 3, 15)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),  # the 31st becomes the month's last day
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 11, 30), 12, date(2027, 11, 30)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_nothing_is_due_before_two_months_of_activity():
    assert periodic_due(ACTIVE, date(2026, 1, 10), {}, date(2026, 3, 9)) == []


def test_the_first_bimonthly_copy_is_due_two_months_after_activation():
    assert periodic_due(ACTIVE, date(2026, 1, 10), {}, date(2026, 3, 10)) == [(B, "bimonthly:2026-03-10")]


def test_the_next_copy_counts_from_the_last_copy_not_from_today():
    last = {B: date(2026, 3, 10)}
    assert periodic_due(ACTIVE, date(2026, 1, 10), last, date(2026, 5, 9)) == []
    assert periodic_due(ACTIVE, date(2026, 1, 10), last, date(2026, 5, 10)) == [(B, "bimonthly:2026-05-10")]


def test_a_day_the_server_was_down_is_made_up_the_next_day():
    # Due on 10 May; the server was away that day and runs again on the 11th.
    assert periodic_due(ACTIVE, date(2026, 1, 10), {B: date(2026, 3, 10)}, date(2026, 5, 11)) == [
        (B, "bimonthly:2026-05-10")
    ]


def test_after_a_long_pause_one_copy_stands_for_every_missed_date():
    # Five months down: 10 May and 10 July were missed; one copy, keyed by the latest missed date.
    due = periodic_due(ACTIVE, date(2026, 1, 10), {B: date(2026, 3, 10)}, date(2026, 8, 20))
    assert due == [(B, "bimonthly:2026-07-10")]
    # And the next one is two months after that, not after today.
    assert periodic_due(ACTIVE, date(2026, 1, 10), {B: date(2026, 7, 10)}, date(2026, 9, 9)) == []
    assert periodic_due(ACTIVE, date(2026, 1, 10), {B: date(2026, 7, 10)}, date(2026, 9, 10)) == [
        (B, "bimonthly:2026-09-10")
    ]


def test_the_same_day_asks_with_the_same_key_so_a_second_run_makes_nothing_new():
    first = periodic_due(ACTIVE, date(2026, 1, 10), {}, date(2026, 3, 12))
    again = periodic_due(ACTIVE, date(2026, 1, 10), {}, date(2026, 3, 12))
    assert first == again  # the unique key in the database turns the second into nothing


def test_the_yearly_copy_comes_on_the_anniversary():
    last = {B: date(2027, 1, 10)}
    assert (Y, "yearly:2027-01-10") in periodic_due(ACTIVE, date(2026, 1, 10), last, date(2027, 1, 10))
    assert periodic_due(ACTIVE, date(2026, 1, 10), {**last, Y: date(2027, 1, 10)}, date(2027, 1, 11)) == []


@pytest.mark.parametrize("status", [LogStatus.DRAFT, LogStatus.PASSIVE])
def test_only_active_logs_get_periodic_copies(status):
    assert periodic_due(status, date(2025, 1, 10), {}, date(2026, 11, 30)) == []


def test_a_log_never_activated_gets_none():
    assert periodic_due(ACTIVE, None, {}, date(2026, 11, 30)) == []


def test_keys():
    assert trigger_key(ArchiveTrigger.CONSENT, "3") == "consent:3"
    assert periodic_key_date("bimonthly:2026-05-10") == date(2026, 5, 10)
    assert periodic_key_date("consent:3") is None
    assert len(trigger_key(ArchiveTrigger.ON_DEMAND, "x" * 200)) == 80


def test_print_elements_and_presets():
    assert parse_elements([]) == ALL_ELEMENTS
    assert parse_elements(["tried"]) == WHAT_HAS_BEEN_TRIED
    assert parse_elements(["notes", "timeline"]) == {PrintElement.NOTES, PrintElement.TIMELINE}
    with pytest.raises(ValueError, match=r"error\.print_unknown_element"):
        parse_elements(["overview", "messages"])  # messages are never printed


def test_what_has_been_tried_holds_every_measure_with_its_evaluations():
    assert {PrintElement.CONCERNS, PrintElement.EVALUATIONS} <= WHAT_HAS_BEEN_TRIED


def test_period():
    period = Period(date(2026, 1, 1), date(2026, 1, 31))
    assert period.holds(date(2026, 1, 1)) and period.holds(date(2026, 1, 31))
    assert not period.holds(date(2026, 2, 1))
    assert Period().holds(date(1990, 1, 1))
    with pytest.raises(ValueError, match=r"error\.period_order"):
        Period(date(2026, 2, 1), date(2026, 1, 1))


def test_the_reminder_window_reaches_back_over_missed_days_but_not_to_the_day_itself():
    today = date(2026, 11, 30)
    assert reminder_window(today) == (today + timedelta(days=1), today + timedelta(days=3))
