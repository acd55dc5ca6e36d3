"""Ids that come from outside (a client event, a form field, a URL): a row id is a positive BIGINT.

Anything else is not an id of ours: a number beyond 64 bits, a negative one, a boolean or text. It
is refused here, before it reaches the database (SQLite and PostgreSQL raise on numbers they cannot
store, which would be an error page instead of a refusal).
"""

MAX_ID = 2**63 - 1  # the largest BIGINT


def parse_id(raw: object, *, zero: bool = False) -> int | None:
    """The id in `raw` (an int, or decimal digits as text), or None when it cannot be one of ours.
    `zero=True` also lets 0 through, for the events where 0 means "none" (a form without a target)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_ID)):
        value = int(raw)
    else:
        return None
    lowest = 0 if zero else 1
    return value if lowest <= value <= MAX_ID else None
