"""The background round inside each server process: due reminders into the outbox, then the
outbox out by e-mail and Web Push, then the archive copies that are due, then practice logs past
their 30 days. Registered as a Reflex lifespan task in stafett_app.py.

Every worker process runs it; notification_delivery makes sure each notice and each reminder is
handled once, services.archive each copy, and services.practice_log each deletion. The database
work and the sending are blocking, so a round runs in a thread.
"""

import asyncio
import logging
import time

from stafett_app import db
from stafett_app.domain.dates import today_in_norway
from stafett_app.services import archive, notification_delivery, practice_log
from stafett_app.settings import get_settings

log = logging.getLogger("stafett.notifications")

REPEAT_WARNING_AFTER = 600  # seconds: the same problem is told once per ten minutes, not every round


def run_round(worker: str) -> int:
    settings = get_settings()
    bind = db.engine()
    today = today_in_norway()
    notification_delivery.create_evaluation_reminders(bind, today)
    sent = notification_delivery.dispatch(bind, settings, worker)
    try:
        archive.run_jobs(bind, today, worker)
    except Exception as problem:  # noqa: BLE001  (the notices went out; the copies are tried again next round)
        log.warning("Archive round failed, trying again: %s: %s", type(problem).__name__, str(problem)[:200])
    try:
        practice_log.delete_expired(bind)
    except Exception as problem:  # noqa: BLE001  (a practice log left one round longer harms nobody)
        log.warning("Practice deletion failed, trying again: %s: %s", type(problem).__name__, str(problem)[:200])
    return sent


async def notification_rounds() -> None:
    """Runs until the server stops (the lifespan cancels it); a failing round never ends it."""
    worker = notification_delivery.new_worker_id()
    interval = get_settings().notify_interval
    last_problem, last_told = "", 0.0
    while True:
        try:
            await asyncio.to_thread(run_round, worker)
        except asyncio.CancelledError:
            raise
        except Exception as problem:  # noqa: BLE001 - the database or a mail server is away: try next round
            # A warning, not an error: the next round usually succeeds. Said once, not every round.
            text = f"{type(problem).__name__}: {str(problem)[:200]}"
            if text != last_problem or time.monotonic() - last_told > REPEAT_WARNING_AFTER:
                log.warning("Notification round failed, trying again: %s", text)
                last_problem, last_told = text, time.monotonic()
        await asyncio.sleep(interval)
