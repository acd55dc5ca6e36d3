"""What each page's state sends to the browser, read from the real websocket frames.

A child's page and a family's page must carry only their own view: Reflex sends every var of a
state to the browser, so what the page hides must not be in the state at all. And the state
belongs to the signed-in person: after signing out, nothing of theirs reaches the next person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, WebSocket, expect
from sqlmodel import Session, select

import stafett_app.pages  # noqa: F401 - every page's state, for _page_states_in
from stafett_app.db import make_engine
from stafett_app.i18n import PLURAL_SUFFIX, ui_texts
from stafett_app.models import Note, Person
from stafett_app.pages.child.state import ChildState
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.sign_in.state import SignInState
from stafett_app.services import notes
from stafett_app.state.session import SessionState
from tests.browser.conftest import ARTIFACTS
from tests.browser.helpers import sign_in, sign_out

pytestmark = pytest.mark.browser

# In Emma's log, but never on her own page: other people's surnames and job titles, red results,
# the comments, the staff notes and their attachments.
NOT_FOR_THE_CHILD = (
    "Nilsen",
    "Dahl",
    "Kontaktlærer",
    "Miljøarbeider",
    '"badge":"red"',  # a red result as data
    '"result":"red"',
    "Emma har husket det fire kvelder",
    "/files/attachments/",
)
STAFF_NOTE = "Notat fra skolen: møte med PPT avtalt"


class Frames:
    """Every websocket frame the page receives while recording."""

    def __init__(self, page: Page) -> None:
        self.received: list[str] = []
        self.recording = False
        page.on("websocket", self._watch)

    def _watch(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if self.recording:
            self.received.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))

    def text(self) -> str:
        # Frames carry JSON with non-ASCII escaped or not, depending on the encoder: compare both.
        joined = "\n".join(self.received)
        return joined + "\n" + joined.encode().decode("unicode_escape", errors="ignore")


@contextmanager
def staff_note(db_url: str, log_id: int) -> Iterator[None]:
    """A note by the holder in the log, removed afterwards so other tests see the seed as it was."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        kari = session.exec(select(Person).where(Person.first_name == "Kari")).one()
        note_id = notes.add_note(session, kari, log_id, {"title": STAFF_NOTE, "text": "Bare for de ansatte."})
        session.commit()
    try:
        yield
    finally:
        with Session(engine) as session:
            note = session.get(Note, note_id)
            if note is not None:
                session.delete(note)
                session.commit()
        engine.dispose()


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_child_page_state_holds_only_the_childs_view(page: Page, app_server, viewport):
    frames = Frames(page)
    with staff_note(app_server.db_url, 1):
        page.goto("/")
        # The sign-in page lists the demo people to any visitor: record from her click on.
        button = page.get_by_role("button", name=re.compile("Emma Andersen"))
        expect(button).to_be_visible()
        frames.recording = True
        button.click()
        page.wait_for_url(re.compile(r"/logs/1/child/?$"))  # she lands on her own page
        expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Emma!")
        # The plan, the family view and the timeline are not hers to open, even by address.
        for address in ("/logs/1", "/logs/1/family"):
            page.goto(address)
            page.wait_for_url(re.compile(r"/no-access/?$"))
        page.goto("/logs/1/child")
        expect(page.locator("[data-testid=child-card]").first).to_be_visible()
        # Her header offers her own page only: no calendar, no messages.
        expect(page.locator(".app-header .nav-messages")).to_have_count(0)
    seen = frames.text()
    assert frames.received, "no websocket frames were recorded"
    found = [word for word in NOT_FOR_THE_CHILD if word in seen]
    if found:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "child-page-frames.txt").write_text("\n".join(frames.received), encoding="utf-8")
    assert not found, f"the child's page state carried {found} (frames in test-artifacts/child-page-frames.txt)"
    assert STAFF_NOTE not in seen


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_family_page_state_holds_nothing_staff_only(page: Page, app_server, viewport):
    frames = Frames(page)
    with staff_note(app_server.db_url, 1):
        frames.recording = True
        sign_in(page, "Lise Andersen")
        page.goto("/logs/1/family")
        expect(page.locator("[data-testid=step-card]").first).to_be_visible()
    seen = frames.text()
    for staff_only in (STAFF_NOTE, "Bare for de ansatte", "/files/attachments/"):
        assert staff_only not in seen, staff_only


