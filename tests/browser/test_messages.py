"""Secure messages in real browsers: live delivery to a second person, corrections with history,
minutes sent as a message. At phone and tablet size."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

from stafett_app.db import make_engine
from stafett_app.domain.dates import utcnow
from tests.browser.conftest import new_context
from tests.browser.helpers import EVENT_TIMEOUT, sign_in
from tests.notify_helpers import wait_until

pytestmark = pytest.mark.browser
LIVE_TIMEOUT = 10_000  # a message must show up without reloading within this many ms


def open_messages(page: Page, log_id: int = 1) -> None:
    page.goto(f"/logs/{log_id}/messages")
    expect(page.get_by_role("heading", level=1, name=re.compile("Meldinger"))).to_be_visible()


def start_conversation(page: Page, subject: str, body: str) -> None:
    page.locator(".new-conversation").click()
    page.get_by_label("Emne").fill(subject)
    page.get_by_label("Melding", exact=True).fill(body)
    page.locator(".send-new").click()
    expect(page.locator(".thread-panel").get_by_role("heading", name=subject)).to_be_visible(timeout=EVENT_TIMEOUT)


# Keeps what the page sends over its socket, so a test can wait until an event has left the browser.
RECORD_SENT_EVENTS = """() => {
    window.__sentEvents = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
        window.__sentEvents.push(String(data));
        return send.call(this, data);
    };
}"""


def send_reply_at_once(page: Page, text: str) -> None:
    """Type a reply and press "Send" straight away, as people do. The box hands what was typed to
    the server 300 ms after the last keystroke, and at once when it loses focus: that event goes out
    after the send. Returns when the server has handled it too (the page must record its events)."""
    page.get_by_label("Svar").fill(text)
    page.locator(".send-reply").click()
    page.wait_for_function(
        "text => window.__sentEvents.some(e => e.includes('.set_draft') && e.includes(JSON.stringify(text)))",
        arg=text,
        timeout=EVENT_TIMEOUT,
    )
    # One tab's events are handled in order: once a later event is answered, so is the one above.
    mine = page.locator("[data-testid=message]").filter(has_text=text)
    mine.locator(".correct-message").click()
    expect(page.get_by_label("Rett meldingen din")).to_be_visible(timeout=EVENT_TIMEOUT)


def test_message_arrives_live_in_a_second_browser(page, browser, app_server, viewport):
    sign_in(page, "Kari Nilsen")
    open_messages(page)
    other = new_context(browser, app_server, viewport)
    try:
        lise = other.new_page()
        lise.add_init_script(f"({RECORD_SENT_EVENTS})()")
        sign_in(lise, "Lise Andersen")
        open_messages(lise)
        subject = f"Skoleveien ({viewport})"
        start_conversation(page, subject, "Hei! Emma kom tidsnok hver dag denne uka.")

        # Lise's open page shows it without a reload, marked unread.
        row = lise.locator("[data-testid=conversation-row]").filter(has_text=subject)
        expect(row).to_be_visible(timeout=LIVE_TIMEOUT)
        expect(row.locator(".unread-badge")).to_have_text("1")
        row.get_by_role("button").click()
        expect(lise.locator("[data-testid=message]").filter(has_text="tidsnok")).to_be_visible()
        expect(row.locator(".unread-badge")).to_have_count(0)

        # Her answer reaches Kari's open conversation live too, and her box is empty again, also
        # after the last keystrokes reached the server behind the send.
        send_reply_at_once(lise, "Så fint! Takk for at dere følger med.")
        expect(page.locator("[data-testid=message]").filter(has_text="Takk for at dere følger med")).to_be_visible(
            timeout=LIVE_TIMEOUT
        )
        expect(lise.get_by_label("Svar")).to_have_value("")
    finally:
        other.close()


def test_sender_corrects_a_typo_and_the_history_shows_it(page, browser, app_server, viewport):
    sign_in(page, "Kari Nilsen")
    open_messages(page)
    start_conversation(page, f"Møtetid ({viewport})", "Vi møtes på tosdag.")
    message = page.locator("[data-testid=message]").filter(has_text="tosdag")
    message.locator(".correct-message").click()
    page.get_by_label("Rett meldingen din").fill("Vi møtes på torsdag.")
    page.locator(".save-correction").click()
    corrected = page.locator("[data-testid=message]").filter(has_text="Vi møtes på torsdag.")
    expect(corrected).to_contain_text("Rettet av avsenderen.")

    other = new_context(browser, app_server, viewport)
    try:
        siri = other.new_page()
        sign_in(siri, "Siri Berg")
        open_messages(siri)
        siri.locator("[data-testid=conversation-row]").filter(has_text=f"Møtetid ({viewport})").get_by_role(
            "button"
        ).click()
        seen = siri.locator("[data-testid=message]").filter(has_text="Vi møtes på torsdag.")
        expect(seen.locator(".correct-message")).to_have_count(0)  # only the sender corrects
        seen.get_by_text("Vis teksten før rettingen").click()
        expect(seen.locator(".old-text")).to_contain_text("Vi møtes på tosdag.")
    finally:
        other.close()


def test_the_child_and_strangers_have_no_messages_page(page, viewport):
    sign_in(page, "Per Hansen")
    page.goto("/logs/1/messages")
    page.wait_for_url(re.compile(r"/no-access/?$"))


@contextmanager
def seeded_meeting_in_the_past(db_url: str) -> Iterator[None]:
    """Emma's meeting began half an hour ago, with no minutes yet; afterwards it is put back as
    seeded, so the other browser tests (a meeting to move or cancel) find it in the future."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        seeded = (
            conn.execute(text("SELECT id, starts_at, minutes, minutes_sent_at FROM meeting WHERE log_id = 1"))
            .mappings()
            .all()
        )
        conn.execute(
            text("UPDATE meeting SET starts_at = :at, minutes_sent_at = NULL, minutes = '' WHERE log_id = 1"),
            {"at": utcnow() - timedelta(minutes=30)},
        )
    try:
        yield
    finally:
        with engine.begin() as conn:
            for row in seeded:
                conn.execute(
                    text(
                        "UPDATE meeting SET starts_at = :starts_at, minutes = :minutes, "
                        "minutes_sent_at = :minutes_sent_at WHERE id = :id"
                    ),
                    dict(row),
                )
        engine.dispose()


