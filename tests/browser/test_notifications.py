"""Notices end to end: a person's choices on the settings page, an e-mail arriving at a real SMTP
server, and a Web Push message arriving at a push service, none of them naming the child."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

from stafett_app.db import make_engine
from stafett_app.domain.notifications import PERSONAL_KINDS
from tests.browser.conftest import new_context
from tests.browser.helpers import open_log, sign_in
from tests.notify_helpers import BrowserKeys, PushService, wait_until

pytestmark = pytest.mark.browser

LISE = "lise@elvdal.example"
CHILD_WORDS = ("Emma", "Andersen")  # Lise shares the surname, but it is in no notice either


@pytest.fixture(scope="module")
def push_service() -> Iterator[PushService]:
    service = PushService()
    yield service
    service.stop()


def open_settings(page: Page) -> None:
    """From "Mine logger", the link at the bottom (a guardian with one log lands on her plan: back to the list)."""
    if not re.search(r"/logs/?$", page.url):
        page.goto("/logs")
    page.get_by_role("link", name=re.compile("Varsler")).click()
    page.wait_for_url(re.compile(r"/settings/notifications/?$"))
    expect(page.get_by_role("heading", level=1, name="Varsler")).to_be_visible()


def switch(page: Page, kind_label: str, channel_label: str):
    return page.get_by_role("switch", name=f"{kind_label} – {channel_label}")


def set_switch(page: Page, kind_label: str, channel_label: str, on: bool) -> None:
    control = switch(page, kind_label, channel_label)
    if (control.get_attribute("aria-checked") == "true") != on:
        # The words next to the switch are part of its label: a tap there works too.
        page.locator("label.channel-choice").filter(has=control).get_by_text(channel_label, exact=True).click()
    expect(control).to_have_attribute("aria-checked", "true" if on else "false")


def save_choices(page: Page) -> None:
    page.get_by_role("button", name="Lagre valgene").click()
    expect(page.get_by_text("Valgene for varsler er lagret.").first).to_be_visible()


def write_glimmer_as_kari(browser, app_server, viewport: str, text: str) -> None:
    context = new_context(browser, app_server, viewport)
    try:
        kari = context.new_page()
        sign_in(kari, "Kari Nilsen")
        open_log(kari, "Emma")
        card = kari.locator("[data-testid=glimmer-card]")
        card.get_by_label("Skriv et lysglimt").fill(text)
        card.get_by_role("button", name="Del lysglimtet").click()
        expect(card.locator(".glimmer").first).to_contain_text(text)
    finally:
        context.close()


def _notice_ids_after(db_url: str, last_id: int) -> list[tuple[int, bool]]:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, sent_at IS NOT NULL FROM notification WHERE id > :id"), {"id": last_id}
            )
            return [(row[0], bool(row[1])) for row in rows]
    finally:
        engine.dispose()


def _last_notice_id(db_url: str) -> int:
    return max((notice_id for notice_id, _sent in _notice_ids_after(db_url, 0)), default=0)


def _all_sent_after(db_url: str, last_id: int) -> bool:
    """New notices exist and the sender has handled every one of them."""
    new = _notice_ids_after(db_url, last_id)
    return bool(new) and all(sent for _id, sent in new)


def test_choices_are_saved_and_kept(page, viewport):
    sign_in(page, "Lise Andersen")
    open_settings(page)
    expect(page.locator(".email-address")).to_contain_text(LISE)
    expect(page.get_by_text("Det står aldri navn")).to_be_visible()
    expect(page.locator(".notice-kind")).to_have_count(len(PERSONAL_KINDS))
    # Different on each screen size, so the second run changes what the first one saved.
    invitation_push = viewport == "tablet"
    set_switch(page, "Nye lysglimt", "E-post", True)
    set_switch(page, "Du blir lagt til i en logg", "Varsel på telefonen", invitation_push)
    save_choices(page)

    page.reload()
    expect(page.locator(".notice-kind")).to_have_count(len(PERSONAL_KINDS))
    expect(switch(page, "Nye lysglimt", "E-post")).to_have_attribute("aria-checked", "true")
    expect(switch(page, "Du blir lagt til i en logg", "Varsel på telefonen")).to_have_attribute(
        "aria-checked", "true" if invitation_push else "false"
    )
    expect(switch(page, "Nye meldinger", "E-post")).to_have_attribute("aria-checked", "true")  # default, untouched


def test_a_lysglimt_reaches_the_guardian_by_email_without_the_childs_name(
    page, browser, app_server, mail_server, viewport
):
    sign_in(page, "Lise Andersen")
    open_settings(page)
    set_switch(page, "Nye lysglimt", "E-post", True)  # lysglimt come only as push unless one chooses e-mail
    save_choices(page)
    before = len(mail_server.to(LISE))

    text = f"Emma bar sekken selv hele veien til skolen ({viewport})"
    write_glimmer_as_kari(browser, app_server, viewport, text)

    new = wait_until(lambda: [m for m in mail_server.to(LISE)[before:] if m.subject == "Nytt lysglimt i Stafett"])
    assert len(new) == 1, f"expected one e-mail to Lise, got {[m.subject for m in mail_server.to(LISE)[before:]]}"
    mail = new[0]
    assert mail.text.startswith("Du har noe nytt i Stafett. Logg inn for å se det:")
    assert "http://localhost:3000/logs/1/family" in mail.text.splitlines()
    assert "/settings/notifications" in mail.text
    whole = mail.raw.decode("utf-8", errors="replace") + mail.subject + mail.text
    for word in (*CHILD_WORDS, "sekken", "skolen", "Kari"):
        assert word not in whole, f"{word!r} is in the e-mail"


PUSH_STUB = """(subscription) => {
    // Headless Chromium has no push service of its own: the browser part of subscribing is
    // played here, with keys the test holds, so the test can read what the server sends.
    window.__applicationServerKeys = [];
    const made = () => ({
        endpoint: subscription.endpoint,
        toJSON() { return subscription; },
        async unsubscribe() { sessionStorage.removeItem("stubSubscribed"); return true; },
    });
    PushManager.prototype.getSubscription = async function () {
        return sessionStorage.getItem("stubSubscribed") ? made() : null;
    };
    PushManager.prototype.subscribe = async function (options) {
        const key = new Uint8Array(options.applicationServerKey);
        const base64 = btoa(String.fromCharCode(...key));
        window.__applicationServerKeys.push(base64.replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, ""));
        sessionStorage.setItem("stubSubscribed", "1");
        return made();
    };
}"""


def test_turning_on_notices_on_a_device_and_receiving_one(page, browser, app_server, push_service, viewport):
    keys = BrowserKeys.new()
    path = f"/push/lise-{viewport}"
    subscription = keys.subscription(push_service.url + path)
    page.context.grant_permissions(["notifications"])
    page.add_init_script(f"({PUSH_STUB})({json.dumps(subscription)})")

    sign_in(page, "Lise Andersen")
    open_settings(page)
    button = page.get_by_role("button", name="Skru på varsler her")
    expect(button).to_be_visible()
    expect(page.get_by_text("Denne nettleseren kan ikke vise varsler")).to_be_hidden()
    button.click()
    expect(page.get_by_role("status")).to_have_text("Varsler er skrudd på for denne enheten.")
    server_key = page.request.get("/push/public-key").json()["publicKey"]
    assert page.evaluate("window.__applicationServerKeys") == [server_key]

    text = f"Emma løste alle gangestykkene ({viewport})"
    write_glimmer_as_kari(browser, app_server, viewport, text)
    [request] = wait_until(lambda: push_service.to(path))
    notice = keys.decrypt(request.body)
    assert notice == {"title": "Stafett", "body": "Nytt lysglimt i Stafett", "url": "/logs/1/family"}
    assert request.headers["authorization"].startswith("vapid t=")

    # Signing out forgets the device (a shared tablet): nothing more is sent to it.
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.evaluate("sessionStorage.getItem('stubSubscribed')") is None
    before = _last_notice_id(app_server.db_url)
    write_glimmer_as_kari(browser, app_server, viewport, f"Enda et lysglimt ({viewport})")
    # The sender has handled the notices of the second lysglimt: still only the first push.
    assert wait_until(lambda: _all_sent_after(app_server.db_url, before)), "the new notices were not handled"
    assert len(push_service.to(path)) == 1


def test_without_web_push_the_button_is_hidden_and_the_page_says_why(page, viewport):
    page.add_init_script("delete window.PushManager")
    sign_in(page, "Lise Andersen")
    open_settings(page)
    expect(page.get_by_text("Denne nettleseren kan ikke vise varsler")).to_be_visible()
    expect(page.get_by_role("button", name="Skru på varsler her")).to_be_hidden()
