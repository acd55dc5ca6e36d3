"""The relay's rules: a new log, contacts, consent, levels, handover, closing, deletion, and who may do each."""

from datetime import date

import pytest

from stafett_app.domain import relay
from stafett_app.domain.errors import DomainError, InvalidTransition, PermissionDenied, ValidationFailed
from stafett_app.domain.lifecycle import ClosingReason, LogStatus, Transition, check_level_change, next_status
from stafett_app.domain.permissions import Action, LogAccess, may, may_start_log, require
from stafett_app.domain.plan_rules import ConcernCategory, MeasureFacts, school_environment_gaps
from stafett_app.domain.roles import LogRole

TODAY = date(2026, 11, 30)
ME, OTHER = 10, 20


def errors_of(call) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        call()
    return caught.value.errors


class TestNewLog:
    def form(self, **kw):
        return {"first_name": "Ella", "last_name": "Dahl", "birth_date": "2019-05-01", "unit_id": "3", **kw}

    def test_a_good_draft(self):
        new = relay.check_new_log(self.form(observations=" Gråter ved levering "), today=TODAY, allowed_unit_ids=[3])
        assert (new.first_name, new.birth_date, new.unit_id, new.observations) == (
            "Ella",
            date(2019, 5, 1),
            3,
            "Gråter ved levering",
        )

    @pytest.mark.parametrize(
        "field,value,key",
        [
            ("birth_date", "2027-01-01", "error.birth_date_future"),
            ("birth_date", "2007-11-29", "error.child_too_old|18"),
            ("first_name", "  ", "error.required"),
            ("last_name", "", "error.required"),
            ("unit_id", "4", "error.choose_one"),
            ("birth_date", "30.11.2020", "error.bad_date"),
        ],
    )
    def test_field_errors(self, field, value, key):
        errors = errors_of(lambda: relay.check_new_log(self.form(**{field: value}), today=TODAY, allowed_unit_ids=[3]))
        assert errors == {field: key}

    def test_just_eighteen_is_still_a_child(self):
        assert relay.check_new_log(self.form(birth_date="2008-11-30"), today=TODAY, allowed_unit_ids=[3])

    def test_observation_not_in_the_future(self):
        errors = errors_of(lambda: relay.check_observation({"observed_on": "2026-12-01", "text": "x"}, today=TODAY))
        assert errors == {"observed_on": "error.date_in_future"}
        talk = relay.check_observation(
            {"kind": "talk", "observed_on": "2026-11-29", "text": " Med styrer "}, today=TODAY
        )
        assert talk.kind == relay.ObservationKind.TALK and talk.text == "Med styrer"


class TestContacts:
    @pytest.mark.parametrize("raw", ["912 34 567", "+47 41234567", "004791234567", "41234567"])
    def test_norwegian_mobiles(self, raw):
        assert relay.normalise_mobile(raw) in {"+4791234567", "+4741234567"}

    @pytest.mark.parametrize("raw", ["22 12 34 56", "1234", "+46 701234567", "mobil", "9123456789"])
    def test_not_mobiles(self, raw):
        assert relay.normalise_mobile(raw) is None

    def test_contact_errors_next_to_the_fields(self):
        errors = errors_of(
            lambda: relay.check_contact({"first_name": "Lise", "last_name": "A", "email": "lise@", "mobile": "22"})
        )
        assert errors == {"email": "error.email_invalid", "mobile": "error.mobile_invalid"}

    def test_guardian_registered_twice(self):
        form = {"first_name": "Lise", "last_name": "A", "email": "Lise@Elvdal.example", "mobile": "912 34 567"}
        errors = errors_of(
            lambda: relay.check_contact(form, taken_emails={"lise@elvdal.example"}, taken_mobiles={"+4791234567"})
        )
        assert errors == {"email": "error.guardian_twice", "mobile": "error.guardian_twice"}


