"""Telling open pages that something changed in a log, so they reload without the person asking.

One hub per server process. Without Redis (the embedded default, one process) an announcement
wakes the waiting pages directly. With Redis (several workers) it is published on a Redis
channel; every worker's hub listens once for all its pages and wakes the ones that wait on that
log. The message carries only the log id: the pages reload through the normal permission checks.
"""

import asyncio
import logging
import threading
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache

import redis
import redis.asyncio as aioredis

from stafett_app.settings import get_settings

logger = logging.getLogger(__name__)
CHANNEL_PREFIX = "stafett:log:"


def _redis_url() -> str:
    return get_settings().redis_url


@cache
def _publisher(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


class _Hub:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: dict[int, set[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = defaultdict(set)
        self._subscribed: dict[asyncio.Task, asyncio.Event] = {}
        self._listeners: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}  # one per event loop (per worker)

    def wake(self, log_id: int) -> None:
        with self._lock:
            waiters = list(self._waiters.get(log_id, ()))
        for loop, event in waiters:
            loop.call_soon_threadsafe(event.set)

    def add(self, log_id: int, loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> None:
        with self._lock:
            self._waiters[log_id].add((loop, event))

    def remove(self, log_id: int, loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> None:
        with self._lock:
            self._waiters[log_id].discard((loop, event))
            if not self._waiters[log_id]:
                del self._waiters[log_id]

    def ensure_listener(self, url: str) -> asyncio.Task:
        loop = asyncio.get_running_loop()
        listener = self._listeners.get(loop)
        if listener is None or listener.done():
            listener = self._listeners[loop] = loop.create_task(self._listen(url), name="stafett-live-listener")
        return listener

    async def ready(self, listener: asyncio.Task, timeout: float = 2.0) -> None:
        """Wait (briefly) until the listener is subscribed, so no announcement right after is missed."""
        event = self._subscribed.setdefault(listener, asyncio.Event())
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            logger.warning("live updates: Redis subscription is slow; pages fall back to reloading now and then")

    async def _listen(self, url: str) -> None:
        this_task = asyncio.current_task()
        if this_task is None:
            raise RuntimeError("the Redis listener runs as an asyncio task")
        while True:
            client = aioredis.from_url(url)
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.psubscribe(CHANNEL_PREFIX + "*")
                    self._subscribed.setdefault(this_task, asyncio.Event()).set()
                    async for message in pubsub.listen():
                        if message.get("type") == "pmessage":
                            self.wake(int(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception as problem:  # noqa: BLE001 - Redis restarted: listen again shortly; pages also poll now and then.
                logger.warning("live updates: Redis listener stopped (%s); retrying", problem)
                await asyncio.sleep(2)
            finally:
                await client.aclose()


_hub = _Hub()


def announce(log_id: int) -> None:
    """Call after the change is committed."""
    url = _redis_url()
    if url:
        try:
            _publisher(url).publish(f"{CHANNEL_PREFIX}{log_id}", str(log_id))
            return
        except redis.RedisError as problem:
            logger.warning("live updates: could not publish (%s); waking local pages only", problem)
    _hub.wake(log_id)


class Subscription:
    def __init__(self, event: asyncio.Event) -> None:
        self._event = event

    async def changed(self, timeout: float) -> bool:
        """Wait until the log changes (True) or the timeout passes (False)."""
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except TimeoutError:
            return False
        self._event.clear()
        return True


@asynccontextmanager
async def subscribe(log_id: int) -> AsyncIterator[Subscription]:
    loop, event = asyncio.get_running_loop(), asyncio.Event()
    if url := _redis_url():
        listener = _hub.ensure_listener(url)
        await _hub.ready(listener)
    _hub.add(log_id, loop, event)
    try:
        yield Subscription(event)
    finally:
        _hub.remove(log_id, loop, event)
