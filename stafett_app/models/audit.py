"""Refused attempts to reach a log, kept so a leader can follow up."""

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel


class AccessAttempt(SQLModel, table=True):
    __tablename__ = "access_attempt"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    log_id: int | None = Field(default=None, index=True)  # no FK: the log may not exist
    action: str = Field(max_length=40)
    at: NaiveDatetime
