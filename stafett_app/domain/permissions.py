"""Who may do what in a log. Every event handler and route asks here, on the server.

A person's relation to one log is described by `LogAccess`; `may()` answers one action,
`require()` raises PermissionDenied. The matrix is small on purpose, so that it can be read
whole and tested role by role.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.roles import AGE_OF_OWN_CONSENT, LogRole


class Action(StrEnum):
    VIEW_LOG = "view_log"  # the log at all: for a child under 15, only their own picture page
    VIEW_PLAN = "view_plan"  # the whole plan, the family view and the timeline
    EDIT_PLAN = "edit_plan"  # concerns, goals, measures, level, closing
    MANAGE_PARTICIPANTS = "manage_participants"
    COMMENT = "comment"  # on a measure
    EVALUATE = "evaluate"  # a measure
    CALL_MEETING = "call_meeting"
    WRITE_NOTE = "write_note"  # notes and their PDFs: the professionals in the log
    WRITE_GLIMMER = "write_glimmer"  # a lysglimt: a short positive note
    READ_MESSAGES = "read_messages"
    WRITE_MESSAGE = "write_message"
    WRITE_MINUTES = "write_minutes"  # the holder, or the secretary chosen for one meeting
    GIVE_CONSENT = "give_consent"
    WITHDRAW_CONSENT = "withdraw_consent"
    PRINT = "print"  # a PDF of chosen parts: the holder and the family who consents
    READ_ARCHIVE = "read_archive"  # the archive copies: the holder and the leader of the log's unit
    EXPORT = "export"  # concerns to another Stafett: the holder
    # The relay from start to finish
    ADD_OBSERVATION = "add_observation"  # dated observations and talk summaries in a draft
    DISCARD_DRAFT = "discard_draft"
    REGISTER_FAMILY = "register_family"  # guardians and the young person from 15
    ASK_CONSENT = "ask_consent"  # propose participants and ask the family (also on paper)
    ACTIVATE = "activate"
    CHANGE_LEVEL = "change_level"
    REMOVE_PARTICIPANT = "remove_participant"
    PROPOSE_HANDOVER = "propose_handover"  # also withdrawing one's own proposal
    ANSWER_HANDOVER = "answer_handover"  # accept or decline: the proposed holder alone
    CLOSE_LOG = "close_log"
    REOPEN = "reopen"  # ask the family for a new consent for a passive log
    REQUEST_DELETION = "request_deletion"
    DECIDE_DELETION = "decide_deletion"
    SEE_OPENINGS = "see_openings"  # who opened the log: the family (as the health portal shows a patient), the holder
    SHOW_CHILD_PAGE = "show_child_page"  # on one's own device, full screen: a guardian or the holder
    SEE_REFUSALS = "see_refusals"  # refused attempts on the log: the holder and the leader of its unit
    # The family's own copy of what Stafett holds about them in the log (GDPR art. 15): a guardian or the
    # young person from 15, who speak for the family; not staff (they have print), not a child under 15.
    OWN_COPY = "own_copy"


@dataclass(frozen=True)
class LogAccess:
    """What one person is to one log, as read from the database by the service layer."""

    person_id: int
    roles: frozenset[LogRole] = field(default_factory=frozenset)
    status: LogStatus = LogStatus.ACTIVE
    is_draft_author: bool = False
    person_age: int | None = None
    is_unit_leader: bool = False  # leads the unit the log belongs to (not a role in the log)
    # Proposed as the new holder in a pending handover: may read the log before answering.
    pending_handover_to_me: bool = False

    def has(self, role: LogRole) -> bool:
        return role in self.roles


def _consents_for_self(access: LogAccess) -> bool:
    """The young person from 15 consents; a younger owner does not."""
    return access.has(LogRole.OWNER) and (access.person_age or 0) >= AGE_OF_OWN_CONSENT


def _is_young_child(access: LogAccess) -> bool:
    """An owner under 15 who has no other role: the picture view is theirs, not the messages."""
    return access.roles == {LogRole.OWNER} and not _consents_for_self(access)


def may(
    access: LogAccess,
    action: Action,
    *,
    measure_responsible_id: int | None = None,
    secretary_id: int | None = None,
    handover_to_id: int | None = None,
) -> bool:
    """Whether the person may do `action` in this log (and on this measure, where it matters)."""
    if access.status == LogStatus.DISCARDED:
        return False  # only the author's summary is left, shown from their own list
    if access.status == LogStatus.DRAFT:
        # A draft holds early observations: only its author sees or changes it. The family
        # can still give the consent that lets it start, without seeing the observations.
        if action == Action.GIVE_CONSENT:
            return _may_consent(access)
        return access.is_draft_author and action in _DRAFT_AUTHOR_ACTIONS
    if action in (Action.READ_ARCHIVE, Action.SEE_REFUSALS):
        return access.has(LogRole.HOLDER) or access.is_unit_leader
    if action == Action.ANSWER_HANDOVER:
        # Only the proposed new holder answers; not the old holder, not the leader.
        return access.status == LogStatus.ACTIVE and handover_to_id is not None and handover_to_id == access.person_id
    if action == Action.PROPOSE_HANDOVER and access.status == LogStatus.ACTIVE:
        return access.has(LogRole.HOLDER) or access.is_unit_leader
    if action == Action.DECIDE_DELETION:
        return access.is_unit_leader
    if (
        action in (Action.VIEW_LOG, Action.VIEW_PLAN)
        and access.pending_handover_to_me
        and access.status == LogStatus.ACTIVE
    ):
        return True
    if not access.roles:
        return False
    if action == Action.OWN_COPY:
        return _may_consent(access)  # also in a passive log: the right of access outlives the plan
    if action in (Action.PRINT, Action.SEE_OPENINGS):
        return access.has(LogRole.HOLDER) or access.has(LogRole.GUARDIAN) or _consents_for_self(access)
    if action == Action.EXPORT:
        return access.has(LogRole.HOLDER)
    if action == Action.REQUEST_DELETION:
        return _may_consent(access)
    if action == Action.SHOW_CHILD_PAGE:
        return access.has(LogRole.HOLDER) or access.has(LogRole.GUARDIAN)
    if action == Action.VIEW_LOG:
        return True
    if action in (Action.VIEW_PLAN, Action.READ_MESSAGES):
        # A child under 15 has the picture page: not red results, staff notes or other people.
        return not _is_young_child(access)
    if access.status == LogStatus.PASSIVE:
        # A passive log is read-only; it comes back only with a new consent, which the holder
        # asks for (digitally or on paper) and the family gives.
        if action in (Action.REOPEN, Action.ASK_CONSENT):
            return access.has(LogRole.HOLDER)
        return action == Action.GIVE_CONSENT and _may_consent(access)
    is_own_measure = measure_responsible_id is not None and measure_responsible_id == access.person_id
    if action in _HOLDER_ACTIONS:
        return access.has(LogRole.HOLDER)
    if action == Action.COMMENT:
        return (
            access.has(LogRole.HOLDER)
            or access.has(LogRole.GUARDIAN)
            or access.has(LogRole.OWNER)
            or (access.has(LogRole.ACTOR) and is_own_measure)
        )
    if action == Action.WRITE_NOTE:
        return access.has(LogRole.HOLDER) or access.has(LogRole.ACTOR)
    if action == Action.WRITE_MESSAGE:
        return not _is_young_child(access) and not access.roles <= {LogRole.READER}
    if action == Action.WRITE_MINUTES:
        return access.has(LogRole.HOLDER) or (secretary_id is not None and secretary_id == access.person_id)
    if action == Action.WRITE_GLIMMER:
        return not access.roles <= {LogRole.READER}
    if action == Action.EVALUATE:
        return access.has(LogRole.HOLDER) or (access.has(LogRole.ACTOR) and is_own_measure)
    if action in (Action.GIVE_CONSENT, Action.WITHDRAW_CONSENT):
        return _may_consent(access)
    return False


def may_attach_to_note(access: LogAccess, note_author_id: int) -> bool:
    """A PDF goes on one's own note; the holder may add one to any note in the log."""
    return may(access, Action.WRITE_NOTE) and (access.person_id == note_author_id or access.has(LogRole.HOLDER))


