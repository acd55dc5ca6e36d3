"""The administrator's use cases on SQLite and PostgreSQL: units, employees, import, deactivation, the trail."""

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import select

from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.models import AdminEvent, Feedback, LoginSession, Notification, Person, StafettLog, Unit
from stafett_app.services import admin as svc
from stafett_app.services import identity
from stafett_app.services.access import led_unit_ids
from stafett_app.services.auth import PersonDeactivated, person_for_token, start_session

KEY = "test-identity-key-0123456789-abcdefghijklmnop"
GOOD = "15076500565"
OTHER = "01010190025"
BAD = "15076500564"


@pytest.fixture(autouse=True)
def identity_key(monkeypatch):
    monkeypatch.setenv("STAFETT_IDENTITY_KEY", KEY)


def trail(session) -> list[tuple[str, str]]:
    return [(e.action, e.detail) for e in session.exec(select(AdminEvent).order_by(AdminEvent.id)).all()]


def csv_text(national_id: str) -> str:
    return (
        "navn;fødselsnummer;e-post;mobil;enhet;stilling;kan holde;kan være aktør\n"
        f"Nora Lund;{GOOD};nora@elvdal.example;91234567;Åsen skole;Kontaktlærer;ja;ja\n"
        f"Erik Fastlege;{national_id};erik@lege.example;41234567;PPT Elvdal;Fastlege;nei;ja\n"
    )


def test_units_are_created_renamed_given_a_kind_and_leaders(seeded, people):
    astrid = people["astrid"]
    unit_id = svc.create_unit(seeded, astrid, " Elvdal  legekontor ", "other")
    svc.rename_unit(seeded, astrid, unit_id, "Elvdal legesenter")
    svc.set_unit_kind(seeded, astrid, unit_id, "child_welfare")
    unit = seeded.get(Unit, unit_id)
    assert (unit.name, unit.kind) == ("Elvdal legesenter", "child_welfare")
    with pytest.raises(ValidationFailed):
        svc.create_unit(seeded, astrid, "åsen SKOLE", "school")  # the name is taken
    with pytest.raises(ValidationFailed):
        svc.set_unit_kind(seeded, astrid, unit_id, "castle")
    school = people["kari"].unit_id
    svc.set_unit_leaders(seeded, astrid, school, {people["kari"].id, people["tor"].id})
    assert people["kari"].is_leader and people["tor"].is_leader
    svc.set_unit_leaders(seeded, astrid, school, {people["kari"].id})
    assert people["tor"].is_leader  # he still leads the kindergarten
    assert led_unit_ids(seeded, people["tor"]) == {people["ingrid"].unit_id}
    # One person, several units: Siri works at the health station and leads the school too.
    svc.set_unit_leaders(seeded, astrid, school, {people["kari"].id, people["siri"].id})
    assert led_unit_ids(seeded, people["siri"]) == {school} and people["siri"].is_leader
    for not_staff in (people["lise"].id, people["emma"].id, 999_999):
        with pytest.raises(ValidationFailed):  # a guardian, a child, nobody
            svc.set_unit_leaders(seeded, astrid, school, {not_staff})
    assert [a for a, _ in trail(seeded)] == [
        "create_unit",
        "rename_unit",
        "set_unit_kind",
        "set_unit_leaders",
        "set_unit_leaders",
        "set_unit_leaders",
    ]


def test_nobody_but_the_administrator(seeded, people):
    for who in ("tor", "kari", "lise"):
        with pytest.raises(PermissionDenied):
            svc.create_unit(seeded, people[who], "X", "school")
        with pytest.raises(PermissionDenied):
            svc.deactivate(seeded, people[who], people["per"].id)
        with pytest.raises(PermissionDenied):
            svc.employees(seeded, people[who])
    with pytest.raises(PermissionDenied):  # not oneself
        svc.deactivate(seeded, people["astrid"], people["astrid"].id)
    with pytest.raises(ValidationFailed):  # a guardian is not an employee
        svc.correct_email(seeded, people["astrid"], people["lise"].id, "lise@new.example")


def test_an_import_with_a_bad_row_saves_nothing_until_fixed(seeded, people):
    astrid = people["astrid"]
    before = len(seeded.exec(select(Person)).all())
    rows = svc.preview_import(seeded, astrid, csv_text(BAD))
    assert [r.problems for r in rows] == [{}, {"national_id": "national_id.control_digits"}]
    with pytest.raises(ValidationFailed) as refused:
        svc.import_employees(seeded, astrid, csv_text(BAD))
    assert refused.value.errors == {"csv": "admin.problem.fix_first"}
    seeded.commit()
    assert len(seeded.exec(select(Person)).all()) == before and trail(seeded) == []

    assert svc.import_employees(seeded, astrid, csv_text(OTHER)) == 2
    seeded.commit()
    erik = identity.person_by_national_id(seeded, OTHER)
    assert (erik.first_name, erik.title, erik.may_hold_logs, erik.may_be_actor) == ("Erik", "Fastlege", False, True)
    assert erik.national_id_encrypted and OTHER not in erik.national_id_encrypted
    assert all(GOOD not in detail and OTHER not in detail for _, detail in trail(seeded))
    # The same file again: both are registered now.
    again = svc.preview_import(seeded, astrid, csv_text(OTHER))
    assert [r.problems["national_id"] for r in again] == ["admin.problem.registered"] * 2


