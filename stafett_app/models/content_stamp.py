"""Each log's content stamps: one row of `log_stamp` per log, one random number per part of the log's
content, drawn anew by the database itself (a trigger per table below) on every insert, update and
delete in that part.

A worker keeps what it read of a log (services.log_cache) and checks with one small read whether it
still holds. The stamps change with every change, whichever worker, scheduler round or migration made
it, in the writing transaction, so no code path can forget them. One stamp per part: a new glimmer
leaves the tree the worker read before standing. Random rather than counted, so a stamp never comes
back: not after a restored backup, nor in another database with the same log ids.

The stamp row is written by every change to its log, so on PostgreSQL two transactions changing the
same log wait for each other from their first change on (on SQLite every writer waits anyway). Use
cases are short; two people changing one log in the same few milliseconds is what this costs. A refused
attempt is recorded in a session of its own (services.access.record_refusal) and draws the log's refusals
stamp: a refusal must come before the refused work writes to that log, as it must on SQLite already,
where the recording session would wait for the refused one's write lock.

A migration that rebuilds one of these tables on SQLite (batch_alter_table with a copy) drops its
triggers: it must create them again (tests/services/test_log_cache.py checks every table has them).
The same holds for person and unit, which draw the site's stamps (SiteStamp, below).
"""

from collections.abc import Callable, Iterable

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel

# The log id of a row, as SQL over the row ({row} is NEW or OLD).
_OWN = "{row}.log_id"
_VIA_CONCERN = "(SELECT log_id FROM concern WHERE id = {row}.concern_id)"
_VIA_GOAL = "(SELECT c.log_id FROM goal g JOIN concern c ON c.id = g.concern_id WHERE g.id = {row}.goal_id)"
_VIA_MEASURE = (
    "(SELECT c.log_id FROM measure m JOIN goal g ON g.id = m.goal_id JOIN concern c ON c.id = g.concern_id"
    " WHERE m.id = {row}.measure_id)"
)

# part -> table -> the log a row of it belongs to.
PARTS: dict[str, dict[str, str]] = {
    "tree": {
        "concern": _OWN,
        "goal": _VIA_CONCERN,
        "measure": _VIA_GOAL,
        "evaluation": _VIA_MEASURE,
        "measure_revision": _VIA_MEASURE,
        "comment": _OWN,
        "photo": _OWN,
    },
    "people": {
        "participant": _OWN,
        "participant_proposal": _OWN,
        "consent": _OWN,
        "consent_entry": "(SELECT log_id FROM consent WHERE id = {row}.consent_id)",
        "consent_request": _OWN,
        "consent_request_entry": "(SELECT log_id FROM consent_request WHERE id = {row}.request_id)",
        "consent_ask": "(SELECT log_id FROM consent_request WHERE id = {row}.request_id)",
        "handover": _OWN,
        "handover_concern": "(SELECT log_id FROM handover WHERE id = {row}.handover_id)",
        "observation": _OWN,
        # The family's request to delete the log, while the unit's leader decides (0022).
        "deletion_request": _OWN,
    },
    "notes": {"note": _OWN, "attachment": _OWN},
    "glimmers": {"glimmer": _OWN},
    "meetings": {"meeting": _OWN},
    "history": {"log_event": _OWN},
    "archive": {"archive_copy": _OWN},
    # Each its own part: a draft saved as someone types, or a refused attempt, leaves the views built
    # from the rest standing.
    "drafts": {"form_draft": _OWN},
    "refusals": {"access_attempt": _OWN},
}
# Not here on purpose: the access log (written by every page load: it would make every load a change)
# and messages (read fresh, never kept).

PART_OF_TABLE = {table: part for part, tables in PARTS.items() for table in tables}
# The parts migrations 0018-0020 made (0021 added drafts and refusals): a migration makes the schema of
# its own time, whatever the list above says later.
FIRST_PARTS = ("tree", "people", "notes", "glimmers", "meetings", "history", "archive")
# Tables a later migration put into a part: the migrations before it make the triggers of their time
# without them.
LATER_TABLES = ("deletion_request",)  # 0022


class LogStamp(SQLModel, table=True):
    """A log's content stamps (see above). Made by a trigger with the log, gone with it; never
    written by the app's code."""

    __tablename__ = "log_stamp"

    log_id: int = Field(primary_key=True, foreign_key="stafett_log.id", ondelete="CASCADE")
    tree: int = Field(sa_type=BigInteger)
    people: int = Field(sa_type=BigInteger)
    notes: int = Field(sa_type=BigInteger)
    glimmers: int = Field(sa_type=BigInteger)
    meetings: int = Field(sa_type=BigInteger)
    history: int = Field(sa_type=BigInteger)
    archive: int = Field(sa_type=BigInteger)
    drafts: int = Field(sa_type=BigInteger)
    refusals: int = Field(sa_type=BigInteger)


class SiteStamp(SQLModel, table=True):
    """Stamps of the rows a log's views show beyond its content: people (names, titles) and units
    (names). One row, drawn anew by triggers on every change to either table, so a kept view is
    compared with two numbers instead of reading the people it names and every unit again."""

    __tablename__ = "site_stamp"

    id: int = Field(primary_key=True)  # always 1
    person: int = Field(sa_type=BigInteger)
    unit: int = Field(sa_type=BigInteger)


