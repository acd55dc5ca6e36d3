"""The permission matrix: every role against every action, in an active log, allowed and refused."""

import pytest

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.permissions import Action, LogAccess, may, require
from stafett_app.domain.roles import LogRole

ME, SOMEONE_ELSE = 10, 20
A = Action

# (role, age) -> actions allowed in an active log, on a measure someone else is responsible for.
ALLOWED_ON_OTHERS_MEASURE = {
    (LogRole.HOLDER, None): {
        A.VIEW_LOG,
        A.VIEW_PLAN,
        A.EDIT_PLAN,
        A.MANAGE_PARTICIPANTS,
        A.CALL_MEETING,
        A.COMMENT,
        A.EVALUATE,
        A.WRITE_GLIMMER,
        A.WRITE_NOTE,
        A.READ_MESSAGES,
        A.WRITE_MESSAGE,
        A.WRITE_MINUTES,
        A.PRINT,
        A.READ_ARCHIVE,
        A.EXPORT,
        A.REGISTER_FAMILY,
        A.ASK_CONSENT,
        A.CHANGE_LEVEL,
        A.REMOVE_PARTICIPANT,
        A.CLOSE_LOG,
        A.PROPOSE_HANDOVER,
        A.SEE_OPENINGS,
        A.SEE_REFUSALS,
        A.SHOW_CHILD_PAGE,
    },
    (LogRole.GUARDIAN, None): {
        A.VIEW_LOG,
        A.VIEW_PLAN,
        A.COMMENT,
        A.GIVE_CONSENT,
        A.WITHDRAW_CONSENT,
        A.REQUEST_DELETION,
        A.WRITE_GLIMMER,
        A.READ_MESSAGES,
        A.WRITE_MESSAGE,
        A.PRINT,
        A.SEE_OPENINGS,
        A.SHOW_CHILD_PAGE,
        A.OWN_COPY,
    },
    # A child under 15 has the picture view: no messages, which are written between adults.
    (LogRole.OWNER, 10): {A.VIEW_LOG, A.COMMENT, A.WRITE_GLIMMER},  # not the plan: their own page
    (LogRole.OWNER, 16): {
        A.VIEW_LOG,
        A.VIEW_PLAN,
        A.REQUEST_DELETION,
        A.COMMENT,
        A.GIVE_CONSENT,
        A.WITHDRAW_CONSENT,
        A.WRITE_GLIMMER,
        A.READ_MESSAGES,
        A.WRITE_MESSAGE,
        A.PRINT,
        A.SEE_OPENINGS,
        A.OWN_COPY,
    },
    (LogRole.ACTOR, None): {A.VIEW_LOG, A.VIEW_PLAN, A.WRITE_GLIMMER, A.WRITE_NOTE, A.READ_MESSAGES, A.WRITE_MESSAGE},
    (LogRole.READER, None): {A.VIEW_LOG, A.VIEW_PLAN, A.READ_MESSAGES},
    (None, None): set(),  # no role at all: a leader or an unrelated teacher
}


def access(role, age=None, status=LogStatus.ACTIVE, draft_author=False) -> LogAccess:
    return LogAccess(
        person_id=ME,
        roles=frozenset({role}) if role else frozenset(),
        status=status,
        is_draft_author=draft_author,
        person_age=age,
    )


@pytest.mark.parametrize("role_and_age", list(ALLOWED_ON_OTHERS_MEASURE), ids=lambda r: f"{r[0]}-{r[1]}")
@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.value)
def test_matrix_active_log(role_and_age, action):
    expected = action in ALLOWED_ON_OTHERS_MEASURE[role_and_age]
    assert may(access(*role_and_age), action, measure_responsible_id=SOMEONE_ELSE) is expected
    if not expected:
        with pytest.raises(PermissionDenied):
            require(access(*role_and_age), action, measure_responsible_id=SOMEONE_ELSE)


@pytest.mark.parametrize("action,expected", [(A.COMMENT, True), (A.EVALUATE, True), (A.EDIT_PLAN, False)])
def test_actor_writes_on_own_measure_only(action, expected):
    assert may(access(LogRole.ACTOR), action, measure_responsible_id=ME) is expected
    assert may(access(LogRole.ACTOR), action, measure_responsible_id=SOMEONE_ELSE) is False


def test_reader_cannot_comment_even_on_own_measure():
    assert may(access(LogRole.READER), A.COMMENT, measure_responsible_id=ME) is False


@pytest.mark.parametrize("role", list(LogRole))
def test_passive_log_is_read_only(role):
    passive = access(role, age=16, status=LogStatus.PASSIVE)
    assert may(passive, A.VIEW_LOG)
    assert may(passive, A.READ_MESSAGES)
    for action in (
        A.EDIT_PLAN,
        A.COMMENT,
        A.EVALUATE,
        A.MANAGE_PARTICIPANTS,
        A.WITHDRAW_CONSENT,
        A.WRITE_GLIMMER,
        A.WRITE_NOTE,
        A.WRITE_MESSAGE,
        A.WRITE_MINUTES,
    ):
        assert not may(passive, action, measure_responsible_id=ME)


def test_passive_log_can_get_new_consent_from_the_family_only():
    assert may(access(LogRole.GUARDIAN, status=LogStatus.PASSIVE), A.GIVE_CONSENT)
    assert not may(access(LogRole.HOLDER, status=LogStatus.PASSIVE), A.GIVE_CONSENT)


