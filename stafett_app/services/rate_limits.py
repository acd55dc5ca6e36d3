"""Rate limits per client with the `limits` package: in memory for one process, in Redis (shared by
every worker) when REFLEX_REDIS_URL is set.

Routes call `allow()` with the client's address or the signed-in person; State handlers call
`write_allowed(person.id)` before they store something. Counts that belong to one socket (its
events) stay in this process (`allow_local`): a socket lives on one worker, and a Redis round trip
per event would cost more than the event.
"""

import logging
import time
from functools import cache

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from stafett_app.settings import SettingsError, get_settings

# Generous for people, tight for scripts. Keys: what is limited; values: the `limits` notation.
LIMITS: dict[str, str] = {
    # Per client address. A school's staff share one NAT address and sign in at 8 o'clock together:
    # this stops floods of new sessions, not people (the identity provider stops password guessing).
    "sign_in": "120/minute",
    "upload": "20/minute",  # per person, before the body is read
    "write": "60/minute",  # per person: routes and State events that store something
    "frontend_error": "30/minute",  # all browser error reports together: they are anonymous
    "feedback": "5/minute",  # the accessibility feedback form, per person or (signed out) per address
    # Websocket connections (http_security.SocketLimit). A tab connects once per page load and again
    # after sleep or a lost network; a tablet passed round a class reconnects now and then.
    "socket_connect": "30/minute",  # per signed-in browser (its session cookie)
    "socket_connect_address": "600/minute",  # per address: a whole school behind one NAT together
    # Events on one socket (local). Typing is debounced; a page load sends a handful at once.
    "socket_event_burst": "20/second",
    "socket_events": "600/minute",
    # A refusal is logged once per window and client, not once per refused event.
    "refusal_log": "1/minute",
}

logger = logging.getLogger(__name__)
CLEAN_UP_SECONDS = 1.0


class _MemoryStorage(MemoryStorage):
    """`limits`' memory storage, with its clean-up of old counts run in the calling thread at most once
    a second. The original starts a new timer thread 10 ms after every count, and `Thread.start()`
    waits for that thread: on the socket's every event, with the database threads holding the GIL,
    that was an eighth of the event loop's time in the load benchmark."""

    _cleaned_at = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # the name `limits` calls (name-mangled)
        now = time.monotonic()
        if now - self._cleaned_at >= CLEAN_UP_SECONDS:
            self._cleaned_at = now
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]


def _limits() -> dict[str, RateLimitItem]:
    return _parsed(tuple(sorted(get_settings().rate_limits.items())))


@cache
def _parsed(changed: tuple[tuple[str, str], ...]) -> dict[str, RateLimitItem]:
    """LIMITS with the ones the settings change (STAFETT_RATE_LIMITS), parsed."""
    if unknown := sorted(dict(changed).keys() - LIMITS.keys()):
        known = ", ".join(LIMITS)
        raise SettingsError(f"Invalid environment: STAFETT_RATE_LIMITS: no limit called {', '.join(unknown)} ({known})")
    return {name: parse(text) for name, text in (LIMITS | dict(changed)).items()}


@cache
def _limiter() -> MovingWindowRateLimiter:
    redis_url = get_settings().redis_url
    storage = storage_from_string(redis_url) if redis_url else _MemoryStorage()
    if not isinstance(storage, Storage):
        raise TypeError("the rate limits need a synchronous storage")
    return MovingWindowRateLimiter(storage)


@cache
def _local_limiter() -> MovingWindowRateLimiter:
    return MovingWindowRateLimiter(_MemoryStorage())


def check_settings() -> None:
    """Parse the limits now, as the app starts: a bad STAFETT_RATE_LIMITS stops it with its message."""
    _limits()


def per_minute(kind: str) -> int:
    return _limits()[kind].amount


def allow(kind: str, client: str) -> bool:
    """Count one `kind` action by `client`; False once the client is over the limit. A limit store
    that is down lets the action through (and says so in the log) rather than stopping the service."""
    item = _limits()[kind]  # an unknown kind is a programming error: KeyError
    try:
        return _limiter().hit(item, kind, client)
    except Exception as failure:  # noqa: BLE001 - Redis away: rate limiting is a second line, not the first
        logger.warning("Rate limit store unavailable (%s); %s allowed", failure, kind)
        return True


def allow_local(kind: str, client: str) -> bool:
    """As `allow`, counted in this process only (for what belongs to one socket)."""
    return _local_limiter().hit(_limits()[kind], kind, client)


def log_refusal(kind: str, client: str) -> None:
    """A refusal in the log, once a minute per kind and client: a flood must not flood the log."""
    if _local_limiter().hit(_limits()["refusal_log"], kind, client):
        logger.warning("Rate limit %s reached by %s; refusing (logged once a minute)", kind, client[:80])


def write_allowed(person_id: int) -> bool:
    """For State handlers that write: False when this person has written too much this minute."""
    return allow("write", f"person:{person_id}")


def reset() -> None:
    """Forget every count (tests; or after changing LIMITS)."""
    _limiter().storage.reset()
    _local_limiter().storage.reset()
    _parsed.cache_clear()
