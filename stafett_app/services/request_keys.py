"""Idempotent creates: a double tap, or a resend after the connection came back, makes one row.

The browser makes a key for each create it means (one per form opening) and sends it with every
attempt. The key is written, with a unique constraint per person, in the same transaction as the
row it creates; a repeat finds it and gets the first result back instead of a second row. Two
attempts racing each other meet at the constraint: on PostgreSQL the loser waits for the winner's
commit, fails its insert inside a savepoint, and then reads the winner's result. SQLite's driver
commits on the release of a savepoint opened outside a transaction, so there the key is written
without one, after the row: SQLite has one writer at a time, and a racing loser fails as a whole
at the key's constraint (rolled back, no second row); its retry then reads the first result.
"""

from collections.abc import Callable

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import ValidationFailed
from stafett_app.models import RequestKey

REQUEST_KEY_MAX = 100


# Every create asks: built once (see services.read on prebuilt statements).
_KEY = select(RequestKey).where(RequestKey.person_id == bindparam("person_id"), RequestKey.key == bindparam("key"))


def _find(session: Session, person_id: int, key: str) -> RequestKey | None:
    return session.exec(_KEY, params={"person_id": person_id, "key": key}).first()


def once(session: Session, person_id: int, request_key: str | None, kind: str, create: Callable[[], int]) -> int:
    """Run `create` (which returns the new row's id) once per (person, key); a repeat returns the
    first id. Without a key it simply creates. A key reused for another kind of create is refused."""
    if not request_key:
        return create()
    key = request_key.strip()[:REQUEST_KEY_MAX]
    earlier = _find(session, person_id, key)
    if earlier is None:
        reserved = RequestKey(person_id=person_id, key=key, kind=kind, created_at=utcnow())
        if session.get_bind().dialect.name == "sqlite":
            # Create first: writing the key first would take SQLite's one write lock before the
            # use case checks permission, and the refusal record (its own connection) would then
            # wait for it until "database is locked". A racing loser still fails at the key.
            reserved.result_id = create()
            session.add(reserved)
            session.flush()
            return reserved.result_id
        try:
            with session.begin_nested():
                session.add(reserved)
                session.flush()
        except IntegrityError:
            earlier = _find(session, person_id, key)  # a concurrent attempt committed first
        else:
            result = create()
            reserved.result_id = result
            session.add(reserved)
            session.flush()
            return result
    if earlier is None or earlier.kind != kind or earlier.result_id is None:
        raise ValidationFailed({"request_key": "error.request_key_reused"})
    return earlier.result_id
