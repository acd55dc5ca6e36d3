"""Practice logs on SQLite and PostgreSQL: invented people only, the whole relay on behalf of the
invented family, notices to the practising person only, never counted, never archived, and deleted
with their invented people after 30 days (an injected clock)."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import Session, col, select

from stafett_app.domain.archive import ArchiveTrigger
from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.leadership import parse_list_query
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.roles import LogRole, PersonKind
from stafett_app.models import ArchiveCopy, Notification, Participant, Person, RequestKey, StafettLog, Unit, UnitLeader
from stafett_app.services import (
    access_log,
    admin,
    archive,
    consent_flow,
    leader_stats,
    log_list,
    meetings,
    new_log,
    notify_events,
    participation,
    practice_log,
    relay,
)
from stafett_app.services.consent_flow import Named

INTRO = {"description": "Mia liker å tegne.", "interest_text": "Tegning"}
TODAY = date(2026, 11, 30)


class World:
    """One school: Kari practises, Per is a real colleague, Tor leads, Lise is a real guardian."""

    def __init__(self, s: Session):
        self.s = s
        self.unit = self.add(Unit(name="Åsen skole", kind="school"))
        self.kari = self.staff("Kari", may_hold=True)
        self.per = self.staff("Per", may_hold=True)
        self.tor = self.staff("Tor", leader=True)
        self.lise = self.add(Person(first_name="Lise", last_name="Andersen", kind="guardian", email="lise@example.no"))
        s.commit()

    def add(self, row):
        self.s.add(row)
        self.s.flush()
        return row

    def staff(self, name: str, *, may_hold: bool = False, leader: bool = False) -> Person:
        person = self.add(
            Person(
                first_name=name,
                last_name="Lærer",
                kind="staff",
                unit_id=self.unit.id,
                may_hold_logs=may_hold,
                is_leader=leader,
            )
        )
        if leader:
            self.add(UnitLeader(unit_id=self.unit.id, person_id=person.id))
        return person

    def practice(self, key: str | None = None) -> StafettLog:
        log_id = practice_log.start_practice_log(self.s, self.kari, request_key=key)
        self.s.commit()
        return self.s.get(StafettLog, log_id)

    def invented(self, kind: str) -> Person:
        return self.s.exec(
            select(Person)
            .join(StafettLog, col(StafettLog.id) == col(Person.practice_log_id))
            .where(StafettLog.created_by_id == self.kari.id, Person.kind == kind)
            .order_by(col(Person.id))
        ).first()

    def real_draft(self) -> StafettLog:
        form = {"first_name": "Emma", "last_name": "Berg", "birth_date": "2016-03-01", "unit_id": str(self.unit.id)}
        log_id = new_log.start_draft(self.s, self.kari, form)
        self.s.commit()
        return self.s.get(StafettLog, log_id)

    def run_relay(self, log: StafettLog) -> None:
        """Ask consent naming the holder and the invented colleague, confirm for the family, activate."""
        colleague = self.invented(PersonKind.STAFF)
        named = [Named(self.kari.id, LogRole.HOLDER), Named(colleague.id, LogRole.ACTOR, "Helsesykepleier")]
        consent_flow.ask_consent(self.s, self.kari, log.id, named)
        assert practice_log.confirm_for_family(self.s, self.kari, log.id) == 1
        assert practice_log.confirm_for_family(self.s, self.kari, log.id) == 1  # a second tap changes nothing
        relay.activate(self.s, self.kari, log.id, INTRO)
        self.s.commit()


@pytest.fixture
def world(session) -> World:
    return World(session)


def test_a_practice_log_has_an_invented_child_family_and_colleague(world):
    log = world.practice("once")
    assert log.is_practice and log.status == "draft" and log.created_by_id == world.kari.id
    assert log.unit_id == world.unit.id
    invented = world.s.exec(select(Person).where(Person.practice_log_id == log.id)).all()
    assert sorted(p.kind for p in invented) == ["child", "guardian", "staff"]
    assert all(p.unit_id is None and p.login_subject is None for p in invented)
    roles = {(p.person_id, p.role) for p in world.s.exec(select(Participant).where(Participant.log_id == log.id))}
    assert roles == {
        (world.kari.id, "holder"),
        (world.invented("child").id, "owner"),
        (world.invented("guardian").id, "guardian"),
    }
    # A double tap (the same request key) makes no second practice log.
    assert world.practice("once").id == log.id
    assert len(world.s.exec(select(StafettLog).where(col(StafettLog.is_practice))).all()) == 1


def test_a_guardian_or_a_deactivated_person_cannot_start_one(world):
    with pytest.raises(PermissionDenied):
        practice_log.start_practice_log(world.s, world.lise)
    world.per.deactivated_at = datetime(2026, 11, 1)
    with pytest.raises(PermissionDenied):
        practice_log.start_practice_log(world.s, world.per)


def test_no_real_person_can_be_added_to_a_practice_log(world):
    log = world.practice()
    # Not offered in any list...
    assert [p.id for p in participation.addable_staff(world.s, log.id)] == [world.invented("staff").id]
    assert {r.person_id for r in consent_flow.staff_to_name(world.s, world.kari, log.id)} == {
        world.kari.id,
        world.invented("staff").id,
    }
    # ...and refused when the id is sent anyway.
    with pytest.raises(ValidationFailed) as refused:
        participation.add_participant(world.s, world.kari, log.id, world.per.id, LogRole.ACTOR)
    assert refused.value.errors == {"person_id": "error.practice_mix"}
    with pytest.raises(ValidationFailed):
        consent_flow.ask_consent(
            world.s, world.kari, log.id, [Named(world.kari.id, LogRole.HOLDER), Named(world.per.id, LogRole.ACTOR)]
        )
    # A guardian registered with a real guardian's e-mail is a new invented person, not the real one.
    guardian_id = new_log.register_guardian(
        world.s,
        world.kari,
        log.id,
        {"first_name": "Lise", "last_name": "Andersen", "email": "lise@example.no", "mobile": "+4791234567"},
    )
    assert guardian_id != world.lise.id
    assert world.s.get(Person, guardian_id).practice_log_id == log.id
    in_log = set(world.s.exec(select(Participant.person_id).where(Participant.log_id == log.id)).all())
    assert world.per.id not in in_log and world.lise.id not in in_log


def test_no_invented_person_can_be_added_to_a_real_log(world):
    world.practice()
    real = world.real_draft()
    colleague = world.invented(PersonKind.STAFF)
    assert colleague.id not in {p.id for p in participation.addable_staff(world.s, real.id)}
    assert colleague.id not in {r.person_id for r in consent_flow.staff_to_name(world.s, world.kari, real.id)}
    with pytest.raises(ValidationFailed) as refused:
        participation.add_participant(world.s, world.kari, real.id, colleague.id, LogRole.ACTOR)
    assert refused.value.errors == {"person_id": "error.practice_mix"}
    with pytest.raises(ValidationFailed):
        consent_flow.ask_consent(
            world.s, world.kari, real.id, [Named(world.kari.id, LogRole.HOLDER), Named(colleague.id, LogRole.ACTOR)]
        )
    # Nor is an invented guardian found by e-mail for a real log.
    guardian = world.invented(PersonKind.GUARDIAN)
    guardian.email = "anne@example.no"
    form = {"first_name": "Anne", "last_name": "Berg", "email": "anne@example.no", "mobile": "+4791234568"}
    assert new_log.register_guardian(world.s, world.kari, real.id, form) != guardian.id


def test_the_whole_relay_on_behalf_of_the_invented_family(world):
    log = world.practice()
    world.run_relay(log)
    world.s.refresh(log)
    assert log.status == "active" and log.level == 1
    colleague = world.invented(PersonKind.STAFF)
    roles = {(p.person_id, p.role) for p in world.s.exec(select(Participant).where(Participant.log_id == log.id))}
    assert (colleague.id, "actor") in roles
    # The baton never goes to a real colleague.
    assert world.per.id not in {p.id for p in relay.handover_candidates(world.s, world.kari, log.id)}
    with pytest.raises(ValidationFailed) as refused:
        relay.propose_handover(world.s, world.kari, log.id, {"to_person_id": str(world.per.id), "reason": "Ferie"})
    assert refused.value.errors == {"to_person_id": "error.practice_mix"}
    # The invented guardian confirmed; no request key or other row is kept for an invented person.
    assert world.s.exec(select(RequestKey).where(RequestKey.person_id != world.kari.id)).first() is None


def test_nobody_acts_for_a_family_in_a_real_log_or_in_someone_elses_practice(world):
    real = world.real_draft()
    new_log.register_guardian(
        world.s,
        world.kari,
        real.id,
        {"first_name": "Lise", "last_name": "Andersen", "email": "lise@example.no", "mobile": "+4791234567"},
    )
    consent_flow.ask_consent(world.s, world.kari, real.id, [Named(world.kari.id, LogRole.HOLDER)])
    world.s.commit()  # the refusal is recorded on its own connection (SQLite has one writer)
    with pytest.raises(PermissionDenied):
        practice_log.confirm_for_family(world.s, world.kari, real.id)
    world.s.rollback()
    log = world.practice()
    with pytest.raises(PermissionDenied):  # Per has no role in Kari's practice log
        practice_log.confirm_for_family(world.s, world.per, log.id)


def test_notices_reach_the_practising_person_only_marked_as_practice(world):
    log = world.practice()
    world.run_relay(log)
    notices = world.s.exec(select(Notification)).all()
    assert notices, "the consent request and the joining are told to someone"
    assert {n.person_id for n in notices} == {world.kari.id}
    assert all(n.practice for n in notices)
    invented = {p.id for p in world.s.exec(select(Person).where(col(Person.practice_log_id).is_not(None)))}
    assert not any(n.person_id in invented for n in notices)


def test_a_notice_to_everyone_in_a_practice_log_reaches_only_the_practising_person(world):
    """notify_in_log reads who practises for whom with the people's pages (one statement)."""
    log = world.practice()
    world.run_relay(log)
    before = {n.id for n in world.s.exec(select(Notification)).all()}
    assert notify_events.notify_in_log(world.s, log.id, None, EventKind.GLIMMER, actor_id=None) > 0
    new = [n for n in world.s.exec(select(Notification)).all() if n.id not in before]
    assert new and {n.person_id for n in new} == {world.kari.id} and all(n.practice for n in new)


