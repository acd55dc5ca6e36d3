"""The relay from start to finish, against a migrated database (SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlmodel import func, select

from stafett_app import routes
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import ConsentRequired, DomainError, PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.domain.roles import LogRole
from stafett_app.models import (
    AccessAttempt,
    AccessLogEntry,
    Attachment,
    Comment,
    Concern,
    Consent,
    ConsentEntry,
    DeletionRequest,
    Handover,
    LogEvent,
    Notification,
    Observation,
    Participant,
    Person,
    StafettLog,
)
from stafett_app.services import archive_status, consent_flow, new_log, plan_edit, relay, start_view
from stafett_app.services.access import current_roles, open_log
from stafett_app.services.consent_flow import Named
from stafett_app.services.log_rows import delete_rows_of_log
from tests.pdf_helpers import one_page_pdf

TODAY = today_in_norway()
PDF = one_page_pdf()


def count(session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def refusals(session, person) -> int:
    return count(session, AccessAttempt, AccessAttempt.person_id == person.id)


def events(session, log_id) -> list[str]:
    return [e.kind for e in session.exec(select(LogEvent).where(LogEvent.log_id == log_id).order_by(LogEvent.id)).all()]


def draft_form(unit_id, **kw):
    return {
        "first_name": "Nora",
        "last_name": "Aas",
        "birth_date": (TODAY - timedelta(days=365 * 5)).isoformat(),
        "unit_id": str(unit_id),
        "observations": "Nora sitter alene i sandkassa hver dag.",
        **kw,
    }


def guardian_form(**kw):
    return {"first_name": "Anne", "last_name": "Aas", "email": "anne.aas@example.no", "mobile": "932 11 222", **kw}


@pytest.fixture
def draft(seeded, people):
    """Ingrid's new draft for Nora, with one guardian registered."""
    ingrid = people["ingrid"]
    log_id = new_log.start_draft(seeded, ingrid, draft_form(ingrid.unit_id))
    guardian_id = new_log.register_guardian(seeded, ingrid, log_id, guardian_form())
    seeded.commit()  # refusals are recorded in a session of their own: SQLite must not be locked
    return log_id, seeded.get(Person, guardian_id)


class TestLevelZero:
    def test_a_draft_only_its_author_sees(self, seeded, people, draft):
        log_id, _ = draft
        log = seeded.get(StafettLog, log_id)
        assert (log.status, log.level, log.unit_id) == ("draft", 0, people["ingrid"].unit_id)
        assert [o.text for o in new_log.observations_of(seeded, people["ingrid"], log_id)] == [
            "Nora sitter alene i sandkassa hver dag."
        ]
        for outsider in ("kari", "tor", "siri"):
            with pytest.raises(PermissionDenied):
                open_log(seeded, people[outsider], log_id, Action.VIEW_LOG)

    def test_observations_and_talks_while_it_lasts(self, seeded, people, draft):
        log_id, _ = draft
        ingrid = people["ingrid"]
        new_log.add_observation(
            seeded, ingrid, log_id, {"kind": "talk", "observed_on": TODAY.isoformat(), "text": "Snakket med styrer."}
        )
        assert [o.kind for o in new_log.observations_of(seeded, ingrid, log_id)] == ["observation", "talk"]
        seeded.commit()
        before = refusals(seeded, people["kari"])
        with pytest.raises(PermissionDenied):
            new_log.add_observation(seeded, people["kari"], log_id, {"observed_on": TODAY.isoformat(), "text": "x"})
        assert refusals(seeded, people["kari"]) == before + 1

    @pytest.mark.parametrize(
        "field,value,key",
        [
            ("birth_date", (TODAY + timedelta(days=1)).isoformat(), "error.birth_date_future"),
            ("birth_date", (TODAY - timedelta(days=365 * 19 + 5)).isoformat(), "error.child_too_old|18"),
            ("first_name", " ", "error.required"),
        ],
    )
    def test_bad_child(self, seeded, people, field, value, key):
        ingrid = people["ingrid"]
        with pytest.raises(ValidationFailed) as refused:
            new_log.start_draft(seeded, ingrid, draft_form(ingrid.unit_id, **{field: value}))
        assert refused.value.errors == {field: key}

    def test_only_staff_with_the_right_to_hold_start_one(self, seeded, people):
        for who in ("mona", "lise"):
            with pytest.raises(PermissionDenied):
                new_log.start_draft(seeded, people[who], draft_form(people["kari"].unit_id))
        # Another unit than one's own cannot be chosen.
        with pytest.raises(ValidationFailed) as refused:
            new_log.start_draft(seeded, people["kari"], draft_form(people["ingrid"].unit_id))
        assert refused.value.errors == {"unit_id": "error.choose_one"}

    def test_discard_keeps_only_a_summary_for_the_author(self, seeded, people, draft):
        log_id, _ = draft
        ingrid = people["ingrid"]
        plan_edit.add_concern(seeded, ingrid, log_id, {"text": "Nora leker alene", "category": "social"})
        with pytest.raises(ValidationFailed):
            new_log.discard_draft(seeded, ingrid, log_id, "  ")
        new_log.discard_draft(seeded, ingrid, log_id, "Det gikk over etter en uke.")
        assert count(seeded, Observation, Observation.log_id == log_id) == 0
        assert count(seeded, Concern, Concern.log_id == log_id) == 0
        [row] = new_log.discarded_drafts(seeded, ingrid)
        assert (row.log_id, row.summary) == (log_id, "Det gikk over etter en uke.")
        assert new_log.discarded_drafts(seeded, people["kari"]) == []
        seeded.commit()
        with pytest.raises(PermissionDenied):
            open_log(seeded, ingrid, log_id, Action.VIEW_LOG)


