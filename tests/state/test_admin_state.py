"""/admin's handlers: the administrator's path, everyone else refused for every event, crafted ids refused."""

import pytest
from sqlmodel import Session, select

from stafett_app import db, routes
from stafett_app.models import AdminEvent, Feedback, Person, Unit
from stafett_app.pages.admin.state import AdminState
from stafett_app.pages.feedback.state import FeedbackState
from stafett_app.services import identity
from tests.state.test_plan_state import redirect_path

KEY = "test-identity-key-0123456789-abcdefghijklmnop"
GOOD, OTHER, BAD = "15076500565", "01010190025", "15076500564"


@pytest.fixture(autouse=True)
def identity_key(monkeypatch):
    monkeypatch.setenv("STAFETT_IDENTITY_KEY", KEY)


def csv_text(second_id: str) -> str:
    return (
        f"Nora Lund;{GOOD};nora@elvdal.example;91234567;Åsen skole;Kontaktlærer;ja;ja\n"
        f"Erik Fastlege;{second_id};erik@lege.example;41234567;PPT Elvdal;Fastlege;nei;ja\n"
    )


def events() -> list[str]:
    with Session(db.engine()) as session:
        return [e.action for e in session.exec(select(AdminEvent).order_by(AdminEvent.id)).all()]


def person(first_name: str) -> Person:
    with Session(db.engine()) as session:
        return session.exec(select(Person).where(Person.first_name == first_name)).one()


async def admin_state(root) -> AdminState:
    return await root.get_state(AdminState)


@pytest.mark.asyncio
async def test_the_administrator_sees_units_employees_masked(sign_in):
    state = await admin_state(sign_in("Astrid"))
    assert await state.load() is None and state.loaded
    assert "Åsen skole" in [u.name for u in state.units]
    school = next(u for u in state.units if u.name == "Åsen skole")
    assert [leader.name for leader in school.leaders] == ["Tor Johansen"]
    assert "Kari Nilsen" in [e.name for e in state.employees]
    assert state.person_is_admin


@pytest.mark.asyncio
@pytest.mark.parametrize("who", ["Tor", "Kari", "Lise", None])
async def test_everyone_else_is_refused_for_every_event(sign_in, person_id, who):
    state = await admin_state(sign_in(who))
    expected = routes.SIGN_IN if who is None else routes.NO_ACCESS
    assert redirect_path(await state.load()) == expected and not state.loaded
    kari, school = person_id("Kari"), person("Kari").unit_id
    state.units = []
    state.selected_id = kari
    state.csv_text = csv_text(OTHER)  # as if previewed before the rights were taken away
    calls = [
        lambda: state.create_unit({"name": "Ny", "kind": "school"}),
        lambda: state.rename_unit({"unit_id": str(school), "name": "Ny"}),
        lambda: state.set_unit_kind(school, "other"),
        lambda: state.add_leader({"unit_id": str(school), "person_id": str(kari)}),
        lambda: state.remove_leader(school, person_id("Tor")),
        lambda: state.register({"name": "A B", "national_id": GOOD, "email": "a@b.no", "unit_id": str(school)}),
        lambda: state.preview_csv({"csv": csv_text(OTHER)}),
        state.import_csv,
        lambda: state.find({"search": "kari"}),
        lambda: state.correct_national_id({"national_id": OTHER}),
        lambda: state.correct_email({"email": "x@y.no"}),
        lambda: state.move({"unit_id": str(school)}),
        lambda: state.set_rights({}),
        state.deactivate,
    ]
    for call in calls:
        assert await call() is not None  # the refusal toast
    assert events() == [] and state.employees == [] and state.preview == []
    kari_now = person("Kari")
    assert kari_now.deactivated_at is None and kari_now.email == "kari@elvdal.example" and kari_now.may_be_actor


@pytest.mark.asyncio
async def test_crafted_ids_are_refused(sign_in, person_id):
    state = await admin_state(sign_in("Astrid"))
    await state.load()
    state.select_employee(person_id("Lise"))  # a guardian, not an employee
    await state.correct_email({"email": "lise@new.example"})
    assert state.errors == {"person": "Fant ingen ansatt med dette."}
    await state.deactivate()
    assert person("Lise").deactivated_at is None
    state.select_employee(999_999)
    await state.move({"unit_id": "1"})
    assert "person" in state.errors
    await state.rename_unit({"unit_id": "999999", "name": "X"})
    assert "unit" in state.errors
    assert await state.rename_unit({"unit_id": "1 OR 1=1", "name": "X"}) is not None
    await state.set_unit_kind(1, "castle")
    assert "kind" in state.errors
    state.select_employee(person_id("Astrid"))
    await state.deactivate()
    assert person("Astrid").deactivated_at is None
    assert events() == []