def test_a_practice_log_is_never_in_the_statistics_or_the_unit_lists(world):
    log = world.practice()
    world.run_relay(log)
    board = leader_stats.dashboard(
        world.s,
        world.tor,
        today=TODAY,
        now=datetime.combine(TODAY, time(12)),
        idle_weeks=6,
        labels=leader_stats.labels_in("nb"),
    )
    assert board.active_logs == 0 and board.without_holder == 0 and board.idle_logs == 0
    page = leader_stats.log_table(world.s, world.tor, parse_list_query(), today=TODAY)
    assert page.total == 0 and page.rows == []
    assert log_list.unit_logs(world.s, world.tor, "nb") == []
    assert admin.logs_needing_a_holder(world.s, world.unit.id) == []
    # Nor in Kari's list of real logs: it is listed apart.
    assert [r.log_id for r in log_list.my_logs(world.s, world.kari, "nb")] == []
    assert [r.log_id for r in practice_log.practice_logs_of(world.s, world.kari)] == [log.id]
    # And the employees list does not know the invented colleague.
    admin_person = world.add(Person(first_name="Astrid", last_name="Moe", kind="staff", is_admin=True))
    assert admin.employees(world.s, admin_person, "Prøvesen") == []


def test_a_refused_attempt_on_a_practice_log_is_not_the_leaders_to_follow_up(world):
    log = world.practice()
    world.s.commit()  # the refusal is recorded on its own connection (SQLite has one writer)
    with pytest.raises(PermissionDenied):  # Per has no role in Kari's practice log
        practice_log.confirm_for_family(world.s, world.per, log.id)
    world.s.rollback()
    assert access_log.refusals_in_unit(world.s, world.tor, "nb") == []