class TestFamily:
    def test_the_guardian_gets_an_invitation_without_content(self, seeded, people, draft):
        log_id, guardian = draft
        assert (guardian.email, guardian.mobile) == ("anne.aas@example.no", "+4793211222")
        [notice] = seeded.exec(select(Notification).where(Notification.person_id == guardian.id)).all()
        assert (notice.kind, notice.link) == ("invitation", routes.family(log_id))
        assert "Nora" not in notice.link
        assert current_roles(seeded, log_id, guardian.id) == {LogRole.GUARDIAN}

    @pytest.mark.parametrize(
        "form,errors",
        [
            (guardian_form(), {"email": "error.guardian_twice", "mobile": "error.guardian_twice"}),
            (
                guardian_form(email="anne@", mobile="22 33 44 55"),
                {"email": "error.email_invalid", "mobile": "error.mobile_invalid"},
            ),
        ],
    )
    def test_bad_or_twice(self, seeded, people, draft, form, errors):
        log_id, _ = draft
        with pytest.raises(ValidationFailed) as refused:
            new_log.register_guardian(seeded, people["ingrid"], log_id, form)
        assert refused.value.errors == errors

    def test_a_known_guardian_is_the_same_person(self, seeded, people, logs):
        kari = people["kari"]
        log_id = new_log.start_draft(seeded, kari, draft_form(kari.unit_id, first_name="Kaja", last_name="Andersen"))
        lise_id = new_log.register_guardian(
            seeded, kari, log_id, guardian_form(first_name="Lise", last_name="Andersen", email="lise@elvdal.example")
        )
        assert lise_id == people["lise"].id

    def test_the_young_person_from_15_consents(self, seeded, people):
        kari = people["kari"]
        young = draft_form(kari.unit_id, birth_date=(TODAY - timedelta(days=365 * 16)).isoformat())
        log_id = new_log.start_draft(seeded, kari, young)
        new_log.register_guardian(seeded, kari, log_id, guardian_form())
        new_log.register_young_person(seeded, kari, log_id, {"email": "nora@example.no", "mobile": "+47 481 23 456"})
        request_id = consent_flow.ask_consent(seeded, kari, log_id, [Named(kari.id, LogRole.HOLDER)])
        status = consent_flow.consent_status(seeded, kari, log_id)
        child = seeded.get(StafettLog, log_id).child_id
        assert [a.person_id for a in status.asked] == [child]
        assert consent_flow.confirm_consent(seeded, seeded.get(Person, child), log_id, request_id) == 1

    def test_under_15_is_no_young_person_consent(self, seeded, people, draft):
        log_id, _ = draft
        with pytest.raises(ValidationFailed) as refused:
            new_log.register_young_person(seeded, people["ingrid"], log_id, {"email": "x@example.no", "mobile": ""})
        assert refused.value.errors == {"email": "error.young_person_under_15"}


