"""The production mode: PostgreSQL, Reflex's Redis state manager and two server workers, each
running the notice sender.

The server runs from a copy of the project (its own .web build), so it does not disturb the
default server of the other browser tests.
"""

import pickle
import tempfile
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from playwright.sync_api import expect
from sqlalchemy import text
from sqlmodel import Session, col, select

from stafett_app.db import make_engine
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.notifications import EventKind
from stafett_app.models import Concern, Goal, Measure, Notification, Person, ReminderSent, StafettLog
from tests.browser.conftest import (
    AppServer,
    _reflex_env,
    copy_of_the_app,
    new_context,
    start_app_server,
    stop_app_server,
    watched_page,
)
from tests.browser.helpers import add_concern, open_log, open_tree, sign_in
from tests.conftest import POSTGRES_ADMIN_URL
from tests.notify_helpers import wait_until

REDIS_URL = "redis://127.0.0.1:6379/7"


@pytest.fixture(scope="module")
def production_server(request, mail_server) -> Iterator[AppServer]:
    workdir = Path(tempfile.mkdtemp(prefix="stafett-production-"))
    app_dir = copy_of_the_app(workdir)
    schema = f"browser_{uuid.uuid4().hex[:8]}"
    admin = make_engine(POSTGRES_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    env = _reflex_env(f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}", mail_server)
    redis.Redis.from_url(REDIS_URL).flushdb()
    env.update(REFLEX_REDIS_URL=REDIS_URL, GRANIAN_WORKERS="2")
    server = start_app_server(app_dir, env, workdir)
    yield server
    stop_app_server(request, server, workdir)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.mark.browser
@pytest.mark.postgres
@pytest.mark.parametrize("viewport", ["phone", "tablet"])
def test_holder_change_reaches_the_guardian_with_two_workers(request, browser, production_server, viewport):
    with watched_page(request, browser, production_server, viewport) as page:
        sign_in(page, "Kari Nilsen")
        open_log(page, "Emma")
        open_tree(page)
        concern_text = f"Emma sovner i timen etter lunsj ({viewport}, produksjon)"
        add_concern(page, concern_text, "wellbeing")

        guardian_context = new_context(browser, production_server, viewport)
        try:
            guardian = guardian_context.new_page()
            sign_in(guardian, "Lise Andersen")
            open_log(guardian, "Emma")
            tree = open_tree(guardian)
            expect(tree.get_by_text(concern_text)).to_be_visible()
            expect(tree.locator(".add-concern")).to_have_count(0)
        finally:
            guardian_context.close()
    # The sessions' state lived in Redis, where every worker finds it.
    assert redis.Redis.from_url(REDIS_URL).dbsize() > 0


READER_TABS = 20  # new guardian tabs to open, at most, before one lands on the other worker


def _worker_of(page) -> str:
    """Which server worker holds this tab's socket, as Reflex records it in Redis when the socket
    connects (under the tab's token, which the server may renew on connect)."""

    def record() -> str:
        token = page.evaluate("window.sessionStorage.getItem('token')")
        found = redis.Redis.from_url(REDIS_URL).get(f"token_manager_socket_record_{token}") if token else None
        return pickle.loads(found).instance_id if found else ""  # noqa: S301 - our own test Redis

    worker = wait_until(record, timeout=10)
    assert worker, "Reflex recorded no socket for this tab in Redis"
    return worker


@pytest.mark.browser
@pytest.mark.postgres
@pytest.mark.parametrize("viewport", ["phone", "tablet"])
def test_message_reaches_a_browser_on_the_other_worker_live(request, browser, production_server, viewport):
    with watched_page(request, browser, production_server, viewport) as page:
        sign_in(page, "Kari Nilsen")
        page.goto("/logs/1/messages")
        expect(page.locator(".new-conversation")).to_be_visible()
        sender_worker = _worker_of(page)
        contexts, landed = [], []
        try:
            # Which worker accepts a new socket is up to the server: open the guardian's page in new
            # tabs (each its own socket) until one lands on the other worker.
            for _attempt in range(READER_TABS):
                context = new_context(browser, production_server, viewport)
                contexts.append(context)
                reader = context.new_page()
                sign_in(reader, "Lise Andersen")
                reader.goto("/logs/1/messages")
                expect(reader.locator(".conversation-list")).to_be_visible()
                landed.append(_worker_of(reader))
                if landed[-1] != sender_worker:
                    break
            else:
                pytest.fail(
                    f"All {READER_TABS} guardian tabs landed on the sender's worker {sender_worker} "
                    f"(workers seen: {sorted(set(landed))}); is GRANIAN_WORKERS=2 in effect?"
                )
            subject = f"To arbeidere ({viewport})"
            page.locator(".new-conversation").click()
            page.get_by_label("Emne").fill(subject)
            page.get_by_label("Melding", exact=True).fill("Denne går via Redis.")
            page.locator(".send-new").click()
            expect(reader.locator("[data-testid=conversation-row]").filter(has_text=subject)).to_be_visible(
                timeout=10_000
            )
            assert _worker_of(reader) != sender_worker  # still on the other worker when it arrived
        finally:
            for context in contexts:
                context.close()


def _senders_of(engine, notification_id: int) -> set[str]:
    with Session(engine) as session:
        row = session.get(Notification, notification_id)
        return {row.claimed_by} if row is not None and row.sent_at is not None and row.claimed_by else set()


def _rounds_done_by_both_workers(engine, person_id: int, markers_at_most: int = 20) -> set[str]:
    """Put marker notices in the outbox, one at a time, until each worker has sent one. A worker's
    round looks for due reminders before it sends, so a marker it sent means it looked again."""
    senders: set[str] = set()
    for _ in range(markers_at_most):
        with Session(engine) as session:
            marker = Notification(
                person_id=person_id, kind=EventKind.MESSAGE.value, link="/messages", created_at=utcnow()
            )
            session.add(marker)
            session.commit()
            marker_id = marker.id
        found = wait_until(lambda marker_id=marker_id: _senders_of(engine, marker_id), timeout=20)
        assert found, f"no worker sent the marker notice {marker_id}"
        senders |= found
        if len(senders) == 2:
            break
    return senders


@pytest.mark.browser
@pytest.mark.postgres
def test_an_evaluation_reminder_is_sent_once_by_two_workers(production_server, mail_server):
    """Both workers look for due reminders every second; Lise and Kari still get one e-mail each."""
    engine = make_engine(production_server.db_url)
    try:
        with Session(engine) as session:
            people = {p.first_name: p for p in session.exec(select(Person)).all()}
            emma_log = session.exec(select(StafettLog).where(StafettLog.child_id == people["Emma"].id)).one()
            goal = session.exec(
                select(Goal).join(Concern, col(Concern.id) == col(Goal.concern_id)).where(Concern.log_id == emma_log.id)
            ).first()
            today = today_in_norway()
            measure = Measure(
                goal_id=goal.id,
                title="Lise leser med Emma hver kveld",
                arena="home",
                responsible_id=people["Lise"].id,
                start_date=today - timedelta(days=10),
                evaluation_date=today + timedelta(days=3),
                created_by_id=people["Kari"].id,
                created_at=utcnow(),
            )
            session.add(measure)
            session.commit()
            measure_id, tor_id = measure.id, people["Tor"].id

        def reminders(address):
            return [m for m in mail_server.to(address) if m.subject == "Evaluering om tre dager i Stafett"]

        assert wait_until(lambda: reminders("lise@elvdal.example") and reminders("kari@elvdal.example"), timeout=30)
        # Both workers have looked for due reminders again since: still one each.
        workers = _rounds_done_by_both_workers(engine, tor_id)
        assert len(workers) == 2, f"only {workers} sent the marker notices; is GRANIAN_WORKERS=2 in effect?"
        for address in ("lise@elvdal.example", "kari@elvdal.example"):
            [mail] = reminders(address)
            assert "Emma" not in mail.text and "Lise leser" not in mail.text
        with Session(engine) as session:
            sent = session.exec(select(ReminderSent).where(ReminderSent.subject_id == measure_id)).all()
            notices = session.exec(select(Notification).where(Notification.kind == "evaluation_due")).all()
        assert len(sent) == 2 and len(notices) == 2
        assert all(n.sent_at is not None and n.outcome.startswith("email:sent") for n in notices)
    finally:
        engine.dispose()