def test_a_practice_log_is_never_archived(world, engine):
    log = world.practice()
    world.run_relay(log)
    assert world.s.exec(select(ArchiveCopy).where(ArchiveCopy.log_id == log.id)).all() == []
    assert archive.request_copy(world.s, log.id, ArchiveTrigger.PASSIVE, "x") is False
    world.s.commit()
    assert archive.schedule_periodic(engine, TODAY + timedelta(days=400)) == 0
    with pytest.raises(LookupError):
        archive.copy_now(engine, log.id, ArchiveTrigger.PASSIVE, "now", "w1")


def test_deleted_with_its_invented_people_after_thirty_days(world, engine):
    log = world.practice()
    world.run_relay(log)
    real = world.real_draft()
    created = log.created_at
    log_id = log.id
    world.s.close()

    assert practice_log.delete_expired(engine, created + timedelta(days=30) - timedelta(seconds=1)) == 0
    assert practice_log.delete_expired(engine, created + timedelta(days=30)) == 1
    assert practice_log.delete_expired(engine, created + timedelta(days=31)) == 0  # nothing left twice

    with Session(engine) as s:
        assert s.get(StafettLog, log_id) is None
        assert s.exec(select(Person).where(col(Person.practice_log_id).is_not(None))).all() == []
        assert s.exec(select(Participant).where(Participant.log_id == log_id)).all() == []
        assert s.get(StafettLog, real.id) is not None  # real logs are untouched
        assert {p.first_name for p in s.exec(select(Person)).all()} >= {"Kari", "Per", "Tor", "Lise", "Emma"}


