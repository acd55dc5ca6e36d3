"""The administrator's audit trail and the feedback people send about accessibility."""

from pydantic import NaiveDatetime
from sqlalchemy import Text
from sqlmodel import Field, SQLModel


class AdminEvent(SQLModel, table=True):
    """One administrative change. Append-only: the database refuses UPDATE and DELETE (migration 0015)."""

    __tablename__ = "admin_event"

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime = Field(index=True)
    admin_id: int = Field(foreign_key="person.id", index=True)
    action: str = Field(max_length=40)  # domain.permissions.AdminAction
    subject_kind: str = Field(max_length=10)  # "unit" or "person"
    subject_id: int
    # What changed, never a full identity number (only its last digits, masked).
    detail: str = Field(default="", max_length=500)


class Feedback(SQLModel, table=True):
    """A message through the accessibility statement's feedback form; read by the administrator."""

    id: int | None = Field(default=None, primary_key=True)
    at: NaiveDatetime = Field(index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")  # None: sent before signing in
    message: str = Field(sa_type=Text)
    contact: str = Field(default="", max_length=200)  # an address to answer, if the sender wants one
    page: str = Field(default="", max_length=200)  # where the problem was