# What the author of a level 0 draft does while it is theirs alone.
_DRAFT_AUTHOR_ACTIONS = frozenset(
    {
        Action.VIEW_LOG,
        Action.VIEW_PLAN,
        Action.EDIT_PLAN,
        Action.MANAGE_PARTICIPANTS,
        Action.ADD_OBSERVATION,
        Action.DISCARD_DRAFT,
        Action.REGISTER_FAMILY,
        Action.ASK_CONSENT,
        Action.ACTIVATE,
    }
)

# The holder's duties in an active log. A holder who has proposed a handover keeps all of them
# until the new holder accepts: nothing here looks at pending proposals.
_HOLDER_ACTIONS = frozenset(
    {
        Action.EDIT_PLAN,
        Action.MANAGE_PARTICIPANTS,
        Action.CALL_MEETING,
        Action.REGISTER_FAMILY,
        Action.ASK_CONSENT,
        Action.CHANGE_LEVEL,
        Action.REMOVE_PARTICIPANT,
        Action.CLOSE_LOG,
    }
)


def _may_consent(access: LogAccess) -> bool:
    return access.has(LogRole.GUARDIAN) or _consents_for_self(access)


def require(
    access: LogAccess,
    action: Action,
    *,
    measure_responsible_id: int | None = None,
    secretary_id: int | None = None,
    handover_to_id: int | None = None,
) -> None:
    if not may(
        access,
        action,
        measure_responsible_id=measure_responsible_id,
        secretary_id=secretary_id,
        handover_to_id=handover_to_id,
    ):
        raise PermissionDenied()


