"""Showing a child their page on an adult's device: the login is limited to that child page, on the
server, for every state and route; only signing out (the adult) ends it."""

import pytest
from reflex.istate.data import HeaderData, PageData
from reflex.state import State
from sqlmodel import Session, select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.models import AccessAttempt, Attachment, Glimmer, LoginSession, Person
from stafett_app.pages.child_shown.state import ChildShownState
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.plan.state import PlanState
from stafett_app.pages.sign_in.state import SignInState
from stafett_app.services.auth import end_session, start_session
from stafett_app.settings import SESSION_COOKIE
from tests.state.test_plan_state import redirect_path

EMMA_LOG, JONAS_LOG = "1", "2"


@pytest.fixture
def device(state_db):
    """One signed-in device: every root made from it carries the same session cookie (new tabs)."""

    class Device:
        token = ""

        def sign_in(self, first_name: str) -> None:
            with db.session_scope() as session:
                person = session.exec(select(Person).where(Person.first_name == first_name)).one()
                self.token = start_session(session, person.id, max_minutes=60)

        async def tab(self, state_cls, log_id: str = "", path: str = ""):
            root = State(_reflex_internal_init=True)
            root.rx_router_headers = HeaderData(cookie=f"{SESSION_COOKIE}={self.token}")
            root.rx_router_page = PageData(params={"log_id": log_id} if log_id else {})
            return await root.get_state(state_cls)

    return Device()


async def shown_to_emma(device):
    device.sign_in("Lise")
    family = await device.tab(FamilyState, EMMA_LOG)
    await family.load()
    assert family.show_child_name == "Emma"
    assert redirect_path(await family.show_to_child()) == "/logs/1/child/shown"
    return family


@pytest.mark.asyncio
async def test_the_guardian_shows_emma_her_page_and_nothing_else_answers(device):
    family = await shown_to_emma(device)
    shown = await device.tab(ChildShownState, EMMA_LOG)
    assert await shown.load() is None and shown.loaded and shown.child.greeting
    assert not shown.child.can_write_glimmer

    # Every other page of this login, in this tab or a new one, is nobody's: loads go to sign-in,
    # and the sign-in page sends back to the child's page.
    for state_cls, log_id in ((PlanState, EMMA_LOG), (FamilyState, EMMA_LOG), (MyLogsState, "")):
        assert redirect_path(await (await device.tab(state_cls, log_id)).load()) == "/"
    assert redirect_path(await (await device.tab(SignInState)).load()) == "/logs/1/child/shown"
    assert redirect_path(await (await device.tab(ChildShownState, JONAS_LOG)).load()) == "/"
    # The family page's events in the tab that was open are refused too.
    await family.open_form("comment", 1)
    assert not family.form_open


@pytest.mark.asyncio
async def test_nothing_is_written_from_the_shown_page(device):
    await shown_to_emma(device)
    shown = await device.tab(ChildShownState, EMMA_LOG)
    await shown.load()
    with Session(db.engine()) as session:
        before = len(session.exec(select(Glimmer)).all())
    await shown.add_glimmer({"text": "Skrevet av barnet"})
    await shown.withdraw_consent()
    with Session(db.engine()) as session:
        assert len(session.exec(select(Glimmer)).all()) == before
    family = await device.tab(FamilyState, EMMA_LOG)
    assert redirect_path(await family.load()) == "/"


@pytest.mark.asyncio
async def test_only_a_guardian_or_the_holder_may_show_it(device):
    device.sign_in("Siri")  # an actor in Emma's log
    plan = await device.tab(PlanState, EMMA_LOG)
    await plan.load()
    assert plan.show_child_name == ""
    await plan.show_to_child()  # a crafted event
    with Session(db.engine()) as session:
        assert session.exec(select(LoginSession.child_log_id)).all() == [None]
        assert session.exec(select(AccessAttempt.action).where(AccessAttempt.log_id == int(EMMA_LOG))).all() == [
            "show_child_page"
        ]
    device.sign_in("Kari")  # the holder
    plan = await device.tab(PlanState, EMMA_LOG)
    await plan.load()
    assert plan.show_child_name == "Emma"


@pytest.mark.asyncio
async def test_the_shown_page_opens_only_in_child_mode(device):
    device.sign_in("Lise")
    assert redirect_path(await (await device.tab(ChildShownState, EMMA_LOG)).load()) == "/no-access"


@pytest.mark.asyncio
async def test_signing_out_ends_it_and_a_new_sign_in_is_ordinary(device):
    await shown_to_emma(device)
    with db.session_scope() as session:
        end_session(session, device.token)
    device.sign_in("Lise")
    assert await (await device.tab(PlanState, EMMA_LOG)).load() is None


@pytest.mark.asyncio
async def test_routes_refuse_the_shown_login_and_no_sign_in_goes_over_it(device):
    await shown_to_emma(device)
    client = TestClient(api, base_url="https://stafett.test")
    client.cookies.set(SESSION_COOKIE, device.token)
    with Session(db.engine()) as session:
        attachment = session.exec(select(Attachment)).first()
        lise_id = session.exec(select(Person.id).where(Person.first_name == "Lise")).one()
    if attachment is not None:
        assert client.get(f"/files/attachments/{attachment.id}").status_code == 404
    assert client.get("/logs/1/print.pdf").status_code == 404
    answer = client.post(
        "/auth/demo-login",
        data={"person_id": lise_id},
        headers={"Origin": "https://stafett.test"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/logs/1/child/shown"


@pytest.mark.asyncio
async def test_a_child_under_15_goes_from_the_list_straight_to_their_own_page(sign_in):
    # Told from the person read in the same trip as the header, also in a tab nobody had used yet.
    emma = await sign_in("Emma").get_state(MyLogsState)
    assert redirect_path(await emma.load()) == "/logs/1/child"
    kari = await sign_in("Kari").get_state(MyLogsState)
    assert await kari.load() is None and kari.rows
