"""Practice logs kept apart from real work (domain.practice): the guards every service that adds a
person to a log uses, and the SQL filter for every list of people one can add. The use cases of a
practice log itself are in practice_log.py."""

from sqlalchemy import or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from stafett_app.domain import practice as rules
from stafett_app.domain.errors import ValidationFailed
from stafett_app.models import Person, StafettLog


def people_allowed_in(log: StafettLog) -> ColumnElement[bool]:
    """The SQL side of domain.practice.may_join, for every list of people one can add to a log."""
    if log.is_practice:
        return or_(col(Person.id) == log.created_by_id, col(Person.practice_log_id) == log.id)
    return col(Person.practice_log_id).is_(None)


def require_may_join(session: Session, log: StafettLog, person_id: int, field: str = "person_id") -> None:
    """Refuses a real person in a practice log and an invented one in a real log."""
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationFailed({field: "error.choose_one"})
    rules.require_may_join(
        log_is_practice=log.is_practice,
        log_id=log.id,  # type: ignore[arg-type]
        log_owner_id=log.created_by_id,
        person_id=person_id,
        person_practice_log_id=person.practice_log_id,
        field=field,
    )


def is_practice_log(session: Session, log_id: int) -> bool:
    log = session.get(StafettLog, log_id)
    return log is not None and log.is_practice
