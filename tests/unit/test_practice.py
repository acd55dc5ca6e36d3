"""domain.practice: who may take part in a practice log, who may act for its invented people,
where its notices go, and when it is deleted."""

from datetime import datetime, timedelta

import pytest

from stafett_app.domain import practice
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.practice import NoticeMark
from stafett_app.domain.roles import PersonKind

OWNER, OTHER_STAFF = 10, 11
LOG, OTHER_LOG = 1, 2  # practice logs: LOG is OWNER's
MINE, THEIRS = 20, 21  # invented people: MINE made for LOG, THEIRS for OTHER_LOG


def joins(person_id: int, made_for: int | None, *, in_practice: bool = True) -> bool:
    return practice.may_join(
        log_is_practice=in_practice,
        log_id=LOG,
        log_owner_id=OWNER,
        person_id=person_id,
        person_practice_log_id=made_for,
    )


@pytest.mark.parametrize(
    ("person_id", "made_for", "allowed"),
    [
        (OWNER, None, True),  # the practising person holds it
        (MINE, LOG, True),  # the invented people made for it
        (OTHER_STAFF, None, False),  # a real colleague, never
        (THEIRS, OTHER_LOG, False),  # invented for another practice log (the owner's own, or someone else's)
    ],
)
def test_a_practice_log_takes_only_its_owner_and_its_own_invented_people(person_id, made_for, allowed):
    assert joins(person_id, made_for) is allowed


@pytest.mark.parametrize(("made_for", "allowed"), [(None, True), (LOG, False), (OTHER_LOG, False)])
def test_a_real_log_never_takes_an_invented_person(made_for, allowed):
    assert joins(MINE, made_for, in_practice=False) is allowed


def test_a_refused_join_names_the_field_and_says_why():
    with pytest.raises(ValidationFailed) as refused:
        practice.require_may_join(
            log_is_practice=True,
            log_id=LOG,
            log_owner_id=OWNER,
            person_id=OTHER_STAFF,
            person_practice_log_id=None,
            field="named",
        )
    assert refused.value.errors == {"named": "error.practice_mix"}
    practice.require_may_join(
        log_is_practice=False,
        log_id=LOG,
        log_owner_id=OWNER,
        person_id=OTHER_STAFF,
        person_practice_log_id=None,
        field="named",
    )


def acts(person_id: int, invented_log: int | None, *, in_practice: bool = True) -> bool:
    return practice.may_act_for(
        log_is_practice=in_practice, log_id=LOG, log_owner_id=OWNER, person_id=person_id, invented_log_id=invented_log
    )


def test_only_the_owner_acts_for_the_invented_people_and_only_in_their_practice_log():
    assert acts(OWNER, LOG)
    assert not acts(OWNER, LOG, in_practice=False)
    assert not acts(OTHER_STAFF, LOG)
    assert not acts(OWNER, None)  # a real guardian
    assert not acts(OWNER, OTHER_LOG)
    with pytest.raises(PermissionDenied):
        practice.require_may_act_for(
            log_is_practice=True, log_id=LOG, log_owner_id=OWNER, person_id=OWNER, invented_log_id=None
        )


def test_every_active_staff_member_may_practise_and_nobody_else():
    assert practice.may_start_practice(PersonKind.STAFF, active=True)
    assert not practice.may_start_practice(PersonKind.STAFF, active=False)
    assert not practice.may_start_practice(PersonKind.GUARDIAN, active=True)
    assert not practice.may_start_practice(PersonKind.CHILD, active=True)


def test_deleted_after_thirty_days_to_the_second():
    created = datetime(2026, 11, 1, 9, 0)
    assert practice.deleted_after(created) == datetime(2026, 12, 1, 9, 0)
    assert not practice.is_expired(created, created + timedelta(days=30) - timedelta(seconds=1))
    assert practice.is_expired(created, created + timedelta(days=30))
    assert practice.expiry_cutoff(datetime(2026, 12, 1, 9, 0)) == created


def test_a_notice_for_an_invented_person_goes_to_the_practising_person_marked():
    owners = {MINE: OWNER, 22: OWNER}  # two invented guardians: one notice to the owner
    assert practice.notice_recipients(owners, actor_id=OWNER) == {OWNER: NoticeMark.FOR_INVENTED}


def test_real_people_are_told_as_before_and_the_actor_never():
    owners = {OTHER_STAFF: None, OWNER: None}
    assert practice.notice_recipients(owners, actor_id=OWNER) == {OTHER_STAFF: NoticeMark.REAL}
    assert practice.notice_recipients(owners, actor_id=None, about_practice=True) == {
        OTHER_STAFF: NoticeMark.PRACTICE,
        OWNER: NoticeMark.PRACTICE,
    }


def test_the_owner_as_recipient_and_as_stand_in_gets_one_notice():
    assert practice.notice_recipients({OWNER: None, MINE: OWNER}, actor_id=None, about_practice=True) == {
        OWNER: NoticeMark.FOR_INVENTED
    }
    assert practice.notice_recipients({MINE: OWNER, OWNER: None}, actor_id=None) == {OWNER: NoticeMark.FOR_INVENTED}
