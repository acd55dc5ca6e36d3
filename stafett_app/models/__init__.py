"""SQLModel tables. Plain data: the rules about them live in stafett_app.domain."""

from stafett_app.models.audit import AccessAttempt
from stafett_app.models.files import Attachment, Note, Photo
from stafett_app.models.log import Consent, ConsentEntry, Participant, ParticipantProposal, StafettLog
from stafett_app.models.meetings import CalendarFeed, Meeting, MeetingInvite
from stafett_app.models.messages import Conversation, ConversationMember, ConversationRead, Message, MessageRevision
from stafett_app.models.notifications import (
    Notification,
    NotificationChoice,
    PushSubscription,
    ReminderSent,
    ServerKey,
)
from stafett_app.models.people import LoginSession, Person, Unit
from stafett_app.models.relay import (
    ConsentAsk,
    ConsentRequest,
    ConsentRequestEntry,
    DeletionRequest,
    Handover,
    HandoverConcern,
    LogEvent,
    Observation,
    RequestKey,
)
from stafett_app.models.plan import Comment, Concern, Evaluation, Glimmer, Goal, Measure, MeasureRevision

__all__ = [
    "ConsentAsk",
    "ConsentRequest",
    "ConsentRequestEntry",
    "DeletionRequest",
    "Handover",
    "HandoverConcern",
    "LogEvent",
    "Observation",
    "RequestKey",
    "Conversation",
    "ConversationMember",
    "ConversationRead",
    "Message",
    "MessageRevision",
    "Notification",
    "NotificationChoice",
    "PushSubscription",
    "ReminderSent",
    "ServerKey",
    "Attachment",
    "Note",
    "CalendarFeed",
    "Meeting",
    "MeetingInvite",
    "AccessAttempt",
    "Comment",
    "Concern",
    "Consent",
    "ConsentEntry",
    "Evaluation",
    "Glimmer",
    "Goal",
    "LoginSession",
    "Measure",
    "MeasureRevision",
    "Participant",
    "Photo",
    "ParticipantProposal",
    "Person",
    "StafettLog",
    "Unit",
]
