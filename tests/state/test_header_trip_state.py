"""Pages that read in the header's database trip (the person's logs, roles and unread counts are what its
statement read): a tab that showed the page to someone else, or in another language, shows the person
what a tab of their own shows, in their language."""

import pytest
from sqlmodel import Session

from stafett_app import db
from stafett_app.pages.calendar.state import CalendarState
from stafett_app.pages.inbox.state import InboxState
from stafett_app.pages.leader.state import LeaderState
from stafett_app.pages.messages.state import MessagesState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.services.auth import set_language

EMMA_LOG = "1"
# Each page, the vars it shows, who used the tab first and who takes it over, and whether they see the
# vars otherwise (the log's messages page shows Kari and Lise the same conversations).
PAGES = [
    (CalendarState, ("items", "week_columns", "period_title"), "Kari", "Lise", True),
    (InboxState, ("rows",), "Kari", "Lise", True),
    (MessagesState, ("conversations", "child_first_name", "can_write"), "Kari", "Lise", False),
    (MyLogsState, ("rows", "unit_rows", "asked"), "Kari", "Lise", True),
    (
        LeaderState,
        ("unit_names", "rows", "unit_choices", "by_level", "by_category", "refusals_by_action"),
        "Marte",
        "Tor",
        True,
    ),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("page_state", "shown", "first", "then", "differs"), PAGES)
async def test_a_tab_that_showed_someone_else_shows_the_person_their_own(
    sign_in, person_id, page_state, shown, first, then, differs
):
    with Session(db.engine()) as session:
        set_language(session, person_id(then), "nn")
        session.commit()
    own = await sign_in(then, log_id=EMMA_LOG).get_state(page_state)
    await own.load()
    await own.load()  # in a tab that is theirs and in their language: one trip
    tab = sign_in(first, log_id=EMMA_LOG)
    taken_over = await tab.get_state(page_state)
    await taken_over.load()
    firsts = {name: getattr(taken_over, name) for name in shown}
    tab.rx_router_headers = sign_in(then, log_id=EMMA_LOG).rx_router_headers  # signs in on the first one's tab
    await taken_over.load()
    for state in (own, taken_over):
        assert state.loaded and state.lang == "nn" and state._owner_id == person_id(then)
    theirs = {name: getattr(own, name) for name in shown}
    assert {name: getattr(taken_over, name) for name in shown} == theirs
    assert (theirs != firsts) == differs
