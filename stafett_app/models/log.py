"""The stafettlogg itself, who takes part in it, and the consents that allow it."""

from datetime import date

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel


class StafettLog(SQLModel, table=True):
    """One log around one child. Status and level follow domain.lifecycle."""

    __tablename__ = "stafett_log"
    # Archive copies, the access log and refused attempts name a log by id and outlive it. On SQLite
    # a plain INTEGER PRIMARY KEY hands the id of a deleted last log to the next one, which would then
    # show that log's copies and openings; AUTOINCREMENT never gives an id twice (PostgreSQL's
    # sequences never do).
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="person.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    status: str = Field(default="draft", max_length=10)  # domain.lifecycle.LogStatus
    level: int = 0
    description: str = Field(default="", max_length=600)
    # Something the child likes, shown as a picture (a key into the bundled picture set).
    interest_picture: str = Field(default="", max_length=40)
    interest_text: str = Field(default="", max_length=120)
    created_by_id: int = Field(foreign_key="person.id")
    created_at: NaiveDatetime
    activated_at: NaiveDatetime | None = None
    closed_at: NaiveDatetime | None = None
    closing_note: str = Field(default="", max_length=2000)
    closing_reason: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})  # ClosingReason
    # Each reopening after a new consent starts a new period; the timeline marks where it begins.
    period: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    # The exception the holder chooses: two holders, both shown wherever the family sees the holder.
    two_holders: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # From 15 the young person, once registered, is the one who consents.
    young_person_consents: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # A practice log (domain.practice): invented people only, never counted, never archived, deleted after 30 days.
    is_practice: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class Participant(SQLModel, table=True):
    """A person's role in one log. A removed participant keeps the row, with removed_at set."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=10)  # domain.roles.LogRole
    added_at: NaiveDatetime
    removed_at: NaiveDatetime | None = None


class Consent(SQLModel, table=True):
    """One version of the family's consent. A new version replaces the earlier one."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    version: int
    given_by_id: int = Field(foreign_key="person.id")
    given_at: NaiveDatetime
    withdrawn_at: NaiveDatetime | None = None
    withdrawn_by_id: int | None = Field(default=None, foreign_key="person.id")
    # Which path the consent came by: digital confirmations, or a signed paper form the holder recorded.
    path: str = Field(default="digital", max_length=10, sa_column_kwargs={"server_default": "digital"})
    paper_signed_by: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    paper_signed_on: date | None = None
    # The scanned form (attachment.id). No foreign key: adding one would make SQLite rebuild the
    # consent table, which other tables point at.
    paper_attachment_id: int | None = None


class ConsentEntry(SQLModel, table=True):
    """A named participant, with role, that one consent version allows."""

    __tablename__ = "consent_entry"

    id: int | None = Field(default=None, primary_key=True)
    consent_id: int = Field(foreign_key="consent.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    role: str = Field(max_length=10)


class ParticipantProposal(SQLModel, table=True):
    """The holder wants someone in; the family has not consented yet. Decided by a new consent."""

    __tablename__ = "participant_proposal"

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    person_id: int = Field(foreign_key="person.id")
    role: str = Field(max_length=10)
    proposed_by_id: int = Field(foreign_key="person.id")
    proposed_at: NaiveDatetime
    consent_id: int | None = Field(default=None, foreign_key="consent.id")
