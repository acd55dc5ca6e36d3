"""The relay's middle and end through the page handlers, as a browser would send them: levels,
removal, handover, closing with a reason, reopening, deletion requests; crafted ids refused."""

import pytest
from sqlmodel import Session, select

from stafett_app import db
from stafett_app.domain.relay import DeletionDecision, HandoverStatus
from stafett_app.models import ConsentRequest, DeletionRequest, Handover, Participant, Person, StafettLog
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.plan.state import PlanState

EMMA_LOG, SARA_LOG, LIAM_LOG, IDA_LOG = "1", "4", "7", "8"


def row(model, *where):
    with Session(db.engine()) as session:
        return session.exec(select(model).where(*where)).first()


async def plan_of(root) -> PlanState:
    state = await root.get_state(PlanState)
    await state.load()
    return state


@pytest.mark.asyncio
async def test_holder_raises_and_lowers_the_level_with_a_reason(sign_in):
    state = await plan_of(sign_in("Kari", log_id=EMMA_LOG))
    assert state.plan.can_change_level and "Nivå 2" in state.plan.level_text  # Emma is seeded at 2
    people = len(state.plan.professionals)
    await state.open_form("level")
    assert state.form_open and state.form_values["level"] == "2"
    await state.submit_form({"level": "3", "reason": ""})
    assert state.form_open and "reason" in state.form_errors and state.form_values["level"] == "3"
    await state.submit_form({"level": "3", "reason": "Barnevernet bør inn."})
    assert not state.form_open and state.plan.level == 3 and "Nivå 3" in state.plan.level_text
    assert len(state.plan.professionals) == people  # raising adds nobody
    # From level 2 the participant form finds other services.
    await state.open_form("participant")
    assert any(p.unit_name != "Åsen skole" for p in state.participant_options)
    await state.close_form()
    await state.open_form("level")
    await state.submit_form({"level": "1", "reason": "Tilbake i skolen alene."})
    assert state.plan.level == 1
    await state.open_form("participant")
    assert {p.unit_name for p in state.participant_options} <= {"Åsen skole"}


@pytest.mark.asyncio
async def test_someone_who_is_not_the_holder_cannot_open_the_level_form(sign_in):
    state = await plan_of(sign_in("Lise", log_id=EMMA_LOG))
    await state.open_form("level")
    assert not state.form_open


@pytest.mark.asyncio
async def test_removing_a_participant_of_another_log_is_refused(sign_in):
    with Session(db.engine()) as session:
        other = session.exec(select(Participant).where(Participant.log_id == int(LIAM_LOG))).first()
    state = await plan_of(sign_in("Kari", log_id=EMMA_LOG))
    await state.open_form("remove_participant", other.id)
    assert not state.form_open
    assert row(Participant, Participant.id == other.id).removed_at is None


@pytest.mark.asyncio
async def test_holder_removes_a_participant_with_a_kind_word(sign_in):
    state = await plan_of(sign_in("Kari", log_id=EMMA_LOG))
    target = state.plan.professionals[0]
    await state.open_form("remove_participant", target.participant_id)
    assert state.form_open and state.form_values["name"] == target.name
    await state.submit_form({"name": target.name, "reason": "Takk for hjelpen."})
    assert not state.form_open
    assert target.person_id not in [p.person_id for p in state.plan.professionals]
    assert row(Participant, Participant.id == target.participant_id).removed_at is not None


@pytest.mark.asyncio
async def test_the_proposed_holder_answers_on_my_logs_and_nobody_else_can(sign_in):
    handover = row(Handover, Handover.log_id == int(LIAM_LOG))
    per = await sign_in("Per").get_state(MyLogsState)
    await per.load()
    assert per.handovers == []
    await per.accept_handover(handover.id)
    per.open_answer("decline", handover.id)
    assert not per.answer_open
    ingrid = await sign_in("Ingrid").get_state(MyLogsState)
    await ingrid.load()
    assert [(h.handover_id, h.side) for h in ingrid.handovers] == [(handover.id, "from_me")]
    await ingrid.accept_handover(handover.id)  # the old holder cannot accept for the new one
    assert row(Handover, Handover.id == handover.id).status == HandoverStatus.PENDING

    eva = await sign_in("Eva").get_state(MyLogsState)
    await eva.load()
    assert [(h.handover_id, h.side) for h in eva.handovers] == [(handover.id, "to_me")]
    eva.open_answer("decline", handover.id + 1000)  # a proposal she was not shown
    assert not eva.answer_open
    await eva.accept_handover(handover.id)
    assert row(Handover, Handover.id == handover.id).status == HandoverStatus.ACCEPTED
    assert eva.handovers == []
    plan = await plan_of(sign_in("Eva", log_id=LIAM_LOG))
    assert [h.name for h in plan.plan.holders] == ["Eva Lund"]