@pytest.mark.parametrize("viewport", ["tablet"], indirect=True)
def test_after_sign_out_the_next_person_gets_nothing_of_the_last(page: Page, viewport):
    """A shared tablet: a teacher starts a reply and signs out; the guardian who signs in next on the
    same tab gets none of the teacher's state, not in the first snapshot either."""
    sign_in(page, "Kari Nilsen")
    page.goto("/logs/1")
    expect(page.locator(".child-card")).to_be_visible()
    frames = Frames(page)
    sign_out(page)
    # The sign-in page lists the demo people to any visitor: record from the click on.
    button = page.get_by_role("button", name=re.compile("Lise Andersen"))
    expect(button).to_be_visible()
    frames.recording = True
    button.click()
    expect(page.get_by_role("heading", level=1, name="Planen til Emma")).to_be_visible()  # her one log
    page.goto("/messages")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    seen = frames.text()
    # Jonas's log is the teacher's, not the guardian's: nothing of it may reach her.
    for teachers in ("Jonas", "Strand"):
        assert teachers not in seen, teachers


def _page_load(page: Page, frames: Frames, address: str, shown: str) -> int:
    """The websocket bytes a full load of `address` receives until `shown` is on screen (and the
    socket has settled), printed for the report."""
    frames.received.clear()
    frames.recording = True
    page.goto(address)
    expect(page.locator(shown).first).to_be_visible()
    page.wait_for_timeout(1000)  # late frames (the unread count, the calendar) belong to the load too
    frames.recording = False
    size = sum(len(frame.encode()) for frame in frames.received)
    print(f"websocket bytes on a load of {address}: {size}")  # the figure the issue asks for
    return size


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_page_loads_do_not_carry_the_string_catalogue(page: Page, viewport):
    """The UI texts are compiled into the frontend per language: a page load's socket carries the
    language code and the page's own data, never the catalogue (65 KB a language)."""
    keys = [key for key in ui_texts("nb") if "." in key]
    frames = Frames(page)
    loads = []
    loads.append(_page_load(page, frames, "/", 'button:has-text("Lise Andersen")'))
    seen = frames.text()
    sign_in(page, "Lise Andersen")
    loads.append(_page_load(page, frames, "/logs/1/family", "[data-testid=step-card]"))
    family_load = frames.text()
    sign_out(page)
    sign_in(page, "Emma Andersen")
    loads.append(_page_load(page, frames, "/logs/1/child", "[data-testid=child-card]"))
    child_load = frames.text()
    seen += family_load + child_load
    assert PLURAL_SUFFIX not in seen
    carried = [key for key in keys if f'"{key}"' in seen]
    assert len(carried) < 10, f"{len(carried)} catalogue keys in the frames, e.g. {carried[:5]}"
    # The catalogue alone was 65 KB. What is left is the page's own data, which grows on the demo log
    # with what earlier browser tests added to it (comments, lysglimt, openings in the access log).
    assert all(size < 40_000 for size in loads), loads
    # Issue 12: a family's and a child's page load carries its own page's state and the header's, not
    # the defaults of every other page's state (8-10 KB of each load before). Their size against the
    # 10 KB target is bench.load's, on fresh data (family 6.9 KB, child 3.9 KB); here it depends on
    # what the tests before this one added to the demo log.
    assert _page_states_in(family_load) == {FamilyState.get_name()}, _page_states_in(family_load)
    assert _page_states_in(child_load) == {ChildState.get_name()}, _page_states_in(child_load)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_the_first_load_after_signing_in_sends_no_other_pages_defaults(page: Page, viewport):
    """Signing in starts the tab's state afresh for the person (SessionState._clear_tree). Clearing
    must not mark every page's vars as changed: the first load then sent the defaults of all 27 page
    states, 8-10 KB the browser already holds (issue 12)."""
    frames = Frames(page)
    for person, landing, own_state in (
        ("Lise Andersen", "[data-testid=step-card]", FamilyState),  # a guardian with one log: her family page
        ("Emma Andersen", "[data-testid=child-card]", ChildState),  # a child: her own page
    ):
        frames.received.clear()
        frames.recording = True
        sign_in(page, person)
        expect(page.locator(landing).first).to_be_visible()
        page.wait_for_timeout(1000)  # late frames belong to the load (missing ones could only hide states)
        frames.recording = False
        # The sign-in page's own state, then the landing page's: nothing of any other page.
        assert _page_states_in(frames.text()) <= {SignInState.get_name(), own_state.get_name()}
        sign_out(page)


def _page_states_in(frames_text: str) -> set[str]:
    """Which pages' states (the states under SessionState) an update in these frames carries."""
    names = {state.get_name() for state in SessionState.get_substates()}
    return {name for name in names if f'{name}"' in frames_text or f"{name}." in frames_text}
