"""The leader's figures and log list against a small hand-made data set, on SQLite and PostgreSQL.

Each figure is checked against a count done by hand from the rows below; the other unit's logs,
drafts and old refusals must never show up."""

from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.leadership import PAGE_SIZE, parse_list_query
from stafett_app.domain.plan_rules import ConcernCategory
from stafett_app.models import (
    AccessAttempt,
    Concern,
    Evaluation,
    Glimmer,
    Goal,
    Measure,
    Participant,
    Person,
    StafettLog,
    Unit,
    UnitLeader,
)
from stafett_app.services import leader_stats
from stafett_app.services.auth import start_session
from stafett_app.settings import SESSION_COOKIE

TODAY = date(2026, 11, 30)
NOW = datetime.combine(TODAY, time(12, 0))


def ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


class World:
    """Unit A (leader Anne) with five logs, unit B (leader Bjørn) with one, and a teacher."""

    def __init__(self, s: Session):
        self.s = s
        self.unit_a = self.add(Unit(name="A-skolen", kind="school"))
        self.unit_b = self.add(Unit(name="B-barnehagen", kind="kindergarten"))
        self.anne = self.staff("Anne", self.unit_a, leader=True)
        self.bjorn = self.staff("Bjørn", self.unit_b, leader=True)
        self.holder = self.staff("Hege", self.unit_a)
        self.teacher = self.staff("Trond", self.unit_a)

        # 1: active, level 1, absence; one overdue measure and one due later; a lysglimt yesterday.
        self.log1 = self.log("Ada", self.unit_a, level=1, created=200)
        goal = self.goal(self.concern(self.log1, "absence", 200))
        self.measure(goal, evaluate=TODAY - timedelta(days=5), created=100)
        self.measure(goal, evaluate=TODAY + timedelta(days=10), created=100)
        self.add(Glimmer(log_id=self.log1.id, author_id=self.holder.id, text="Bra!", created_at=ago(1)))
        # 2: active, level 3, school environment; evaluated on its date; nothing written for 60 days.
        self.log2 = self.log("Bo", self.unit_a, level=3, created=100)
        m = self.measure(
            self.goal(self.concern(self.log2, ConcernCategory.SCHOOL_ENVIRONMENT.value, 100)),
            TODAY - timedelta(days=10),
            100,
        )
        self.add(
            Evaluation(
                measure_id=m.id,
                result="green",
                outcome="continue",
                text="Ok",
                evaluated_on=TODAY - timedelta(days=10),
                recorded_by_id=self.holder.id,
                recorded_at=ago(60),
            )
        )
        # 3: active, level 3, absence, its holder gone; started three days ago.
        self.log3 = self.log("Cato", self.unit_a, level=3, created=3, holder=False)
        self.concern(self.log3, "absence", 3)
        # 4: closed, level 2: in the list, in no active figure. 5: a draft: nowhere.
        self.log4 = self.log("Dina", self.unit_a, level=2, created=20, status="passive")
        self.concern(self.log4, "social", 20)
        self.log5 = self.log("Eli", self.unit_a, level=0, created=2, status="draft")
        self.concern(self.log5, "health", 2)
        # 6: the other unit, with its own overdue measure.
        self.log6 = self.log("Finn", self.unit_b, level=2, created=50)
        self.measure(self.goal(self.concern(self.log6, "absence", 50)), TODAY - timedelta(days=3), 50)

        for log, days, action in (
            (self.log1, 2, "view_plan"),
            (self.log1, 5, "view_plan"),
            (self.log1, 45, "view_plan"),
        ):
            self.add(AccessAttempt(person_id=self.teacher.id, log_id=log.id, action=action, at=ago(days)))
        self.add(AccessAttempt(person_id=self.teacher.id, log_id=self.log6.id, action="read_messages", at=ago(1)))
        self.add(AccessAttempt(person_id=self.teacher.id, log_id=self.log5.id, action="view_log", at=ago(1)))
        s.commit()

    def add(self, row):
        self.s.add(row)
        self.s.flush()
        return row

    def staff(self, name: str, unit: Unit, *, leader: bool = False) -> Person:
        person = self.add(Person(first_name=name, last_name="Lærer", kind="staff", unit_id=unit.id, is_leader=leader))
        if leader:
            self.add(UnitLeader(unit_id=unit.id, person_id=person.id))
        return person

    def log(self, child_name, unit, *, level, created, status="active", holder=True) -> StafettLog:
        child = self.add(Person(first_name=child_name, last_name="Barn", kind="child"))
        log = self.add(
            StafettLog(
                child_id=child.id,
                unit_id=unit.id,
                status=status,
                level=level,
                created_by_id=self.holder.id,
                created_at=ago(created),
                activated_at=ago(created) if status != "draft" else None,
            )
        )
        self.add(
            Participant(
                log_id=log.id,
                person_id=self.holder.id,
                role="holder",
                added_at=ago(created),
                removed_at=None if holder else ago(1),
            )
        )
        return log

    def concern(self, log, category, days) -> Concern:
        return self.add(
            Concern(log_id=log.id, text="x", category=category, created_by_id=self.holder.id, created_at=ago(days))
        )

    def goal(self, concern) -> Goal:
        return self.add(
            Goal(concern_id=concern.id, text="x", created_by_id=self.holder.id, created_at=concern.created_at)
        )

    def measure(self, goal, evaluate: date, created: int) -> Measure:
        return self.add(
            Measure(
                goal_id=goal.id,
                title="x",
                arena="school",
                responsible_id=self.holder.id,
                start_date=TODAY - timedelta(days=created),
                evaluation_date=evaluate,
                created_by_id=self.holder.id,
                created_at=ago(created),
            )
        )


