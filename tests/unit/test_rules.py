"""Lifecycle, consent gate, edit window, evaluation and plan input rules."""

from datetime import date, datetime, timedelta

import pytest

from stafett_app.domain import consent, edit_window, lifecycle, plan_rules
from stafett_app.domain import evaluation as ev
from stafett_app.domain.dates import age_on
from stafett_app.domain.errors import ConsentRequired, InvalidTransition, ValidationFailed
from stafett_app.domain.lifecycle import LogStatus, Transition
from stafett_app.domain.roles import LogRole

TODAY = date(2026, 11, 23)


class TestLifecycle:
    @pytest.mark.parametrize(
        "start,transition,end",
        [
            (LogStatus.DRAFT, Transition.ACTIVATE, LogStatus.ACTIVE),
            (LogStatus.ACTIVE, Transition.CLOSE, LogStatus.PASSIVE),
            (LogStatus.ACTIVE, Transition.WITHDRAW, LogStatus.PASSIVE),
            (LogStatus.PASSIVE, Transition.REOPEN, LogStatus.ACTIVE),
        ],
    )
    def test_allowed(self, start, transition, end):
        assert lifecycle.next_status(start, transition) == end

    @pytest.mark.parametrize(
        "start,transition",
        [
            (LogStatus.ACTIVE, Transition.ACTIVATE),
            (LogStatus.DRAFT, Transition.CLOSE),
            (LogStatus.PASSIVE, Transition.CLOSE),
            (LogStatus.DRAFT, Transition.REOPEN),
            (LogStatus.PASSIVE, Transition.WITHDRAW),
        ],
    )
    def test_refused(self, start, transition):
        with pytest.raises(InvalidTransition):
            lifecycle.next_status(start, transition)

    def test_levels(self):
        lifecycle.check_level(LogStatus.ACTIVE, 3)
        lifecycle.check_level(LogStatus.DRAFT, 0)
        for status, level in ((LogStatus.ACTIVE, 0), (LogStatus.ACTIVE, 4), (LogStatus.DRAFT, -1)):
            with pytest.raises(InvalidTransition):
                lifecycle.check_level(status, level)


class TestConsent:
    record = consent.ConsentRecord(version=1, named=frozenset({(7, LogRole.ACTOR), (8, LogRole.HOLDER)}))

    def test_named_participant_passes(self):
        consent.require_named(self.record, 7, LogRole.ACTOR)

    def test_unnamed_participant_needs_new_consent(self):
        with pytest.raises(ConsentRequired) as refused:
            consent.require_named(self.record, 9, LogRole.ACTOR)
        assert refused.value.key == "error.consent_new_participant"

    def test_named_in_another_role_is_not_enough(self):
        with pytest.raises(ConsentRequired):
            consent.require_named(self.record, 7, LogRole.READER)

    def test_family_needs_no_naming(self):
        consent.require_named(None, 3, LogRole.GUARDIAN)

    def test_withdrawn_or_missing_consent_blocks(self):
        for record in (None, consent.ConsentRecord(version=2, named=self.record.named, withdrawn=True)):
            with pytest.raises(ConsentRequired):
                consent.require_consent_on_record(record)
            with pytest.raises(ConsentRequired):
                consent.require_named(record, 7, LogRole.ACTOR)


class TestEditWindow:
    created = datetime(2026, 11, 23, 8, 0)

    def test_free_edit_within_eight_hours(self):
        assert (
            edit_window.check_change(self.created, self.created + timedelta(hours=7, minutes=59), correction_reason="")
            is False
        )

    def test_after_eight_hours_a_correction_needs_a_reason(self):
        later = self.created + timedelta(hours=8)
        with pytest.raises(ValidationFailed) as refused:
            edit_window.check_change(self.created, later, correction_reason="  ")
        assert refused.value.errors == {"reason": "error.correction_reason_required"}
        assert edit_window.check_change(self.created, later, correction_reason="Feil klokkeslett") is True


class TestBadge:
    def badge(self, **kw):
        args = {
            "evaluation_date": TODAY,
            "ended": False,
            "latest_result": None,
            "latest_evaluated_on": None,
            "today": TODAY,
        }
        return ev.measure_badge(**{**args, **kw})

    def test_states(self):
        assert self.badge(evaluation_date=TODAY + timedelta(days=3)) == ev.Badge.PENDING
        assert self.badge() == ev.Badge.DUE
        assert self.badge(evaluation_date=TODAY - timedelta(days=1)) == ev.Badge.OVERDUE
        assert self.badge(ended=True, evaluation_date=TODAY - timedelta(days=9)) == ev.Badge.ENDED

    def test_latest_result_shows_until_the_next_date_comes(self):
        earlier = TODAY - timedelta(days=10)
        assert (
            self.badge(evaluation_date=TODAY + timedelta(days=5), latest_result="red", latest_evaluated_on=earlier)
            == ev.Badge.RED
        )
        assert self.badge(evaluation_date=earlier, latest_result="green", latest_evaluated_on=earlier) == ev.Badge.GREEN
        # The next evaluation date has passed without a new evaluation: overdue again.
        assert (
            self.badge(evaluation_date=TODAY - timedelta(days=1), latest_result="green", latest_evaluated_on=earlier)
            == ev.Badge.OVERDUE
        )


