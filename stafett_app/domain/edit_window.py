"""Measure text is free to edit for 8 hours; after that a change is an explicit correction."""

from datetime import datetime, timedelta

from stafett_app.domain.errors import ValidationFailed

EDIT_WINDOW = timedelta(hours=8)
MAX_REASON_LENGTH = 300


def is_freely_editable(created_at: datetime, now: datetime) -> bool:
    return now - created_at < EDIT_WINDOW


def editable_until(created_at: datetime) -> datetime:
    return created_at + EDIT_WINDOW


def check_change(created_at: datetime, now: datetime, *, correction_reason: str) -> bool:
    """Return whether this change is a correction. After the window it needs a reason."""
    if is_freely_editable(created_at, now):
        return False
    reason = correction_reason.strip()
    if not reason:
        raise ValidationFailed({"reason": "error.correction_reason_required"})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationFailed({"reason": "error.too_long"})
    return True
