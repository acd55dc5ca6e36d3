"""The messages page's handlers, called as a browser would, crafted calls included."""

import asyncio

import pytest
from sqlmodel import Session, func, select

from stafett_app import db
from stafett_app.models import Conversation, Message, MessageRevision
from stafett_app.pages.messages.state import MessagesState
from stafett_app.services import live
from stafett_app.state.session import SessionState
from tests.state.test_plan_state import redirect_path

EMMA_LOG, JONAS_LOG = "1", "2"


def count(model, *where) -> int:
    with Session(db.engine()) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


async def messages_state(root) -> MessagesState:
    state = await root.get_state(MessagesState)
    return state


async def _start_conversation(state: MessagesState, subject="Skoleveien", body="Hei alle sammen!") -> int:
    await state.start_new()
    state.set_new_value("subject", subject)
    state.set_new_value("body", body)
    await state.send_new()
    return count(Conversation)


@pytest.mark.asyncio
async def test_holder_starts_a_conversation_and_the_guardian_sees_it_unread(sign_in):
    kari = await messages_state(sign_in("Kari", log_id=EMMA_LOG))
    assert await kari.load() == MessagesState.listen
    assert kari.loaded and kari.child_first_name == "Emma" and kari.can_write
    await _start_conversation(kari)
    assert [c.subject for c in kari.conversations] == ["Skoleveien", "Frokost og skoleveien"]  # newest first
    assert not kari.composing

    lise_root = sign_in("Lise", log_id=EMMA_LOG)
    lise = await messages_state(lise_root)
    await lise.load()
    assert lise.conversations[0].unread == 1
    assert (await lise_root.get_state(SessionState)).unread_messages == 1
    await lise.open_conversation(lise.conversations[0].conversation_id)
    assert [m.body for m in lise.thread] == ["Hei alle sammen!"]
    assert lise.unread_messages == 0
    lise.set_draft("Takk, vi kommer.")
    await lise.send_reply()
    assert lise.draft == "" and [m.body for m in lise.thread][-1] == "Takk, vi kommer."


@pytest.mark.asyncio
async def test_the_reply_box_stays_empty_when_the_last_keystrokes_arrive_after_the_send(sign_in):
    """The box sends what is typed 300 ms after the last keystroke, and at once when it loses focus:
    clicking "Send" right after typing sends the reply and then, 300 ms later, the same text again.
    That late text must not fill the box again (seen in the browser: the reply stayed in the box)."""
    kari = await messages_state(sign_in("Kari", log_id=EMMA_LOG))
    await kari.load()
    await _start_conversation(kari)
    lise = await messages_state(sign_in("Lise", log_id=EMMA_LOG))
    await lise.load()
    await lise.open_conversation(lise.conversations[0].conversation_id)
    lise.set_draft("Takk, vi")  # what the debounce caught while she typed
    await lise.send_reply({"body": "Takk, vi kommer."})  # the form carries the whole text
    assert lise.draft == "" and lise.thread[-1].body == "Takk, vi kommer."
    kari.set_draft("Bra!")  # meanwhile someone else writes: a live reload is on its way to Lise
    await kari.open_conversation(lise._open_id)
    await kari.send_reply({"body": "Bra!"})
    lise.set_draft("Takk, vi kommer.")  # the late keystrokes of the reply already sent
    assert lise.draft == ""
    lise.set_draft("Takk, vi kommer. Og Emma")  # typing on is kept again
    assert lise.draft == "Takk, vi kommer. Og Emma"
    lise.set_draft("Takk, vi kommer.")  # and deleting back to the sent words is her own typing
    assert lise.draft == "Takk, vi kommer."


@pytest.mark.asyncio
async def test_empty_reply_keeps_nothing_lost_and_says_why(sign_in):
    kari = await messages_state(sign_in("Kari", log_id=EMMA_LOG))
    await kari.load()
    await _start_conversation(kari)
    await kari.open_conversation(kari.conversations[0].conversation_id)
    before = count(Message)
    kari.set_draft("   ")
    await kari.send_reply()
    assert kari.draft_error == "Dette feltet må fylles ut." and count(Message) == before
    await kari.start_new()
    kari.set_new_value("body", "Teksten jeg skrev")
    await kari.send_new()
    assert kari.composing and kari.new_values["body"] == "Teksten jeg skrev" and "subject" in kari.new_errors


@pytest.mark.asyncio
async def test_crafted_ids_are_refused(sign_in):
    kari = await messages_state(sign_in("Kari", log_id=EMMA_LOG))
    await kari.load()
    await _start_conversation(kari)
    conversation_id = kari.conversations[0].conversation_id
    # Per has no role in Emma's log: the page sends him away, and a crafted open is refused.
    per = await messages_state(sign_in("Per", log_id=EMMA_LOG))
    assert redirect_path(await per.load()) == "/no-access"
    await per.open_conversation(conversation_id)
    assert per.thread == [] and per.open_id == 0
    # Emma (10) has no messages page.
    emma = await messages_state(sign_in("Emma", log_id=EMMA_LOG))
    assert redirect_path(await emma.load()) == "/no-access"
    # A member id outside the log, sent from the browser, is not taken.
    await kari.start_new()
    kari.toggle_member(999, True)
    assert kari.chosen_ids == []


