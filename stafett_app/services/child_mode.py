"""Showing a child their page on an adult's device (ID-porten has no sign-in before about 13).

A guardian or the holder switches their own login to the child's page: from then on that login
(every tab, every route) reaches only that log's child page, read-only. Leaving needs the adult:
it is a full sign-out (at the identity provider too), and signing in again asks for MinID or BankID.
"""

from sqlmodel import Session

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.permissions import Action, may
from stafett_app.models import Person, StafettLog
from stafett_app.services import read
from stafett_app.services.access import access_for, open_log
from stafett_app.services.auth import login_for_token


def child_name_if_allowed(session: Session, person: Person, log_id: int) -> str:
    """The child's first name when the person may show the child their page (else ""); no refusal
    is recorded: pages ask this to decide whether to offer the button."""
    log = session.get(StafettLog, log_id)
    if log is None or not may(access_for(session, log, person), Action.SHOW_CHILD_PAGE):
        return ""
    child = read.person_by_id(session, log.child_id)
    return child.first_name if child is not None else ""


def enter(session: Session, person: Person, token: str | None, log_id: int) -> None:
    """Switch this login to the child's page of the log (a refusal is recorded as usual)."""
    login = login_for_token(session, token)
    if login is None or login.person_id != person.id:
        raise PermissionDenied()
    open_log(session, person, log_id, Action.SHOW_CHILD_PAGE)
    login.child_log_id = log_id
    session.add(login)


def shown_log(session: Session, token: str | None) -> int | None:
    """The log whose child page this login is limited to, or None for an ordinary login."""
    login = login_for_token(session, token)
    return login.child_log_id if login is not None else None