class TestConsent:
    def test_nobody_to_ask_is_refused(self, seeded, people):
        ingrid = people["ingrid"]
        log_id = new_log.start_draft(seeded, ingrid, draft_form(ingrid.unit_id))
        with pytest.raises(ValidationFailed) as refused:
            consent_flow.ask_consent(seeded, ingrid, log_id, [Named(ingrid.id, LogRole.HOLDER)])
        assert refused.value.errors == {"asked": "error.consent_nobody_asked"}

    def test_every_guardian_confirms_then_it_is_on_record(self, seeded, people, draft):
        log_id, anne = draft
        ingrid = people["ingrid"]
        per_id = new_log.register_guardian(
            seeded, ingrid, log_id, guardian_form(first_name="Per", email="per.aas@example.no", mobile="98811222")
        )
        per = seeded.get(Person, per_id)
        request_id = consent_flow.ask_consent(
            seeded, ingrid, log_id, [Named(ingrid.id, LogRole.HOLDER, "Ingrid kjenner Nora best.")]
        )
        assert {n.person_id for n in seeded.exec(select(Notification).where(Notification.kind == "consent")).all()} == {
            anne.id,
            per_id,
        }
        [family_request] = consent_flow.requests_for(seeded, anne)
        assert family_request.proposed[0].why == "Ingrid kjenner Nora best."
        assert family_request.proposed[0].unit_name == "Solsikken barnehage"
        assert consent_flow.confirm_consent(seeded, anne, log_id, request_id) == 0
        assert consent_flow.confirm_consent(seeded, anne, log_id, request_id) == 0  # twice changes nothing
        status = consent_flow.consent_status(seeded, ingrid, log_id)
        assert status.version == 0 and {(a.name, a.confirmed) for a in status.asked} == {
            ("Anne Aas", True),
            ("Per Aas", False),
        }
        assert consent_flow.confirm_consent(seeded, per, log_id, request_id) == 1
        status = consent_flow.consent_status(seeded, ingrid, log_id)
        assert (status.version, status.path, status.request_id) == (1, "digital", None)
        assert "consent_on_record" in events(seeded, log_id)

    def test_mine_logger_lists_each_asked_log_once_with_its_child_in_one_statement(self, seeded, people):
        kari = people["kari"]
        for first_name in ("Kaja", "Mons"):
            log_id = new_log.start_draft(seeded, kari, draft_form(kari.unit_id, first_name=first_name))
            anne_id = new_log.register_guardian(seeded, kari, log_id, guardian_form())
            per = guardian_form(first_name="Per", email="per.aas@example.no", mobile="98811222")
            new_log.register_guardian(seeded, kari, log_id, per)  # so that Anne's yes leaves it open
            first = consent_flow.ask_consent(seeded, kari, log_id, [Named(kari.id, LogRole.HOLDER)])
        anne = seeded.get(Person, anne_id)
        consent_flow.confirm_consent(seeded, anne, log_id, first)
        statements: list[str] = []
        listen = ("before_cursor_execute", lambda *args: statements.append(args[2]))
        sa_event.listen(seeded.get_bind(), *listen)
        try:
            asked = start_view.asked_logs(seeded, anne)
        finally:
            sa_event.remove(seeded.get_bind(), *listen)
        assert [(a.child_first_name, a.confirmed_by_me) for a in asked] == [("Kaja", False), ("Mons", True)]
        assert asked[1].request_id == first and len(statements) == 1

    def test_someone_not_asked_cannot_confirm(self, seeded, people, logs, draft):
        log_id, _ = draft
        request_id = consent_flow.ask_consent(
            seeded, people["ingrid"], log_id, [Named(people["ingrid"].id, LogRole.HOLDER)]
        )
        seeded.commit()
        before = refusals(seeded, people["lise"])
        with pytest.raises(PermissionDenied):
            consent_flow.confirm_consent(seeded, people["lise"], log_id, request_id)
        with pytest.raises(PermissionDenied):  # another log's request, through a log Lise is in
            consent_flow.confirm_consent(seeded, people["lise"], logs["emma"].id, request_id)
        assert refusals(seeded, people["lise"]) == before + 2

    def test_versions_are_superseded_never_edited(self, seeded, people, logs):
        kari, lise, ola = people["kari"], people["lise"], people["ola"]
        log_id = logs["emma"].id
        first = seeded.exec(select(Consent).where(Consent.log_id == log_id)).one()
        first_entries = count(seeded, ConsentEntry, ConsentEntry.consent_id == first.id)
        named = [
            Named(kari.id, LogRole.HOLDER),
            Named(people["siri"].id, LogRole.ACTOR),
            Named(people["per"].id, LogRole.READER),
        ]
        request_id = consent_flow.ask_consent(seeded, kari, log_id, named)
        consent_flow.confirm_consent(seeded, lise, log_id, request_id)
        assert consent_flow.confirm_consent(seeded, ola, log_id, request_id) == 2
        seeded.refresh(first)
        assert (first.version, first.withdrawn_at) == (1, None)
        assert count(seeded, ConsentEntry, ConsentEntry.consent_id == first.id) == first_entries
        assert LogRole.READER in current_roles(seeded, log_id, people["per"].id)

    def test_a_newer_request_replaces_the_open_one(self, seeded, people, draft):
        log_id, anne = draft
        ingrid = people["ingrid"]
        old = consent_flow.ask_consent(seeded, ingrid, log_id, [Named(ingrid.id, LogRole.HOLDER)])
        consent_flow.ask_consent(seeded, ingrid, log_id, [Named(ingrid.id, LogRole.HOLDER)])
        with pytest.raises(ValidationFailed):
            consent_flow.confirm_consent(seeded, anne, log_id, old)

    def test_paper_consent_is_as_complete_as_the_digital(self, seeded, people, draft, tmp_path, monkeypatch):
        monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path))
        log_id, _ = draft
        ingrid = people["ingrid"]
        form = {"signed_by": "Anne Aas", "signed_on": TODAY.isoformat()}
        with pytest.raises(ValidationFailed) as refused:
            consent_flow.record_paper_consent(seeded, ingrid, log_id, form, PDF, "samtykke.pdf")
        assert refused.value.errors == {"consent": "error.consent_nothing_asked"}
        consent_flow.ask_consent(seeded, ingrid, log_id, [Named(ingrid.id, LogRole.HOLDER)])
        with pytest.raises(ValidationFailed) as refused:
            consent_flow.record_paper_consent(seeded, ingrid, log_id, form, b"not a pdf", "samtykke.pdf")
        assert refused.value.errors == {"attachment": "error.pdf_not_pdf"}
        assert consent_flow.record_paper_consent(seeded, ingrid, log_id, form, PDF, "samtykke.pdf") == 1
        consent = seeded.exec(select(Consent).where(Consent.log_id == log_id)).one()
        assert (consent.path, consent.paper_signed_by, consent.paper_signed_on) == ("paper", "Anne Aas", TODAY)
        attachment = seeded.get(Attachment, consent.paper_attachment_id)
        assert (tmp_path / attachment.stored_name).read_bytes() == PDF
        assert consent_flow.consent_status(seeded, ingrid, log_id).path == "paper"

    def test_level_1_never_names_other_units(self, seeded, people, logs):
        ingrid = people["ingrid"]
        log_id = logs["noah"].id
        assert seeded.get(StafettLog, log_id).level == 1
        listed = consent_flow.staff_to_name(seeded, ingrid, log_id)
        assert {r.unit_name for r in listed} == {"Solsikken barnehage"}
        relay.change_level(seeded, ingrid, log_id, 2, "Helsesøster trengs")
        assert {"Helsestasjonen i Elvdal", "Åsen skole"} <= {
            r.unit_name for r in consent_flow.staff_to_name(seeded, ingrid, log_id)
        }
        relay.change_level(seeded, ingrid, log_id, 1, "Tilbake")
        with pytest.raises(ValidationFailed):
            consent_flow.ask_consent(
                seeded, ingrid, log_id, [Named(ingrid.id, LogRole.HOLDER), Named(people["siri"].id, LogRole.ACTOR)]
            )