class TestConsent:
    def test_under_15_every_guardian_is_asked_and_all_must_confirm(self):
        asked = relay.who_is_asked({1, 2}, child_id=9, child_age=10, young_registered=False)
        assert asked == {1, 2}
        assert not relay.on_record(asked, {1})
        assert relay.on_record(asked, {1, 2})

    def test_from_15_the_young_person_alone(self):
        assert relay.who_is_asked({1, 2}, child_id=9, child_age=15, young_registered=True) == {9}
        # Not registered yet: the guardians are still the ones asked.
        assert relay.who_is_asked({1}, child_id=9, child_age=16, young_registered=False) == {1}

    def test_asked_of_nobody_is_refused(self):
        assert errors_of(lambda: relay.who_is_asked(set(), 9, 5, False)) == {"asked": "error.consent_nobody_asked"}
        assert not relay.on_record(set(), set())

    def test_named_needs_the_holder_and_staff_roles(self):
        assert relay.check_named([(1, LogRole.HOLDER), (2, LogRole.ACTOR)], holder_id=1)
        assert errors_of(lambda: relay.check_named([(2, LogRole.ACTOR)], holder_id=1)) == {
            "named": "error.consent_needs_holder"
        }
        assert errors_of(lambda: relay.check_named([(1, LogRole.HOLDER), (1, LogRole.READER)], holder_id=1))
        assert errors_of(lambda: relay.check_named([(1, LogRole.HOLDER), (2, LogRole.GUARDIAN)], holder_id=1))

    def test_paper_consent(self):
        paper = relay.check_paper_consent({"signed_by": "Lise Andersen", "signed_on": "2026-11-28"}, today=TODAY)
        assert paper.signed_on == date(2026, 11, 28)
        assert errors_of(
            lambda: relay.check_paper_consent({"signed_by": "", "signed_on": "2026-12-24"}, today=TODAY)
        ) == {
            "signed_by": "error.required",
            "signed_on": "error.date_in_future",
        }


class TestLevelsAndClosing:
    @pytest.mark.parametrize("new", [0, 4, -1])
    def test_level_outside_1_to_3(self, new):
        assert errors_of(lambda: check_level_change(LogStatus.ACTIVE, 1, new, "PPT")) == {
            "level": "error.level_out_of_range"
        }

    def test_level_needs_a_reason_and_a_change(self):
        assert errors_of(lambda: check_level_change(LogStatus.ACTIVE, 2, 2, "")) == {
            "level": "error.level_unchanged",
            "reason": "error.required",
        }
        assert check_level_change(LogStatus.ACTIVE, 1, 2, " Helsesykepleier ") == "Helsesykepleier"
        assert check_level_change(LogStatus.ACTIVE, 3, 1, "Mindre behov") == "Mindre behov"

    def test_only_an_active_log_changes_level(self):
        with pytest.raises(InvalidTransition):
            check_level_change(LogStatus.PASSIVE, 1, 2, "x")

    def test_no_closing_without_a_note_and_a_reason(self):
        assert errors_of(lambda: relay.check_closing({"closing_note": " ", "closing_reason": ""})) == {
            "closing_note": "error.required",
            "closing_reason": "error.choose_one",
        }
        # A withdrawal is the family's, never a reason the holder picks.
        assert errors_of(lambda: relay.check_closing({"closing_note": "x", "closing_reason": "consent_withdrawn"}))
        assert relay.check_closing({"closing_note": "Målene er nådd", "closing_reason": "handed_to_ip"}) == (
            "Målene er nådd",
            ClosingReason.HANDED_TO_IP,
        )

    def test_discard_only_a_draft(self):
        assert next_status(LogStatus.DRAFT, Transition.DISCARD) == LogStatus.DISCARDED
        with pytest.raises(InvalidTransition):
            next_status(LogStatus.ACTIVE, Transition.DISCARD)


