"""Archive copies: a complete PDF/A of a log, made by the server on every trigger, kept privately
and never changed, with the package for the municipality's archive beside it.

Several server workers run the jobs at once, so nothing is made twice:
- a copy is requested by inserting an ArchiveCopy row whose (log, trigger key) is unique: a second
  request for the same trigger, by any worker, fails or finds it;
- a worker claims a row with one UPDATE that only succeeds while the row is unclaimed (or the
  claim is older than RETRY_AFTER: that worker died, or the attempt failed), and only the claiming
  worker records the result.

A copy is written to a temporary file, flushed to disk and renamed into place before its row is
marked done, so a half-written copy is never listed or served. A copy that fails (the PDF engine,
a full disk) is marked failed, shown as failed, and tried again on a later run.
"""

import hashlib
import logging
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.domain import archive as rules
from stafett_app.domain.archive import ArchiveTrigger, CopyStatus
from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.permissions import Action
from stafett_app.i18n import format_short_date, translate
from stafett_app.models import AccessLogEntry, ArchiveCopy, Person, StafettLog
from stafett_app.services import arkivmelding, read
from stafett_app.services.access import open_log
from stafett_app.services.log_reader import read_log
from stafett_app.services.printing import PrintChoice, render_pdf
from stafett_app.services.storage import files_dir
from stafett_app.settings import get_settings

log = logging.getLogger("stafett.archive")

RETRY_AFTER = timedelta(minutes=10)  # a failed copy, or one whose worker stopped, is tried again after this
BATCH = 10
ARCHIVE_LANG = "nb"  # the municipality's archive language
READ_ACTION = "read_archive_copy"


def archive_dir() -> Path:
    """The private copies: inside the private files folder, never under a public path."""
    path = files_dir() / "archive"
    path.mkdir(parents=True, exist_ok=True)
    return path


def outbox_dir() -> Path:
    """Where packages wait for the municipality's Fiks Arkiv integration (STAFETT_ARCHIVE_OUTBOX)."""
    configured = get_settings().archive_outbox
    path = Path(configured).resolve() if configured else files_dir() / "archive-outbox"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- requests --------------------------------------------------------------------------------


def request_copy(session: Session, log_id: int, trigger: ArchiveTrigger, occasion: str) -> bool:
    """Ask for a copy inside the caller's transaction, so it exists exactly when the change does.
    `occasion` names the event (a consent version, the time the log closed): the same trigger and
    occasion never make a second copy. Returns whether a new copy was asked for."""
    log = session.get(StafettLog, log_id)
    if log is not None and log.is_practice:
        return False  # a practice log is never archived: it is invented and deleted after 30 days
    key = rules.trigger_key(trigger, occasion)
    exists = session.exec(
        select(ArchiveCopy.id).where(ArchiveCopy.log_id == log_id, ArchiveCopy.trigger_key == key)
    ).first()
    if exists is not None:
        return False
    session.add(ArchiveCopy(log_id=log_id, trigger=trigger.value, trigger_key=key, created_at=utcnow()))
    return True


def _insert_once(bind: Engine, log_id: int, trigger: ArchiveTrigger, key: str) -> int | None:
    """Insert in its own transaction; another worker's row for the same key makes it fail."""
    try:
        with session_scope(bind) as session:
            row = ArchiveCopy(log_id=log_id, trigger=trigger.value, trigger_key=key, created_at=utcnow())
            session.add(row)
            session.flush()
            return row.id
    except IntegrityError:
        return None


def schedule_periodic(bind: Engine, today: date) -> int:
    """Ask for every periodic copy that is due, from each log's last periodic copy: a day the
    server was down is made up now."""
    periodic = [t.value for t in rules.PERIOD_MONTHS]
    with session_scope(bind) as session:
        active = session.exec(
            select(StafettLog.id, StafettLog.activated_at).where(
                StafettLog.status == LogStatus.ACTIVE, col(StafettLog.is_practice).is_(False)
            )
        ).all()
        last: dict[tuple[int, str], date] = {}
        for copy_log_id, trigger, key in session.exec(
            select(ArchiveCopy.log_id, ArchiveCopy.trigger, ArchiveCopy.trigger_key).where(
                col(ArchiveCopy.trigger).in_(periodic)
            )
        ).all():
            due_on = rules.periodic_key_date(key)
            if due_on and due_on > last.get((copy_log_id, trigger), date.min):
                last[(copy_log_id, trigger)] = due_on
    made = 0
    for log_id, activated_at in active:
        if log_id is None:
            continue
        last_due = {ArchiveTrigger(t): last.get((log_id, t)) for t in periodic}
        since = activated_at.date() if activated_at else None
        for trigger, key in rules.periodic_due(LogStatus.ACTIVE, since, last_due, today):
            made += _insert_once(bind, log_id, trigger, key) is not None
    return made


