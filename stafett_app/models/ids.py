"""The id of a row that is in the database.

SQLModel declares `id: int | None` because a new row has no id until it is flushed. Code that
loaded a row, or flushed it, knows better; `id_of` says so once and fails loudly if it is wrong.
"""

from typing import Protocol


class _HasId(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _HasId) -> int:
    """The primary key of a loaded or flushed row. Raises if the row was never flushed."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: add it and flush the session first")
    return row.id


def selected_id(value: int | None) -> int:
    """A primary key read by `select(Model.id, ...)`: never NULL in the database, though the
    column is declared `int | None` for new rows."""
    if value is None:
        raise ValueError("a selected primary key is NULL")
    return value
