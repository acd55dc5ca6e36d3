"""Small security rules without a database: who may put a PDF on a note, and the rate limiter's stores."""

import threading
import time
import uuid

import pytest
import redis

from stafett_app.domain.ids import parse_id
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.permissions import LogAccess, may_attach_to_note
from stafett_app.domain.roles import LogRole
from stafett_app.services import rate_limits

AUTHOR = 7


@pytest.mark.parametrize(
    "person_id,roles,status,allowed",
    [
        (AUTHOR, {LogRole.ACTOR}, LogStatus.ACTIVE, True),  # one's own note
        (8, {LogRole.ACTOR}, LogStatus.ACTIVE, False),  # another actor's note
        (8, {LogRole.HOLDER}, LogStatus.ACTIVE, True),  # the holder, on any note
        (8, {LogRole.GUARDIAN}, LogStatus.ACTIVE, False),
        (AUTHOR, {LogRole.READER}, LogStatus.ACTIVE, False),  # wrote it once, only reads now
        (AUTHOR, {LogRole.ACTOR}, LogStatus.PASSIVE, False),  # a passive log takes nothing new
    ],
)
def test_who_may_attach_a_pdf_to_a_note(person_id, roles, status, allowed):
    access = LogAccess(person_id=person_id, roles=frozenset(roles), status=status)
    assert may_attach_to_note(access, AUTHOR) is allowed


def test_an_unknown_limit_is_a_programming_error():
    with pytest.raises(KeyError):
        rate_limits.allow("no_such_limit", "x")


def test_limits_are_shared_through_redis_when_it_is_configured(monkeypatch):
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError as error:  # pragma: no cover - depends on the machine
        pytest.fail(f"Redis is required for this test: {error}")
    monkeypatch.setenv("REFLEX_REDIS_URL", url)
    rate_limits._limiter.cache_clear()
    try:
        client = f"test-{uuid.uuid4().hex}"
        limit = rate_limits.per_minute("sign_in")
        assert [rate_limits.allow("sign_in", client) for _ in range(limit + 1)].count(True) == limit
        keys = redis.Redis.from_url(url).keys("LIMITS:*")
        assert any(client.encode() in key for key in keys)  # counted in Redis, not in this process
    finally:
        rate_limits._limiter.cache_clear()


def test_a_limit_store_that_is_down_does_not_stop_the_service(monkeypatch):
    monkeypatch.setenv("REFLEX_REDIS_URL", "redis://127.0.0.1:1/0")
    rate_limits._limiter.cache_clear()
    try:
        assert rate_limits.allow("write", "person:1")
    finally:
        rate_limits._limiter.cache_clear()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1, 1),
        ("42", 42),
        (2**63 - 1, 2**63 - 1),
        (2**63, None),
        (2**70, None),
        (-1, None),
        (0, None),
        ("", None),
        ("-3", None),
        ("1e3", None),
        (" 7", None),
        ("٣", None),  # an Arabic-Indic digit: isdigit() says yes, it is no id of ours
        (True, None),
        (1.0, None),
        (None, None),
        ("9" * 400, None),
    ],
)
def test_an_id_from_outside_is_a_positive_bigint(raw, expected):
    assert parse_id(raw) == expected


def test_zero_is_an_id_only_where_it_means_none():
    assert parse_id(0, zero=True) == 0 and parse_id("0", zero=True) == 0 and parse_id(-1, zero=True) is None


def test_counting_in_memory_starts_no_thread_and_still_forgets_old_counts(monkeypatch):
    """`limits`' own memory storage starts a timer thread after every count, and the event loop waited
    for each one to start; ours cleans up inline, at most once a second (the clocks are moved)."""
    cleaned = [1000.0]
    monkeypatch.setattr(rate_limits.time, "monotonic", lambda: cleaned[0])
    limiter = rate_limits.MovingWindowRateLimiter(rate_limits._MemoryStorage())  # its one first timer
    started: list[threading.Thread] = []

    def start(thread: threading.Thread) -> None:
        started.append(thread)

    monkeypatch.setattr(threading.Thread, "start", start)
    item = rate_limits.parse("2/second")
    assert [limiter.hit(item, "socket", "a") for _ in range(3)] == [True, True, False]
    assert started == []
    assert [entries for key, entries in limiter.storage.events.items() if "/a/" in key] != [[]]  # kept for now
    later = time.time() + 5
    monkeypatch.setattr(time, "time", lambda: later)
    cleaned[0] += rate_limits.CLEAN_UP_SECONDS
    assert limiter.hit(item, "socket", "b")
    assert [entries for key, entries in limiter.storage.events.items() if "/a/" in key] == [[]]  # expired, gone
    assert started == []