def consented_draft(seeded, people, draft):
    log_id, anne = draft
    request_id = consent_flow.ask_consent(
        seeded, people["ingrid"], log_id, [Named(people["ingrid"].id, LogRole.HOLDER)]
    )
    consent_flow.confirm_consent(seeded, anne, log_id, request_id)
    return log_id, anne


INTRO = {"description": "Nora er 5 år og glad i hester.", "interest_text": "hester", "interest_picture": "drawing"}


class TestActiveLog:
    def test_activation_needs_consent_on_record(self, seeded, people, draft):
        log_id, _ = draft
        with pytest.raises(ConsentRequired):
            relay.activate(seeded, people["ingrid"], log_id, INTRO)

    def test_activation_with_description_and_interest(self, seeded, people, draft):
        log_id, anne = consented_draft(seeded, people, draft)
        with pytest.raises(ValidationFailed) as refused:
            relay.activate(seeded, people["ingrid"], log_id, {**INTRO, "description": ""})
        assert refused.value.errors == {"description": "error.required"}
        relay.activate(seeded, people["ingrid"], log_id, INTRO)
        log = seeded.get(StafettLog, log_id)
        assert (log.status, log.level, log.interest_picture) == ("active", 1, "drawing")
        relay.edit_introduction(seeded, people["ingrid"], log_id, {**INTRO, "interest_text": "hester og hunder"})
        assert log.interest_text == "hester og hunder"
        open_log(seeded, anne, log_id, Action.VIEW_LOG)  # the family sees the log now

    def test_levels_with_a_reason(self, seeded, people, logs):
        ingrid, log_id = people["ingrid"], logs["noah"].id
        with pytest.raises(ValidationFailed) as refused:
            relay.change_level(seeded, ingrid, log_id, 4, "PPT")
        assert refused.value.errors == {"level": "error.level_out_of_range"}
        participants = count(seeded, Participant, Participant.log_id == log_id)
        relay.change_level(seeded, ingrid, log_id, 2, "Helsesykepleier trengs")
        assert seeded.get(StafettLog, log_id).level == 2
        assert count(seeded, Participant, Participant.log_id == log_id) == participants  # nobody added
        event = seeded.exec(select(LogEvent).where(LogEvent.log_id == log_id, LogEvent.kind == "level_changed")).one()
        assert (event.from_level, event.to_level, event.text) == (1, 2, "Helsesykepleier trengs")
        # From level 2 other services can be named (and still need the family's consent).
        consent_flow.ask_consent(
            seeded, ingrid, log_id, [Named(ingrid.id, LogRole.HOLDER), Named(people["siri"].id, LogRole.ACTOR)]
        )
        relay.change_level(seeded, ingrid, log_id, "1", "Mindre behov")
        seeded.commit()
        with pytest.raises(PermissionDenied):
            relay.change_level(seeded, people["ahmed"], log_id, 2, "x")

    def test_removed_participant_loses_access_at_once_and_their_words_stay(self, seeded, people, logs):
        kari, mona, log_id = people["kari"], people["mona"], logs["emma"].id
        comments_before = count(seeded, Comment, Comment.log_id == log_id)
        plan = seeded.exec(
            select(Participant).where(Participant.log_id == log_id, Participant.person_id == mona.id)
        ).one()
        with pytest.raises(PermissionDenied):
            relay.remove_participant(seeded, people["lise"], log_id, plan.id)
        relay.remove_participant(seeded, kari, log_id, plan.id, "Mona har fått ny jobb.")
        seeded.commit()
        with pytest.raises(PermissionDenied):
            open_log(seeded, mona, log_id, Action.VIEW_LOG)
        [notice] = seeded.exec(select(Notification).where(Notification.person_id == mona.id)).all()
        assert (notice.kind, notice.link) == ("removed", routes.MY_LOGS)
        assert count(seeded, Comment, Comment.log_id == log_id) == comments_before
        holder = seeded.exec(
            select(Participant).where(Participant.log_id == log_id, Participant.role == "holder")
        ).one()
        with pytest.raises(DomainError):  # the only holder
            relay.remove_participant(seeded, kari, log_id, holder.id)
        other_log = seeded.exec(select(Participant).where(Participant.log_id == logs["noah"].id)).first()
        with pytest.raises(PermissionDenied):  # a crafted id from another log
            relay.remove_participant(seeded, kari, log_id, other_log.id)


