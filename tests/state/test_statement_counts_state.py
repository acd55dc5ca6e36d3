"""How many SQL statements a page load runs: few, and the same however much the log holds."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import pytest
from sqlalchemy import event
from sqlmodel import select

from stafett_app import db
from stafett_app.models import Comment, Concern, Goal, Measure, Person
from stafett_app.pages.calendar.state import CalendarState
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.inbox.state import InboxState
from stafett_app.pages.messages.state import MessagesState
from stafett_app.pages.plan.state import PlanState
from stafett_app.pages.plan.timeline_state import TimelineState
from stafett_app.services import log_cache

EMMA_LOG = "1"
# The whole page load (the route's one on_load), the meetings panel included: it was a second event of
# its own, 50 statements together, before the people and the consent were read once per load.
PLAN_LOAD_STATEMENTS = 27
# The same load again, the log unchanged: the log's content comes from what the worker kept of it
# (services.log_cache); the person, the access check, the header's count and the access-log entry
# are read and written afresh (the login and its person in one statement; the person's logs, roles,
# unread counts and, beside each log, a handover waiting for them, whether they lead its unit and the
# log's stamps with the site's in one: the access check and the stamps need no statement of their
# own). The plan view and the start of the relay were built from the same stamps (the people and
# units they name: the site's stamps) and are handed out as they were built; the refused attempts
# and the person's newest draft are kept under their own parts' stamps; the people the meetings
# panel and the header name are the worker's while the site's person stamp holds.
PLAN_RELOAD_STATEMENTS = 3
TREE_STATEMENTS = 6  # read.plan_tree: concerns, goals, measures, evaluations, comments, revisions


@contextmanager
def counted() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _executemany) -> None:
        statements.append(statement)

    event.listen(db.engine(), "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine(), "before_cursor_execute", record)


async def second_load(state) -> list[str]:
    """The statements of a page's load in a tab that showed the page before (its first load kept what
    the worker keeps)."""
    await state.load()
    with counted() as statements:
        assert await state.load() is None
    return statements


async def plan_load_statements(sign_in, *, cold: bool = False) -> list[str]:
    """The statements of a plan page load; `cold`: with nothing kept of the log (services.log_cache)."""
    if cold:
        log_cache.forget_all()
    state = await sign_in("Kari", log_id=EMMA_LOG).get_state(PlanState)
    with counted() as statements:
        assert await state.load() is None
    assert state.loaded
    return statements


def grow_emma_log(rows: int) -> None:
    """More concerns, goals, measures and comments in the log."""
    with db.session_scope() as session:
        kari = session.exec(select(Person).where(Person.first_name == "Kari")).one()
        template = session.exec(select(Measure).join(Goal).join(Concern).where(Concern.log_id == int(EMMA_LOG))).first()
        assert template is not None
        now = datetime.now()
        for n in range(rows):
            concern = Concern(
                log_id=int(EMMA_LOG),
                text=f"Emma ser trøtt ut {n}",
                category="other",
                created_by_id=kari.id,
                created_at=now,
            )
            session.add(concern)
            session.flush()
            goal = Goal(concern_id=concern.id, text=f"Emma søv godt {n}", created_by_id=kari.id, created_at=now)
            session.add(goal)
            session.flush()
            data = template.model_dump(exclude={"id", "goal_id", "photo_id"})
            measure = Measure(**{**data, "goal_id": goal.id, "title": f"Tiltak {n}"})
            session.add(measure)
            session.flush()
            session.add(
                Comment(
                    log_id=int(EMMA_LOG),
                    measure_id=measure.id,
                    author_id=kari.id,
                    text=f"Det går bra {n}",
                    created_at=now,
                )
            )


@pytest.mark.asyncio
async def test_plan_load_runs_the_same_statements_however_big_the_log(sign_in):
    before = await plan_load_statements(sign_in, cold=True)
    grow_emma_log(12)
    after = await plan_load_statements(sign_in, cold=True)
    print(f"plan page load: {len(before)} statements, {len(after)} with 12 more concerns")
    assert len(after) == len(before)
    # The person, the header's unread count, the plan, its archive, refusals, start, draft and meetings,
    # and the access-log entry: each read once (59 before the session remembered who the person is to the log).
    assert len(before) <= PLAN_LOAD_STATEMENTS


@pytest.mark.asyncio
async def test_a_second_load_of_an_unchanged_log_reads_only_what_is_checked_afresh(sign_in):
    first = await plan_load_statements(sign_in, cold=True)
    again = await plan_load_statements(sign_in)
    print(f"plan page load: {len(first)} statements, {len(again)} the second time")
    assert len(again) <= PLAN_RELOAD_STATEMENTS
    assert sum("log_stamp" in s for s in again) == 1
    grow_emma_log(1)  # a change to the tree: the next load reads the tree again, and only the tree
    assert len(await plan_load_statements(sign_in)) == len(again) + TREE_STATEMENTS


# A lysglimt written on the plan page, its answer included: the person; the access check (the log with
# the person's roles in it, a pending handover, whether they lead its unit, and its stamps: one
# statement); the insert; the notices (everyone's roles, birth dates and who practises for whom in
# one statement, one insert); after the commit the access check again (with the stamps) and the
# lysglimt (the rest of the page is what the worker kept).
GLIMMER_WRITE_STATEMENTS = 7


@pytest.mark.asyncio
async def test_a_lysglimt_write_reads_again_only_the_lysglimt(sign_in):
    state = await sign_in("Kari", log_id=EMMA_LOG).get_state(PlanState)
    assert await state.load() is None
    with counted() as statements:
        await state.add_glimmer({"text": "Fin start på dagen"})
    assert state.glimmers[0].text == "Fin start på dagen"
    assert len(statements) <= GLIMMER_WRITE_STATEMENTS
    assert sum("INSERT INTO glimmer" in s for s in statements) == 1


# The timeline tab opened again on an unchanged log: the person, the access check (the log, the roles and
# the stamps in one statement) and the access-log entry; the entries are what the worker kept.
TIMELINE_RELOAD_STATEMENTS = 3


@pytest.mark.asyncio
async def test_a_timeline_opened_again_reads_only_what_is_checked_afresh(sign_in):
    root = sign_in("Kari", log_id=EMMA_LOG)
    timeline = await root.get_state(TimelineState)
    await timeline.load()
    with counted() as statements:
        await timeline.load()
    assert timeline.entries
    assert len(statements) <= TIMELINE_RELOAD_STATEMENTS


# The family page loaded again on an unchanged log: the person, the header's statement (the access check
# and the stamps), who opened the log (the newest openings grouped, then what each group opened) and
# the access-log entry. The family view, the lysglimt, the consent requests asked of the person and
# the deletion and reopening requests are what the worker kept (the last two of the log's people).
FAMILY_RELOAD_STATEMENTS = 5


@pytest.mark.asyncio
async def test_a_family_page_opened_again_reads_only_what_is_checked_afresh(sign_in):
    await plan_load_statements(sign_in)  # Kari opens the log: an opening the family sees
    family = await sign_in("Lise", log_id=EMMA_LOG).get_state(FamilyState)
    statements = await second_load(family)
    assert family.loaded and family.family.working_on and family.openings
    assert len(statements) <= FAMILY_RELOAD_STATEMENTS


# The inbox: the person, the header's statement (the person's logs and roles, which are the inbox's logs
# too, and their unread counts), the conversations with their unread counts; the children's names are the
# worker's while the site's person stamp holds. The calendar: the person, the header's statement (the
# person's logs: the calendar's), the meetings in the days shown with the person's invitations, and the
# measures evaluated in them, read once for the agenda list and the week together.
PAGES_OF_ONES_LOGS = [
    (InboxState, "Lise", 3, lambda inbox: [row.child_first_name for row in inbox.rows] == ["Emma"]),
    (CalendarState, "Kari", 4, lambda calendar: calendar.items and calendar.week_columns),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("page_state", "who", "most", "shows"), PAGES_OF_ONES_LOGS)
async def test_a_page_of_ones_logs_reads_them_with_the_header(sign_in, page_state, who, most, shows):
    state = await sign_in(who).get_state(page_state)
    statements = await second_load(state)
    assert shows(state)
    assert len(statements) <= most


# A log's messages page opened again: the person, the header's statement (the log, the person's roles
# in it, the unread counts), the conversations with their unread counts, their members, and the
# access-log entry (after every read). The child's and the members' names are the worker's.
MESSAGES_RELOAD_STATEMENTS = 5


@pytest.mark.asyncio
async def test_a_messages_page_opened_again_checks_access_with_the_header(sign_in):
    state = await sign_in("Kari", log_id=EMMA_LOG).get_state(MessagesState)
    await state.load()
    with counted() as statements:
        await state.load()
    assert state.loaded and state.child_first_name == "Emma" and state.conversations
    assert len(statements) <= MESSAGES_RELOAD_STATEMENTS
