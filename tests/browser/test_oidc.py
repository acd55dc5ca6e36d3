"""A guardian and a teacher sign in and out through a real OpenID provider (set up like ID-porten),
at phone and tablet size. The app runs with the provider configured, so demo sign-in is off."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from stafett_app.db import make_engine
from stafett_app.models import Person
from stafett_app.services.identity import set_national_id
from tests.browser.conftest import (
    AppServer,
    _free_port,
    _reflex_env,
    copy_of_the_app,
    start_app_server,
    stop_app_server,
    watched_page,
)
from tests.browser.helpers import LANDING_HEADING
from tests.oidc.conftest import CLIENT_ID, IDENTITY_KEY, start_provider

pytestmark = pytest.mark.browser

PEOPLE = {
    "Lise Andersen": ("15076500565", "idporten-loa-substantial"),
    "Kari Nilsen": ("41019012393", "idporten-loa-high"),
}


@pytest.fixture(scope="module")
def oidc_app_server(request) -> Iterator[AppServer]:
    """The app with the local provider as its identity provider (a second server next to the demo one)."""
    workdir = Path(tempfile.mkdtemp(prefix="stafett-oidc-"))
    port = _free_port()
    provider_process, op = start_provider(workdir, f"http://127.0.0.1:{port}")
    db_url = f"sqlite:///{workdir / 'stafett.db'}"
    env = _reflex_env(db_url)
    env.update(
        STAFETT_OIDC_ISSUER=op.issuer,
        STAFETT_OIDC_CLIENT_ID=CLIENT_ID,
        STAFETT_OIDC_CLIENT_KEY=op.client_private_jwk,
        STAFETT_PUBLIC_URL=op.public_url,
        STAFETT_IDENTITY_KEY=IDENTITY_KEY,
        STAFETT_SECURE_COOKIES="0",  # plain http on this machine
    )
    server = start_app_server(copy_of_the_app(workdir), env, workdir, port=port)
    with pytest.MonkeyPatch.context() as patch:  # staff have entered the two people's numbers
        patch.setenv("STAFETT_IDENTITY_KEY", IDENTITY_KEY)
        engine = make_engine(db_url)
        with Session(engine) as session:
            for full_name, (pid, _) in PEOPLE.items():
                first_name = full_name.split()[0]
                set_national_id(session, session.exec(select(Person).where(Person.first_name == first_name)).one(), pid)
            session.commit()
        engine.dispose()
    yield server
    stop_app_server(request, server, workdir)
    provider_process.terminate()
    provider_process.wait(timeout=10)


@pytest.fixture
def oidc_page(request, browser: Browser, oidc_app_server: AppServer, viewport: str) -> Iterator[Page]:
    with watched_page(request, browser, oidc_app_server, viewport) as page:
        yield page


def sign_in_with_provider(page: Page, full_name: str) -> None:
    pid, acr = PEOPLE[full_name]
    page.goto("/")
    expect(page.get_by_role("heading", level=1, name="Logg inn i Stafett")).to_be_visible()
    expect(page.locator(".demo-person")).to_have_count(0)  # no demo sign-in next to a real provider
    page.get_by_role("button", name="Logg inn med ID-porten").click()
    expect(page.get_by_role("heading", name="Test-ID-porten")).to_be_visible()
    page.get_by_label("Fødselsnummer").fill(pid)
    page.get_by_label("Nivå").select_option(acr)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(re.compile(r"/logs(/\d+/family)?/?$"))  # a guardian with one log lands on her plan
    expect(page.get_by_role("heading", level=1, name=LANDING_HEADING)).to_be_visible()
    expect(page.locator(".app-header")).to_contain_text(full_name)
    assert pid not in page.url and pid not in page.content()


def sign_out_at_provider(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.get_by_role("button", name="Ja, logg ut").click()  # the provider asks, as ID-porten may
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/$"))
    expect(page.get_by_role("heading", level=1, name="Logg inn i Stafett")).to_be_visible()
    page.goto("/logs")  # the session is gone on the server
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/$"))


def test_guardian_and_teacher_sign_in_and_out_through_the_provider(oidc_page: Page):
    for full_name in PEOPLE:
        sign_in_with_provider(oidc_page, full_name)
        sign_out_at_provider(oidc_page)
    # Signed out of the provider too: the next sign-in asks for the number again.
    oidc_page.get_by_role("button", name="Logg inn med ID-porten").click()
    expect(oidc_page.get_by_label("Fødselsnummer")).to_be_visible()
