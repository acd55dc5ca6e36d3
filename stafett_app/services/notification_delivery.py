"""Working through the outbox, people's channel choices, and evaluation reminders.

Several server workers run this at the same time, so nothing may be sent twice:
- a worker claims a batch of outbox rows with one UPDATE that changes only those still unclaimed
  (or whose claim is stale: that worker died before it finished), and only the claiming worker
  records each row's result;
- a reminder is written together with a ReminderSent row whose unique key makes every later
  attempt, by any worker, fail.

Sending (SMTP, push services) is blocking I/O; the scheduler runs all of this in a thread.
"""

import logging
import os
import smtplib
import socket
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from stafett_app.db import session_scope
from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.notifications import Channel, EventKind, channels_for, reminder_window
from stafett_app.domain.roles import LogRole
from stafett_app.models import (
    Concern,
    Goal,
    Measure,
    Notification,
    NotificationChoice,
    Participant,
    Person,
    PushSubscription,
    ReminderSent,
    StafettLog,
    id_of,
    selected_id,
)
from stafett_app.services import mailer, web_push
from stafett_app.services.notify_events import notify_in_log
from stafett_app.settings import Settings

log = logging.getLogger("stafett.notifications")

STALE_CLAIM = timedelta(minutes=10)  # a claim this old was left by a worker that stopped
GIVE_UP_AFTER = timedelta(days=1)  # a notice that could not be sent for a day is dropped
BATCH = 50


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


# --- choices ---------------------------------------------------------------------------------


def current_choices(session: Session, person_id: int) -> dict[EventKind, frozenset[Channel]]:
    """Every kind with the person's channels: their stored choice, or the default."""
    stored = session.exec(select(NotificationChoice).where(NotificationChoice.person_id == person_id)).all()
    return _choices(stored)


def _choices(stored: Sequence[NotificationChoice]) -> dict[EventKind, frozenset[Channel]]:
    by_kind = {c.kind: (c.email, c.push) for c in stored}
    return {kind: channels_for(kind, by_kind.get(kind.value)) for kind in EventKind}


def save_choices(session: Session, person: Person, chosen: dict[str, tuple[bool, bool]]) -> None:
    """Store (email, push) per kind for the signed-in person. Unknown kinds are refused."""
    try:
        kinds = {EventKind(kind): (bool(email), bool(push)) for kind, (email, push) in chosen.items()}
    except ValueError:
        raise ValidationFailed({"kind": "error.choose_one"}) from None
    existing = {
        c.kind: c
        for c in session.exec(select(NotificationChoice).where(NotificationChoice.person_id == person.id)).all()
    }
    for kind, (email, push) in kinds.items():
        row = existing.get(kind.value) or NotificationChoice(person_id=id_of(person), kind=kind.value)
        row.email, row.push = email, push
        session.add(row)


# --- the outbox ------------------------------------------------------------------------------


def claim(bind: Engine, worker: str, *, now: datetime | None = None, limit: int = BATCH) -> list[int]:
    """Claim up to `limit` unsent rows with one UPDATE. A row another worker claimed in the meantime is
    simply not ours: the UPDATE's condition no longer holds for it (PostgreSQL checks it again once
    the other worker's claim is committed), and only the rows it did change come back. A round with
    nothing to do only reads."""
    now = now or utcnow()
    claimable = or_(col(Notification.claimed_at).is_(None), col(Notification.claimed_at) < now - STALE_CLAIM)
    with session_scope(bind) as session:
        candidates = session.exec(
            select(Notification.id, Notification.created_at)
            .where(col(Notification.sent_at).is_(None), claimable)
            .order_by(col(Notification.id))
            .limit(limit)
        ).all()
    if not candidates:
        return []
    # What could not be sent for a day is news no more.
    expired = [selected_id(row_id) for row_id, created_at in candidates if created_at < now - GIVE_UP_AFTER]
    fresh = [selected_id(row_id) for row_id, created_at in candidates if created_at >= now - GIVE_UP_AFTER]
    unsent = (col(Notification.sent_at).is_(None), claimable)
    with bind.begin() as connection:
        if expired:
            connection.execute(
                update(Notification)
                .where(col(Notification.id).in_(expired), *unsent)
                .values(sent_at=now, outcome="gave-up " + Notification.outcome)
            )
        if not fresh:
            return []
        claimed = connection.execute(
            update(Notification)
            .where(col(Notification.id).in_(fresh), *unsent)
            .values(claimed_at=now, claimed_by=worker)
            .returning(col(Notification.id))
        )
        return sorted(selected_id(row_id) for row_id in claimed.scalars())