@pytest.fixture
def world(session) -> World:
    return World(session)


def board(world: World, person: Person, unit_id: int | None = None) -> leader_stats.Dashboard:
    return leader_stats.dashboard(
        world.s,
        person,
        today=TODAY,
        now=NOW,
        idle_weeks=6,
        labels=leader_stats.labels_in("nb"),
        unit_id=unit_id,
    )


def table(world: World, person: Person, **raw: object) -> leader_stats.TablePage:
    return leader_stats.log_table(world.s, person, parse_list_query(**raw), today=TODAY)  # type: ignore[arg-type]


def test_figures_match_a_hand_count(world):
    b = board(world, world.anne)
    assert b.unit_names == ["A-skolen"]
    assert b.active_logs == 3  # logs 1, 2, 3
    assert {c.key: c.count for c in b.by_level} == {"1": 1, "2": 0, "3": 2}
    assert [c.label for c in b.by_level] == ["Nivå 1", "Nivå 2", "Nivå 3"]
    categories = {c.key: c.count for c in b.by_category}
    assert categories["absence"] == 2 and categories["social"] == 0 and categories["health"] == 0
    assert sum(categories.values()) == 2
    assert ConcernCategory.SCHOOL_ENVIRONMENT.value not in categories and b.school_environment == 1
    assert (b.overdue_logs, b.overdue_measures) == (1, 1)
    assert [(r.log_id, r.child_first_name, r.overdue) for r in b.overdue_list] == [(world.log1.id, "Ada", 1)]
    assert b.idle_logs == 1 and [r.log_id for r in b.idle_list] == [world.log2.id]
    assert b.idle_list[0].last_activity == ago(60)
    assert b.without_holder == 1 and [r.log_id for r in b.without_holder_list] == [world.log3.id]
    assert b.without_holder_list[0].holder_name == ""
    # Two refusals on log 1 this month; the old one, the draft's and the other unit's are not counted.
    assert b.refusals == 2 and [(c.key, c.count) for c in b.refusals_by_action] == [("view_plan", 2)]


def test_idle_weeks_is_a_setting(world):
    b = leader_stats.dashboard(
        world.s, world.anne, today=TODAY, now=NOW, idle_weeks=9, labels=leader_stats.labels_in("nb")
    )
    assert b.idle_logs == 0 and b.idle_weeks == 9


def test_the_other_leader_sees_only_their_own_unit(world):
    b = board(world, world.bjorn)
    assert b.unit_names == ["B-barnehagen"] and b.active_logs == 1
    assert [r.log_id for r in b.overdue_list] == [world.log6.id]
    assert b.refusals == 1
    assert [r.log_id for r in table(world, world.bjorn).rows] == [world.log6.id]