def test_register_correct_move_and_rights(seeded, people):
    astrid = people["astrid"]
    new = svc.NewEmployee("Mia Fastlege", GOOD, "mia@lege.example", "", people["anders"].unit_id, "Fastlege")
    with pytest.raises(ValidationFailed) as refused:
        svc.register_employee(seeded, astrid, svc.NewEmployee("Mia", BAD, "mia@", "1", None))
    assert set(refused.value.errors) == {"name", "national_id", "email", "mobile", "unit"}
    mia_id = svc.register_employee(seeded, astrid, new)
    svc.correct_national_id(seeded, astrid, mia_id, OTHER[:6] + " " + OTHER[6:])
    assert identity.person_by_national_id(seeded, OTHER).id == mia_id
    with pytest.raises(ValidationFailed):
        svc.correct_national_id(seeded, astrid, people["kari"].id, OTHER)  # Mia's now
    with pytest.raises(ValidationFailed):
        svc.correct_email(seeded, astrid, mia_id, people["kari"].email)
    svc.correct_email(seeded, astrid, mia_id, "mia.lund@lege.example")
    svc.move_employee(seeded, astrid, people["tor"].id, people["siri"].unit_id)
    assert people["tor"].unit_id == people["siri"].unit_id and not people["tor"].is_leader
    assert led_unit_ids(seeded, people["tor"]) == frozenset()  # a move ends every leadership
    svc.set_rights(seeded, astrid, mia_id, may_hold_logs=False, may_be_actor=True)
    shown = {e.person_id: e for e in svc.employees(seeded, astrid, "mia")}
    assert shown[mia_id].national_id_masked == "••••••• 0025" and not shown[mia_id].may_hold_logs
    assert [a for a, _ in trail(seeded)] == [
        "register_employee",
        "correct_national_id",
        "correct_email",
        "move_employee",
        "set_rights",
    ]
    assert trail(seeded)[1][1] == "••••••• 0565 → ••••••• 0025"


def test_deactivation_ends_sign_in_and_the_holders_logs_need_a_new_holder(seeded, people, logs):
    astrid, kari = people["astrid"], people["kari"]
    token = start_session(seeded, kari.id)
    seeded.commit()
    school = kari.unit_id
    assert svc.logs_needing_a_holder(seeded, school) == []
    held = [log.id for log in seeded.exec(select(StafettLog).where(StafettLog.unit_id == school))]
    svc.deactivate(seeded, astrid, kari.id)
    seeded.commit()
    assert person_for_token(seeded, token) is None
    assert all(s.ended_at for s in seeded.exec(select(LoginSession).where(LoginSession.person_id == kari.id)))
    with pytest.raises(PersonDeactivated):
        start_session(seeded, kari.id)
    needing = svc.logs_needing_a_holder(seeded, school)
    assert needing and {n.log_id for n in needing} <= set(held)
    assert all(n.former_holders == ["Kari Nilsen"] for n in needing)
    assert svc.logs_needing_a_holder(seeded, people["siri"].unit_id) == []


def test_the_trail_is_append_only_in_the_database(seeded, people):
    svc.create_unit(seeded, people["astrid"], "Statped sørøst", "other")
    seeded.commit()
    event = seeded.exec(select(AdminEvent)).one()
    event.detail = "nothing happened"
    seeded.add(event)
    with pytest.raises((IntegrityError, DBAPIError)):
        seeded.commit()
    seeded.rollback()
    seeded.delete(seeded.exec(select(AdminEvent)).one())
    with pytest.raises((IntegrityError, DBAPIError)):
        seeded.commit()
    seeded.rollback()
    assert len(svc.audit_trail(seeded, people["astrid"])) == 1


def test_feedback_is_stored_and_reaches_the_administrator(seeded, people):
    with pytest.raises(ValidationFailed):
        svc.send_feedback(seeded, None, "   ")
    svc.send_feedback(seeded, people["lise"], "Knappen er vanskeleg å nå med tastatur.", "lise@x.example", "/logs/1")
    svc.send_feedback(seeded, None, "Teksten er for liten.", page="Kalenderen på mobil")
    seeded.commit()
    stored = seeded.exec(select(Feedback).order_by(Feedback.id)).all()
    assert [f.page for f in stored] == ["/logs/1", "Kalenderen på mobil"]
    outbox = seeded.exec(select(Notification).where(Notification.kind == "feedback")).all()
    assert {n.person_id for n in outbox} == {people["astrid"].id} and len(outbox) == 2
    listed = svc.feedback_list(seeded, people["astrid"])
    assert listed[0].message == "Teksten er for liten." and listed[1].sender == "Lise Andersen"
    with pytest.raises(PermissionDenied):
        svc.feedback_list(seeded, people["tor"])


def test_the_holder_cannot_add_someone_without_the_right_or_who_left(seeded, people, logs):
    from stafett_app.domain.roles import LogRole
    from stafett_app.services.participation import add_participant, addable_staff

    emma = logs["emma"]
    per = people["per"]  # a teacher at Emma's school, not in her log
    assert per.id in {p.id for p in addable_staff(seeded, emma.id)}
    svc.set_rights(seeded, people["astrid"], per.id, may_hold_logs=True, may_be_actor=False)
    with pytest.raises(ValidationFailed) as refused:
        add_participant(seeded, people["kari"], emma.id, per.id, LogRole.ACTOR)
    assert refused.value.errors == {"role": "error.role_not_allowed"}
    assert add_participant(seeded, people["kari"], emma.id, per.id, LogRole.READER)  # reading needs no right
    svc.deactivate(seeded, people["astrid"], people["tor"].id)
    assert people["tor"].id not in {p.id for p in addable_staff(seeded, emma.id)}