class TestHandover:
    def check(self, candidate, **kw):
        form = {"reason": "Skolestart", "former": "actor", "concern_ids": ["1"], "closing_note": "Avsluttet", **kw}
        return relay.check_handover(
            form,
            candidate=candidate,
            current_holder_ids={ME},
            log_unit_id=1,
            consented_unit_ids={2},
            concern_ids={1, 2},
        )

    def test_to_the_school_the_family_consented_to(self):
        proposal = self.check(relay.Candidate(OTHER, 2, True))
        assert proposal.to_person_id == OTHER and proposal.concern_ids == {1}
        assert proposal.former == relay.FormerHolder.ACTOR

    @pytest.mark.parametrize(
        "candidate,key",
        [
            (relay.Candidate(ME, 1, True), "error.handover_to_holder"),
            (relay.Candidate(OTHER, 1, False), "error.handover_cannot_hold"),
            (relay.Candidate(OTHER, 3, True), "error.handover_unit_not_consented"),
            (None, "error.choose_one"),
        ],
    )
    def test_refused_targets(self, candidate, key):
        assert errors_of(lambda: self.check(candidate))["to_person_id"] == key

    def test_concerns_left_behind_need_a_note(self):
        assert errors_of(lambda: self.check(relay.Candidate(OTHER, 1, True), closing_note="")) == {
            "closing_note": "error.required"
        }
        assert self.check(relay.Candidate(OTHER, 1, True), concern_ids=["1", "2"], closing_note="").closing_note == ""
        assert errors_of(lambda: self.check(relay.Candidate(OTHER, 1, True), concern_ids=["7"]))["concern_ids"]

    def test_exactly_one_holder_two_only_by_choice(self):
        relay.check_holder_count(1, two_allowed=False)
        relay.check_holder_count(2, two_allowed=True)
        for count, allowed in ((0, True), (2, False), (3, True)):
            with pytest.raises(DomainError):
                relay.check_holder_count(count, two_allowed=allowed)

    def test_roles_after_acceptance(self):
        assert relay.roles_after_handover(relay.FormerHolder.ACTOR) == LogRole.ACTOR
        assert relay.roles_after_handover(relay.FormerHolder.LEAVES) is None
        assert relay.roles_after_handover(relay.FormerHolder.SECOND_HOLDER) == LogRole.HOLDER


class TestDeletion:
    def test_only_passive_and_archived(self):
        with pytest.raises(DomainError, match=r"error\.delete_only_passive"):
            relay.check_deletion(status="active", archived=True)
        with pytest.raises(DomainError, match=r"error\.delete_needs_archive"):
            relay.check_deletion(status="passive", archived=False)
        relay.check_deletion(status="passive", archived=True)


def access(roles=(), status=LogStatus.ACTIVE, **kw) -> LogAccess:
    return LogAccess(person_id=ME, roles=frozenset(roles), status=status, **kw)


