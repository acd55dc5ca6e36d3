"""Archive copies of a log and the record of who read them.

Neither points at the log with a foreign key: a copy outlives the log it was made of (the last one
is made just before the log is deleted), and so does the record of who read it.
"""

from pydantic import NaiveDatetime
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class ArchiveCopy(SQLModel, table=True):
    """One complete PDF/A of a log, made by the server for one trigger and never changed.

    The unique (log, trigger key) makes a second request for the same trigger fail, whichever
    worker makes it. A worker claims a pending or failed row before it makes the file."""

    __tablename__ = "archive_copy"
    __table_args__ = (UniqueConstraint("log_id", "trigger_key", name="uq_archive_copy_trigger"),)

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(index=True)
    trigger: str = Field(max_length=20)  # domain.archive.ArchiveTrigger
    trigger_key: str = Field(max_length=80)
    status: str = Field(default="pending", max_length=10, index=True)  # domain.archive.CopyStatus
    created_at: NaiveDatetime
    finished_at: NaiveDatetime | None = None
    sha256: str = Field(default="", max_length=64)
    size: int = 0
    storage_path: str = Field(default="", max_length=200)  # relative to the private files folder
    package_path: str = Field(default="", max_length=200)  # the folder written to the archive outbox
    attempts: int = 0
    error: str = Field(default="", max_length=300)
    claimed_at: NaiveDatetime | None = None
    claimed_by: str = Field(default="", max_length=64)


class AccessLogEntry(SQLModel, table=True):
    """Append-only: someone opened a page of a log or downloaded one of its files (the access log
    the family reads). The app only ever inserts rows here: nothing updates or deletes them."""

    __tablename__ = "access_log_entry"
    # The family page groups a log's newest openings (services.access_log.openings_of_log).
    __table_args__ = (Index("ix_access_log_entry_log_id_at", "log_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    log_id: int
    action: str = Field(max_length=40)
    subject_id: int | None = None
    at: NaiveDatetime
    role: str = Field(default="", max_length=60)  # the person's roles in the log then, comma-separated
    session_ref: str = Field(default="", max_length=16)  # a keyed hash of the login session, never the token