def _minutes_in_emmas_log(db_url: str) -> list[str]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT minutes FROM meeting WHERE log_id = 1")).scalars())
    finally:
        engine.dispose()


def test_minutes_written_in_the_log_and_sent_as_a_message(page, browser, app_server, viewport):
    with seeded_meeting_in_the_past(app_server.db_url):
        sign_in(page, "Kari Nilsen")
        page.goto("/logs/1")
        panel = page.locator(".minutes-panel")
        expect(panel).to_be_visible()
        panel.locator(".write-minutes").first.click()
        box = panel.get_by_label("Referat", exact=True)
        expect(box).to_have_value(re.compile(r"^Til stede: Kari Nilsen"))
        typed = f"Til stede: Kari, Lise og Mona.\n\nDette gjør vi videre: Mona møter Emma klokka 08.10 ({viewport})."
        box.fill(typed)
        # Saved as typed (debounced): wait until the server has it, so no save comes after the send.
        assert wait_until(lambda: typed in _minutes_in_emmas_log(app_server.db_url), timeout=EVENT_TIMEOUT / 1000)
        panel.locator(".send-minutes").click()
        expect(panel.get_by_text("Referatet er sendt som melding.").first).to_be_visible(timeout=EVENT_TIMEOUT)

        other = new_context(browser, app_server, viewport)
        try:
            lise = other.new_page()
            sign_in(lise, "Lise Andersen")
            open_messages(lise)
            lise.locator("[data-testid=conversation-row]").filter(
                has_text="Referat fra samarbeidsmøtet"
            ).first.get_by_role("button").click()
            minutes = lise.locator("[data-testid=message]").filter(has_text=f"08.10 ({viewport})")
            expect(minutes).to_contain_text("Referat")
        finally:
            other.close()


def test_writing_and_reading_pass_axe(page, viewport):
    from tests.browser.test_accessibility import axe_violations

    sign_in(page, "Kari Nilsen")
    open_messages(page)
    page.locator(".new-conversation").click()
    page.get_by_label("Bare de jeg velger").click()
    found = axe_violations(page, "new conversation")
    page.get_by_label("Emne").fill(f"Axe ({viewport})")
    page.get_by_label("Melding", exact=True).fill("Hei")
    page.locator(".send-new").click()
    # Nobody chosen: the form says so and keeps what was typed.
    expect(page.get_by_role("alert")).to_have_text("Velg minst én person.")
    expect(page.get_by_label("Emne")).to_have_value(f"Axe ({viewport})")
    found += axe_violations(page, "new conversation with an error")
    page.get_by_role("checkbox", name="Siri Berg").click()
    page.locator(".send-new").click()
    expect(page.locator(".thread-panel")).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(page.locator("[data-testid=conversation-row]").filter(has_text=f"Axe ({viewport})")).to_contain_text("Siri")
    found += axe_violations(page, "open conversation")
    assert not found, "\n".join(found)
