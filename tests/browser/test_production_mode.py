"""The production mode: PostgreSQL, Reflex's Redis state manager and two server workers, each
running the notice sender.

The server runs from a copy of the project (its own .web build), so it does not disturb the
default server of the other browser tests.
"""

import shutil
import tempfile
import time
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
from stafett_app.models import Concern, Goal, Measure, Notification, Person, ReminderSent, StafettLog
from tests.browser.conftest import (
    PROJECT_ROOT,
    AppServer,
    _reflex_env,
    new_context,
    start_app_server,
    stop_app_server,
    watched_page,
)
from tests.browser.helpers import add_concern, open_log, open_tree, sign_in
from tests.conftest import POSTGRES_ADMIN_URL
from tests.notify_helpers import wait_until

REDIS_URL = "redis://127.0.0.1:6379/7"
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".web", ".venv", ".tools", ".states", "test-artifacts", "*.db", "__pycache__", ".pytest_cache"
)


@pytest.fixture(scope="module")
def production_server(request, mail_server) -> Iterator[AppServer]:
    workdir = Path(tempfile.mkdtemp(prefix="stafett-production-"))
    app_dir = workdir / "app"
    shutil.copytree(PROJECT_ROOT, app_dir, ignore=NOT_COPIED)
    for shared in (".venv", ".tools"):
        (app_dir / shared).symlink_to(PROJECT_ROOT / shared)
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


def _worker_of(page) -> str:
    """Which server worker holds this tab's socket, as Reflex records it in Redis."""
    import pickle

    token = page.evaluate("window.sessionStorage.getItem('token')")
    record = redis.Redis.from_url(REDIS_URL).get(f"token_manager_socket_record_{token}")
    return pickle.loads(record).instance_id if record else ""  # noqa: S301 - our own test Redis


@pytest.mark.browser
@pytest.mark.postgres
@pytest.mark.parametrize("viewport", ["phone", "tablet"])
def test_message_reaches_a_browser_on_the_other_worker_live(request, browser, production_server, viewport):
    with watched_page(request, browser, production_server, viewport) as page:
        sign_in(page, "Kari Nilsen")
        page.goto("/logs/1/messages")
        expect(page.locator(".new-conversation")).to_be_visible()
        sender_worker = _worker_of(page)
        assert sender_worker
        contexts = []
        try:
            # Open the guardian's page until its socket lands on the other worker.
            for _attempt in range(12):
                context = new_context(browser, production_server, viewport)
                contexts.append(context)
                reader = context.new_page()
                sign_in(reader, "Lise Andersen")
                reader.goto("/logs/1/messages")
                expect(reader.locator(".conversation-list")).to_be_visible()
                if _worker_of(reader) not in ("", sender_worker):
                    break
            else:
                pytest.fail("every guardian tab landed on the sender's worker")
            subject = f"To arbeidere ({viewport})"
            page.locator(".new-conversation").click()
            page.get_by_label("Emne").fill(subject)
            page.get_by_label("Melding", exact=True).fill("Denne går via Redis.")
            page.locator(".send-new").click()
            expect(reader.locator("[data-testid=conversation-row]").filter(has_text=subject)).to_be_visible(
                timeout=10_000
            )
        finally:
            for context in contexts:
                context.close()


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
            measure_id = measure.id

        def reminders(address):
            return [m for m in mail_server.to(address) if m.subject == "Evaluering om tre dager i Stafett"]

        assert wait_until(lambda: reminders("lise@elvdal.example") and reminders("kari@elvdal.example"), timeout=30)
        time.sleep(4)  # several more rounds of both workers
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
