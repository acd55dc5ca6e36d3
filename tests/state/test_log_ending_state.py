"""Ending a log from the plan page: the family withdraws consent, the holder closes with a note."""

import pytest
from sqlmodel import Session

from stafett_app import db
from stafett_app.models import StafettLog
from stafett_app.pages.plan.state import PlanState

EMMA_LOG, JONAS_LOG = "1", "2"


def status(log_id: str) -> str:
    with Session(db.engine()) as session:
        return session.get(StafettLog, int(log_id)).status


@pytest.mark.asyncio
async def test_guardian_and_young_person_withdraw_consent(sign_in):
    kari = await sign_in("Kari", log_id=EMMA_LOG).get_state(PlanState)
    await kari.load()
    assert not kari.plan.can_withdraw_consent and kari.plan.can_close
    await kari.withdraw_consent()  # the holder cannot withdraw the family's consent
    assert status(EMMA_LOG) == "active"

    lise = await sign_in("Lise", log_id=EMMA_LOG).get_state(PlanState)
    await lise.load()
    assert lise.plan.can_withdraw_consent and not lise.plan.can_close
    await lise.withdraw_consent()
    assert status(EMMA_LOG) == "passive" and lise.plan.is_read_only and not lise.plan.can_withdraw_consent
    await lise.withdraw_consent()  # a second click changes nothing and says why
    assert status(EMMA_LOG) == "passive"

    jonas = await sign_in("Jonas", log_id=JONAS_LOG).get_state(PlanState)
    await jonas.load()
    assert jonas.plan.can_withdraw_consent  # from 15 the young person decides


@pytest.mark.asyncio
async def test_holder_closes_with_a_note(sign_in):
    kari = await sign_in("Kari", log_id=JONAS_LOG).get_state(PlanState)
    await kari.load()
    await kari.open_form("close_log")
    await kari.submit_form({"closing_note": "   "})
    assert (
        kari.form_open
        and kari.form_errors["closing_note"] == "Dette feltet må fylles ut."
        and status(JONAS_LOG) == "active"
    )
    await kari.submit_form(
        {"closing_note": "Jonas er på skolen hver mandag. Målet er nådd.", "closing_reason": "goals_reached"}
    )
    assert not kari.form_open and status(JONAS_LOG) == "passive"
    assert kari.plan.closing_note == "Jonas er på skolen hver mandag. Målet er nådd."