# --- making copies ---------------------------------------------------------------------------


def _claimable(now: datetime) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return (
        col(ArchiveCopy.status) != CopyStatus.DONE,
        or_(col(ArchiveCopy.claimed_at).is_(None), col(ArchiveCopy.claimed_at) < now - RETRY_AFTER),
    )


def claim(
    bind: Engine, worker: str, *, now: datetime | None = None, limit: int = BATCH, only: int | None = None
) -> list[int]:
    """Claim up to `limit` copies to make, each with its own conditional UPDATE."""
    now = now or utcnow()
    with session_scope(bind) as session:
        query = select(ArchiveCopy.id).where(*_claimable(now)).order_by(col(ArchiveCopy.id)).limit(limit)
        if only is not None:
            query = query.where(ArchiveCopy.id == only)
        candidates = session.exec(query).all()
    claimed: list[int] = []
    for copy_id in filter(None, candidates):
        with bind.begin() as connection:
            result = connection.execute(
                update(ArchiveCopy)
                .where(col(ArchiveCopy.id) == copy_id, *_claimable(now))
                .values(claimed_at=now, claimed_by=worker)
            )
        if result.rowcount == 1:
            claimed.append(copy_id)
    return claimed


def _write_durably(path: Path, data: bytes) -> None:
    """Temp file, fsync, rename: the final name only ever holds a whole file."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(temporary, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_package(name: str, xml: bytes, pdf_name: str, pdf: bytes) -> Path:
    """The package folder appears in the outbox whole (built beside it, then renamed)."""
    outbox = outbox_dir()
    building = outbox / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
    building.mkdir()
    try:
        _write_durably(building / pdf_name, pdf)
        _write_durably(building / "arkivmelding.xml", xml)
        final = outbox / name
        os.rename(building, final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    _fsync_dir(outbox)
    return final


def trigger_label(trigger: str, lang: str = ARCHIVE_LANG) -> str:
    return translate(lang, f"archive.trigger.{trigger}")


def make_copy(bind: Engine, copy_id: int, worker: str) -> str:
    """Make one claimed copy and record it; returns its status afterwards."""
    with session_scope(bind) as session:
        copy = session.get(ArchiveCopy, copy_id)
        if copy is None:
            return "gone"
        log_id, trigger = copy.log_id, copy.trigger
        try:
            content = read_log(session, log_id, ARCHIVE_LANG)
        except LookupError:
            content = None
    written: list[Path] = []
    try:
        if content is None:
            raise RuntimeError("the log no longer exists")
        pdf = render_pdf(content, PrintChoice(), ARCHIVE_LANG, archive=True)
        digest, made_at = hashlib.sha256(pdf).hexdigest(), utcnow()
        pdf_name = f"stafettlogg-{log_id}-kopi-{copy_id}.pdf"
        folder = archive_dir() / str(log_id)
        folder.mkdir(exist_ok=True)
        # Names unique to this attempt: a worker that lost its claim only ever removes its own files.
        attempt = uuid.uuid4().hex[:8]
        stored = folder / f"{copy_id}-{attempt}.pdf"
        _write_durably(stored, pdf)
        written.append(stored)
        entry = arkivmelding.ArchiveEntry(
            log_id=log_id,
            copy_id=copy_id,
            child_first_name=content.plan.child_first_name,
            unit_name=content.unit_name,
            trigger_label=trigger_label(trigger),
            made_at=made_at,
            filename=pdf_name,
            sha256=digest,
            size=len(pdf),
        )
        xml = arkivmelding.arkivmelding_xml(entry)
        arkivmelding.validate(xml)
        package = _write_package(f"stafettlogg-{log_id}-kopi-{copy_id}-{attempt}", xml, pdf_name, pdf)
        written.append(package)
    except Exception as problem:  # noqa: BLE001  (the PDF engine, the disk: recorded, tried again after RETRY_AFTER)
        for path in written:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        log.warning("Archive copy %s failed: %s", copy_id, type(problem).__name__)
        with bind.begin() as connection:
            connection.execute(
                update(ArchiveCopy)
                .where(
                    col(ArchiveCopy.id) == copy_id,
                    col(ArchiveCopy.claimed_by) == worker,
                    col(ArchiveCopy.status) != CopyStatus.DONE,
                )
                .values(
                    status=CopyStatus.FAILED.value,
                    attempts=ArchiveCopy.attempts + 1,
                    error=f"{type(problem).__name__}: {problem}"[:300],
                )
            )
        return CopyStatus.FAILED.value
    with bind.begin() as connection:
        result = connection.execute(
            update(ArchiveCopy)
            .where(
                col(ArchiveCopy.id) == copy_id,
                col(ArchiveCopy.claimed_by) == worker,
                col(ArchiveCopy.status) != CopyStatus.DONE,
            )
            .values(
                status=CopyStatus.DONE.value,
                finished_at=made_at,
                sha256=digest,
                size=len(pdf),
                storage_path=str(stored.relative_to(files_dir())),
                package_path=package.name,
                attempts=ArchiveCopy.attempts + 1,
                error="",
            )
        )
    if result.rowcount != 1:  # another worker took over a claim we held too long, and finished
        stored.unlink(missing_ok=True)
        shutil.rmtree(package, ignore_errors=True)
        return "taken-over"
    return CopyStatus.DONE.value


def run_jobs(bind: Engine, today: date, worker: str) -> int:
    """One round: ask for the periodic copies that are due, then make what this worker claims."""
    schedule_periodic(bind, today)
    made = 0
    while claimed := claim(bind, worker):
        for copy_id in claimed:
            try:
                make_copy(bind, copy_id, worker)
            except Exception as problem:  # noqa: BLE001  (the database went away: the claim expires, tried again)
                log.warning("Archive copy %s not recorded: %s", copy_id, type(problem).__name__)
            made += 1
    return made


def copy_now(bind: Engine, log_id: int, trigger: ArchiveTrigger, occasion: str, worker: str) -> ArchiveCopy:
    """Request and make one copy at once (the operator command; before a log is deleted). Call it
    outside any open transaction on the log. Returns the row as it ended: done, or failed."""
    key = rules.trigger_key(trigger, occasion)
    with session_scope(bind) as session:
        found = session.get(StafettLog, log_id)
        if found is None or found.is_practice:
            raise LookupError(f"no log {log_id} to archive")
    _insert_once(bind, log_id, trigger, key)
    with session_scope(bind) as session:
        copy = session.exec(
            select(ArchiveCopy).where(ArchiveCopy.log_id == log_id, ArchiveCopy.trigger_key == key)
        ).one()
    if copy.status != CopyStatus.DONE and claim(bind, worker, only=copy.id):
        make_copy(bind, copy.id, worker)  # type: ignore[arg-type]
    with session_scope(bind) as session:
        return session.get(ArchiveCopy, copy.id)  # type: ignore[return-value]


# --- reading copies --------------------------------------------------------------------------


@dataclass
class ArchiveCopyView:
    copy_id: int
    trigger_label: str
    status: str
    status_label: str
    made: str  # when it was asked for, as a short date
    sha256: str
    size_label: str
    download_url: str  # empty unless the copy is done


_COPIES_MADE_OR_FAILED = (
    select(ArchiveCopy)
    .where(ArchiveCopy.log_id == bindparam("log_id"), col(ArchiveCopy.status) != CopyStatus.PENDING)
    .order_by(col(ArchiveCopy.created_at).desc(), col(ArchiveCopy.id).desc())
)


def copies_for(session: Session, person: Person, log_id: int, lang: str = "nb") -> list[ArchiveCopyView]:
    """The copies of a log for its holder and the leader of its unit: made and failed ones; one
    being made is not listed until it is whole."""
    open_log(session, person, log_id, Action.READ_ARCHIVE)
    copies = read.of_log(session, log_id, "archive", ("archive copies",), _COPIES_MADE_OR_FAILED)
    return [
        ArchiveCopyView(
            copy_id=c.id,  # type: ignore[arg-type]
            trigger_label=trigger_label(c.trigger, lang),
            status=c.status,
            status_label=translate(lang, f"archive.status.{c.status}"),
            made=format_short_date(lang, (c.finished_at or c.created_at).date()),
            sha256=c.sha256,
            size_label=f"{max(1, c.size // 1024)} KB" if c.size else "",
            download_url=routes.archive_copy(c.id) if c.status == CopyStatus.DONE else "",
        )
        for c in copies
    ]


def copy_file_for(session: Session, person: Person, copy_id: int) -> tuple[Path, str]:
    """The PDF of a made copy, for the holder and the unit leader; every read is logged."""
    copy = session.get(ArchiveCopy, copy_id)
    open_log(session, person, copy.log_id if copy else -1, Action.READ_ARCHIVE)
    if copy is None or copy.status != CopyStatus.DONE:
        raise PermissionDenied()
    session.add(
        AccessLogEntry(person_id=person.id, log_id=copy.log_id, action=READ_ACTION, subject_id=copy.id, at=utcnow())  # type: ignore[arg-type]
    )
    return files_dir() / copy.storage_path, f"stafettlogg-{copy.log_id}-kopi-{copy.id}.pdf"