@pytest.mark.asyncio
async def test_import_with_a_bad_row_then_fixed_then_deactivate(sign_in, person_id):
    state = await admin_state(sign_in("Astrid"))
    await state.load()
    await state.preview_csv({"csv": csv_text(BAD)})
    assert [row.ok for row in state.preview] == [True, False] and not state.preview_ok
    assert "Fødselsnummer" in state.preview[1].problems and state.preview[1].national_id == ""
    assert state.preview[0].national_id == "••••••• 0565"
    await state.import_csv()
    assert state.errors == {"csv": "Rett radene som er merket, og sjekk igjen. Ingenting er lagret."}
    assert events() == []
    await state.preview_csv({"csv": csv_text(OTHER)})
    assert state.preview_ok
    await state.import_csv()
    assert state.errors == {} and state.csv_text == ""
    assert events() == ["import_employees", "import_employees"]
    with Session(db.engine()) as session:
        assert identity.person_by_national_id(session, OTHER).first_name == "Erik"
    assert not any(GOOD in str(e) or OTHER in str(e) for e in state.employees)

    state.select_employee(person_id("Kari"))
    state.ask_deactivate()
    assert state.confirm_deactivate
    await state.deactivate()
    assert person("Kari").deactivated_at is not None and not state.confirm_deactivate
    assert events()[-1] == "deactivate" and state.audit[0].action == "Deaktiverte"


@pytest.mark.asyncio
async def test_units_and_leaders_through_the_page(sign_in, person_id):
    state = await admin_state(sign_in("Astrid"))
    await state.load()
    await state.create_unit({"name": "Statped sørøst", "kind": "other"})
    unit = next(u for u in state.units if u.name == "Statped sørøst")
    assert unit.kind == "other"
    school = next(u for u in state.units if u.name == "Åsen skole")
    await state.add_leader({"unit_id": str(school.unit_id), "person_id": str(person_id("Kari"))})
    school = next(u for u in state.units if u.name == "Åsen skole")
    assert {leader.name for leader in school.leaders} == {"Tor Johansen", "Kari Nilsen"}
    await state.remove_leader(school.unit_id, person_id("Tor"))
    assert person("Tor").is_leader  # he still leads the kindergarten (the seed's second unit)
    kindergarten = next(u for u in state.units if u.name == "Solsikken barnehage")
    assert [leader.name for leader in kindergarten.leaders] == ["Tor Johansen"]
    # A leader of another unit is offered here too: Kari (school) may lead Statped as well.
    statped = next(u for u in state.units if u.name == "Statped sørøst")
    assert "Kari Nilsen" in {p.name for p in statped.others}
    await state.add_leader({"unit_id": str(statped.unit_id), "person_id": str(person_id("Kari"))})
    assert {u.name for u in state.units if "Kari Nilsen" in {p.name for p in u.leaders}} == {
        "Åsen skole",
        "Statped sørøst",
    }
    await state.remove_leader(kindergarten.unit_id, person_id("Tor"))
    assert not person("Tor").is_leader  # the flag follows the links: he leads nothing now
    with Session(db.engine()) as session:
        assert session.exec(select(Unit).where(Unit.name == "Statped sørøst")).one()


@pytest.mark.asyncio
async def test_feedback_from_a_visitor_reaches_the_list(sign_in):
    feedback = await sign_in(None).get_state(FeedbackState)
    await feedback.load()
    await feedback.send({"message": "  "})
    assert "message" in feedback.errors and not feedback.sent
    await feedback.send({"message": "Fokus forsvinner i kalenderen.", "page": "Kalender", "contact": ""})
    assert feedback.sent
    with Session(db.engine()) as session:
        assert session.exec(select(Feedback)).one().person_id is None
    state = await admin_state(sign_in("Astrid"))
    await state.load()
    assert [f.message for f in state.feedback] == ["Fokus forsvinner i kalenderen."]
