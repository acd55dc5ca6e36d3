"""Unsaved form text, kept per person and form as it is typed, so a timeout loses nothing.

A draft is only ever read by the person who typed it; it is replaced as they type, removed when the
form is saved or cancelled. Which forms exist and whether the person may open one is the form host's
business (it stores only for the form it opened on the server).
"""

import json
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from stafett_app.domain.dates import utcnow
from stafett_app.models import FormDraft, Person, id_of
from stafett_app.services import log_cache

MAX_FIELD_CHARS = 5000  # a little over any field's limit: the form itself says what is too long
MAX_FIELDS = 20


@dataclass(frozen=True)
class DraftKey:
    kind: str
    log_id: int
    target_id: int = 0
    parent_id: int = 0


def _row(session: Session, person: Person, key: DraftKey) -> FormDraft | None:
    return session.exec(
        select(FormDraft).where(
            FormDraft.person_id == id_of(person),
            FormDraft.kind == key.kind,
            FormDraft.log_id == key.log_id,
            FormDraft.target_id == key.target_id,
            FormDraft.parent_id == key.parent_id,
        )
    ).first()


def keep_field(session: Session, person: Person, key: DraftKey, field: str, text: str) -> None:
    """Store what is in one field now (the other fields of the draft stay)."""
    row = _row(session, person, key)
    values = json.loads(row.values_json) if row is not None else {}
    if field not in values and len(values) >= MAX_FIELDS:
        return
    values[field] = text[:MAX_FIELD_CHARS]
    if row is None:
        row = FormDraft(
            person_id=id_of(person),
            kind=key.kind,
            log_id=key.log_id,
            target_id=key.target_id,
            parent_id=key.parent_id,
            updated_at=utcnow(),
        )
    row.values_json = json.dumps(values, ensure_ascii=False)
    row.updated_at = utcnow()
    session.add(row)


def draft_values(session: Session, person: Person, key: DraftKey) -> dict[str, str]:
    """The person's own unsaved text for this form (empty when there is none)."""
    row = _row(session, person, key)
    if row is None:
        return {}
    return {str(k): str(v) for k, v in json.loads(row.values_json).items() if str(v).strip()}


def forget(session: Session, person: Person, key: DraftKey) -> None:
    row = _row(session, person, key)
    if row is not None:
        session.delete(row)


# Every log page load with forms asks: built once (see services.read on prebuilt statements).
_DRAFTS_NEWEST_FIRST = (
    select(FormDraft)
    .where(
        FormDraft.person_id == bindparam("person_id"),
        FormDraft.log_id == bindparam("log_id"),
        col(FormDraft.kind).in_(bindparam("kinds", expanding=True)),
    )
    .order_by(col(FormDraft.updated_at).desc())
)


def latest_in_log(session: Session, person: Person, log_id: int, kinds: frozenset[str]) -> DraftKey | None:
    """The person's newest draft with text in it in this log, among the forms the page offers (a page
    load's view: kept in the worker while the log's drafts hold, services.log_cache)."""
    params = {"person_id": id_of(person), "log_id": log_id, "kinds": sorted(kinds)}

    def read() -> DraftKey | None:
        for row in session.exec(_DRAFTS_NEWEST_FIRST, params=params).all():
            if any(str(v).strip() for v in json.loads(row.values_json).values()):
                return DraftKey(row.kind, row.log_id, row.target_id, row.parent_id)
        return None

    return log_cache.log_cached(session, log_id, "drafts", ("latest draft", id_of(person), kinds), read)
