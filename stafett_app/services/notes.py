"""Notes for history that is not a measure, with PDF attachments checked by their content."""

import io
import re
import secrets
from pathlib import Path

import pikepdf
from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import Action, may_attach_to_note
from stafett_app.domain.validation import FieldChecks
from stafett_app.models import Attachment, Note, Person, id_of
from stafett_app.services import read
from stafett_app.services.access import open_log, record_refusal, refuse
from stafett_app.services.request_keys import once
from stafett_app.services.storage import files_dir

MAX_PDF_BYTES = 10 * 1024 * 1024
NOTE_TITLE_MAX, NOTE_TEXT_MAX = 120, 4000
# Active content has no place in a document about a child: scripts, actions that run on opening or
# on events, programs, embedded files, multimedia, XFA and forms that send data, links out.
# qpdf decodes name escapes (/J#61vaScript) and unpacks object streams, so names are compared as parsed.
ACTIVE_KEYS = frozenset(
    {
        *("/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/SubmitForm", "/ImportData"),
        *("/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/RichMediaContent", "/XFA"),
        *("/URI", "/GoToR", "/GoToE", "/Movie", "/Sound"),
    }
)
ACTIVE_VALUES = ACTIVE_KEYS | {"/FileAttachment", "/Screen", "/3D"}


def add_note(session: Session, person: Person, log_id: int, form: dict, *, request_key: str | None = None) -> int:
    return once(session, person.id, request_key, "note", lambda: _add_note(session, person, log_id, form))  # type: ignore[arg-type]


def _add_note(session: Session, person: Person, log_id: int, form: dict) -> int:
    open_log(session, person, log_id, Action.WRITE_NOTE)
    checks = FieldChecks()
    title = checks.text("title", form.get("title", ""), max_length=NOTE_TITLE_MAX)
    text = checks.text("text", form.get("text", ""), max_length=NOTE_TEXT_MAX, required=False)
    checks.raise_if_any()
    note = Note(log_id=log_id, author_id=id_of(person), title=title, text=text, created_at=utcnow())
    session.add(note)
    session.flush()
    return id_of(note)


def check_pdf(raw: bytes) -> None:
    if not raw:
        raise ValidationFailed({"attachment": "error.pdf_empty"})
    if len(raw) > MAX_PDF_BYTES:
        raise ValidationFailed({"attachment": f"error.pdf_too_large|{MAX_PDF_BYTES // (1024 * 1024)}"})
    if not raw.startswith(b"%PDF-") or b"%%EOF" not in raw[-2048:]:
        raise ValidationFailed({"attachment": "error.pdf_not_pdf"})
    try:
        with pikepdf.open(io.BytesIO(raw)) as pdf:
            if pdf.is_encrypted:  # what we cannot read we cannot check
                raise ValidationFailed({"attachment": "error.pdf_not_pdf"})
            active = _has_active_content(pdf)
    except (pikepdf.PdfError, pikepdf.PasswordError):
        raise ValidationFailed({"attachment": "error.pdf_not_pdf"}) from None
    if active:
        raise ValidationFailed({"attachment": "error.pdf_active_content"})


def _is_direct_pdf_object(value: object) -> bool:
    return isinstance(value, pikepdf.Object) and not value.is_indirect


def _has_active_content(pdf: pikepdf.Pdf) -> bool:
    """Every object in the file, referenced or not, object streams included."""
    return _is_active(pdf.trailer) or any(_is_active(obj) for obj in pdf.objects)


def _is_active(obj: pikepdf.Object) -> bool:
    """One object and the direct objects inside it; indirect ones are visited on their own."""
    pending = [obj]
    while pending:
        current = pending.pop()
        if isinstance(current, pikepdf.Stream):
            current = current.stream_dict
        if isinstance(current, pikepdf.Dictionary):
            children = [value for _key, value in current.items()]
            if ACTIVE_KEYS.intersection(current.keys()):
                return True
        elif isinstance(current, pikepdf.Array):
            children = list(current)
        else:
            if isinstance(current, pikepdf.Name) and str(current) in ACTIVE_VALUES:
                return True
            continue
        # Numbers and strings come back as plain Python values: only PDF objects can hold more.
        pending.extend(c for c in children if _is_direct_pdf_object(c))
    return False


def check_may_attach(session: Session, person: Person, log_id: int, note_id: int) -> None:
    """The note is in this log and the person may attach to it: its author, or the holder."""
    note = session.get(Note, note_id)
    if note is None or note.log_id != log_id:
        raise PermissionDenied()
    _log, access = open_log(session, person, log_id, Action.WRITE_NOTE)
    if not may_attach_to_note(access, note.author_id):
        record_refusal(session, person.id, log_id, "attach_to_note")
        raise PermissionDenied()


def attach_pdf(session: Session, person: Person, log_id: int, raw: bytes, filename: str, *, note_id: int) -> int:
    check_may_attach(session, person, log_id, note_id)
    return id_of(store_pdf(session, log_id, raw, filename, note_id=note_id))


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


def attachment_for(session: Session, person: Person, attachment_id: int) -> tuple[Path, str]:
    """The file of an attachment and its original name, for a person who may see its log."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        refuse(session, person, -1, Action.VIEW_PLAN)
    open_log(session, person, attachment.log_id, Action.VIEW_PLAN)
    return files_dir() / attachment.stored_name, attachment.original_name


_ATTACHMENTS = select(Attachment).where(Attachment.log_id == bindparam("log_id")).order_by(col(Attachment.id))


def notes_of(session: Session, log_id: int) -> list[tuple[Note, list[Attachment]]]:
    notes = read.notes_of_log(session, log_id)
    attachments = read.of_log(session, log_id, "notes", ("attachments",), _ATTACHMENTS)
    return [(n, [a for a in attachments if a.note_id == n.id]) for n in notes]
