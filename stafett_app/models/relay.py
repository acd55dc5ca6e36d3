"""The relay from start to finish: early observations, consent requests and confirmations,
handovers, deletion requests, the log's own events, and the request keys that make creates
idempotent."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Observation(SQLModel, table=True):
    """A dated observation, or the summary of a first talk, in a level 0 draft."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    author_id: int = Field(foreign_key="person.id")
    kind: str = Field(max_length=12)  # domain.relay.ObservationKind
    observed_on: date
    text: str = Field(max_length=2000)
    created_at: NaiveDatetime


class ConsentRequest(SQLModel, table=True):
    """The holder asks the family to consent to named participants. Once everyone asked has
    confirmed, a Consent version is written and `consent_id` points to it."""

    __tablename__ = "consent_request"

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    asked_by_id: int = Field(foreign_key="person.id")
    asked_at: NaiveDatetime
    reopen: bool = False  # asked for a passive log: on record, the log is active in a new period
    consent_id: int | None = Field(default=None, foreign_key="consent.id")
    superseded_at: NaiveDatetime | None = None  # a newer request (or a paper consent) replaced it


class ConsentRequestEntry(SQLModel, table=True):
    """A participant, with role and the reason they are asked for, named in one request."""

    __tablename__ = "consent_request_entry"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="consent_request.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    role: str = Field(max_length=10)
    why: str = Field(default="", max_length=300)


class ConsentAsk(SQLModel, table=True):
    """One person of the family asked to confirm one request, and when they did."""

    __tablename__ = "consent_ask"
    __table_args__ = (UniqueConstraint("request_id", "person_id", name="uq_consent_ask"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="consent_request.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    confirmed_at: NaiveDatetime | None = None


class Handover(SQLModel, table=True):
    """A proposal to hand the baton to a new holder. Nothing changes until they accept."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    from_holder_id: int = Field(foreign_key="person.id")
    to_person_id: int = Field(foreign_key="person.id", index=True)
    proposed_by_id: int = Field(foreign_key="person.id")  # the holder, or a leader for an absent one
    proposed_at: NaiveDatetime
    reason: str = Field(max_length=600)
    former: str = Field(max_length=15)  # domain.relay.FormerHolder
    closing_note: str = Field(default="", max_length=600)  # for the concerns that do not go along
    status: str = Field(default="pending", max_length=10, index=True)  # domain.relay.HandoverStatus
    decided_at: NaiveDatetime | None = None
    decided_by_id: int | None = Field(default=None, foreign_key="person.id")
    decline_reason: str = Field(default="", max_length=600)


class HandoverConcern(SQLModel, table=True):
    """A concern that goes along with the handover."""

    __tablename__ = "handover_concern"

    id: int | None = Field(default=None, primary_key=True)
    handover_id: int = Field(foreign_key="handover.id", index=True)
    concern_id: int = Field(foreign_key="concern.id")


class DeletionRequest(SQLModel, table=True):
    """A guardian (or the young person from 15) asks for the log to be deleted; the unit leader decides."""

    __tablename__ = "deletion_request"

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    requested_by_id: int = Field(foreign_key="person.id")
    requested_at: NaiveDatetime
    reason: str = Field(default="", max_length=600)
    decision: str = Field(default="", max_length=10)  # domain.relay.DeletionDecision
    decided_by_id: int | None = Field(default=None, foreign_key="person.id")
    decided_at: NaiveDatetime | None = None
    decision_note: str = Field(default="", max_length=600)


class LogEvent(SQLModel, table=True):
    """A step in the log's life, for the timeline: levels, consent, handover, closing, reopening."""

    __tablename__ = "log_event"

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    kind: str = Field(max_length=30)  # domain.relay.EventKind
    at: NaiveDatetime
    period: int = 1  # the log's period when it happened: a reopened log starts a new one
    actor_id: int | None = Field(default=None, foreign_key="person.id")
    subject_id: int | None = Field(default=None, foreign_key="person.id")  # whom it concerns
    text: str = Field(default="", max_length=2000)  # the reason or note the person wrote
    from_level: int | None = None
    to_level: int | None = None


class RequestKey(SQLModel, table=True):
    """A create the browser asked for, by its own key: a repeat returns the first result."""

    __tablename__ = "request_key"
    __table_args__ = (UniqueConstraint("person_id", "key", name="uq_request_key"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    key: str = Field(max_length=100)
    kind: str = Field(max_length=30)
    result_id: int | None = None
    created_at: NaiveDatetime
