"""Time as the municipality sees it: dates in Norway, timestamps in UTC."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

NORWAY = ZoneInfo("Europe/Oslo")


def utcnow() -> datetime:
    """Naive UTC, the form every timestamp is stored in (SQLite keeps no time zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def today_in_norway() -> date:
    return datetime.now(NORWAY).date()


def age_on(birth_date: date | None, on: date) -> int | None:
    if birth_date is None:
        return None
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - int(before_birthday)
