"""A closed tab's state does not stay (#9.10): Reflex's state manager drops a tab's state
STAFETT_STATE_EXPIRY_MINUTES after its last event, from memory (Redis gets the same number as the
key's expiry; without Redis nothing is written to disk). The clock is moved, not waited for."""

import time

import pytest
from reflex.istate.manager import StateManager
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from reflex.state import State
from reflex.utils import prerequisites
from reflex_base.config import get_config

from stafett_app.settings import get_settings

TAB = "4f2b6a8e-0000-4000-8000-000000000001"
EXPIRY = 35 * 60


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