def may_start_log(person_kind: str, may_hold_logs: bool) -> bool:
    """Any staff member with the right to hold logs starts a new one (as a level 0 draft)."""
    return person_kind == "staff" and may_hold_logs


# --- administration ------------------------------------------------------------------------------


class AdminAction(StrEnum):
    """What the municipality's administrator does on /admin. Nobody else may do any of it."""

    VIEW = "view"  # the admin page: units, employees, audit trail, feedback
    CREATE_UNIT = "create_unit"
    RENAME_UNIT = "rename_unit"
    SET_UNIT_KIND = "set_unit_kind"
    SET_UNIT_LEADERS = "set_unit_leaders"
    REGISTER_EMPLOYEE = "register_employee"
    IMPORT_EMPLOYEES = "import_employees"
    CORRECT_NATIONAL_ID = "correct_national_id"
    CORRECT_EMAIL = "correct_email"
    MOVE_EMPLOYEE = "move_employee"
    SET_RIGHTS = "set_rights"  # may hold logs, may be actor
    DEACTIVATE = "deactivate"


@dataclass(frozen=True)
class AdminAccess:
    """The signed-in person as the administration sees them."""

    person_id: int
    is_admin: bool
    is_active: bool = True


def may_administer(access: AdminAccess, action: AdminAction) -> bool:
    """An active administrator may do every administrative action; nobody else any.
    `action` is named so that each call says what it is about, and so a finer rule has a place."""
    return access.is_admin and access.is_active and action in AdminAction


def require_admin(access: AdminAccess, action: AdminAction) -> None:
    if not may_administer(access, action):
        raise PermissionDenied()


def may_deactivate(access: AdminAccess, target_id: int) -> bool:
    """An administrator cannot deactivate themselves: the municipality would lose its last way in."""
    return may_administer(access, AdminAction.DEACTIVATE) and target_id != access.person_id


def may_take_role(role: LogRole, *, active: bool, may_hold_logs: bool, may_be_actor: bool) -> bool:
    """The rights the administrator gives staff: only an active person takes a role in a log; holding a
    log needs "may hold logs", being an actor "may be actor" (a reader needs neither)."""
    if not active:
        return False
    if role == LogRole.HOLDER:
        return may_hold_logs
    if role == LogRole.ACTOR:
        return may_be_actor
    return True