def liam_handover(seeded, logs):
    return seeded.exec(select(Handover).where(Handover.log_id == logs["liam"].id)).one()


class TestHandover:
    def test_the_old_holder_keeps_every_right_until_acceptance(self, seeded, people, logs):
        handover = liam_handover(seeded, logs)
        ingrid, eva = people["ingrid"], people["eva"]
        plan_edit.add_concern(seeded, ingrid, logs["liam"].id, {"text": "Liam gruer seg", "category": "wellbeing"})
        seeded.commit()
        open_log(seeded, eva, logs["liam"].id, Action.VIEW_LOG)  # the proposed holder reads first
        with pytest.raises(PermissionDenied):
            open_log(seeded, eva, logs["liam"].id, Action.EDIT_PLAN)
        assert handover.status == "pending"

    @pytest.mark.parametrize("who", ["ingrid", "kari", "tor", "tobias"])
    def test_nobody_but_the_proposed_holder_answers(self, seeded, people, logs, who):
        handover = liam_handover(seeded, logs)
        before = refusals(seeded, people[who])
        with pytest.raises(PermissionDenied):
            relay.accept_handover(seeded, people[who], handover.id)
        with pytest.raises(PermissionDenied):
            relay.decline_handover(seeded, people[who], handover.id, "Nei")
        assert refusals(seeded, people[who]) == before + 2
        assert handover.status == "pending"

    def test_accept_swaps_the_roles_in_one_step(self, seeded, people, logs):
        handover = liam_handover(seeded, logs)
        ingrid, eva, log_id = people["ingrid"], people["eva"], logs["liam"].id
        relay.accept_handover(seeded, eva, handover.id)
        assert current_roles(seeded, log_id, eva.id) == {LogRole.HOLDER}
        assert current_roles(seeded, log_id, ingrid.id) == {LogRole.ACTOR}
        log = seeded.get(StafettLog, log_id)
        assert log.unit_id == eva.unit_id
        concerns = {c.category: c for c in seeded.exec(select(Concern).where(Concern.log_id == log_id)).all()}
        assert concerns["social"].closed_at is None
        assert concerns["wellbeing"].closed_at is not None and concerns["wellbeing"].closing_note.startswith("Søvnen")
        assert handover.status == "accepted" and "handover_accepted" in events(seeded, log_id)
        with pytest.raises(DomainError):
            relay.accept_handover(seeded, eva, handover.id)

    def test_a_declined_or_withdrawn_proposal_changes_nothing(self, seeded, people, logs):
        handover = liam_handover(seeded, logs)
        ingrid, eva, log_id = people["ingrid"], people["eva"], logs["liam"].id
        with pytest.raises(ValidationFailed):
            relay.decline_handover(seeded, eva, handover.id, " ")
        relay.decline_handover(seeded, eva, handover.id, "Liam skal begynne på en annen skole.")
        assert current_roles(seeded, log_id, ingrid.id) == {LogRole.HOLDER}
        assert current_roles(seeded, log_id, eva.id) == {LogRole.READER}
        assert all(c.closed_at is None for c in seeded.exec(select(Concern).where(Concern.log_id == log_id)).all())
        again = relay.propose_handover(
            seeded,
            ingrid,
            log_id,
            {
                "to_person_id": str(eva.id),
                "reason": "Nytt forsøk",
                "concern_ids": [str(c.id) for c in seeded.exec(select(Concern).where(Concern.log_id == log_id)).all()],
            },
        )
        relay.withdraw_handover(seeded, ingrid, again)
        assert current_roles(seeded, log_id, ingrid.id) == {LogRole.HOLDER}
        assert seeded.get(Handover, again).status == "withdrawn"

    def test_refused_targets(self, seeded, people, logs):
        kari, log_id = people["kari"], logs["emma"].id
        for target, key in (
            (kari, "error.handover_to_holder"),
            (people["mona"], "error.handover_cannot_hold"),
            (people["anders"], "error.handover_unit_not_consented"),
            (people["lise"], "error.choose_one"),
        ):
            with pytest.raises(ValidationFailed) as refused:
                relay.propose_handover(
                    seeded, kari, log_id, {"to_person_id": str(target.id), "reason": "x", "closing_note": "x"}
                )
            assert refused.value.errors["to_person_id"] == key

    def test_a_leader_proposes_for_an_absent_holder_and_everyone_sees_it_pending(self, seeded, people, logs):
        tor, kari, per, log_id = people["tor"], people["kari"], people["per"], logs["emma"].id
        concern_ids = [str(c.id) for c in seeded.exec(select(Concern).where(Concern.log_id == log_id)).all()]
        handover_id = relay.propose_handover(
            seeded, tor, log_id, {"to_person_id": str(per.id), "reason": "Kari er sykmeldt", "concern_ids": concern_ids}
        )
        handover = seeded.get(Handover, handover_id)
        assert (handover.from_holder_id, handover.proposed_by_id) == (kari.id, tor.id)
        sides = {
            who: [(r.handover_id, r.side) for r in relay.pending_handovers(seeded, people[who])]
            for who in ("per", "kari", "tor")
        }
        assert (handover_id, "to_me") in sides["per"]
        assert (handover_id, "from_me") in sides["kari"]
        assert (handover_id, "from_me") in sides["tor"]
        liam = liam_handover(seeded, logs)
        assert (liam.id, "to_me") in [(r.handover_id, r.side) for r in relay.pending_handovers(seeded, people["eva"])]
        assert (liam.id, "from_me") in [
            (r.handover_id, r.side) for r in relay.pending_handovers(seeded, people["ingrid"])
        ]
        assert all(r.handover_id != liam.id for r in relay.pending_handovers(seeded, people["per"]))
        seeded.commit()
        # Tor leads the school and the kindergarten (the seed's second unit), not the lower secondary school.
        marte = seeded.exec(select(Person).where(Person.first_name == "Marte")).one()
        other_unit = seeded.exec(
            select(StafettLog).where(StafettLog.unit_id == marte.unit_id, StafettLog.status == "active")
        ).first()
        with pytest.raises(PermissionDenied):  # a leader of another unit
            relay.propose_handover(seeded, tor, other_unit.id, {"to_person_id": str(per.id), "reason": "x"})

    def test_two_holders_only_by_choice(self, seeded, people, logs):
        handover = liam_handover(seeded, logs)
        handover.former = "second_holder"
        seeded.add(handover)
        relay.accept_handover(seeded, people["eva"], handover.id)
        log = seeded.get(StafettLog, logs["liam"].id)
        assert log.two_holders
        assert current_roles(seeded, log.id, people["ingrid"].id) == {LogRole.HOLDER}


