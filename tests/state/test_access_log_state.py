"""The access log through the page states: a page opening is logged once, the family page gets
only the rows of who opened the plan, the holder and the unit leader get the refusals."""

import pytest
from sqlmodel import Session, select

from stafett_app import db
from stafett_app.models import AccessAttempt, AccessLogEntry
from stafett_app.pages.family import state as family_state
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.plan.state import PlanState

EMMA_LOG = "1"


def openings_by(person_id: int) -> list[tuple[int, str, str]]:
    with Session(db.engine()) as session:
        rows = session.exec(select(AccessLogEntry).where(AccessLogEntry.person_id == person_id)).all()
        return [(r.log_id, r.role, r.session_ref) for r in rows]


@pytest.mark.asyncio
async def test_a_teacher_opens_the_plan_and_the_guardian_sees_her_in_the_list(sign_in, person_id):
    kari = await (sign_in("Kari", log_id=EMMA_LOG)).get_state(PlanState)
    assert await kari.load() is None
    [(log_id, role, ref)] = openings_by(person_id("Kari"))
    assert (log_id, role) == (1, "holder") and len(ref) == 16

    lise = await (sign_in("Lise", log_id=EMMA_LOG)).get_state(FamilyState)
    assert await lise.load() is None
    assert [(o.name, o.role) for o in lise.openings] == [("Kari Nilsen", "Stafettholder (Kontaktlærer)")]
    assert not lise.more_openings
    # Only the rows reach the family page's state, never the entries or their sessions.
    assert "session_ref" not in str(lise.get_delta())


@pytest.mark.asyncio
async def test_staff_on_the_family_page_get_no_list_and_no_refusal_recorded(sign_in):
    siri = await (sign_in("Siri", log_id=EMMA_LOG)).get_state(FamilyState)
    await siri.load()
    assert siri.loaded and siri.openings == []
    with Session(db.engine()) as session:
        assert session.exec(select(AccessAttempt).where(AccessAttempt.log_id == int(EMMA_LOG))).all() == []


@pytest.mark.asyncio
async def test_show_more_pages_the_list(sign_in, monkeypatch):
    with db.session_scope() as session:
        from stafett_app.models import Person
        from stafett_app.services import access_log

        for name in ("Kari", "Siri", "Mona"):
            person = session.exec(select(Person).where(Person.first_name == name)).one()
            access_log.record_opening(session, person, 1, "plan", None)
    lise = await (sign_in("Lise", log_id=EMMA_LOG)).get_state(FamilyState)
    await lise.load()
    assert len(lise.openings) == 3 and not lise.more_openings
    monkeypatch.setattr(family_state, "OPENINGS_PAGE", 2)
    lise._openings_limit = 0
    await lise.show_more_openings()
    assert len(lise.openings) == 2 and lise.more_openings
    await lise.show_more_openings()
    assert len(lise.openings) == 3 and not lise.more_openings


@pytest.mark.asyncio
async def test_the_holder_and_the_unit_leader_see_refused_attempts(sign_in):
    per = await (sign_in("Per", log_id=EMMA_LOG)).get_state(PlanState)
    await per.load()  # refused and recorded
    kari = await (sign_in("Kari", log_id=EMMA_LOG)).get_state(PlanState)
    await kari.load()
    assert [r.name for r in kari.refusals] == ["Per Hansen"]
    tor = await (sign_in("Tor")).get_state(MyLogsState)
    await tor.load()
    assert [r.name for r in tor.unit_refusals] == ["Per Hansen"]
    lise = await (sign_in("Lise", log_id=EMMA_LOG)).get_state(PlanState)
    await lise.load()
    assert lise.refusals == []
