"""Collaboration meetings, who is invited and whether they come, and private calendar feeds."""

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    starts_at: NaiveDatetime  # UTC
    duration_minutes: int
    place: str = Field(default="", max_length=200)
    video_link: str = Field(default="", max_length=300)
    agenda: str = Field(default="", max_length=3000)
    short_notice: bool = False
    called_by_id: int = Field(foreign_key="person.id")
    created_at: NaiveDatetime
    cancelled_at: NaiveDatetime | None = None
    # The minutes: written in the log during or after the meeting by the holder or the
    # secretary they choose, then sent to the invited as a message.
    minutes: str = Field(default="", max_length=8000)
    secretary_id: int | None = Field(default=None, foreign_key="person.id")
    minutes_sent_at: NaiveDatetime | None = None


class MeetingInvite(SQLModel, table=True):
    __tablename__ = "meeting_invite"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    response: str = Field(default="", max_length=5)  # "", yes, no, maybe
    responded_at: NaiveDatetime | None = None


class CalendarFeed(SQLModel, table=True):
    """A person's private calendar address. Only a hash of its token is kept; renewing replaces it."""

    __tablename__ = "calendar_feed"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", unique=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: NaiveDatetime
