"""Pages that read in the header's database trip (the person's logs, roles and unread counts are what its
statement read): a tab that showed the page to someone else, or in another language, shows the person
what a tab of their own shows, in their language."""

import pytest
from sqlmodel import Session

from stafett_app import db
from stafett_app.pages.calendar.state import CalendarState
from stafett_app.pages.inbox.state import InboxState
from stafett_app.pages.messages.state import MessagesState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.services.auth import set_language

EMMA_LOG = "1"
# Each page, the vars it shows, and whether Kari sees them otherwise than Lise (the log's messages page
# shows both the same conversations).
PAGES = [
    (CalendarState, ("items", "week_columns", "period_title"), True),
    (InboxState, ("rows",), True),
    (MessagesState, ("conversations", "child_first_name", "can_write"), False),
    (MyLogsState, ("rows", "unit_rows", "asked"), True),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("page_state", "shown", "differs"), PAGES)
async def test_a_tab_that_showed_someone_else_shows_the_person_their_own(
    sign_in, person_id, page_state, shown, differs
):
    with Session(db.engine()) as session:
        set_language(session, person_id("Lise"), "nn")
        session.commit()
    own = await sign_in("Lise", log_id=EMMA_LOG).get_state(page_state)
    await own.load()
    await own.load()  # in a tab that is hers and in her language: one trip
    tab = sign_in("Kari", log_id=EMMA_LOG)
    taken_over = await tab.get_state(page_state)
    await taken_over.load()
    karis = {name: getattr(taken_over, name) for name in shown}
    tab.rx_router_headers = sign_in("Lise", log_id=EMMA_LOG).rx_router_headers  # Lise signs in on Kari's tab
    await taken_over.load()
    for state in (own, taken_over):
        assert state.loaded and state.lang == "nn" and state._owner_id == person_id("Lise")
    lises = {name: getattr(own, name) for name in shown}
    assert {name: getattr(taken_over, name) for name in shown} == lises
    assert (lises != karis) == differs
