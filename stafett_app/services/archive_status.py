"""Whether a log's archive copy exists, asked before a leader may delete a passive log."""

from sqlmodel import Session, col, select

from stafett_app.domain.archive import CopyStatus
from stafett_app.models import ArchiveCopy, StafettLog


def has_archive_copy(session: Session, log_id: int) -> bool:
    """A complete copy of the log as it was closed: made (status done) at or after it became passive.
    Closing and withdrawal ask for that copy; the background round makes it."""
    log = session.get(StafettLog, log_id)
    if log is None or log.closed_at is None:
        return False
    made = session.exec(
        select(ArchiveCopy.id).where(
            ArchiveCopy.log_id == log_id,
            ArchiveCopy.status == CopyStatus.DONE,
            col(ArchiveCopy.finished_at) >= log.closed_at,
        )
    ).first()
    return made is not None