@dataclass
class _Job:
    kind: EventKind
    link: str
    lang: str
    email: str
    channels: frozenset[Channel]
    subscriptions: list[PushSubscription]
    practice: bool = False


@dataclass
class _Batch:
    """The claimed rows and what sending them needs, read in one session (four queries a batch, not
    four a row)."""

    notifications: dict[int, Notification]
    people: dict[int, Person]
    choices: dict[int, list[NotificationChoice]]
    subscriptions: dict[int, list[PushSubscription]]


def _load(bind: Engine, notification_ids: list[int]) -> _Batch:
    with session_scope(bind) as session:
        notifications = {
            id_of(n): n for n in session.exec(select(Notification).where(col(Notification.id).in_(notification_ids)))
        }
        person_ids = {n.person_id for n in notifications.values()}
        people = {id_of(p): p for p in session.exec(select(Person).where(col(Person.id).in_(person_ids)))}
        choices: dict[int, list[NotificationChoice]] = defaultdict(list)
        for choice in session.exec(select(NotificationChoice).where(col(NotificationChoice.person_id).in_(person_ids))):
            choices[choice.person_id].append(choice)
        subscriptions: dict[int, list[PushSubscription]] = defaultdict(list)
        for device in session.exec(select(PushSubscription).where(col(PushSubscription.person_id).in_(person_ids))):
            subscriptions[device.person_id].append(device)
        return _Batch(notifications, people, choices, subscriptions)


def _job(batch: _Batch, notification_id: int) -> _Job | None:
    """One row's sending, or None when there is nothing to send (the row or its person is gone, or
    its kind is unknown)."""
    notification = batch.notifications.get(notification_id)
    person = batch.people.get(notification.person_id) if notification else None
    if notification is None or person is None or notification.kind not in set(EventKind):
        return None
    kind = EventKind(notification.kind)
    channels = _choices(batch.choices[id_of(person)])[kind]
    return _Job(
        kind,
        notification.link,
        person.language,
        person.email.strip(),
        channels,
        batch.subscriptions[id_of(person)] if Channel.PUSH in channels else [],
        notification.practice,
    )


class _Keys:
    """The VAPID key, read once per round and only when something is pushed."""

    def __init__(self, bind: Engine):
        self.bind, self._value = bind, ""

    def private(self) -> str:
        if not self._value:
            self._value = web_push.vapid_private_key(self.bind)
        return self._value


def _send_email(settings: Settings, job: _Job) -> tuple[str, bool]:
    """What happened, for the outcome column, and whether it got through."""
    if not settings.email_configured:
        return "email:off", False
    if not job.email:
        return "email:no-address", False
    try:
        message = mailer.compose(settings, job.email, job.lang, job.kind, job.link, practice=job.practice)
    except ValueError:  # an address no mail server would take (a line break in it, say)
        return "email:bad-address", False
    try:
        mailer.send(settings, message)
    except (smtplib.SMTPException, OSError) as failure:
        log.warning("Notice e-mail not sent: %s", type(failure).__name__)
        return "email:failed", False
    return "email:sent", True


def _send_push(bind: Engine, settings: Settings, job: _Job, keys: _Keys) -> tuple[str, bool]:
    if not job.subscriptions:
        return "push:none", False
    data = web_push.payload(job.lang, job.kind, job.link, practice=job.practice)
    counts: dict[str, int] = defaultdict(int)
    for subscription in job.subscriptions:
        try:
            result = web_push.send(settings, subscription, data, keys.private())
        except Exception as failure:  # noqa: BLE001 - requests, the push service, a broken key: try the next device
            log.warning("Push notice not sent: %s", type(failure).__name__)
            result = web_push.Outcome.FAILED
        if result == web_push.Outcome.GONE:
            with session_scope(bind) as session:
                gone = session.get(PushSubscription, subscription.id)
                if gone is not None:
                    session.delete(gone)
        counts[result] += 1
    return "push:" + ",".join(f"{name}={counts[name]}" for name in sorted(counts)), counts[web_push.Outcome.SENT] > 0