@pytest.mark.asyncio
async def test_the_proposed_holder_declines_with_a_reason(sign_in):
    handover = row(Handover, Handover.log_id == int(LIAM_LOG))
    eva = await sign_in("Eva").get_state(MyLogsState)
    await eva.load()
    eva.open_answer("decline", handover.id)
    assert eva.answer_open
    await eva.submit_answer({"text": ""})
    assert eva.answer_open and eva.answer_error
    await eva.submit_answer({"text": "Liam skal til en annen skole."})
    assert not eva.answer_open
    assert row(Handover, Handover.id == handover.id).status == HandoverStatus.DECLINED


@pytest.mark.asyncio
async def test_holder_proposes_a_handover_choosing_what_goes_along(sign_in):
    state = await plan_of(sign_in("Kari", log_id=EMMA_LOG))
    await state.open_form("handover")
    assert state.form_open and state.holder_options and state.concern_options
    to = next(p for p in state.holder_options if p.person_id != 0)
    first, *rest = state.concern_options
    typed = {"to_person_id": str(to.person_id), "reason": "Kari går ut i permisjon.", "former": "leaves"}
    await state.submit_form({**typed, f"concern_{first[0]}": "on"})
    if rest:
        assert state.form_open and "closing_note" in state.form_errors  # the others need a closing note
        await state.submit_form({**typed, f"concern_{first[0]}": "on", "closing_note": "Løst i klassen."})
    assert not state.form_open and to.name in state.plan.pending_handover
    assert not state.plan.can_propose_handover
    assert [h.name for h in state.plan.holders] == ["Kari Nilsen"]  # Kari holds until the answer


@pytest.mark.asyncio
async def test_closing_with_a_reason_shows_closed_to_the_family(sign_in):
    state = await plan_of(sign_in("Kari", log_id=EMMA_LOG))
    await state.open_form("close_log")
    await state.submit_form({"closing_note": "Emma trives.", "closing_reason": ""})
    assert state.form_open and "closing_reason" in state.form_errors
    await state.submit_form({"closing_note": "Emma trives.", "closing_reason": "goals_reached"})
    assert not state.form_open and state.plan.is_read_only
    assert state.plan.closing_reason_label == "Målene er nådd"
    family = await (sign_in("Lise", log_id=EMMA_LOG)).get_state(FamilyState)
    await family.load()
    assert family.family.is_closed and "Målene er nådd" in family.family.closed_text
    assert all(step.next_talk == "" for group in family.family.groups for step in group.steps)
    assert not family.family.can_write_glimmer and family.family.next_meeting == ""


@pytest.mark.asyncio
async def test_a_closed_log_is_reopened_after_the_familys_new_consent(sign_in):
    state = await plan_of(sign_in("Siri", log_id=SARA_LOG))
    assert state.plan.can_reopen
    await state.open_form("reopen")
    await state.submit_form({})
    assert not state.form_open and state.plan.reopen_asked and not state.plan.can_reopen
    assert row(ConsentRequest, ConsentRequest.log_id == int(SARA_LOG), ConsentRequest.reopen).id
    family = await (sign_in("Nina", log_id=SARA_LOG)).get_state(FamilyState)
    await family.load()
    assert family.family.reopen_request_id > 0
    await family.confirm_reopen()
    assert row(StafettLog, StafettLog.id == int(SARA_LOG)).status == "active"


@pytest.mark.asyncio
async def test_someone_else_cannot_reopen(sign_in):
    state = await plan_of(sign_in("Nina", log_id=SARA_LOG))
    await state.open_form("reopen")
    assert not state.form_open


