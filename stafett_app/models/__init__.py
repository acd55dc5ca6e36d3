"""SQLModel tables. Plain data: the rules about them live in stafett_app.domain."""

# First: every table below takes its constraint names from this convention.
from stafett_app.models.naming import NAMING_CONVENTION

# isort: split
from stafett_app.models.admin import AdminEvent, Feedback
from stafett_app.models.archive import AccessLogEntry, ArchiveCopy
from stafett_app.models.audit import AccessAttempt
from stafett_app.models.content_stamp import LogStamp, SiteStamp
from stafett_app.models.drafts import FormDraft
from stafett_app.models.files import Attachment, Note, Photo
from stafett_app.models.ids import id_of, selected_id
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
from stafett_app.models.people import LoginSession, PendingLogin, Person, Unit, UnitLeader
from stafett_app.models.plan import Comment, Concern, Evaluation, Glimmer, Goal, Measure, MeasureRevision
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

__all__ = [
    "NAMING_CONVENTION",
    "AccessAttempt",
    "AccessLogEntry",
    "AdminEvent",
    "ArchiveCopy",
    "Attachment",
    "CalendarFeed",
    "Comment",
    "Concern",
    "Consent",
    "ConsentAsk",
    "ConsentEntry",
    "ConsentRequest",
    "ConsentRequestEntry",
    "Conversation",
    "ConversationMember",
    "ConversationRead",
    "DeletionRequest",
    "Evaluation",
    "Feedback",
    "FormDraft",
    "Glimmer",
    "Goal",
    "Handover",
    "HandoverConcern",
    "LogEvent",
    "LogStamp",
    "LoginSession",
    "Measure",
    "MeasureRevision",
    "Meeting",
    "MeetingInvite",
    "Message",
    "MessageRevision",
    "Note",
    "Notification",
    "NotificationChoice",
    "Observation",
    "Participant",
    "ParticipantProposal",
    "PendingLogin",
    "Person",
    "Photo",
    "PushSubscription",
    "ReminderSent",
    "RequestKey",
    "ServerKey",
    "SiteStamp",
    "StafettLog",
    "Unit",
    "UnitLeader",
    "id_of",
    "selected_id",
]