def deliver(bind: Engine, settings: Settings, batch: _Batch, notification_id: int, worker: str, keys: _Keys) -> str:
    """Send one claimed row on the person's channels and record what happened (at once, in a
    transaction of its own: a worker that stops later sends nothing twice that went out here)."""
    job = _job(batch, notification_id)
    if job is None:
        outcome, done = "skipped", True
    else:
        results = []
        if Channel.EMAIL in job.channels:
            results.append(_send_email(settings, job))
        if Channel.PUSH in job.channels:
            results.append(_send_push(bind, settings, job, keys))
        outcome = " ".join(text for text, _ in results) or "no-channels"
        # Tried again (after STALE_CLAIM, until GIVE_UP_AFTER) only when something failed and
        # nothing got through: a channel that worked is never repeated.
        done = "failed" not in outcome or any(through for _, through in results)
    with bind.begin() as connection:
        connection.execute(
            update(Notification)
            .where(col(Notification.id) == notification_id, col(Notification.claimed_by) == worker)
            .values(sent_at=utcnow() if done else None, outcome=outcome[:300])
        )
    return outcome


def dispatch(bind: Engine, settings: Settings, worker: str) -> int:
    """One round through the outbox. Returns how many rows this worker handled."""
    keys = _Keys(bind)
    handled = 0
    # Until nothing is left that this worker can claim: rows it leaves for a retry keep a fresh
    # claim, so they are not picked up again in this round.
    while claimed := claim(bind, worker):
        batch = _load(bind, claimed)
        for notification_id in claimed:
            try:
                deliver(bind, settings, batch, notification_id, worker, keys)
            except Exception as problem:  # noqa: BLE001 - this row waits for a later round; the others go now
                log.warning("Notice %s not delivered: %s", notification_id, type(problem).__name__)
            handled += 1
    return handled


# --- reminders -------------------------------------------------------------------------------


def reminders_due(session: Session, today: date) -> list[tuple[int, int, int, date]]:
    """(measure, log, person, evaluation date) for evaluations in the reminder window (at most
    EVALUATION_REMINDER_BEFORE ahead) in active logs: to the measure's responsible person and the
    log's holder. ReminderSent keeps each to one, so a day missed is made up, never repeated."""
    first, last = reminder_window(today)
    rows = session.exec(
        select(Measure, Concern.log_id)
        .join(Goal, col(Goal.id) == col(Measure.goal_id))
        .join(Concern, col(Concern.id) == col(Goal.concern_id))
        .join(StafettLog, col(StafettLog.id) == col(Concern.log_id))
        .where(
            col(Measure.evaluation_date) >= first,
            col(Measure.evaluation_date) <= last,
            col(Measure.ended_at).is_(None),
            StafettLog.status == LogStatus.ACTIVE,
        )
    ).all()
    if not rows:
        return []
    log_ids = {log_id for _, log_id in rows}
    taking_part: dict[int, set[int]] = defaultdict(set)
    holders: dict[int, set[int]] = defaultdict(set)
    for participant in session.exec(
        select(Participant).where(col(Participant.log_id).in_(log_ids), col(Participant.removed_at).is_(None))
    ).all():
        taking_part[participant.log_id].add(participant.person_id)
        if participant.role == LogRole.HOLDER:
            holders[participant.log_id].add(participant.person_id)
    targets = []
    for measure, log_id in rows:
        people = holders[log_id] | ({measure.responsible_id} & taking_part[log_id])
        targets += [(id_of(measure), log_id, person_id, measure.evaluation_date) for person_id in sorted(people)]
    return targets


def create_evaluation_reminders(bind: Engine, today: date) -> int:
    """Put due reminders in the outbox, each exactly once however many workers try."""
    with session_scope(bind) as session:
        targets = reminders_due(session, today)
        if not targets:
            return 0
        done = {
            (r.subject_id, r.person_id, r.due_on)
            for r in session.exec(
                select(ReminderSent).where(
                    ReminderSent.kind == EventKind.EVALUATION_DUE.value,
                    col(ReminderSent.subject_id).in_({t[0] for t in targets}),
                )
            ).all()
        }
    created = 0
    for measure_id, log_id, person_id, due_on in targets:
        if (measure_id, person_id, due_on) in done:
            continue
        try:
            with session_scope(bind) as session:
                session.add(
                    ReminderSent(
                        kind=EventKind.EVALUATION_DUE.value,
                        subject_id=measure_id,
                        person_id=person_id,
                        due_on=due_on,
                        sent_at=utcnow(),
                    )
                )
                session.flush()  # another worker's row makes this fail here, before the notice
                created += notify_in_log(session, log_id, [person_id], EventKind.EVALUATION_DUE, actor_id=None)
        except IntegrityError:
            continue
    return created
