"""Constraint names for every table: the names PostgreSQL gives unnamed constraints by default.

The migrations 0001-0008 were written without a convention, so PostgreSQL named their keys
`<table>_pkey`, `<table>_<column>_fkey` and `<table>_<column>_key`, and Alembic named the indexes
`ix_<table>_<column>`. This convention gives the same names, so a later migration can drop or
alter a constraint by name on PostgreSQL, and SQLite's batch mode (which reflects unnamed
constraints) can find it with the same name. tests/services/test_migrations.py checks both.
"""

from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "%(table_name)s_%(column_0_N_name)s_key",
    "ck": "%(table_name)s_%(constraint_name)s_check",
    "fk": "%(table_name)s_%(column_0_N_name)s_fkey",
    "pk": "%(table_name)s_pkey",
}

SQLModel.metadata.naming_convention = NAMING_CONVENTION