class TestEnding:
    def test_no_closing_without_a_note_and_a_reason(self, seeded, people, logs):
        kari, log_id = people["kari"], logs["emma"].id
        with pytest.raises(ValidationFailed) as refused:
            relay.close_log(seeded, kari, log_id, {"closing_note": "", "closing_reason": ""})
        assert set(refused.value.errors) == {"closing_note", "closing_reason"}
        relay.close_log(seeded, kari, log_id, {"closing_note": "Målene er nådd.", "closing_reason": "goals_reached"})
        log = seeded.get(StafettLog, log_id)
        assert (log.status, log.closing_reason) == ("passive", "goals_reached")
        seeded.commit()
        with pytest.raises(PermissionDenied):
            plan_edit.add_glimmer(seeded, people["lise"], log_id, {"text": "Hei"})

    def test_a_withdrawal_shows_as_such(self, seeded, people, logs):
        log_id = logs["noah"].id
        relay.withdraw_consent(seeded, people["ahmed"], log_id)
        log = seeded.get(StafettLog, log_id)
        assert (log.status, log.closing_reason) == ("passive", "consent_withdrawn")
        assert events(seeded, log_id)[-1] == "consent_withdrawn"

    def test_reopening_asks_the_family_and_starts_a_new_period(self, seeded, people, logs):
        siri, nina, log_id = people["siri"], people["nina"], logs["sara"].id
        with pytest.raises(PermissionDenied):
            consent_flow.ask_consent(seeded, nina, log_id, [Named(siri.id, LogRole.HOLDER)])
        request_id = consent_flow.ask_consent(seeded, siri, log_id, [Named(siri.id, LogRole.HOLDER)])
        assert seeded.get(StafettLog, log_id).status == "passive"  # not before the family says yes
        assert consent_flow.confirm_consent(seeded, nina, log_id, request_id) == 2
        log = seeded.get(StafettLog, log_id)
        assert (log.status, log.period, log.closing_reason) == ("active", 2, "")
        assert events(seeded, log_id)[-2:] == ["consent_on_record", "period_started"]
        assert seeded.exec(select(LogEvent).where(LogEvent.kind == "period_started")).one().period == 2
        assert count(seeded, Concern, Concern.log_id == log_id) == 1  # the history is still there


