"""Every row that belongs to one log, found by following the foreign keys from the log itself.

Used to delete a log (after its archive copy exists) and to clear a discarded draft. Walking the
schema instead of listing tables by hand means a table added later is never forgotten. People are
never deleted here: they may take part in other logs.
"""

from collections import defaultdict

from sqlalchemy import Table, delete, select
from sqlmodel import Session, SQLModel

import stafett_app.models  # noqa: F401  (registers the tables)
from stafett_app.db import after_commit
from stafett_app.services import log_cache

_NEVER = {"person", "unit"}


def rows_of_log(session: Session, log_id: int) -> dict[str, set[int]]:
    """Ids per table of every row reached from the log through foreign keys."""
    tables = {t.name: t for t in SQLModel.metadata.sorted_tables}
    found: dict[str, set[int]] = defaultdict(set)
    found["stafett_log"].add(log_id)
    changed = True
    while changed:
        changed = False
        for table in tables.values():
            if table.name in _NEVER or "id" not in table.c:
                continue
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                if parent in _NEVER or not found.get(parent):
                    continue
                ids = set(
                    session.execute(select(table.c.id).where(fk.parent.in_(sorted(found[parent])))).scalars().all()
                )
                if not ids <= found[table.name]:
                    found[table.name] |= ids
                    changed = True
    return dict(found)


def delete_rows_of_log(session: Session, log_id: int, *, keep: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Delete the log's rows, children before parents; tables in `keep` are left alone."""
    session.flush()
    found = rows_of_log(session, log_id)
    ordered: list[Table] = list(reversed(SQLModel.metadata.sorted_tables))
    # Rows that point at each other across tables (a consent at its paper PDF) lose the pointer first.
    for table in ordered:
        if table.name in keep or not found.get(table.name):
            continue
        for fk in table.foreign_keys:
            if fk.parent.nullable and fk.column.table.name in found and fk.column.table.name not in keep:
                session.execute(
                    table.update().where(table.c.id.in_(sorted(found[table.name]))).values({fk.parent.name: None})
                )
    for table in ordered:
        if table.name in keep or not found.get(table.name):
            continue
        session.execute(delete(table).where(table.c.id.in_(sorted(found[table.name]))))
    session.expire_all()
    # This worker forgets what it kept of the log; the others find no stamps for it any more.
    after_commit(session, lambda: log_cache.forget_log(log_id))