SITE_TABLES = ("person", "unit")  # each a column of site_stamp


# 62 random bits.
RANDOM_STAMP = {
    "sqlite": "(random() & 4611686018427387903)",
    "postgresql": "floor(random() * 4611686018427387903)::bigint",
}


# The SQL below is made only of this module's own names (S608: no input reaches it).


def _bump(dialect: str, table: str, row: str) -> str:
    log = PARTS[PART_OF_TABLE[table]][table].format(row=row)
    return f"UPDATE log_stamp SET {PART_OF_TABLE[table]} = {RANDOM_STAMP[dialect]} WHERE log_id = {log}"  # noqa: S608


def _insert_stamps(dialect: str, rows: str, parts: Iterable[str] = PARTS) -> str:
    names = list(parts)
    drawn = ", ".join([RANDOM_STAMP[dialect]] * len(names))
    return f"INSERT INTO log_stamp (log_id, {', '.join(names)}) {rows.format(drawn=drawn)}"


def _new_log(dialect: str, parts: Iterable[str] = PARTS) -> str:
    return _insert_stamps(dialect, "VALUES (NEW.id, {drawn})", parts)


def stamps_for_every_log(dialect: str, parts: Iterable[str] = PARTS) -> str:
    """The stamps of the logs already there (the migration that makes the table)."""
    return _insert_stamps(dialect, "SELECT id, {drawn} FROM stafett_log", parts)


def trigger_name(table: str, operation: str = "") -> str:
    return f"log_stamp_{table}" + (f"_{operation.lower()}" if operation else "")


def create_triggers(dialect: str, parts: Iterable[str] = PARTS, *, without: Iterable[str] = ()) -> list[str]:
    """The statements that make the triggers, for "sqlite" or "postgresql" (for `parts`, `without` some
    tables: a migration makes those of its own time, its downgrade those there were before it)."""
    tables = [table for table in PART_OF_TABLE if PART_OF_TABLE[table] in parts and table not in without]
    if dialect == "sqlite":
        statements = [
            f"CREATE TRIGGER {trigger_name('stafett_log', 'INSERT')} AFTER INSERT ON stafett_log"
            f" FOR EACH ROW BEGIN {_new_log(dialect, parts)}; END"
        ]
        for table in tables:
            for operation, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
                body = " ".join(f"{_bump(dialect, table, row)};" for row in rows)
                statements.append(
                    f"CREATE TRIGGER {trigger_name(table, operation)} AFTER {operation} ON {table}"
                    f" FOR EACH ROW BEGIN {body} END"
                )
        return statements
    statements = []
    bodies = {"stafett_log": f"{_new_log(dialect, parts)};"} | {
        table: f" IF TG_OP <> 'INSERT' THEN {_bump(dialect, table, 'OLD')}; END IF;"
        f" IF TG_OP <> 'DELETE' THEN {_bump(dialect, table, 'NEW')}; END IF;"
        for table in tables
    }
    for table, body in bodies.items():
        name = trigger_name(table)
        operations = "INSERT" if table == "stafett_log" else "INSERT OR UPDATE OR DELETE"
        statements.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
            f" AS $$ BEGIN {body} RETURN NULL; END $$"
        )
        statements.append(f"CREATE TRIGGER {name} AFTER {operations} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
    return statements


def drop_triggers(dialect: str) -> list[str]:
    return _dropped(dialect, ("stafett_log", *PART_OF_TABLE), trigger_name)


def _dropped(dialect: str, tables: Iterable[str], name: Callable[..., str]) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name(t, op)}" for t in tables for op in ("INSERT", "UPDATE", "DELETE")]
    return [f"DROP FUNCTION IF EXISTS {name(t)}() CASCADE" for t in tables]


# The site stamps (SiteStamp). On PostgreSQL once per statement: importing 2,000 employees draws one
# new stamp, not 2,000. Two transactions changing people wait for each other on the one row (rare: an
# administrator's work, a person choosing their language).


def site_trigger_name(table: str, operation: str = "") -> str:
    return f"site_stamp_{table}" + (f"_{operation.lower()}" if operation else "")


def _bump_site(dialect: str, table: str) -> str:
    return f"UPDATE site_stamp SET {table} = {RANDOM_STAMP[dialect]}"  # noqa: S608


def site_stamps_row(dialect: str) -> str:
    drawn = ", ".join([RANDOM_STAMP[dialect]] * len(SITE_TABLES))
    return f"INSERT INTO site_stamp (id, {', '.join(SITE_TABLES)}) VALUES (1, {drawn})"  # noqa: S608


def create_site_triggers(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER {site_trigger_name(table, operation)} AFTER {operation} ON {table}"
            f" FOR EACH ROW BEGIN {_bump_site(dialect, table)}; END"
            for table in SITE_TABLES
            for operation in ("INSERT", "UPDATE", "DELETE")
        ]
    statements = []
    for table in SITE_TABLES:
        name = site_trigger_name(table)
        statements.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
            f" AS $$ BEGIN {_bump_site(dialect, table)}; RETURN NULL; END $$"
        )
        statements.append(
            f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return statements


def drop_site_triggers(dialect: str) -> list[str]:
    return _dropped(dialect, SITE_TABLES, site_trigger_name)