def test_one_leader_of_two_units_sees_each_and_both(world):
    world.add(UnitLeader(unit_id=world.unit_b.id, person_id=world.anne.id))
    assert [u.name for u in leader_stats.leader_units(world.s, world.anne)] == ["A-skolen", "B-barnehagen"]
    assert board(world, world.anne, unit_id=world.unit_b.id).unit_names == ["B-barnehagen"]
    assert board(world, world.anne, unit_id=world.unit_b.id).active_logs == 1
    assert board(world, world.anne, unit_id=world.unit_a.id).active_logs == 3
    assert board(world, world.anne).active_logs == 4  # no unit asked for: all they lead (the CSV's default)
    rows = leader_stats.log_table(world.s, world.anne, parse_list_query(), today=TODAY, unit_id=world.unit_b.id).rows
    assert [r.log_id for r in rows] == [world.log6.id]
    assert refused(world, world.anne) == []


def refused(world: World, person: Person) -> list[str]:
    return list(
        world.s.exec(
            select(AccessAttempt.action).where(AccessAttempt.person_id == person.id, AccessAttempt.log_id == None)  # noqa: E711
        ).all()
    )


def test_a_leader_asking_for_another_unit_is_refused(world):
    with pytest.raises(PermissionDenied):
        board(world, world.anne, unit_id=world.unit_b.id)
    assert refused(world, world.anne) == ["leader_overview"]
    with pytest.raises(PermissionDenied):
        leader_stats.log_table(world.s, world.anne, parse_list_query(), today=TODAY, unit_id=world.unit_b.id)
    assert board(world, world.anne, unit_id=world.unit_a.id).active_logs == 3


@pytest.mark.parametrize("who", ["holder", "teacher"])
def test_a_non_leader_is_refused(world, who):
    with pytest.raises(PermissionDenied):
        board(world, getattr(world, who))
    with pytest.raises(PermissionDenied):
        table(world, getattr(world, who))
    assert refused(world, getattr(world, who)) == ["leader_overview", "leader_overview"]


def test_the_table_lists_every_log_but_drafts_with_the_figures_per_log(world):
    page = table(world, world.anne)
    assert page.total == 4
    rows = {r.log_id: r for r in page.rows}
    assert set(rows) == {world.log1.id, world.log2.id, world.log3.id, world.log4.id}
    one = rows[world.log1.id]
    assert (one.child_first_name, one.status, one.level, one.holder_name) == ("Ada", "active", 1, "Hege Lærer")
    assert one.next_evaluation == TODAY - timedelta(days=5) and one.overdue == 1
    assert one.last_activity == ago(1)
    assert rows[world.log2.id].overdue == 0 and rows[world.log2.id].last_activity == ago(60)
    assert rows[world.log3.id].holder_name == "" and rows[world.log3.id].next_evaluation is None
    assert rows[world.log4.id].next_evaluation is None  # a closed log has nothing coming up


def test_sorting_in_the_database(world):
    ids = lambda page: [r.log_id for r in page.rows]  # noqa: E731
    w = world
    # Next evaluation first, logs without one last (then by number).
    assert ids(table(w, w.anne)) == [w.log2.id, w.log1.id, w.log3.id, w.log4.id]
    assert ids(table(w, w.anne, sort="overdue", direction="desc"))[0] == w.log1.id
    assert ids(table(w, w.anne, sort="child", direction="desc")) == [w.log4.id, w.log3.id, w.log2.id, w.log1.id]
    assert ids(table(w, w.anne, sort="level")) == [w.log1.id, w.log4.id, w.log2.id, w.log3.id]
    assert ids(table(w, w.anne, sort="last_activity", direction="desc"))[0] == w.log1.id
    assert ids(table(w, w.anne, sort="status"))[-1] == w.log4.id


