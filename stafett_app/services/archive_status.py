"""Whether a log's archive copy exists, asked before a leader may delete a passive log."""

from sqlmodel import Session


def has_archive_copy(session: Session, log_id: int) -> bool:
    """Whether the archive copy of this log exists (a complete PDF snapshot sent to the archive).

    The archive branch builds those copies and replaces this function with a real query; until it
    is wired in, no log has one, so deletion is refused with `error.delete_needs_archive`.
    """
    return False