def test_draft_is_visible_to_its_author_only():
    assert may(access(LogRole.HOLDER, status=LogStatus.DRAFT, draft_author=True), A.VIEW_LOG)
    assert may(access(LogRole.HOLDER, status=LogStatus.DRAFT, draft_author=True), A.EDIT_PLAN)
    assert not may(access(LogRole.HOLDER, status=LogStatus.DRAFT, draft_author=False), A.VIEW_LOG)
    assert not may(access(LogRole.GUARDIAN, status=LogStatus.DRAFT), A.VIEW_LOG)
    assert not may(access(LogRole.ACTOR, status=LogStatus.DRAFT), A.VIEW_LOG)


def test_family_may_consent_to_a_draft_without_seeing_it():
    assert may(access(LogRole.GUARDIAN, status=LogStatus.DRAFT), A.GIVE_CONSENT)
    assert may(access(LogRole.OWNER, age=15, status=LogStatus.DRAFT), A.GIVE_CONSENT)
    assert not may(access(LogRole.OWNER, age=14, status=LogStatus.DRAFT), A.GIVE_CONSENT)


@pytest.mark.parametrize("age,expected", [(14, False), (15, True), (17, True)])
def test_young_person_consents_from_15(age, expected):
    assert may(access(LogRole.OWNER, age=age), A.GIVE_CONSENT) is expected


@pytest.mark.parametrize(
    "roles,age,view",
    [
        ({LogRole.HOLDER}, None, "plan"),
        ({LogRole.READER}, None, "plan"),
        ({LogRole.GUARDIAN}, None, "family"),
        ({LogRole.OWNER}, 10, "child"),
        ({LogRole.OWNER}, 16, "family"),
    ],
)
def test_landing_view(roles, age, view):
    from stafett_app.domain.roles import landing_view

    assert landing_view(frozenset(roles), age) == view


def test_the_chosen_secretary_writes_minutes_for_that_meeting_only():
    assert may(access(LogRole.ACTOR), A.WRITE_MINUTES, secretary_id=ME)
    assert not may(access(LogRole.ACTOR), A.WRITE_MINUTES, secretary_id=SOMEONE_ELSE)
    assert not may(access(LogRole.ACTOR, status=LogStatus.PASSIVE), A.WRITE_MINUTES, secretary_id=ME)


def test_a_young_child_who_is_also_something_else_keeps_that_role():
    both = LogAccess(person_id=ME, roles=frozenset({LogRole.OWNER, LogRole.ACTOR}), person_age=12)
    assert may(both, A.WRITE_MESSAGE)


# --- print, archive copies and export ----------------------------------------------------------


@pytest.mark.parametrize("age,expected", [(14, False), (15, True)])
def test_the_young_person_prints_from_15(age, expected):
    assert may(access(LogRole.OWNER, age=age), A.PRINT) is expected


@pytest.mark.parametrize("role", [LogRole.HOLDER, LogRole.GUARDIAN])
def test_a_passive_log_can_still_be_printed(role):
    assert may(access(role, status=LogStatus.PASSIVE), A.PRINT)


def test_the_unit_leader_reads_the_archive_copies_but_not_the_log():
    leader = LogAccess(person_id=ME, is_unit_leader=True)
    assert may(leader, A.READ_ARCHIVE)
    assert may(LogAccess(person_id=ME, is_unit_leader=True, status=LogStatus.PASSIVE), A.READ_ARCHIVE)
    for action in (A.VIEW_LOG, A.PRINT, A.EXPORT):
        assert not may(leader, action)
    assert not may(LogAccess(person_id=ME), A.READ_ARCHIVE)  # a leader of another unit
    assert may(leader, A.SEE_REFUSALS) and not may(leader, A.SEE_OPENINGS)


def test_a_draft_is_never_printed_exported_or_archived():
    author = access(LogRole.HOLDER, status=LogStatus.DRAFT, draft_author=True)
    for action in (A.PRINT, A.EXPORT, A.READ_ARCHIVE):
        assert not may(author, action)


@pytest.mark.parametrize(
    ("role", "age", "status", "expected"),
    [
        (LogRole.GUARDIAN, None, LogStatus.ACTIVE, True),
        (LogRole.GUARDIAN, None, LogStatus.PASSIVE, True),  # the right of access outlives the plan
        (LogRole.OWNER, 15, LogStatus.ACTIVE, True),
        (LogRole.OWNER, 17, LogStatus.PASSIVE, True),
        (LogRole.OWNER, 14, LogStatus.ACTIVE, False),  # the guardians ask for a child under 15
        (LogRole.HOLDER, None, LogStatus.ACTIVE, False),  # staff print; the copy is the family's
        (LogRole.ACTOR, None, LogStatus.ACTIVE, False),
        (LogRole.READER, None, LogStatus.ACTIVE, False),
        (None, None, LogStatus.ACTIVE, False),
        (LogRole.GUARDIAN, None, LogStatus.DRAFT, False),  # a draft is its author's observations alone
        (LogRole.GUARDIAN, None, LogStatus.DISCARDED, False),
    ],
)
def test_the_family_downloads_its_own_copy(role, age, status, expected):
    assert may(access(role, age=age, status=status), A.OWN_COPY) is expected


def test_a_unit_leader_gets_no_own_copy():
    leader = LogAccess(person_id=ME, is_unit_leader=True)
    assert not may(leader, A.OWN_COPY)