class TestEvaluationInput:
    def form(self, **kw):
        base = {
            "result": "green",
            "outcome": "continue",
            "text": "Det går bra",
            "evaluated_on": TODAY.isoformat(),
            "next_evaluation_date": (TODAY + timedelta(days=21)).isoformat(),
        }
        return {**base, **kw}

    def check(self, **kw):
        return ev.check_evaluation(self.form(**kw), measure_start=TODAY - timedelta(days=30), today=TODAY)

    def test_valid(self):
        data = self.check()
        assert data.result == ev.Result.GREEN and data.next_evaluation_date == TODAY + timedelta(days=21)

    def test_end_needs_no_next_date(self):
        assert self.check(outcome="end", next_evaluation_date="").next_evaluation_date is None

    @pytest.mark.parametrize(
        "change,field,key",
        [
            ({"result": "yellow"}, "result", "error.choose_one"),
            ({"text": ""}, "text", "error.required"),
            ({"text": "x" * 1001}, "text", "error.too_long|1000"),
            ({"evaluated_on": (TODAY + timedelta(days=1)).isoformat()}, "evaluated_on", "error.date_in_future"),
            ({"evaluated_on": "2020-01-01"}, "evaluated_on", "error.before_measure_start"),
            ({"next_evaluation_date": TODAY.isoformat()}, "next_evaluation_date", "error.next_date_after_evaluation"),
            ({"next_evaluation_date": ""}, "next_evaluation_date", "error.required"),
            ({"evaluated_on": "23.11.2026"}, "evaluated_on", "error.bad_date"),
        ],
    )
    def test_invalid(self, change, field, key):
        with pytest.raises(ValidationFailed) as refused:
            self.check(**change)
        assert refused.value.errors[field] == key


class TestPlanInput:
    def measure_form(self, **kw):
        base = {
            "title": "Mona møter Emma",
            "arena": "service",
            "responsible_id": "3",
            "start_date": "2026-11-23",
            "evaluation_date": "2026-12-14",
        }
        return {**base, **kw}

    def test_measure_valid(self):
        data = plan_rules.check_measure(self.measure_form(title="  Mona møter Emma  "), allowed_responsible_ids=[3])
        assert data.title == "Mona møter Emma" and data.arena == plan_rules.Arena.SERVICE

    def test_measure_errors_are_all_reported_at_once(self):
        with pytest.raises(ValidationFailed) as refused:
            plan_rules.check_measure(
                self.measure_form(title="", arena="school", responsible_id="99", evaluation_date="2026-11-23"),
                allowed_responsible_ids=[3],
            )
        assert refused.value.errors == {
            "title": "error.required",
            "arena": "error.choose_one",
            "responsible_id": "error.choose_one",
            "evaluation_date": "error.evaluation_before_start",
        }

    def test_title_limit(self):
        with pytest.raises(ValidationFailed) as refused:
            plan_rules.check_measure(self.measure_form(title="x" * 121), allowed_responsible_ids=[3])
        assert refused.value.errors == {"title": "error.too_long|120"}

    def test_concern(self):
        assert (
            plan_rules.check_concern({"text": "Emma kommer sent", "category": "school_environment"}).category
            == "school_environment_duty"  # the old § 9 A key reads as the new one
        )
        with pytest.raises(ValidationFailed) as refused:
            plan_rules.check_concern({"text": " ", "category": "nonsense"})
        assert set(refused.value.errors) == {"text", "category"}

    def test_missing_arenas(self):
        assert plan_rules.missing_arenas(["service"]) == [plan_rules.Arena.HOME, plan_rules.Arena.CHILD]
        assert plan_rules.missing_arenas(["child", "home", "service"]) == []


def test_age():
    assert age_on(date(2010, 11, 24), TODAY) == 15
    assert age_on(date(2010, 11, 23), TODAY) == 16


def test_measure_picture_must_come_from_the_set():
    form = {
        "title": "Pakke sekken",
        "arena": "child",
        "responsible_id": "3",
        "start_date": "2026-11-23",
        "evaluation_date": "2026-12-14",
    }
    assert (
        plan_rules.check_measure({**form, "picture": "school_bag"}, allowed_responsible_ids=[3]).picture == "school_bag"
    )
    with pytest.raises(ValidationFailed) as refused:
        plan_rules.check_measure({**form, "picture": "../../etc/passwd"}, allowed_responsible_ids=[3])
    assert refused.value.errors == {"picture": "error.choose_one"}