@pytest.mark.asyncio
async def test_a_guardian_asks_for_deletion_and_the_leader_decides(sign_in):
    family = await (sign_in("Lise", log_id=EMMA_LOG)).get_state(FamilyState)
    await family.load()
    assert family.family.can_request_deletion and not family.family.deletion_requested
    await family.request_deletion()
    assert family.family.deletion_requested
    assert row(DeletionRequest, DeletionRequest.log_id == int(EMMA_LOG)).decision == DeletionDecision.PENDING

    tor = await sign_in("Tor").get_state(MyLogsState)
    await tor.load()
    assert {d.child_first_name for d in tor.deletions} >= {"Emma", "Ida"}
    ida = next(d for d in tor.deletions if d.child_first_name == "Ida")
    assert ida.status_label == "Samtykke trukket"
    await tor.delete_log(ida.request_id)  # no archive copy yet: refused, and the log stays
    assert row(StafettLog, StafettLog.id == int(IDA_LOG)) is not None
    tor.open_answer("refuse", ida.request_id)
    await tor.submit_answer({"text": "Loggen må arkiveres først."})
    assert row(DeletionRequest, DeletionRequest.id == ida.request_id).decision == DeletionDecision.REFUSED


@pytest.mark.asyncio
async def test_the_family_page_shows_the_leaders_answer_to_a_deletion_request(sign_in):
    # The family page keeps what it read of the request (services.log_cache) while the log's people
    # stamp holds: the request and the leader's answer each draw a new one.
    family = await (sign_in("Lise", log_id=EMMA_LOG)).get_state(FamilyState)
    await family.load()
    await family.load()  # the second load uses what the first kept
    await family.request_deletion()
    assert family.family.deletion_requested and not family.family.can_request_deletion
    tor = await sign_in("Tor").get_state(MyLogsState)
    await tor.load()
    emma = next(d for d in tor.deletions if d.child_first_name == "Emma")
    tor.open_answer("refuse", emma.request_id)
    await tor.submit_answer({"text": "Planen er i bruk."})
    family = await (sign_in("Lise", log_id=EMMA_LOG)).get_state(FamilyState)
    await family.load()
    assert family.family.can_request_deletion and not family.family.deletion_requested


@pytest.mark.asyncio
async def test_staff_who_are_not_the_leader_cannot_decide_a_deletion(sign_in):
    request = row(DeletionRequest, DeletionRequest.log_id == int(IDA_LOG))
    for name in ("Kari", "Eva", "Kristin"):
        state = await sign_in(name).get_state(MyLogsState)
        await state.load()
        assert state.deletions == []
        await state.delete_log(request.id)
        state.open_answer("refuse", request.id)
        assert not state.answer_open
    assert row(DeletionRequest, DeletionRequest.id == request.id).decision == DeletionDecision.PENDING
    assert row(StafettLog, StafettLog.id == int(IDA_LOG)) is not None


@pytest.mark.asyncio
async def test_a_family_member_of_another_log_cannot_ask_for_its_deletion(sign_in):
    family = await (sign_in("Lise", log_id=IDA_LOG)).get_state(FamilyState)
    await family.load()
    assert not family.loaded
    family._log_id = int(IDA_LOG)  # as if the page had opened: the service refuses on its own
    await family.request_deletion()
    with Session(db.engine()) as session:
        requests = session.exec(select(DeletionRequest).where(DeletionRequest.log_id == int(IDA_LOG))).all()
    assert len(requests) == 1  # only the one Kristin sent