class TestRelayPermissions:
    def test_only_the_proposed_holder_answers_a_handover(self):
        assert may(access(), Action.ANSWER_HANDOVER, handover_to_id=ME)
        for who in (access({LogRole.HOLDER}), access(is_unit_leader=True), access({LogRole.GUARDIAN})):
            assert not may(who, Action.ANSWER_HANDOVER, handover_to_id=OTHER)
            with pytest.raises(PermissionDenied):
                require(who, Action.ANSWER_HANDOVER, handover_to_id=OTHER)
        assert not may(access(), Action.ANSWER_HANDOVER)
        assert not may(access(status=LogStatus.PASSIVE), Action.ANSWER_HANDOVER, handover_to_id=ME)

    def test_the_old_holder_keeps_every_right_until_acceptance(self):
        # A pending proposal is not part of the holder's access at all: same answers as before.
        holder = access({LogRole.HOLDER})
        for action in Action:
            if action != Action.ANSWER_HANDOVER:
                assert may(holder, action, measure_responsible_id=OTHER) == may(
                    access({LogRole.HOLDER}), action, measure_responsible_id=OTHER
                )
        assert all(may(holder, a) for a in (Action.EDIT_PLAN, Action.CALL_MEETING, Action.CLOSE_LOG))

    def test_the_proposed_holder_reads_before_answering_and_nothing_more(self):
        proposed = access(pending_handover_to_me=True)
        assert may(proposed, Action.VIEW_LOG)
        assert not any(may(proposed, a) for a in (Action.EDIT_PLAN, Action.WRITE_MESSAGE, Action.READ_MESSAGES))

    def test_a_leader_acts_for_an_absent_holder_and_decides_deletion(self):
        leader = access(is_unit_leader=True)
        assert may(leader, Action.PROPOSE_HANDOVER)
        assert may(access(status=LogStatus.PASSIVE, is_unit_leader=True), Action.DECIDE_DELETION)
        assert not may(leader, Action.VIEW_LOG) and not may(leader, Action.EDIT_PLAN)
        assert not may(access({LogRole.HOLDER}), Action.DECIDE_DELETION)

    def test_draft_actions_for_the_author_only(self):
        author = access({LogRole.HOLDER}, LogStatus.DRAFT, is_draft_author=True)
        for action in (Action.ADD_OBSERVATION, Action.DISCARD_DRAFT, Action.REGISTER_FAMILY, Action.ASK_CONSENT):
            assert may(author, action)
            assert not may(access({LogRole.HOLDER}, LogStatus.DRAFT), action)
        assert not may(author, Action.CHANGE_LEVEL)
        assert not may(access({LogRole.HOLDER}, LogStatus.DISCARDED, is_draft_author=True), Action.VIEW_LOG)

    def test_reopen_is_the_holders_and_consent_the_familys(self):
        assert may(access({LogRole.HOLDER}, LogStatus.PASSIVE), Action.REOPEN)
        assert may(access({LogRole.HOLDER}, LogStatus.PASSIVE), Action.ASK_CONSENT)
        assert not may(access({LogRole.GUARDIAN}, LogStatus.PASSIVE), Action.REOPEN)
        assert not may(access({LogRole.HOLDER}, LogStatus.PASSIVE), Action.CLOSE_LOG)

    def test_deletion_is_asked_by_the_family(self):
        assert may(access({LogRole.GUARDIAN}, LogStatus.PASSIVE), Action.REQUEST_DELETION)
        assert may(access({LogRole.OWNER}, person_age=15), Action.REQUEST_DELETION)
        assert not may(access({LogRole.OWNER}, person_age=12), Action.REQUEST_DELETION)
        assert not may(access({LogRole.HOLDER}), Action.REQUEST_DELETION)

    def test_only_staff_with_the_right_to_hold_start_a_log(self):
        assert may_start_log("staff", True)
        assert not may_start_log("staff", False)
        assert not may_start_log("guardian", True)


class TestSchoolEnvironment:
    def test_old_key_still_reads(self):
        assert ConcernCategory("school_environment") is ConcernCategory.SCHOOL_ENVIRONMENT
        assert ConcernCategory.SCHOOL_ENVIRONMENT.value == "school_environment_duty"

    def test_everything_missing(self):
        assert school_environment_gaps("", "", []) == [
            "problem",
            "measures",
            "when",
            "responsible",
            "evaluation",
            "pupil_view",
        ]

    def test_complete_plan(self):
        measure = MeasureFacts(start_date=TODAY, responsible_id=3, evaluation_date=TODAY)
        assert school_environment_gaps("Eleven blir holdt utenfor", "Jeg vil ha en fast voksen", [measure]) == []

    def test_pupil_view_missing(self):
        measure = MeasureFacts(start_date=TODAY, responsible_id=3, evaluation_date=TODAY)
        assert school_environment_gaps("Eleven blir holdt utenfor", " ", [measure]) == ["pupil_view"]
