"""The notice settings page's handlers, crafted calls included."""

import pytest
from sqlmodel import Session, select

from stafett_app import db
from stafett_app.domain.notifications import PERSONAL_KINDS, Channel, EventKind
from stafett_app.models import NotificationChoice, Person
from stafett_app.pages.notification_settings.state import NotificationSettingsState
from stafett_app.services.notification_delivery import current_choices
from tests.state.test_plan_state import redirect_path


async def settings_state(root) -> NotificationSettingsState:
    return await root.get_state(NotificationSettingsState)


def stored(first_name: str) -> dict[str, tuple[bool, bool]]:
    with Session(db.engine()) as session:
        person = session.exec(select(Person).where(Person.first_name == first_name)).one()
        rows = session.exec(select(NotificationChoice).where(NotificationChoice.person_id == person.id)).all()
        return {r.kind: (r.email, r.push) for r in rows}


@pytest.mark.asyncio
async def test_load_shows_defaults_and_the_address(sign_in):
    state = await settings_state(sign_in("Lise"))
    assert await state.load() is None and state.loaded
    assert state.email_address == "lise@elvdal.example"
    assert state.email == {
        "invitation": True,
        "message": True,
        "glimmer": False,
        "meeting": True,
        "evaluation_due": True,
        # The relay's notices: a consent asked, a handover, being removed, a deletion request.
        "consent": True,
        "handover": True,
        "removed": True,
        "deletion": True,
    }
    assert set(state.push) == {k.value for k in PERSONAL_KINDS}
    assert all(on for kind, on in state.push.items() if kind != "removed")  # being removed: e-mail only


@pytest.mark.asyncio
async def test_switches_change_nothing_until_saved_then_are_kept(sign_in, person_id):
    state = await settings_state(sign_in("Lise"))
    await state.load()
    state.toggle("glimmer", "email", True)
    state.toggle("meeting", "push", False)
    assert stored("Lise") == {}
    assert await state.save() is not None  # the "saved" toast
    assert stored("Lise")["glimmer"] == (True, True) and stored("Lise")["meeting"] == (True, False)
    with Session(db.engine()) as session:
        chosen = current_choices(session, person_id("Lise"))
    assert chosen[EventKind.GLIMMER] == {Channel.EMAIL, Channel.PUSH} and chosen[EventKind.MEETING] == {Channel.EMAIL}

    again = await settings_state(sign_in("Lise"))
    await again.load()
    assert again.email["glimmer"] is True and again.push["meeting"] is False


@pytest.mark.asyncio
async def test_unknown_kinds_and_channels_are_refused(sign_in):
    state = await settings_state(sign_in("Lise"))
    await state.load()
    before = (dict(state.email), dict(state.push))
    assert state.toggle("salary", "email", True) is not None
    assert state.toggle("glimmer", "sms", True) is not None
    assert (dict(state.email), dict(state.push)) == before
    state.email["salary"] = True  # as if the browser had smuggled a kind in
    await state.save()
    assert stored("Lise") == {}  # nothing stored at all


@pytest.mark.asyncio
async def test_each_person_saves_only_their_own(sign_in):
    lise = await settings_state(sign_in("Lise"))
    await lise.load()
    lise.toggle("message", "email", False)
    await lise.save()
    assert stored("Lise")["message"] == (False, True) and stored("Kari") == {}


@pytest.mark.asyncio
async def test_signed_out_is_sent_to_sign_in(sign_in):
    state = await settings_state(sign_in(None))
    assert redirect_path(await state.load()) == "/"
    assert redirect_path(await state.save()) == "/"
