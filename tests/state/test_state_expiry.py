"""A closed tab's state does not stay (#9.10): Reflex's state manager drops a tab's state
STAFETT_STATE_EXPIRY_MINUTES after its last event, from memory (Redis gets the same number as the
key's expiry; without Redis nothing is written to disk). The clock is moved, not waited for.

With Redis, a worker keeps a tab's state between its events and hands it over when another worker
asks (rxconfig.py)."""

import asyncio
import functools
import os
import subprocess
import sys
import time

import pytest
import redis
from redis.asyncio import Redis as AsyncRedis
from reflex.istate.manager import StateManager
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.redis import StateManagerRedis
from reflex.istate.manager.token import BaseStateToken
from reflex.state import State
from reflex.utils import prerequisites
from reflex_base.config import get_config

from stafett_app.settings import get_settings

TAB = "4f2b6a8e-0000-4000-8000-000000000001"
EXPIRY = 35 * 60
REDIS_URL = "redis://127.0.0.1:6379/14"


def test_reflex_gets_the_expiry_from_our_settings():
    assert get_settings().state_expiry_minutes * 60 == EXPIRY
    assert get_config().redis_token_expiration == EXPIRY
    assert StateManagerMemory().token_expiration == EXPIRY


async def _last_event(manager: StateManager, token: BaseStateToken) -> None:
    async with manager.modify_state(token) as state:  # the tab's last event before it was closed
        state.router_data = {"pathname": "/logs/1"}


@pytest.mark.asyncio
async def test_a_closed_tabs_state_leaves_memory_after_the_expiry(monkeypatch):
    manager = StateManagerMemory()
    token = BaseStateToken(ident=TAB, cls=State)
    now = time.time()
    clock = [now]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    await _last_event(manager, token)
    try:
        clock[0] = now + EXPIRY - 60  # still there a while after: a tab back from sleep keeps its page
        manager._purge_expired_tokens()
        assert token.cache_key in manager.states
        clock[0] = now + EXPIRY + 1
        manager._purge_expired_tokens()
        assert token.cache_key not in manager.states and manager._token_expires_at == {}
    finally:
        await manager.close()


def test_without_redis_no_tabs_state_is_written_to_disk(monkeypatch, tmp_path):
    """Reflex's default without Redis pickles every tab's state to disk after its events; ours keeps
    it in memory (rxconfig.py): what a page shows of a child never lands on the server's disk."""
    monkeypatch.setattr(prerequisites, "get_states_dir", lambda: tmp_path)
    manager = StateManager.create()
    assert isinstance(manager, StateManagerMemory) and manager.token_expiration == EXPIRY


def test_with_redis_a_worker_holds_a_tabs_state_between_events():
    """rxconfig.py turns on Reflex's opportunistic lock when Redis is configured (unless the operator
    set REFLEX_OPLOCK_ENABLED): a fresh process reads the config, as every server worker does."""
    code = "import os, rxconfig; print(os.environ.get('REFLEX_OPLOCK_ENABLED', '-'))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFLEX_")}
    run = functools.partial(subprocess.run, [sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run(env=env).stdout.split()[-1] == "-"
    assert run(env={**env, "REFLEX_REDIS_URL": REDIS_URL}).stdout.split()[-1] == "true"
    turned_off = {**env, "REFLEX_REDIS_URL": REDIS_URL, "REFLEX_OPLOCK_ENABLED": "false"}
    assert run(env=turned_off).stdout.split()[-1] == "false"


@pytest.mark.asyncio
async def test_another_worker_gets_the_newest_state_from_the_worker_holding_it(monkeypatch):
    """Two Redis state managers are two workers. The first keeps the tab's state in memory between
    its events (nothing in Redis yet); when the second needs the tab, the first writes the state to
    Redis and lets go, so the second sees the last event's change."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:  # pragma: no cover - depends on the machine
        pytest.skip(f"no Redis here: {error}")
    client.flushdb()
    monkeypatch.setenv("REFLEX_OPLOCK_ENABLED", "true")
    # Held for up to ten minutes: the second must get it because it asked, not because time ran out.
    monkeypatch.setenv("REFLEX_OPLOCK_HOLD_TIME", "600")
    first, second = (
        StateManagerRedis(redis=AsyncRedis.from_url(REDIS_URL), lock_expiration=1_200_000) for _ in range(2)
    )
    token = BaseStateToken(ident=TAB, cls=State)
    try:
        assert first._oplock_enabled
        # A worker holds locks once it listens for other workers asking for them (Reflex's own wait).
        await asyncio.wait_for(first._lock_updates_subscribed.wait(), 60)
        await _last_event(first, token)
        async with first.modify_state(token) as state:  # the tab's next event: the held state
            assert state.router_data == {"pathname": "/logs/1"}
            state.router_data = {"pathname": "/logs/1/family"}
        assert not [key for key in client.keys("*") if not key.endswith(b"_lock")], "written before needed"
        async with asyncio.timeout(60), second.modify_state(token) as state:
            assert state.router_data == {"pathname": "/logs/1/family"}
    finally:
        await first.close()
        await second.close()
        client.flushdb()
