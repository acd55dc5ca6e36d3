"""Uploaded files. The bytes live outside every public path; rows say whose they are."""

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel


class Photo(SQLModel, table=True):
    """A photo for a measure (taken with the child), re-encoded without metadata."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    stored_name: str = Field(max_length=64, unique=True)
    content_type: str = Field(max_length=40)
    size: int
    width: int
    height: int
    uploaded_by_id: int = Field(foreign_key="person.id")
    uploaded_at: NaiveDatetime


class Note(SQLModel, table=True):
    """A note on the log's history that is not a measure, optionally with a PDF."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    author_id: int = Field(foreign_key="person.id")
    title: str = Field(max_length=120)
    text: str = Field(default="", max_length=4000)
    created_at: NaiveDatetime


class Attachment(SQLModel, table=True):
    """A PDF on a note, kept outside every public path."""

    id: int | None = Field(default=None, primary_key=True)
    note_id: int = Field(foreign_key="note.id", index=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    stored_name: str = Field(max_length=64, unique=True)
    original_name: str = Field(max_length=120)
    size: int
    uploaded_at: NaiveDatetime