def test_a_second_practice_log_keeps_its_invented_people_when_the_first_goes(world, engine):
    first = world.practice("a")
    second = world.practice("b")
    # The second log was started 10 days later.
    second.created_at = first.created_at + timedelta(days=10)
    world.s.add(second)
    world.s.commit()
    first_created, second_id = first.created_at, second.id
    # The first log's invented colleague is no one in the second.
    first_colleague = world.invented(PersonKind.STAFF).id
    assert world.s.get(Person, first_colleague).practice_log_id == first.id
    assert first_colleague not in {r.person_id for r in consent_flow.staff_to_name(world.s, world.kari, second.id)}
    with pytest.raises(ValidationFailed):
        consent_flow.ask_consent(
            world.s,
            world.kari,
            second.id,
            [Named(world.kari.id, LogRole.HOLDER), Named(first_colleague, LogRole.ACTOR)],
        )
    world.s.rollback()
    second_child = world.s.get(StafettLog, second_id).child_id
    world.s.close()
    assert practice_log.delete_expired(engine, first_created + timedelta(days=30)) == 1
    with Session(engine) as s:
        assert s.get(StafettLog, second_id) is not None and s.get(Person, second_child) is not None
    assert practice_log.delete_expired(engine, first_created + timedelta(days=40)) == 1
    with Session(engine) as s:
        assert s.exec(select(Person).where(col(Person.practice_log_id).is_not(None))).all() == []


def test_a_practice_meeting_says_practice_in_the_calendar_and_its_file(world):
    log = world.practice()
    world.run_relay(log)
    next_week = (today_in_norway() + timedelta(days=7)).isoformat()
    form = {
        "date": next_week,
        "time": "14:00",
        "duration": "60",
        "place": "Møterom 2",
        "agenda": meetings.agenda_template("nb", 60),
        f"invite_{world.kari.id}": "on",
    }
    meeting_id = meetings.call_meeting(world.s, world.kari, log.id, form)
    world.s.commit()
    items = meetings.calendar_for(world.s, world.kari, "nb")
    assert items and all(item.title.startswith("ØVING: ") for item in items if item.log_id == log.id)
    assert "ØVING: Stafett-møte" in meetings.meeting_ics(world.s, world.kari, meeting_id).decode()