def test_filters(world):
    w = world
    assert [r.log_id for r in table(w, w.anne, status="passive").rows] == [w.log4.id]
    assert {r.log_id for r in table(w, w.anne, level="3").rows} == {w.log2.id, w.log3.id}
    missing = table(w, w.anne, holder="missing")
    assert [r.log_id for r in missing.rows] == [w.log3.id] and missing.total == 1
    assert table(w, w.anne, status="draft").total == 4  # a crafted status lists what the default lists
    # A filter together with a sort that needs its own per-log count.
    for sort in ("overdue", "next_evaluation", "last_activity", "holder"):
        assert [r.log_id for r in table(w, w.anne, holder="missing", sort=sort).rows] == [w.log3.id], sort
    assert [r.log_id for r in table(w, w.anne, level="3", sort="last_activity").rows] == [w.log2.id, w.log3.id]


def test_csv_has_counts_and_no_names(world):
    text = leader_stats.figures_csv(board(world, world.anne), "nb")
    lines = text.splitlines()
    assert lines[0] == "Tall,Nøkkel,Navn,Antall"
    assert "level,3,Nivå 3,2" in lines
    assert "category,absence,Fravær,2" in lines
    assert "active_logs,,Aktive logger,3" in lines
    assert "without_holder,,Logger uten stafettholder,1" in lines
    for name in ("Ada", "Bo", "Cato", "Hege", "Trond"):
        assert name not in text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_paging_on_the_seeded_unit(db_url):
    from stafett_app.seed import seed

    engine = db.make_engine(db_url)
    with Session(engine) as s:
        seed(s, TODAY)
        s.commit()
        marte = s.exec(select(Person).where(Person.first_name == "Marte")).one()
        pages = [leader_stats.log_table(s, marte, parse_list_query(page=n), today=TODAY) for n in range(3)]
        assert [p.total for p in pages] == [60, 60, 60]
        assert [len(p.rows) for p in pages] == [PAGE_SIZE, PAGE_SIZE, 60 - 2 * PAGE_SIZE]
        seen = [r.log_id for p in pages for r in p.rows]
        assert len(set(seen)) == 60
        tor = s.exec(select(Person).where(Person.first_name == "Tor")).one()
        school = s.exec(select(Unit).where(Unit.name == "Åsen skole")).one()
        tor_rows = leader_stats.log_table(s, tor, parse_list_query(), today=TODAY, unit_id=school.id).rows
        assert {r.child_first_name for r in tor_rows} == {"Emma", "Ida", "Jonas", "Sara"}  # Ida: the relay seed
        assert not set(seen) & {r.log_id for r in tor_rows}
    engine.dispose()


@pytest.fixture
def client(state_db):
    return TestClient(api, base_url="https://stafett.test")


def sign_in(client: TestClient, first_name: str) -> Person:
    with db.session_scope() as session:
        person = session.exec(select(Person).where(Person.first_name == first_name)).one()
        client.cookies.set(SESSION_COOKIE, start_session(session, person.id, max_minutes=60))
        return person


def test_csv_route_is_for_leaders_of_the_unit_only(client):
    assert client.get("/leader/figures.csv").status_code == 401
    sign_in(client, "Per")
    assert client.get("/leader/figures.csv").status_code == 404
    marte = sign_in(client, "Marte")
    response = client.get("/leader/figures.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["cache-control"] == "private, no-store"
    assert "attachment" in response.headers["content-disposition"]
    assert "active_logs,,Aktive logger,56" in response.text.splitlines()
    assert client.get(f"/leader/figures.csv?unit={marte.unit_id}").status_code == 200
    with db.session_scope() as session:
        tor = session.exec(select(Person).where(Person.first_name == "Tor")).one()
    for crafted in (str(tor.unit_id), "abc", "-1", "99999999999999999999999", "1 OR 1=1"):
        assert client.get("/leader/figures.csv", params={"unit": crafted}).status_code == 404, crafted


def test_handovers_waiting_are_counted_for_the_kindergarten(seeded, people):
    """The seed's pending handover of Liam's log (Ingrid to Eva at the school) waits in the
    kindergarten's figures until Eva answers."""
    tor, kindergarten = people["tor"], people["ingrid"].unit_id  # Tor leads the kindergarten too
    board = leader_stats.dashboard(
        seeded, tor, today=TODAY, now=utcnow(), idle_weeks=6, labels=lambda _kind, key: key, unit_id=kindergarten
    )
    assert board.handovers_waiting == 1
    assert [ref.child_first_name for ref in board.handovers_waiting_list] == ["Liam"]
