"""Secure messages: conversations inside one log, the messages in them, and who has read what."""

from pydantic import NaiveDatetime
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class Conversation(SQLModel, table=True):
    """A thread in a log: with everyone in the log, or with the members chosen when it began."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    subject: str = Field(max_length=120)
    with_everyone: bool = True
    started_by_id: int = Field(foreign_key="person.id")
    created_at: NaiveDatetime
    last_message_at: NaiveDatetime


class ConversationMember(SQLModel, table=True):
    """A chosen member of a conversation that is not with everyone."""

    __tablename__ = "conversation_member"
    __table_args__ = (UniqueConstraint("conversation_id", "person_id", name="uq_conversation_member"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)


class Message(SQLModel, table=True):
    """Never deleted. The sender may correct it for a short while; earlier texts are kept."""

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    sender_id: int = Field(foreign_key="person.id")
    body: str = Field(max_length=4000)
    kind: str = Field(default="text", max_length=12)  # domain.messages.MessageKind
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    sent_at: NaiveDatetime
    corrected_at: NaiveDatetime | None = None


class MessageRevision(SQLModel, table=True):
    """The text a message had before a correction."""

    __tablename__ = "message_revision"

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    body: str = Field(max_length=4000)
    replaced_at: NaiveDatetime


class ConversationRead(SQLModel, table=True):
    """How far a person has read in a conversation; unread counts come from it."""

    __tablename__ = "conversation_read"
    __table_args__ = (UniqueConstraint("conversation_id", "person_id", name="uq_conversation_read"),)

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    last_read_message_id: int = 0