class TestDeletion:
    def test_the_request_reaches_the_unit_leader(self, seeded, people, logs):
        nina, tor, log_id = people["nina"], people["tor"], logs["sara"].id
        request_id = relay.request_deletion(seeded, nina, log_id, "Vi vil ikke ha den lenger.")
        assert relay.request_deletion(seeded, nina, log_id) == request_id  # one open request
        [notice] = seeded.exec(select(Notification).where(Notification.person_id == tor.id)).all()
        assert notice.kind == "deletion"
        assert {r.child_first_name for r in relay.deletion_requests_for(seeded, tor)} == {"Sara", "Ida"}
        assert relay.deletion_requests_for(seeded, people["kari"]) == []
        seeded.commit()
        with pytest.raises(PermissionDenied):
            relay.request_deletion(seeded, people["siri"], log_id)

    def test_no_deletion_before_the_archive_copy(self, seeded, people, logs):
        tor = people["tor"]
        [ida] = [r for r in relay.deletion_requests_for(seeded, tor) if r.child_first_name == "Ida"]
        with pytest.raises(DomainError) as refused:
            relay.delete_log(seeded, tor, ida.request_id)
        assert refused.value.key == "error.delete_needs_archive"
        with pytest.raises(PermissionDenied):
            relay.delete_log(seeded, people["kari"], ida.request_id)
        with pytest.raises(PermissionDenied):
            relay.delete_log(seeded, people["ingrid"], ida.request_id)

    def test_deleted_once_archived(self, seeded, people, logs, monkeypatch):
        monkeypatch.setattr(archive_status, "has_archive_copy", lambda session, log_id: True)
        tor, log_id = people["tor"], logs["ida"].id
        [ida] = [r for r in relay.deletion_requests_for(seeded, tor) if r.child_first_name == "Ida"]
        relay.delete_log(seeded, tor, ida.request_id)
        seeded.flush()
        assert seeded.get(StafettLog, log_id) is None
        for model in (Participant, Consent, LogEvent, DeletionRequest):
            assert count(seeded, model, model.log_id == log_id) == 0
        assert seeded.get(Person, people["kristin"].id) is not None

    def test_a_leader_may_refuse(self, seeded, people, logs):
        tor = people["tor"]
        [ida] = [r for r in relay.deletion_requests_for(seeded, tor) if r.child_first_name == "Ida"]
        relay.refuse_deletion(seeded, tor, ida.request_id, "Vi må ta vare på loggen i ett år til.")
        assert seeded.get(DeletionRequest, ida.request_id).decision == "refused"
        with pytest.raises(DomainError):
            relay.refuse_deletion(seeded, tor, ida.request_id, "igjen")


