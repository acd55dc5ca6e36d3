"""Notifications: each person's channels per kind of event, push subscriptions, the outbox the
sender works through, reminders already sent, and the server's own generated keys."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class NotificationChoice(SQLModel, table=True):
    """A person's channels for one kind of event. No row means the kind's default."""

    __tablename__ = "notification_choice"
    __table_args__ = (UniqueConstraint("person_id", "kind", name="uq_notification_choice"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=20)  # domain.notifications.EventKind
    email: bool = False
    push: bool = False


class PushSubscription(SQLModel, table=True):
    """One browser or installed app that accepts Web Push for a person."""

    __tablename__ = "push_subscription"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    endpoint: str = Field(max_length=1000, unique=True)
    p256dh: str = Field(max_length=200)
    auth: str = Field(max_length=100)
    created_at: NaiveDatetime


class Notification(SQLModel, table=True):
    """The outbox: one event for one person. A worker claims a row before sending it, so that
    several workers never send the same notification twice."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=20)
    link: str = Field(max_length=300)  # a path inside the app, never content
    created_at: NaiveDatetime
    claimed_at: NaiveDatetime | None = Field(default=None, index=True)
    claimed_by: str = Field(default="", max_length=64)
    sent_at: NaiveDatetime | None = None
    outcome: str = Field(default="", max_length=300)  # channels used, or why nothing was sent
    # From a practice log (domain.practice): the notice says so.
    practice: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class ReminderSent(SQLModel, table=True):
    """A reminder that has gone out. The unique key makes a second worker's insert fail."""

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("kind", "subject_id", "person_id", "due_on", name="uq_reminder_sent"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    subject_id: int
    person_id: int = Field(foreign_key="person.id")
    due_on: date
    sent_at: NaiveDatetime


class ServerKey(SQLModel, table=True):
    """Keys the server makes for itself on first run (the VAPID key pair for Web Push)."""

    __tablename__ = "server_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    value: str = Field(sa_column=Column(Text, nullable=False))
    created_at: NaiveDatetime
