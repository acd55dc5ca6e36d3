"""Notice rules and content: channels by default and by choice, what an e-mail and a push
message say (and nothing more), delivery settings, and the service worker's push handlers."""

import inspect
import json
import shutil
import subprocess
from datetime import date

import pytest

from stafett_app import pwa
from stafett_app.domain.notifications import (
    DEFAULT_CHANNELS,
    Channel,
    EventKind,
    channels_for,
    evaluation_reminder_day,
    notice_for,
)
from stafett_app.services import mailer, web_push
from stafett_app.settings import get_settings

SETTINGS_ENV = (
    "STAFETT_SMTP_HOST",
    "STAFETT_SMTP_PORT",
    "STAFETT_SMTP_TLS",
    "STAFETT_MAIL_FROM",
    "STAFETT_VAPID_SUBJECT",
    "STAFETT_NOTIFY_INTERVAL",
    "STAFETT_PUSH_ALLOW_LOCAL",
    "STAFETT_PUBLIC_URL",
)


@pytest.fixture
def clean_env(monkeypatch):
    for name in SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_every_kind_has_defaults_and_lysglimt_only_push():
    assert set(DEFAULT_CHANNELS) == set(EventKind)
    assert channels_for(EventKind.GLIMMER, None) == {Channel.PUSH}
    assert channels_for(EventKind.MESSAGE, None) == {Channel.EMAIL, Channel.PUSH}


@pytest.mark.parametrize(
    "chosen,expected",
    [
        ((True, True), {Channel.EMAIL, Channel.PUSH}),
        ((True, False), {Channel.EMAIL}),
        ((False, True), {Channel.PUSH}),
        ((False, False), set()),
    ],
)
def test_a_choice_replaces_the_default(chosen, expected):
    assert channels_for(EventKind.GLIMMER, chosen) == expected


def test_notice_is_keys_and_an_in_app_path_only():
    notice = notice_for(EventKind.MEETING, "/calendar")
    assert (notice.subject_key, notice.body_key, notice.link) == ("notify.meeting.subject", "notify.body", "/calendar")
    for outside in ("https://example.com/", "//example.com/", "calendar", ""):
        with pytest.raises(ValueError):
            notice_for(EventKind.MEETING, outside)


def test_reminder_day_is_three_days_before():
    assert evaluation_reminder_day(date(2026, 3, 5)) == date(2026, 3, 2)


def test_email_content_in_three_languages(clean_env):
    clean_env.setenv("STAFETT_PUBLIC_URL", "https://stafett.elvdal.example/")
    clean_env.setenv("STAFETT_MAIL_FROM", "stafett@elvdal.example")
    settings = get_settings()
    subjects = {}
    for lang in ("nb", "nn", "en"):
        message = mailer.compose(settings, "lise@elvdal.example", lang, EventKind.EVALUATION_DUE, "/logs/1")
        subjects[lang] = message["Subject"]
        body = message.get_content()
        assert body.splitlines()[1] == "https://stafett.elvdal.example/logs/1"
        assert "https://stafett.elvdal.example/settings/notifications" in body
        assert message["To"] == "lise@elvdal.example" and message["From"] == "stafett@elvdal.example"
        assert message["Auto-Submitted"] == "auto-generated" and message.get_content_type() == "text/plain"
        assert message.get_content_charset() == "utf-8"
    assert subjects == {
        "nb": "Evaluering om tre dager i Stafett",
        "nn": "Evaluering om tre dagar i Stafett",
        "en": "Evaluation in three days in Stafett",
    }


def test_nothing_but_kind_link_and_language_goes_into_a_notice():
    """The senders cannot be handed a name or a text: there is no parameter for one (the practice
    mark is a yes or no)."""
    compose, payload = inspect.signature(mailer.compose), inspect.signature(web_push.payload)
    assert list(compose.parameters) == ["settings", "to_address", "lang", "kind", "link", "practice"]
    assert list(payload.parameters) == ["lang", "kind", "link", "practice"]
    assert compose.parameters["practice"].annotation is bool and payload.parameters["practice"].annotation is bool


def test_a_practice_notice_says_so_in_subject_body_and_push():
    settings = get_settings()
    message = mailer.compose(settings, "kari@example.no", "nb", EventKind.CONSENT, "/logs", practice=True)
    assert (
        message["Subject"]
        == "ØVING: " + mailer.compose(settings, "k@example.no", "nb", EventKind.CONSENT, "/logs")["Subject"]
    )
    assert "Ingen ekte familie eller kollega har fått beskjed" in message.get_content()
    assert json.loads(web_push.payload("en", EventKind.GLIMMER, "/logs", practice=True))["body"].startswith(
        "PRACTICE: "
    )
    assert not json.loads(web_push.payload("en", EventKind.GLIMMER, "/logs"))["body"].startswith("PRACTICE")


