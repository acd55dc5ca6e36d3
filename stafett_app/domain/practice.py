"""Practice logs: a staff member tries the whole relay on a fictitious child with invented people.

A practice log is kept apart from real work by a few rules, all here:
- only the invented people made for it and the practising person take part in it; a real person is
  never added to it, and an invented person never to a real log (nor to another practice log);
- notices about it reach the practising person only, marked as practice;
- it is never counted, never archived, and is deleted with its invented people after PRACTICE_DAYS.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum

from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.roles import PersonKind

PRACTICE_DAYS = 30
PRACTICE_CHILD_AGE = 8  # years: a child under 15, so the guardian consents


def may_start_practice(kind: str, *, active: bool) -> bool:
    """Every staff member may practise, also one without the right to hold real logs."""
    return kind == PersonKind.STAFF and active


def may_join(
    *, log_is_practice: bool, log_id: int, log_owner_id: int, person_id: int, person_practice_log_id: int | None
) -> bool:
    """Whether a person may take any part in a log (participant, named in a consent, new holder)."""
    if log_is_practice:
        return person_id == log_owner_id or person_practice_log_id == log_id
    return person_practice_log_id is None


def require_may_join(
    *,
    log_is_practice: bool,
    log_id: int,
    log_owner_id: int,
    person_id: int,
    person_practice_log_id: int | None,
    field: str,
) -> None:
    if not may_join(
        log_is_practice=log_is_practice,
        log_id=log_id,
        log_owner_id=log_owner_id,
        person_id=person_id,
        person_practice_log_id=person_practice_log_id,
    ):
        raise ValidationFailed({field: "error.practice_mix"})


def may_act_for(
    *, log_is_practice: bool, log_id: int, log_owner_id: int, person_id: int, invented_log_id: int | None
) -> bool:
    """The practising person may act on behalf of an invented person of their own practice log
    (give the invented family's consent, say); nobody acts for anyone in a real log."""
    return log_is_practice and person_id == log_owner_id and invented_log_id == log_id


def require_may_act_for(
    *, log_is_practice: bool, log_id: int, log_owner_id: int, person_id: int, invented_log_id: int | None
) -> None:
    if not may_act_for(
        log_is_practice=log_is_practice,
        log_id=log_id,
        log_owner_id=log_owner_id,
        person_id=person_id,
        invented_log_id=invented_log_id,
    ):
        raise PermissionDenied()


def deleted_after(created_at: datetime) -> datetime:
    return created_at + timedelta(days=PRACTICE_DAYS)


def is_expired(created_at: datetime, now: datetime) -> bool:
    return now >= deleted_after(created_at)


def expiry_cutoff(now: datetime) -> datetime:
    """Practice logs created before this moment are due for deletion."""
    return now - timedelta(days=PRACTICE_DAYS)


class NoticeMark(StrEnum):
    REAL = "real"
    PRACTICE = "practice"  # about a practice log, to the practising person
    FOR_INVENTED = "for_invented"  # meant for an invented person, shown to the practising person instead


def notice_recipients(
    owners: Mapping[int, int | None], *, actor_id: int | None, about_practice: bool = False
) -> dict[int, NoticeMark]:
    """Who gets a notice, and whether it is marked as practice.

    `owners` maps each intended recipient to the person practising with them (None for a real person). The one
    who caused the event is not told, as always. A notice meant for an invented person goes to the
    practising person instead, marked as practice, so they see what the family would have been told
    and no real person is ever reached. `about_practice` marks every notice (the log is a practice log).
    """
    result: dict[int, NoticeMark] = {}
    for person_id, owner_id in sorted(owners.items()):
        if person_id == actor_id:
            continue
        if owner_id is not None:
            result[owner_id] = NoticeMark.FOR_INVENTED
        elif result.get(person_id) != NoticeMark.FOR_INVENTED:
            result[person_id] = NoticeMark.PRACTICE if about_practice else NoticeMark.REAL
    return result
