"""The production mode: PostgreSQL, Reflex's Redis state manager and two server workers.

The server runs from a copy of the project (its own .web build), so it does not disturb the
default server of the other browser tests.
"""

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from playwright.sync_api import expect
from sqlalchemy import text

from stafett_app.db import make_engine
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

REDIS_URL = "redis://127.0.0.1:6379/7"
NOT_COPIED = shutil.ignore_patterns(".git", ".web", ".venv", ".tools", ".states", "test-artifacts", "*.db", "__pycache__", ".pytest_cache")


@pytest.fixture(scope="module")
def production_server(request) -> Iterator[AppServer]:
    workdir = Path(tempfile.mkdtemp(prefix="stafett-production-"))
    app_dir = workdir / "app"
    shutil.copytree(PROJECT_ROOT, app_dir, ignore=NOT_COPIED)
    for shared in (".venv", ".tools"):
        (app_dir / shared).symlink_to(PROJECT_ROOT / shared)
    schema = f"browser_{uuid.uuid4().hex[:8]}"
    admin = make_engine(POSTGRES_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    env = _reflex_env(f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}")
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
    return pickle.loads(record).instance_id if record else ""


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
            expect(reader.locator("[data-testid=conversation-row]").filter(has_text=subject)).to_be_visible(timeout=10_000)
        finally:
            for context in contexts:
                context.close()
