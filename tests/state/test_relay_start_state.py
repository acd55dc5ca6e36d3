"""The start of the relay through the page handlers, as a browser calls them: a new draft, its
observations, the family, the consent asked and given, activation and discarding. Crafted calls
(another log, another person, another request) are refused and change nothing."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
import reflex as rx
from sqlmodel import Session, func, select

from stafett_app import db
from stafett_app.domain.dates import today_in_norway
from stafett_app.models import (
    AccessAttempt,
    Consent,
    ConsentAsk,
    ConsentRequest,
    Observation,
    Participant,
    Person,
    StafettLog,
)
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.new_log.state import NewLogState
from stafett_app.pages.plan.state import PlanState
from tests.services.test_pdf_check import plain_pdf
from tests.state.test_plan_state import redirect_path

TODAY = today_in_norway()


def count(model, *where) -> int:
    with Session(db.engine()) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def log_of(child_first_name: str) -> StafettLog:
    with Session(db.engine()) as session:
        child = session.exec(select(Person).where(Person.first_name == child_first_name)).one()
        return session.exec(select(StafettLog).where(StafettLog.child_id == child.id)).one()


def redirects(events) -> list[str]:
    events = events if isinstance(events, list) else [events]
    return [p for p in (redirect_path(e) for e in events) if p]


async def plan_of(sign_in, name: str, log_id: int) -> PlanState:
    state = await sign_in(name, log_id=str(log_id)).get_state(PlanState)
    await state.load()
    return state


def child_form(**changes) -> dict:
    form = {
        "first_name": "Sunniva",
        "last_name": "Dahl",
        "birth_date": (TODAY - timedelta(days=365 * 5)).isoformat(),
        "unit_id": "",
        "observations": "Sunniva sitter alene i frileken.",
    }
    return {**form, **changes}


@pytest.mark.asyncio
async def test_staff_start_a_draft_once_and_bad_input_stays(sign_in):
    state = await sign_in("Ingrid").get_state(NewLogState)
    await state.load()
    assert state.may_start and len(state.unit_options) == 1
    unit_id = state.unit_options[0][0]
    before = count(StafettLog)

    await state.start(child_form(unit_id=unit_id, birth_date=(TODAY + timedelta(days=3)).isoformat()))
    assert "birth_date" in state.errors and state.values["first_name"] == "Sunniva"
    await state.start(child_form(unit_id=unit_id, birth_date=TODAY.replace(year=TODAY.year - 25).isoformat()))
    assert "18" in state.errors["birth_date"]
    await state.start(child_form(unit_id="999"))  # a unit that is not theirs
    assert "unit_id" in state.errors and count(StafettLog) == before

    first = await state.start(child_form(unit_id=unit_id))
    second = await state.start(child_form(unit_id=unit_id))  # a double tap: the same request key
    assert count(StafettLog) == before + 1
    new_log = log_of("Sunniva")
    assert redirects(first) == redirects(second) == [f"/logs/{new_log.id}"]
    assert new_log.status == "draft" and new_log.level == 0
    assert count(Observation, Observation.log_id == new_log.id) == 1

    family = await sign_in("Maria").get_state(NewLogState)  # a guardian has no right to start one
    await family.load()
    assert not family.may_start
    await family.start(child_form(unit_id=unit_id, first_name="Ole"))
    assert count(StafettLog) == before + 1

    mine = await sign_in("Ingrid").get_state(MyLogsState)
    await mine.load()
    assert mine.can_start_log and any(r.log_id == new_log.id for r in mine.rows)


@pytest.mark.asyncio
async def test_observations_in_the_draft_once_and_only_by_its_author(sign_in):
    ella = log_of("Ella")
    ingrid = await plan_of(sign_in, "Ingrid", ella.id)
    assert ingrid.start.shown and ingrid.start.is_draft and len(ingrid.start.observations) == 1
    before = count(Observation, Observation.log_id == ella.id)

    await ingrid.open_form("observation")
    typed = {"kind": "talk", "observed_on": (TODAY + timedelta(days=1)).isoformat(), "text": "Snakket med mor."}
    await ingrid.submit_form(typed)
    assert "observed_on" in ingrid.form_errors and ingrid.form_values["text"] == "Snakket med mor."
    typed["observed_on"] = TODAY.isoformat()
    await ingrid.submit_form(typed)
    await ingrid.submit_form(typed)  # a second tap after the save
    assert count(Observation, Observation.log_id == ella.id) == before + 1
    assert [o.kind for o in ingrid.start.observations][-1] == "talk"

    # Another log: Siri's draft is hers alone; the page refuses and a crafted save writes nothing.
    siri = await plan_of(sign_in, "Siri", ella.id)
    assert not siri.loaded and not siri.start.shown
    await siri.open_form("observation")
    await siri.submit_form(typed)
    assert count(Observation, Observation.log_id == ella.id) == before + 1

    # The guardian asked for consent may not see or add to the draft.
    maria = await plan_of(sign_in, "Maria", ella.id)
    assert not maria.loaded and maria.start.observations == []


@pytest.mark.asyncio
async def test_guardian_registered_once_with_clear_errors(sign_in):
    ella = log_of("Ella")
    ingrid = await plan_of(sign_in, "Ingrid", ella.id)
    guardians = Participant.log_id == ella.id, Participant.role == "guardian"
    before = count(Participant, *guardians)

    await ingrid.open_form("guardian")
    form = {"first_name": "Per", "last_name": "Solberg", "email": "per@", "mobile": "1234"}
    await ingrid.submit_form(form)
    assert {"email", "mobile"} <= set(ingrid.form_errors) and ingrid.form_values["first_name"] == "Per"
    await ingrid.submit_form({**form, "email": "maria@elvdal.example", "mobile": "+4741234567"})  # Maria again
    assert "email" in ingrid.form_errors
    good = {**form, "email": "per.solberg@example.no", "mobile": "912 34 567"}
    await ingrid.submit_form(good)
    await ingrid.submit_form(good)
    assert count(Participant, *guardians) == before + 1 and not ingrid.form_open
    assert "Per Solberg" in ingrid.start.guardians

    # A young person form for a 5-year-old is refused with a message.
    await ingrid.open_form("young_person")
    await ingrid.submit_form({"email": "ella@example.no", "mobile": "91234568"})
    assert ingrid.form_open and ingrid.form_errors


@pytest.mark.asyncio
async def test_consent_asked_given_by_the_guardian_then_activated(sign_in, person_id):
    ella = log_of("Ella")
    ingrid = await plan_of(sign_in, "Ingrid", ella.id)
    assert ingrid.start.request_id and not ingrid.start.can_activate

    # Asking again names Ingrid as holder; a staff member of another unit cannot be slipped in.
    await ingrid.open_form("ask_consent")
    assert ingrid.participant_options[0].is_holder
    holder = str(person_id("Ingrid"))
    await ingrid.submit_form({f"role_{holder}": "holder", f"role_{person_id('Kari')}": "actor"})
    assert "named" in ingrid.form_errors
    requests_before = count(ConsentRequest, ConsentRequest.log_id == ella.id)
    ask = {f"role_{holder}": "holder", f"why_{holder}": "Ingrid er Ellas pedagogiske leder."}
    await ingrid.submit_form(ask)
    await ingrid.submit_form(ask)
    assert count(ConsentRequest, ConsentRequest.log_id == ella.id) == requests_before + 1
    assert [a.confirmed for a in ingrid.start.asked] == [False]
    request_id = ingrid.start.request_id

    # The guardian sees the proposal on her family page (and on Mine logger), nothing else.
    maria = await sign_in("Maria", log_id=str(ella.id)).get_state(FamilyState)
    assert await maria.load() is None and maria.consent_only
    assert [p.request_id for p in maria.proposals] == [request_id]
    assert maria.proposals[0].proposed[0].why == "Ingrid er Ellas pedagogiske leder."
    assert maria.family.groups == [] and maria.family.working_on == []
    mine = await sign_in("Maria").get_state(MyLogsState)
    await mine.load()
    assert [a.log_id for a in mine.asked] == [ella.id]

    await maria.confirm_consent(request_id)
    await maria.confirm_consent(request_id)  # a double tap
    assert count(Consent, Consent.log_id == ella.id) == 1
    assert count(ConsentAsk, ConsentAsk.request_id == request_id, ConsentAsk.confirmed_at.is_not(None)) == 1
    assert maria.consent_only and maria.proposals == []

    await ingrid.load()
    assert ingrid.start.consent_path == "digital" and ingrid.start.can_activate
    await ingrid.open_form("activate")
    await ingrid.submit_form({"description": "", "interest_text": "hester"})
    assert "description" in ingrid.form_errors and ingrid.form_values["interest_text"] == "hester"
    await ingrid.submit_form({"description": "Ella er fem år og glad i dyr.", "interest_text": "hester"})
    assert log_of("Ella").status == "active" and log_of("Ella").level == 1
    assert not ingrid.start.is_draft and ingrid.start.can_edit_intro

    await maria.load()  # now the plan itself is hers to read
    assert not maria.consent_only


@pytest.mark.asyncio
async def test_crafted_consent_calls_are_refused(sign_in, person_id):
    """Another log's request, or another person confirming Maria's: refused, nothing on record."""
    ella = log_of("Ella")
    maria = await sign_in("Maria", log_id=str(ella.id)).get_state(FamilyState)
    await maria.load()
    request_id = maria.proposals[0].request_id
    other = log_of("Liam")
    with Session(db.engine()) as session:
        foreign = ConsentRequest(log_id=other.id, asked_by_id=person_id("Eva"), asked_at=ella.created_at)
        session.add(foreign)
        session.commit()
        foreign_id = foreign.id
    refusals = count(AccessAttempt, AccessAttempt.person_id == person_id("Maria"))
    await maria.confirm_consent(foreign_id)
    assert count(AccessAttempt, AccessAttempt.person_id == person_id("Maria")) == refusals + 1
    lise = await sign_in("Lise", log_id=str(ella.id)).get_state(FamilyState)
    assert redirects(await lise.load()) == ["/no-access"] and lise.proposals == []
    await lise.confirm_consent(request_id)
    assert count(Consent, Consent.log_id == ella.id) == 0


@pytest.mark.asyncio
async def test_consent_asked_of_nobody_is_refused(sign_in, person_id):
    state = await sign_in("Ingrid").get_state(NewLogState)
    await state.load()
    await state.start(child_form(first_name="Tuva", unit_id=state.unit_options[0][0]))
    tuva = log_of("Tuva")
    ingrid = await plan_of(sign_in, "Ingrid", tuva.id)
    await ingrid.open_form("ask_consent")
    holder = str(person_id("Ingrid"))
    await ingrid.submit_form({f"role_{holder}": "holder"})  # no guardian registered yet
    assert "asked" in ingrid.form_errors and count(ConsentRequest, ConsentRequest.log_id == tuva.id) == 0


@pytest.mark.asyncio
async def test_paper_consent_recorded_once_with_who_and_when(sign_in, tmp_path, monkeypatch):
    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path))
    ella = log_of("Ella")
    ingrid = await plan_of(sign_in, "Ingrid", ella.id)
    await ingrid.open_form("paper_consent")
    ingrid.set_paper_value("signed_by", "Maria Solberg")
    ingrid.set_paper_value("signed_on", (TODAY + timedelta(days=2)).isoformat())
    pdf = plain_pdf()
    await ingrid.upload_paper_consent([rx.UploadFile(file=io.BytesIO(pdf), path=Path("samtykke.pdf"))])
    assert "signed_on" in ingrid.form_errors and ingrid.form_values["signed_by"] == "Maria Solberg"
    ingrid.set_paper_value("signed_on", TODAY.isoformat())
    await ingrid.upload_paper_consent([rx.UploadFile(file=io.BytesIO(b"not a pdf"), path=Path("x.pdf"))])
    assert "attachment" in ingrid.form_errors and count(Consent, Consent.log_id == ella.id) == 0
    await ingrid.upload_paper_consent([rx.UploadFile(file=io.BytesIO(pdf), path=Path("samtykke.pdf"))])
    assert count(Consent, Consent.log_id == ella.id) == 1 and not ingrid.form_open
    assert ingrid.start.consent_path == "paper" and ingrid.start.can_activate

    # Another person's draft: Siri may not open the paper form in Ingrid's log.
    siri = await plan_of(sign_in, "Siri", ella.id)
    await siri.open_form("paper_consent")
    assert not siri.form_open


@pytest.mark.asyncio
async def test_draft_discarded_with_a_summary(sign_in):
    oskar = log_of("Oskar")
    siri = await plan_of(sign_in, "Siri", oskar.id)
    ingrid = await plan_of(sign_in, "Ingrid", oskar.id)
    await ingrid.open_form("discard_draft")  # not her draft
    assert not ingrid.form_open
    await siri.open_form("discard_draft")
    await siri.submit_form({"summary": "  "})
    assert "summary" in siri.form_errors and log_of("Oskar").status == "draft"
    done = await siri.submit_form({"summary": "Foreldrene fikk hjelp hos fastlegen. Ingen logg trengs."})
    assert log_of("Oskar").status == "discarded" and "/logs" in redirects(done)
    assert count(Observation, Observation.log_id == oskar.id) == 0
    mine = await sign_in("Siri").get_state(MyLogsState)
    await mine.load()
    assert [d.summary for d in mine.discarded] == ["Foreldrene fikk hjelp hos fastlegen. Ingen logg trengs."]
    assert all(r.log_id != oskar.id for r in mine.rows)