@pytest.mark.asyncio
async def test_the_leader_proposes_for_an_absent_holder(sign_in, person_id):
    tor = await sign_in("Tor").get_state(MyLogsState)
    await tor.load()
    # Tor leads the school and the kindergarten; a log of the lower secondary school is not his.
    marte = row(Person, Person.first_name == "Marte")
    other_unit = row(StafettLog, StafettLog.unit_id == marte.unit_id, StafettLog.status == "active")
    await tor.open_leader_handover(other_unit.id)
    assert not tor.answer_open
    await tor.open_leader_handover(int(EMMA_LOG))
    assert tor.answer_open and "Per Hansen" in [p.name for p in tor.holder_candidates]
    await tor.submit_answer({"to_person_id": str(person_id("Per")), "former": "leaves", "text": ""})
    assert tor.answer_open and tor.answer_error  # a reason is needed
    await tor.submit_answer({"to_person_id": str(person_id("Per")), "former": "leaves", "text": "Kari er sykmeldt."})
    assert not tor.answer_open
    handover = row(Handover, Handover.log_id == int(EMMA_LOG))
    assert handover.proposed_by_id == person_id("Tor") and handover.from_holder_id == person_id("Kari")
    liam = row(Handover, Handover.log_id == int(LIAM_LOG))
    # He may withdraw his own; Liam's, in the kindergarten he also leads, he follows as the unit's leader.
    assert [(h.handover_id, h.side) for h in tor.handovers] == [(liam.id, "unit"), (handover.id, "from_me")]


@pytest.mark.asyncio
async def test_staff_who_are_not_leaders_cannot_propose_from_my_logs(sign_in):
    kari = await sign_in("Kari").get_state(MyLogsState)
    await kari.load()
    await kari.open_leader_handover(int(EMMA_LOG))
    assert not kari.answer_open
    kari.answer_kind, kari._answer_id, kari.answer_open = "propose", int(EMMA_LOG), True  # forged dialog state
    await kari.submit_answer({"to_person_id": "1", "former": "leaves", "text": "Prøver."})
    assert row(Handover, Handover.log_id == int(EMMA_LOG)) is None


@pytest.mark.asyncio
async def test_two_holders_are_both_shown_to_the_family(sign_in):
    with Session(db.engine()) as session:
        handover = session.exec(select(Handover).where(Handover.log_id == int(LIAM_LOG))).one()
        handover.former = "second_holder"  # Ingrid chose the exception: she stays as second holder
        session.add(handover)
        session.commit()
        handover_id = handover.id
    eva = await sign_in("Eva").get_state(MyLogsState)
    await eva.load()
    await eva.accept_handover(handover_id)
    family = await (sign_in("Tobias", log_id=LIAM_LOG)).get_state(FamilyState)
    await family.load()
    assert len(family.family.holders) == 2 and {"Ingrid", "Eva"} <= {h.split()[0] for h in family.family.holders}
    tobias = await sign_in("Tobias").get_state(MyLogsState)
    await tobias.load()
    liam = next(r for r in tobias.rows if r.child_first_name == "Liam")
    assert "Ingrid Haugen" in liam.holder_name and "Eva Lund" in liam.holder_name and " og " in liam.holder_name


@pytest.mark.asyncio
async def test_a_withdrawn_log_shows_as_withdrawn_in_the_leaders_list(sign_in):
    tor = await sign_in("Tor").get_state(MyLogsState)
    await tor.load()
    ida = next(r for r in tor.unit_passive_rows if r.child_first_name == "Ida")
    sara = next(r for r in tor.unit_passive_rows if r.child_first_name == "Sara")
    assert ida.status_label == "Samtykke trukket" and sara.status_label == "Avsluttet"


@pytest.mark.asyncio
async def test_a_school_environment_concern_holds_the_pupils_view_and_names_what_is_missing(sign_in):
    state = await plan_of(sign_in("Kari", log_id=EMMA_LOG))
    await state.open_form("concern")
    await state.submit_form(
        {"text": "Emma blir holdt utenfor i friminuttene.", "category": "school_environment_duty", "pupil_view": ""}
    )
    concern = next(c for c in state.plan.concerns if c.text == "Emma blir holdt utenfor i friminuttene.")
    assert concern.is_school_environment
    assert concern.school_environment_missing == ["measures", "when", "responsible", "evaluation", "pupil_view"]
    await state.open_form("edit_concern", concern.concern_id)
    assert state.form_values["pupil_view"] == ""
    await state.submit_form({**state.form_values, "pupil_view": "Emma vil være med å leke."})
    concern = next(c for c in state.plan.concerns if c.concern_id == concern.concern_id)
    assert concern.pupil_view == "Emma vil være med å leke." and "pupil_view" not in concern.school_environment_missing