def test_push_payload():
    assert json.loads(web_push.payload("nn", EventKind.INVITATION, "/logs")) == {
        "title": "Stafett",
        "body": "Du er lagd til i ein stafettlogg",
        "url": "/logs",
    }
    with pytest.raises(ValueError):
        web_push.payload("nb", EventKind.MESSAGE, "https://evil.example/")


def test_delivery_settings(clean_env):
    settings = get_settings()
    assert not settings.email_configured and settings.smtp_tls == "starttls" and settings.smtp_port == 587
    assert settings.notify_interval == 15 and not settings.push_allow_local
    assert settings.vapid_subject == "mailto:stafett@localhost"
    clean_env.setenv("STAFETT_SMTP_HOST", "smtp.elvdal.example")
    clean_env.setenv("STAFETT_SMTP_TLS", "ssl")
    clean_env.setenv("STAFETT_MAIL_FROM", "stafett@elvdal.example")
    clean_env.setenv("STAFETT_NOTIFY_INTERVAL", "1")
    settings = get_settings()
    assert settings.email_configured and settings.smtp_port == 465 and settings.notify_interval == 1
    assert settings.vapid_subject == "mailto:stafett@elvdal.example"
    clean_env.setenv("STAFETT_SMTP_TLS", "maybe")
    with pytest.raises(ValueError):
        get_settings()


# --- the service worker's push handlers, run in Node -----------------------------------------

PUSH_HARNESS = r"""
const vm = require("vm");
const fs = require("fs");
const ORIGIN = "https://stafett.example.no";
const listeners = {};
const shown = [];
const opened = [];
const navigated = [];
let windows = JSON.parse(process.argv[3]);
const self = {
  location: new URL(ORIGIN + "/sw.js"),
  addEventListener(type, listener) { (listeners[type] = listeners[type] || []).push(listener); },
  registration: { showNotification(title, options) { shown.push({ title, ...options }); return Promise.resolve(); } },
  clients: {
    claim() { return Promise.resolve(); },
    async matchAll() {
      return windows.map((url) => ({
        url,
        async focus() { return { url, async navigate(to) { navigated.push(to); } }; },
      }));
    },
    async openWindow(url) { opened.push(url); },
  },
};
const sandbox = { self, caches: {}, fetch() {}, Request: class {}, Response, Headers, URL, console };
vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8"), sandbox);

async function fire(type, event) {
  const waits = [];
  listeners[type].forEach((listener) => listener({ ...event, waitUntil(p) { waits.push(p); } }));
  await Promise.all(waits);
}

(async () => {
  const payload = JSON.parse(process.argv[4]);
  await fire("push", { data: { json() { if (payload === null) throw new SyntaxError("x"); return payload; } } });
  let closed = false;
  await fire("notificationclick", { notification: { data: shown[0].data, close() { closed = true; } } });
  console.log(JSON.stringify({ shown, opened, navigated, closed }));
})().catch((error) => { console.error(error); process.exit(1); });
"""


@pytest.fixture(scope="module")
def run_worker(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed")
    folder = tmp_path_factory.mktemp("sw-push")
    (folder / "sw.js").write_text(pwa.service_worker_js())
    (folder / "harness.js").write_text(PUSH_HARNESS)

    def run(payload, windows):
        result = subprocess.run(
            [node, str(folder / "harness.js"), str(folder / "sw.js"), json.dumps(windows), json.dumps(payload)],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    return run


def test_worker_shows_the_notice_and_opens_its_page(run_worker):
    out = run_worker({"title": "Stafett", "body": "Nytt lysglimt i Stafett", "url": "/logs/1/family"}, [])
    [notice] = out["shown"]
    assert (notice["title"], notice["body"], notice["icon"]) == (
        "Stafett",
        "Nytt lysglimt i Stafett",
        "/icons/icon-192.png",
    )
    assert out["opened"] == ["https://stafett.example.no/logs/1/family"] and out["closed"]


def test_worker_brings_an_open_window_to_the_page(run_worker):
    out = run_worker({"title": "Stafett", "body": "x", "url": "/calendar"}, ["https://stafett.example.no/logs/"])
    assert out["navigated"] == ["https://stafett.example.no/calendar"] and out["opened"] == []


@pytest.mark.parametrize("payload", [{"title": "Stafett", "body": "x", "url": "https://evil.example/phish"}, None])
def test_worker_never_leaves_the_app_and_survives_a_broken_payload(run_worker, payload):
    out = run_worker(payload, [])
    assert out["shown"][0]["title"] == "Stafett"
    assert out["opened"] == ["https://stafett.example.no/logs/"]