@pytest.mark.asyncio
async def test_correction_keeps_the_old_text(sign_in):
    kari = await messages_state(sign_in("Kari", log_id=EMMA_LOG))
    await kari.load()
    await _start_conversation(kari, body="Møtet er på tosdag.")
    await kari.open_conversation(kari.conversations[0].conversation_id)
    message_id = kari.thread[0].message_id
    kari.begin_correction(message_id)
    assert kari.correction_text == "Møtet er på tosdag."
    kari.set_correction_text("Møtet er på torsdag.")
    await kari.save_correction()
    assert kari.correcting_id == 0 and kari.thread[0].body == "Møtet er på torsdag." and kari.thread[0].corrected
    assert count(MessageRevision) == 1
    # Lise cannot correct Kari's message, whatever id she sends.
    lise = await messages_state(sign_in("Lise", log_id=EMMA_LOG))
    await lise.load()
    await lise.open_conversation(kari.conversations[0].conversation_id)
    lise.begin_correction(message_id)
    assert lise.correcting_id == 0
    lise.correcting_id = message_id  # as if the browser set the var
    lise.correction_text = "Endret av Lise"
    await lise.save_correction()
    assert count(MessageRevision) == 1


@pytest.mark.asyncio
async def test_minutes_template_fills_the_form(sign_in):
    kari = await messages_state(sign_in("Kari", log_id=EMMA_LOG))
    await kari.load()
    await kari.start_new()
    await kari.use_template("invitation")
    assert kari.new_values["subject"].startswith("Innkalling til samarbeidsmøte")
    assert "Åsen skole, møterom 2" in kari.new_values["body"] and kari.new_values["audience"] == "chosen"
    assert len(kari.chosen_ids) >= 3
    await kari.use_template("nonsense")
    assert kari.new_values["subject"].startswith("Innkalling")


@pytest.mark.asyncio
async def test_live_subscription_wakes_on_announce():
    async with live.subscribe(41) as subscription:
        asyncio.get_running_loop().call_later(0.05, live.announce, 41)
        assert await subscription.changed(timeout=2)
        assert not await subscription.changed(timeout=0.1)
    async with live.subscribe(42) as other:
        live.announce(41)
        assert not await other.changed(timeout=0.1)


@pytest.mark.asyncio
async def test_live_announcements_travel_through_redis(monkeypatch):
    """With several workers each worker's hub hears every announcement through Redis."""
    import redis

    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:6379/0")
    seen: list[bytes] = []
    probe = redis.Redis.from_url("redis://127.0.0.1:6379/0").pubsub()
    probe.subscribe(f"{live.CHANNEL_PREFIX}77")
    probe.get_message(timeout=1)  # the subscribe confirmation
    async with live.subscribe(77) as subscription:
        live.announce(77)
        assert await subscription.changed(timeout=3)
    message = probe.get_message(timeout=2)
    seen.append(message["data"])
    assert seen == [b"77"]  # it went through Redis, carrying only the log id


@pytest.mark.asyncio
async def test_a_long_conversation_shows_the_latest_and_earlier_on_request(sign_in, monkeypatch):
    monkeypatch.setattr("stafett_app.services.messages.MESSAGES_SHOWN", 3)
    kari = await messages_state(sign_in("Kari", log_id=EMMA_LOG))
    await kari.load()
    await _start_conversation(kari, body="Melding 1")
    await kari.open_conversation(kari.conversations[0].conversation_id)
    for n in range(2, 6):
        kari.set_draft(f"Melding {n}")
        await kari.send_reply()
    assert [m.body for m in kari.thread] == ["Melding 3", "Melding 4", "Melding 5"] and kari.earlier_count == 2
    await kari.show_earlier()
    assert kari.thread[0].body == "Melding 1" and kari.earlier_count == 0


@pytest.mark.asyncio
async def test_a_reconnect_keeps_the_open_conversation_and_the_typed_reply(sign_in):
    root = sign_in("Kari", log_id=EMMA_LOG)
    kari = await messages_state(root)
    await kari.load()
    await kari.open_conversation(kari.conversations[0].conversation_id)
    kari.set_draft("Halvferdig svar")
    await kari.load()  # the page loads again in the same tab
    assert kari.open_id != 0 and kari.draft == "Halvferdig svar" and kari.thread
    from reflex.istate.data import PageData

    root.rx_router_page = PageData(params={"log_id": JONAS_LOG})
    await kari.load()  # another log starts from its list
    assert kari.open_id == 0 and kari.draft == ""


@pytest.mark.asyncio
async def test_my_logs_shows_new_messages_per_log(sign_in):
    from stafett_app.pages.my_logs.state import MyLogsState

    kari = await messages_state(sign_in("Kari", log_id=EMMA_LOG))
    await kari.load()
    await _start_conversation(kari)
    siri = await sign_in("Siri").get_state(MyLogsState)
    await siri.load()
    emma_row = next(row for row in siri.rows if row.child_first_name == "Emma")
    assert emma_row.unread_messages == 3  # the seeded conversation's two, and the new one


@pytest.mark.asyncio
async def test_minutes_keystrokes_after_sending_are_ignored_not_refused(sign_in):
    """The debounced last keystrokes can reach the server after the minutes were sent (the editor
    closed): they change nothing and record no refused attempt."""
    from sqlmodel import Session, func, select

    from stafett_app import db
    from stafett_app.models import AccessAttempt
    from stafett_app.pages.plan.minutes_state import MinutesState

    state = await sign_in("Kari", log_id="1").get_state(MinutesState)
    await state.load()
    with Session(db.engine()) as session:
        before = session.exec(select(func.count()).select_from(AccessAttempt)).one()
    assert await state.save_text("Sent already") is None
    with Session(db.engine()) as session:
        assert session.exec(select(func.count()).select_from(AccessAttempt)).one() == before