class TestAroundThePlan:
    def test_steps_show_in_the_timeline_with_their_period(self, seeded, people, logs):
        from stafett_app.services.timeline import timeline_for

        siri, nina, log_id = people["siri"], people["nina"], logs["sara"].id
        request_id = consent_flow.ask_consent(seeded, siri, log_id, [Named(siri.id, LogRole.HOLDER)])
        consent_flow.confirm_consent(seeded, nina, log_id, request_id)
        entries = timeline_for(seeded, nina, log_id, "nb")
        labels = {e.label: e for e in entries}
        assert labels["Loggen er i bruk igjen – ny periode"].period == 2
        assert labels["Loggen ble avsluttet"].period == 1
        assert labels["Nytt samtykke er gitt"].text == "Samtykket er gitt digitalt."

    def test_a_withdrawal_is_named_in_the_timeline(self, seeded, people, logs):
        from stafett_app.services.timeline import timeline_for

        relay.withdraw_consent(seeded, people["ahmed"], logs["noah"].id)
        labels = [e.label for e in timeline_for(seeded, people["ahmed"], logs["noah"].id, "nb")]
        assert "Familien trakk tilbake samtykket" in labels

    def test_school_environment_plan_lists_what_is_missing(self, seeded, people, logs):
        from stafett_app.services.plan_view import plan_for

        kari, log_id = people["kari"], logs["jonas"].id
        concern_id = plan_edit.add_concern(
            seeded,
            kari,
            log_id,
            {"text": "Jonas blir holdt utenfor i friminuttene.", "category": "school_environment_duty"},
        )
        view = next(c for c in plan_for(seeded, kari, log_id, "nb").concerns if c.concern_id == concern_id)
        assert view.is_school_environment
        assert view.school_environment_missing == ["measures", "when", "responsible", "evaluation", "pupil_view"]
        plan_edit.edit_concern(
            seeded,
            kari,
            log_id,
            {
                "text": view.text,
                "category": "school_environment_duty",
                "pupil_view": "Jonas vil ha en fast voksen ute.",
            },
            concern_id=concern_id,
        )
        goal_id = plan_edit.add_goal(seeded, kari, log_id, {"text": "Jonas er med i leken."}, concern_id=concern_id)
        plan_edit.add_measure(
            seeded,
            kari,
            log_id,
            {
                "title": "Kari er ute i storefri",
                "arena": "service",
                "responsible_id": str(kari.id),
                "start_date": TODAY.isoformat(),
                "evaluation_date": (TODAY + timedelta(days=14)).isoformat(),
            },
            goal_id=goal_id,
        )
        view = next(c for c in plan_for(seeded, kari, log_id, "nb").concerns if c.concern_id == concern_id)
        assert view.school_environment_missing == []
        assert view.category_label == "Skolemiljø (opplæringslova § 12-4)"

    def test_discarded_drafts_are_not_in_my_logs(self, seeded, people, draft):
        from stafett_app.services.log_list import my_logs

        log_id, _ = draft
        new_log.discard_draft(seeded, people["ingrid"], log_id, "Ikke noe å følge opp.")
        assert log_id not in {r.log_id for r in my_logs(seeded, people["ingrid"], "nb")}


def test_a_new_log_never_gets_the_id_of_a_deleted_one(seeded, people):
    """Archive copies, the access log and refused attempts outlive a deleted log and name it by id.
    A new log must never get that id, or it would show the deleted log's copies and openings (SQLite
    gives a deleted last row's id to the next insert unless the table has AUTOINCREMENT)."""
    ingrid = people["ingrid"]
    first = new_log.start_draft(seeded, ingrid, draft_form(ingrid.unit_id))
    seeded.add(AccessLogEntry(person_id=ingrid.id, log_id=first, action="plan", at=utcnow()))
    delete_rows_of_log(seeded, first)
    seeded.commit()
    assert seeded.get(StafettLog, first) is None
    second = new_log.start_draft(seeded, ingrid, draft_form(ingrid.unit_id, first_name="Ola"))
    seeded.commit()
    assert second > first
    assert count(seeded, AccessLogEntry, AccessLogEntry.log_id == second) == 0
