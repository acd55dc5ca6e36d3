"""Notes for history that is not a measure, with PDF attachments checked by their content."""

import re
import secrets

from sqlmodel import Session, col, select

from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.domain.validation import FieldChecks
from stafett_app.models import Attachment, Note, Person
from stafett_app.services.access import open_log
from stafett_app.services.request_keys import once
from stafett_app.services.storage import files_dir

MAX_PDF_BYTES = 10 * 1024 * 1024
NOTE_TITLE_MAX, NOTE_TEXT_MAX = 120, 4000
# Active content has no place in a document about a child.
ACTIVE_PDF_CONTENT = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA)\b")


def add_note(session: Session, person: Person, log_id: int, form: dict, *, request_key: str | None = None) -> int:
    return once(session, person.id, request_key, "note", lambda: _add_note(session, person, log_id, form))  # type: ignore[arg-type]


def _add_note(session: Session, person: Person, log_id: int, form: dict) -> int:
    open_log(session, person, log_id, Action.WRITE_NOTE)
    checks = FieldChecks()
    title = checks.text("title", form.get("title", ""), max_length=NOTE_TITLE_MAX)
    text = checks.text("text", form.get("text", ""), max_length=NOTE_TEXT_MAX, required=False)
    checks.raise_if_any()
    note = Note(log_id=log_id, author_id=person.id, title=title, text=text, created_at=utcnow())  # type: ignore[arg-type]
    session.add(note)
    session.flush()
    return note.id  # type: ignore[return-value]


def check_pdf(raw: bytes) -> None:
    if not raw:
        raise ValidationFailed({"attachment": "error.pdf_empty"})
    if len(raw) > MAX_PDF_BYTES:
        raise ValidationFailed({"attachment": f"error.pdf_too_large|{MAX_PDF_BYTES // (1024 * 1024)}"})
    if not raw.startswith(b"%PDF-") or b"%%EOF" not in raw[-2048:]:
        raise ValidationFailed({"attachment": "error.pdf_not_pdf"})
    if ACTIVE_PDF_CONTENT.search(raw):
        raise ValidationFailed({"attachment": "error.pdf_active_content"})


def attach_pdf(session: Session, person: Person, log_id: int, raw: bytes, filename: str, *, note_id: int) -> int:
    note = session.get(Note, note_id)
    if note is None or note.log_id != log_id:
        raise PermissionDenied()
    open_log(session, person, log_id, Action.WRITE_NOTE)
    return store_pdf(session, log_id, raw, filename, note_id=note_id).id  # type: ignore[return-value]


def store_pdf(session: Session, log_id: int, raw: bytes, filename: str, *, note_id: int) -> Attachment:
    """Check a PDF by its content and keep it outside every public path. The caller has checked
    the permission; a signed paper consent comes this way too."""
    check_pdf(raw)
    stored_name = f"{secrets.token_hex(16)}.pdf"
    (files_dir() / stored_name).write_bytes(raw)
    safe_name = re.sub(r"[^\w .()-]", "_", filename or "dokument.pdf")[:100]
    attachment = Attachment(
        note_id=note_id,
        log_id=log_id,
        stored_name=stored_name,
        original_name=safe_name,
        size=len(raw),
        uploaded_at=utcnow(),
    )
    session.add(attachment)
    session.flush()
    return attachment


def attachment_for(session: Session, person: Person, attachment_id: int):
    attachment = session.get(Attachment, attachment_id)
    open_log(session, person, attachment.log_id if attachment else -1, Action.VIEW_LOG)
    return files_dir() / attachment.stored_name, attachment.original_name  # type: ignore[union-attr]


def notes_of(session: Session, log_id: int) -> list[tuple[Note, list[Attachment]]]:
    notes = session.exec(select(Note).where(Note.log_id == log_id).order_by(col(Note.created_at).desc())).all()
    attachments = session.exec(select(Attachment).where(Attachment.log_id == log_id).order_by(col(Attachment.id))).all()
    return [(n, [a for a in attachments if a.note_id == n.id]) for n in notes]
