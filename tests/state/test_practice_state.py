"""Practice logs through the page handlers, as a browser would send them: start one from Mine
logger (a double tap starts one), the banner's date on every log page, the invented family's consent
by the practising person; crafted ids (a real colleague into a practice log, acting for a real
family) refused."""

import pytest
from sqlmodel import Session, col, select

from stafett_app import db, routes
from stafett_app.models import ConsentEntry, ConsentRequest, Participant, Person, StafettLog
from stafett_app.pages.messages.state import MessagesState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.plan.state import PlanState
from stafett_app.pages.print_log.state import PrintLogState

EMMA_LOG = "1"


def seeded_practice_id() -> int:
    with Session(db.engine()) as session:
        return session.exec(select(StafettLog.id).where(col(StafettLog.is_practice))).one()


def in_log(log_id: int) -> set[int]:
    with Session(db.engine()) as session:
        return set(session.exec(select(Participant.person_id).where(Participant.log_id == log_id)).all())


def invented_colleague() -> int:
    with Session(db.engine()) as session:
        return session.exec(
            select(Person.id).where(Person.practice_log_id == seeded_practice_id(), Person.kind == "staff")
        ).one()


def redirect_path(event) -> str:
    return str(event).split("path='", 1)[1].split("'", 1)[0] if "path='" in str(event) else str(event)


@pytest.mark.asyncio
async def test_any_staff_member_starts_one_and_a_double_tap_starts_one(sign_in):
    root = sign_in("Mona")  # Mona may not hold real logs: practising is for every staff member
    state = await root.get_state(MyLogsState)
    await state.load()
    assert state.can_practise and not state.can_start_log and state.practice == []
    first = await state.start_practice()
    again = await state.start_practice()  # the same page load: the same request key
    with Session(db.engine()) as session:
        mine = session.exec(select(StafettLog).where(col(StafettLog.is_practice), StafettLog.created_by_id != 1)).all()
    assert len(mine) == 1
    assert routes.plan(mine[0].id) in str(first) and routes.plan(mine[0].id) in str(again)
    await state.load()
    assert [c.log_id for c in state.practice] == [mine[0].id] and state.practice[0].child_name == "Milla Øvelse"
    assert all(row.log_id != mine[0].id for row in state.rows)  # never among the real logs


@pytest.mark.asyncio
async def test_a_guardian_cannot_start_one(sign_in):
    state = await sign_in("Lise").get_state(MyLogsState)
    await state.load()
    assert not state.can_practise
    await state.start_practice()
    with Session(db.engine()) as session:
        assert len(session.exec(select(StafettLog).where(col(StafettLog.is_practice))).all()) == 1  # the seeded one


@pytest.mark.asyncio
async def test_the_plan_page_knows_it_is_practice_and_a_real_log_does_not(sign_in):
    state = await sign_in("Kari", log_id=str(seeded_practice_id())).get_state(PlanState)
    await state.load()
    assert state.practice_until != ""  # the day it is deleted, in words
    for page in (PlanState, PrintLogState, MessagesState):
        real = await sign_in("Kari", log_id=EMMA_LOG).get_state(page)
        await real.load()
        assert real.practice_until == "", page


@pytest.mark.asyncio
async def test_a_real_colleague_sent_into_a_practice_log_is_refused(sign_in, person_id):
    practice_id = seeded_practice_id()
    state = await sign_in("Kari", log_id=str(practice_id)).get_state(PlanState)
    await state.load()
    await state.open_form("ask_consent")
    offered = {p.person_id for p in state.participant_options}
    assert offered == {person_id("Kari"), invented_colleague()}
    # Crafted: Per's id in the form anyway.
    await state.submit_form({f"role_{person_id('Kari')}": "holder", f"role_{person_id('Per')}": "actor"})
    assert state.form_open and state.form_errors
    with Session(db.engine()) as session:
        named = session.exec(
            select(ConsentEntry.person_id).join(ConsentRequest, col(ConsentRequest.log_id) == practice_id)
        ).all()
        assert session.exec(select(ConsentRequest).where(ConsentRequest.log_id == practice_id)).first() is None
    assert person_id("Per") not in set(named)
    # The honest way: the holder and the invented colleague; the practising person answers for the family.
    await state.submit_form({f"role_{person_id('Kari')}": "holder", f"role_{invented_colleague()}": "actor"})
    assert not state.form_open and state.start.is_practice and state.start.request_id > 0
    await state.confirm_for_family()
    await state.confirm_for_family()  # a double tap confirms once
    assert state.start.consent_version == 1 and state.start.can_activate
    await state.open_form("activate")
    await state.submit_form({"description": "Milla liker å tegne.", "interest_text": ""})
    assert state.plan.status == "active" and invented_colleague() in in_log(practice_id)
    # Active now: the participant form offers nobody real, and a crafted real id is refused.
    await state.open_form("participant")
    assert person_id("Per") not in {p.person_id for p in state.participant_options}
    await state.submit_form({"person_id": str(person_id("Per")), "role": "actor"})
    assert "person_id" in state.form_errors and "øvingslogg" in state.form_errors["person_id"]
    assert person_id("Per") not in in_log(practice_id)
    # Active, its print page and messages carry the banner, and the printed pages say practice.
    printing = await sign_in("Kari", log_id=str(practice_id)).get_state(PrintLogState)
    await printing.load()
    assert printing.practice_until != "" and "ØVING" in printing.preview
    talk = await sign_in("Kari", log_id=str(practice_id)).get_state(MessagesState)
    await talk.load()
    assert talk.practice_until != ""


@pytest.mark.asyncio
async def test_nobody_answers_for_a_real_family_or_in_someone_elses_practice(sign_in):
    real = await sign_in("Kari", log_id=EMMA_LOG).get_state(PlanState)
    await real.load()
    with Session(db.engine()) as session:
        before = session.exec(select(ConsentRequest)).all()
    await real.confirm_for_family()
    practice_id = str(seeded_practice_id())
    other = await sign_in("Per", log_id=practice_id).get_state(PlanState)
    await other.load()  # Per has no role in Kari's practice log: sent away
    other._log_id = int(practice_id)  # crafted: the handler called anyway
    await other.confirm_for_family()
    with Session(db.engine()) as session:
        assert session.exec(select(ConsentRequest)).all() == before
