"""After a meeting is called: when it may be moved, and when its minutes are written and sent."""

from datetime import datetime, timedelta

import pytest

from stafett_app.domain import lifecycle
from stafett_app.domain import meetings as rules
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.lifecycle import LogStatus, Transition

NOW = datetime(2026, 11, 23, 12, 0)


def test_a_meeting_changes_only_before_it_begins_and_while_it_stands():
    assert rules.may_change(starts_at=NOW + timedelta(minutes=1), cancelled_at=None, now=NOW)
    assert not rules.may_change(starts_at=NOW, cancelled_at=None, now=NOW)
    assert not rules.may_change(starts_at=NOW + timedelta(days=1), cancelled_at=NOW, now=NOW)


def test_minutes_are_sent_once_and_only_after_the_meeting_begins():
    with pytest.raises(ValidationFailed) as early:
        rules.check_minutes_sendable(starts_at=NOW + timedelta(hours=1), minutes_sent_at=None, now=NOW)
    assert early.value.errors == {"minutes": "error.minutes_before_meeting"}
    rules.check_minutes_sendable(starts_at=NOW - timedelta(hours=1), minutes_sent_at=None, now=NOW)
    with pytest.raises(ValidationFailed):
        rules.check_minutes_sendable(starts_at=NOW - timedelta(hours=1), minutes_sent_at=NOW, now=NOW)
    with pytest.raises(ValidationFailed) as long:
        rules.check_minutes_text("x" * (rules.MINUTES_MAX + 1), minutes_sent_at=None)
    assert long.value.errors == {"minutes": f"error.too_long|{rules.MINUTES_MAX}"}
    with pytest.raises(ValidationFailed):
        rules.check_minutes_text("Tillegg", minutes_sent_at=NOW)


@pytest.mark.parametrize(
    "status,transition,expected",
    [
        (LogStatus.ACTIVE, Transition.CLOSE, True),
        (LogStatus.DRAFT, Transition.CLOSE, False),
        (LogStatus.PASSIVE, Transition.WITHDRAW, False),
        (LogStatus.PASSIVE, Transition.REOPEN, True),
    ],
)
def test_lifecycle_says_which_step_is_possible(status, transition, expected):
    assert lifecycle.can(status, transition) is expected
