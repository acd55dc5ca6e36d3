"""What a worker keeps of a log between page loads (services.log_cache) and the content stamps the
database draws on every change to a part of a log (models/content_stamp.py): kept rows are handed out
only while their part's stamp holds, whoever changed the log, and never from a transaction that wrote."""

import re
from datetime import date, datetime, timedelta
from itertools import count, pairwise

import pytest
from sqlalchemy import event, literal, text
from sqlmodel import Session, SQLModel, select

from stafett_app.db import make_engine
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.edit_window import EDIT_WINDOW
from stafett_app.domain.roles import LogRole
from stafett_app.forms.registry import FORMS
from stafett_app.models import (
    ConsentAsk,
    ConsentRequest,
    Glimmer,
    LogStamp,
    Meeting,
    Person,
    SiteStamp,
    StafettLog,
    Unit,
)
from stafett_app.models.content_stamp import PART_OF_TABLE, PARTS, SITE_TABLES, site_trigger_name, trigger_name
from stafett_app.services import (
    access_log,
    archive,
    consent_flow,
    drafts,
    log_cache,
    messages,
    minutes,
    plan_view,
    read,
)
from stafett_app.services.access import accesses_of_person_with, record_refusal
from stafett_app.services.log_cache import cached_reads
from stafett_app.services.log_rows import delete_rows_of_log
from stafett_app.services.plan_edit import add_glimmer
from stafett_app.services.plan_view import plan_for
from stafett_app.services.start_view import start_view
from stafett_app.services.timeline import timeline_for


@pytest.fixture(autouse=True)
def _nothing_kept():
    log_cache.forget_all()
    yield
    log_cache.forget_all()


def _stamps(session: Session, log_id: int) -> dict[str, int]:
    """The log's stamp of each part."""
    row = session.exec(select(LogStamp).where(LogStamp.log_id == log_id)).one()
    session.expunge(row)
    return {part: getattr(row, part) for part in PARTS}


def _changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {part for part in PARTS if before[part] != after[part]}


def _glimmers(session: Session, person, log_id: int) -> list:
    """The lysglimt as a page shows them: after its access check (plan_for)."""
    with cached_reads(session):
        plan_for(session, person, log_id, "nb")
        return plan_view.glimmers_of(session, log_id, "nb")


def _glimmer_texts(session: Session, person, log_id: int) -> list[str]:
    return [g.text for g in _glimmers(session, person, log_id)]


def _counted(session: Session) -> list[str]:
    statements: list[str] = []
    event.listen(session.get_bind(), "before_cursor_execute", lambda *a: statements.append(a[2]))
    return statements


def test_every_listed_table_has_its_triggers(seeded):
    if seeded.get_bind().dialect.name == "sqlite":
        names = set(seeded.exec(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        wanted = {trigger_name(t, op) for t in PART_OF_TABLE for op in ("INSERT", "UPDATE", "DELETE")}
        wanted.add(trigger_name("stafett_log", "INSERT"))
        wanted |= {site_trigger_name(t, op) for t in SITE_TABLES for op in ("INSERT", "UPDATE", "DELETE")}
    else:
        names = set(seeded.exec(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars())
        wanted = {trigger_name(t) for t in ("stafett_log", *PART_OF_TABLE)}
        wanted |= {site_trigger_name(t) for t in SITE_TABLES}
    assert wanted <= names


_SERIAL = count(1)


def _a_row(session: Session, table_name: str) -> int:
    """A new row of any table, straight in SQL, with only the values it must have: the first row of
    each table it must name (made the same way when there is none), plain values elsewhere."""
    table = SQLModel.metadata.tables[table_name]
    values: dict[str, object] = {}
    for column in table.columns:
        if column.primary_key or (column.nullable and column.name != "log_id"):  # a draft's or attempt's log
            continue
        if column.foreign_keys or column.name == "log_id":
            target = next(iter(column.foreign_keys)).column.table.name if column.foreign_keys else "stafett_log"
            found = session.exec(text(f"SELECT id FROM {target} ORDER BY id LIMIT 1")).first()  # noqa: S608 - model names
            values[column.name] = found[0] if found else _a_row(session, target)
        elif column.default is not None or column.server_default is not None:
            continue
        else:
            values[column.name] = _plain_value(column.type.python_type)
    return session.execute(table.insert().values(values)).inserted_primary_key[0]


def _plain_value(kind: type) -> object:
    """A value of the column's Python type (SQLModel's strings say `object`; short and unique, for
    columns such as a file's stored name)."""
    text_value = str(next(_SERIAL))
    return {object: text_value, str: text_value, int: 1, bool: False, datetime: utcnow(), date: today_in_norway()}[kind]


def _log_of(session: Session, table: str, row_id: int) -> int:
    log_of = PARTS[PART_OF_TABLE[table]][table].format(row="t")
    return session.exec(text(f"SELECT {log_of} FROM {table} t WHERE t.id = :id"), params={"id": row_id}).one()[0]  # noqa: S608


def test_an_insert_update_and_delete_of_any_listed_row_draw_a_new_stamp_for_its_part(seeded):
    """Straight in SQL: no code path of the app is needed for the stamp to change; the log's other
    parts keep theirs. Every table in one test (one seeded database per engine)."""
    changed = {}
    for table in sorted(PART_OF_TABLE):
        every_log = {row.log_id: _stamps(seeded, row.log_id) for row in seeded.exec(select(LogStamp)).all()}
        row_id = _a_row(seeded, table)
        log_id = _log_of(seeded, table, row_id)
        stamps = [every_log[log_id], _stamps(seeded, log_id)]
        seeded.exec(text(f"UPDATE {table} SET id = id WHERE id = :id"), params={"id": row_id})  # noqa: S608
        stamps.append(_stamps(seeded, log_id))
        seeded.exec(text(f"DELETE FROM {table} WHERE id = :id"), params={"id": row_id})  # noqa: S608
        stamps.append(_stamps(seeded, log_id))
        changed[table] = [_changed(earlier, later) for earlier, later in pairwise(stamps)]
    assert changed == {table: [{part}] * 3 for table, part in PART_OF_TABLE.items()}


def _site_stamps(session: Session) -> dict[str, int]:
    row = session.exec(select(SiteStamp)).one()
    session.expunge(row)
    return {table: getattr(row, table) for table in SITE_TABLES}


def test_an_insert_update_and_delete_of_a_person_or_unit_draw_a_new_site_stamp_for_its_table(seeded):
    """People's and units' rows are what a kept view names besides the log's content."""
    changed = {}
    for table in SITE_TABLES:
        stamps = [_site_stamps(seeded)]
        row_id = _a_row(seeded, table)
        stamps.append(_site_stamps(seeded))
        seeded.exec(text(f"UPDATE {table} SET id = id WHERE id = :id"), params={"id": row_id})  # noqa: S608
        stamps.append(_site_stamps(seeded))
        seeded.exec(text(f"DELETE FROM {table} WHERE id = :id"), params={"id": row_id})  # noqa: S608
        stamps.append(_site_stamps(seeded))
        changed[table] = [{t for t in SITE_TABLES if a[t] != b[t]} for a, b in pairwise(stamps)]
    assert changed == {table: [{table}] * 3 for table in SITE_TABLES}


def test_a_glimmer_through_the_app_changes_only_the_glimmers_stamp(seeded, people, logs):
    log_id = logs["emma"].id
    before = _stamps(seeded, log_id)
    glimmer_id = add_glimmer(seeded, people["kari"], log_id, {"text": "Fin dag"})
    seeded.commit()
    inserted = _stamps(seeded, log_id)
    seeded.delete(seeded.get(Glimmer, glimmer_id))
    seeded.commit()
    assert _changed(before, inserted) == _changed(inserted, _stamps(seeded, log_id)) == {"glimmers"}


def test_a_log_gets_its_stamps_with_it_and_loses_them_with_it(seeded, people, logs):
    """Made by the database when the log is made (whatever inserts it), deleted with the log."""
    assert (
        seeded.exec(text("SELECT COUNT(*) FROM stafett_log")).one()
        == seeded.exec(text("SELECT COUNT(*) FROM log_stamp")).one()
    )
    log_id = logs["emma"].id
    delete_rows_of_log(seeded, log_id)
    seeded.commit()
    assert seeded.exec(select(LogStamp).where(LogStamp.log_id == log_id)).first() is None


def test_a_second_load_reads_the_kept_rows(seeded, people, logs):
    log_id = logs["emma"].id
    _glimmer_texts(seeded, people["kari"], log_id)
    seeded.commit()
    statements = _counted(seeded)
    _glimmer_texts(seeded, people["kari"], log_id)
    kept = len(statements)
    log_cache.forget_all()
    seeded.commit()
    statements.clear()
    _glimmer_texts(seeded, people["kari"], log_id)
    assert kept < len(statements) - 10  # the tree, consent, proposals, glimmers, notes, meetings, handover


def test_a_change_by_another_worker_shows_on_the_next_load(seeded, people, logs):
    """Another worker (its own engine and session) writes; this worker's next load shows it."""
    log_id = logs["emma"].id
    assert "Fra den andre" not in _glimmer_texts(seeded, people["kari"], log_id)
    seeded.commit()
    other = make_engine(str(seeded.get_bind().url.render_as_string(hide_password=False)))
    with Session(other) as elsewhere:
        add_glimmer(
            elsewhere, elsewhere.get(type(people["kari"]), people["kari"].id), log_id, {"text": "Fra den andre"}
        )
        elsewhere.commit()
    other.dispose()
    assert "Fra den andre" in _glimmer_texts(seeded, people["kari"], log_id)


def test_rows_from_a_transaction_that_wrote_are_not_kept(seeded, people, logs):
    """A change that rolls back must never be what the next load is handed."""
    log_id = logs["emma"].id
    add_glimmer(seeded, people["kari"], log_id, {"text": "Rulles tilbake"})
    seeded.flush()
    assert "Rulles tilbake" in _glimmer_texts(seeded, people["kari"], log_id)  # its own change, read fresh
    seeded.rollback()
    assert "Rulles tilbake" not in _glimmer_texts(seeded, people["kari"], log_id)


def test_kept_rows_outlive_a_rollback_of_the_session_that_read_them(seeded, people, logs):
    log_id = logs["emma"].id
    first = _glimmer_texts(seeded, people["kari"], log_id)
    seeded.rollback()  # expires what the session holds: the kept rows are no longer in it
    seeded.commit()
    assert _glimmer_texts(seeded, people["kari"], log_id) == first


def test_a_use_case_never_gets_kept_rows(seeded, people, logs):
    """Outside cached_reads every read goes to the database (a use case may change what it reads)."""
    log_id = logs["emma"].id
    with cached_reads(seeded):
        kept = read.participants_in_force(seeded, log_id)
    seeded.commit()
    fresh = read.participants_in_force(seeded, log_id)
    assert {p.id for p in fresh} == {p.id for p in kept}
    assert not {id(p) for p in fresh} & {id(p) for p in kept}


def test_every_table_a_kept_read_touches_has_triggers(seeded, people, logs, monkeypatch):
    """What the plan page's views and its timeline keep (the family's and the child's views are made
    from the plan) comes only from the tables of the part it is kept under: a kept read of another table
    fails here until the table is listed in that part."""
    touched: set[tuple[str, str]] = set()
    reading = []
    keep = read.log_cached

    def watched(session, log_id, part, what, load, *, names_people=False):
        def load_watched():
            reading.append(f"{part}, naming people" if names_people else part)
            try:
                return load()
            finally:
                reading.pop()

        return keep(session, log_id, part, what, load_watched, names_people=names_people)

    def record(_conn, _cursor, statement, *_args):
        if reading:
            touched.update((reading[-1], table) for table in re.findall(r"(?:FROM|JOIN) (\w+)", statement))

    monkeypatch.setattr(read, "log_cached", watched)
    monkeypatch.setattr(log_cache, "log_cached", watched)
    event.listen(seeded.get_bind(), "before_cursor_execute", record)
    log_id = logs["emma"].id
    with cached_reads(seeded):
        for person in (people["kari"], people["lise"]):
            plan_for(seeded, person, log_id, "nb")
        minutes.overview(seeded, people["kari"], log_id, "nb")
        start_view(seeded, people["kari"], log_id, "nb")
        archive.copies_for(seeded, people["kari"], log_id, "nb")
        timeline_for(seeded, people["kari"], log_id, "nb")
        drafts.latest_in_log(seeded, people["kari"], log_id, frozenset(FORMS))
        access_log.refusals_in_log(seeded, people["kari"], log_id, "nb")
    parts = {part.split(",")[0] for part, _table in touched}
    assert parts == set(PARTS)
    # A read kept as naming people (under the site's person stamp too) may read them; the refused
    # attempts take the child's name through the log's row, whose child never changes.
    beside = {
        (part, table)
        for part, table in touched
        if PART_OF_TABLE.get(table) != part.split(",")[0] and not (part.endswith("naming people") and table == "person")
    }
    assert beside == {("refusals, naming people", "stafett_log")}


def _kept_logs() -> set[int]:
    return {key[0] for key in log_cache._kept}


def test_the_worker_that_deletes_a_log_forgets_what_it_kept_of_it(seeded, people, logs):
    log_id = logs["emma"].id
    _glimmer_texts(seeded, people["kari"], log_id)
    seeded.commit()
    assert log_id in _kept_logs()
    delete_rows_of_log(seeded, log_id)
    assert log_id in _kept_logs()  # not before the deletion is committed
    seeded.commit()
    assert log_id not in _kept_logs()


def test_entries_past_their_age_are_not_handed_out_and_are_swept(seeded, people, logs, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(log_cache.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(log_cache, "_swept_at", 0.0)
    emma, jonas = logs["emma"].id, logs["jonas"].id
    _glimmer_texts(seeded, people["kari"], emma)
    seeded.commit()
    clock[0] += log_cache.MAX_AGE_SECONDS
    statements = _counted(seeded)
    _glimmer_texts(seeded, people["kari"], emma)  # read again: the kept rows are too old
    assert any("FROM glimmer" in s for s in statements)
    seeded.commit()
    clock[0] += log_cache.MAX_AGE_SECONDS + log_cache.SWEEP_SECONDS
    _glimmer_texts(seeded, people["anders"], jonas)  # any page load sweeps
    assert _kept_logs() == {jonas}


# --- the plan view built from what is kept -------------------------------------------------------


def _plan(session: Session, person, log_id: int):
    with cached_reads(session):
        return plan_for(session, person, log_id, "nb")


def _measures(view) -> list:
    return [m for concern in view.concerns for goal in concern.goals for m in goal.measures]


def test_an_unchanged_log_hands_out_the_view_it_built(seeded, people, logs):
    log_id = logs["emma"].id
    first = _plan(seeded, people["kari"], log_id)
    seeded.commit()
    assert _plan(seeded, people["kari"], log_id) is first
    assert _plan(seeded, people["lise"], log_id) is not first  # every reader their own


def test_a_new_glimmer_reads_only_the_glimmers_again(seeded, people, logs):
    """A lysglimt changes only the lysglimt's stamp: the kept plan view stands (the lysglimt are not in
    it), the lysglimt are read again, the same for every reader, and are what a read from nothing gives."""
    log_id = logs["emma"].id
    first, first_glimmers = _plan(seeded, people["kari"], log_id), _glimmers(seeded, people["kari"], log_id)
    seeded.commit()
    add_glimmer(seeded, people["lise"], log_id, {"text": "Ny i dag"})
    seeded.commit()
    assert _plan(seeded, people["kari"], log_id) is first
    again = _glimmers(seeded, people["kari"], log_id)
    assert again[0].text == "Ny i dag" and again[0].author == "Lise" and again is not first_glimmers
    seeded.commit()
    assert _glimmers(seeded, people["siri"], log_id) is again  # every reader the same
    seeded.commit()
    log_cache.forget_all()
    assert _glimmers(seeded, people["kari"], log_id) == again


def test_a_glimmer_and_another_change_build_the_view_again(seeded, people, logs):
    log_id = logs["emma"].id
    first = _plan(seeded, people["kari"], log_id)
    seeded.commit()
    add_glimmer(seeded, people["lise"], log_id, {"text": "Og en endring"})
    log = seeded.get(StafettLog, log_id)
    log.description = "Endret samtidig"
    seeded.add(log)
    seeded.commit()
    again = _plan(seeded, people["kari"], log_id)
    assert again.description == "Endret samtidig" and again.concerns is not first.concerns
    assert _glimmer_texts(seeded, people["kari"], log_id)[0] == "Og en endring"


def test_a_renamed_person_shows_though_the_log_did_not_change(seeded, people, logs):
    """Names are not the log's content (no log stamp changes): the site's person stamp does."""
    log_id = logs["emma"].id
    assert _plan(seeded, people["kari"], log_id).child_first_name == "Emma"
    seeded.commit()
    child = seeded.get(Person, people["emma"].id)
    child.first_name = "Emmy"
    seeded.add(child)
    seeded.commit()
    assert _plan(seeded, people["kari"], log_id).child_first_name == "Emmy"


def test_a_renamed_unit_shows_though_the_log_did_not_change(seeded, people, logs):
    log_id = logs["emma"].id
    staff = lambda view: {p.person_id: p.unit_name for p in [*view.holders, *view.professionals]}  # noqa: E731
    person_id, unit_name = next(item for item in staff(_plan(seeded, people["kari"], log_id)).items() if item[1])
    seeded.commit()
    unit = seeded.get(Unit, seeded.get(Person, person_id).unit_id)
    assert unit.name == unit_name
    unit.name = "Nytt navn"
    seeded.add(unit)
    seeded.commit()
    assert staff(_plan(seeded, people["kari"], log_id))[person_id] == "Nytt navn"


def test_the_start_of_the_relay_is_kept_while_nothing_it_shows_changed(seeded, people, logs):
    """The holder's start view (consent asked, family registered) is built once per unchanged log and
    built again when a name in it changes."""
    log_id = logs["emma"].id

    def start():
        with cached_reads(seeded):
            found = start_view(seeded, people["kari"], log_id, "nb")
        seeded.commit()
        return found

    first = start()
    assert first.shown and first.guardians
    assert start() is first
    guardian_id = next(p.person_id for p in read.participants_in_force(seeded, log_id) if p.role == LogRole.GUARDIAN)
    guardian = seeded.get(Person, guardian_id)
    guardian.first_name = "Lasse"
    seeded.add(guardian)
    seeded.commit()
    again = start()
    assert again is not first and any(g.startswith("Lasse ") for g in again.guardians)


def test_a_confirmation_while_others_are_still_asked_shows_on_the_kept_start_view(seeded, people, logs):
    """Only the confirmation's row changes (no consent on record yet): it is part of the log's people."""
    log_id, maria = logs["ella"].id, people["maria"]
    request = seeded.exec(select(ConsentRequest).where(ConsentRequest.log_id == log_id)).one()
    seeded.add(ConsentAsk(request_id=request.id, person_id=people["ella"].id))
    seeded.commit()

    def confirmed() -> dict[int, bool]:
        with cached_reads(seeded):
            view = start_view(seeded, people["ingrid"], log_id, "nb")
        seeded.commit()
        return {a.person_id: a.confirmed for a in view.asked}

    assert confirmed()[maria.id] is False
    assert consent_flow.confirm_consent(seeded, maria, log_id, request.id) == 0  # Ella is still asked
    seeded.commit()
    assert confirmed()[maria.id] is True


def test_every_table_a_kept_view_is_built_from_has_a_stamp(seeded, people, logs, monkeypatch):
    """A view kept whole (the plan view, the start of the relay, the meetings panel, the timeline) is handed out while
    the stamps it was built from hold: every table its build reads must be under one of them (a part of
    the log, people, units) or be the log's row, compared as it is."""
    touched: set[str] = set()
    building: list[bool] = []

    def watched(build):
        def run(*args, **kwargs):
            building.append(True)
            try:
                return build(*args, **kwargs)
            finally:
                building.pop()

        return run

    kept_or_built = log_cache.kept_or_built
    monkeypatch.setattr(plan_view, "build_plan_view", watched(plan_view.build_plan_view))
    monkeypatch.setattr(log_cache, "kept_or_built", lambda s, i, w, f, build: kept_or_built(s, i, w, f, watched(build)))

    def record(_conn, _cursor, statement, *_args):
        if building:
            touched.update(re.findall(r"(?:FROM|JOIN) (\w+)", statement))

    event.listen(seeded.get_bind(), "before_cursor_execute", record)
    with cached_reads(seeded):
        for holder, log in ((people["kari"], logs["emma"]), (people["ingrid"], logs["ella"])):
            plan_for(seeded, holder, log.id, "nb")
            start_view(seeded, holder, log.id, "nb")
            minutes.overview_if_allowed(seeded, holder, log.id, "nb")
            timeline_for(seeded, holder, log.id, "nb")
    assert {"consent_ask", "participant", "person", "unit"} <= touched
    assert touched - {*PART_OF_TABLE, *SITE_TABLES, "stafett_log"} == set()


def test_the_people_a_view_names_are_kept_in_the_worker_while_the_site_stamp_holds(seeded, people, logs, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(log_cache.time, "monotonic", lambda: clock[0])
    log_id, kari_id, emma_id = logs["emma"].id, people["kari"].id, people["emma"].id
    kari = seeded.get(Person, kari_id)

    def named() -> dict[int, Person]:
        with cached_reads(seeded):
            log_cache.stamps(seeded, log_id)  # a log page's view reads them first; the site's come along
            found = read.people_by_id(seeded, {kari_id, emma_id})
        seeded.commit()
        return found

    first = named()
    assert first[kari_id] is not kari and first[kari_id] not in seeded  # the session's own row stays its own
    assert read.people_by_id(seeded, {kari_id})[kari_id] is kari  # a use case reads the session's rows
    statements = _counted(seeded)
    again = named()
    assert again[kari_id] is first[kari_id] and not [s for s in statements if "FROM person" in s]
    clock[0] += log_cache.MAX_AGE_SECONDS  # kept no longer than any other entry
    assert named()[kari_id] is not first[kari_id] and [s for s in statements if "FROM person" in s]
    child = seeded.get(Person, emma_id)
    child.first_name = "Emmy"
    seeded.add(child)
    seeded.commit()
    assert named()[emma_id].first_name == "Emmy"


def test_a_change_to_the_log_row_shows(seeded, people, logs):
    log_id = logs["emma"].id
    _plan(seeded, people["kari"], log_id)
    seeded.commit()
    log = seeded.get(StafettLog, log_id)
    log.description = "Endret beskrivelse"
    seeded.add(log)
    seeded.commit()
    assert _plan(seeded, people["kari"], log_id).description == "Endret beskrivelse"


def test_the_view_follows_the_hour(seeded, people, logs, monkeypatch):
    """Whether a measure may still be changed freely depends on the time, not on a change to the log."""
    log_id = logs["emma"].id
    newest = max(m.created_at for m in read.plan_tree(seeded, log_id).measures)
    seeded.commit()
    clock = [newest]
    monkeypatch.setattr(plan_view, "utcnow", lambda: clock[0])
    first = _plan(seeded, people["kari"], log_id)
    seeded.commit()
    assert any(m.freely_editable for m in _measures(first))
    clock[0] = newest + EDIT_WINDOW
    assert not any(m.freely_editable for m in _measures(_plan(seeded, people["kari"], log_id)))


def test_a_view_is_not_kept_from_a_transaction_that_wrote(seeded, people, logs):
    log_id = logs["emma"].id
    add_glimmer(seeded, people["kari"], log_id, {"text": "Rulles tilbake"})
    seeded.flush()
    assert "Rulles tilbake" in _glimmer_texts(seeded, people["kari"], log_id)
    seeded.rollback()
    assert "Rulles tilbake" not in _glimmer_texts(seeded, people["kari"], log_id)


# --- the person's newest draft and the log's refused attempts, kept under their own parts -----------


def _latest_draft(session: Session, person, log_id: int):
    with cached_reads(session):
        return drafts.latest_in_log(session, person, log_id, frozenset(FORMS))


def _refusals(session: Session, person, log_id: int) -> list:
    with cached_reads(session):
        return access_log.refusals_in_log(session, person, log_id, "nb")


def test_a_draft_typed_shows_on_the_next_load_and_leaves_the_plan_view_standing(seeded, people, logs):
    log_id, kari = logs["emma"].id, people["kari"]
    view = _plan(seeded, kari, log_id)
    assert _latest_draft(seeded, kari, log_id) is None
    seeded.commit()
    key = drafts.DraftKey("concern", log_id)
    drafts.keep_field(seeded, kari, key, "text", "Halvveis skrevet")
    seeded.commit()
    assert _latest_draft(seeded, kari, log_id) == key
    assert _latest_draft(seeded, people["lise"], log_id) is None  # a draft is its writer's alone
    assert _plan(seeded, kari, log_id) is view  # the drafts have their own stamp
    seeded.commit()
    drafts.forget(seeded, kari, key)
    seeded.commit()
    assert _latest_draft(seeded, kari, log_id) is None


def test_a_refused_attempt_shows_to_the_holder_on_the_next_load(seeded, people, logs):
    log_id, kari = logs["emma"].id, people["kari"]
    view = _plan(seeded, kari, log_id)
    before = _refusals(seeded, kari, log_id)
    seeded.commit()
    statements = _counted(seeded)
    assert _refusals(seeded, kari, log_id) is before  # kept: no statement reads them again
    assert not any("access_attempt" in s for s in statements)
    record_refusal(seeded, people["anders"].id, log_id, "read_plan")
    seeded.commit()
    after = _refusals(seeded, kari, log_id)
    assert len(after) == len(before) + 1 and after[0].name == "Anders Lie"
    assert _plan(seeded, kari, log_id) is view
    seeded.commit()
    anders = seeded.get(Person, people["anders"].id)
    anders.last_name = "Lie-Berg"
    seeded.add(anders)
    seeded.commit()
    assert _refusals(seeded, kari, log_id)[0].name == "Anders Lie-Berg"  # names follow the site's stamp


# --- the meetings panel ---------------------------------------------------------------------------


def _panel(session: Session, person, log_id: int):
    with cached_reads(session):
        return minutes.overview(session, person, log_id, "nb")


def test_the_meetings_panel_is_kept_until_a_meeting_changes_or_begins(seeded, people, logs, monkeypatch):
    log_id, kari = logs["emma"].id, people["kari"]
    meeting = seeded.exec(select(Meeting).where(Meeting.log_id == log_id)).one()
    starts = meeting.starts_at
    clock = [starts - timedelta(minutes=5)]
    monkeypatch.setattr(minutes, "utcnow", lambda: clock[0])
    first = _panel(seeded, kari, log_id)
    seeded.commit()
    assert _panel(seeded, kari, log_id) is first
    assert not first.rows[0].has_begun and first.rows[0].can_change
    clock[0] = starts  # the meeting begins: it can no longer be moved
    begun = _panel(seeded, kari, log_id)
    assert begun.rows[0].has_begun and not begun.rows[0].can_change
    seeded.commit()
    minutes.choose_secretary(seeded, kari, meeting.id, people["siri"].id)
    seeded.commit()
    assert _panel(seeded, kari, log_id).rows[0].secretary_name == "Siri Berg"
    assert _panel(seeded, people["lise"], log_id).secretary_options == []  # every reader their own


def test_the_stamps_read_with_the_persons_logs_are_the_pages_own(seeded, people, logs):
    """The header's statement (the person's logs, on every page load) reads each log's stamps and the
    site's; the page's own read of them finds them there, as the database has them."""
    kari, log_id = people["kari"], logs["emma"].id
    own = log_cache.stamps(seeded, log_id)
    seeded.commit()
    messages.unread_total(seeded, kari)
    statements = _counted(seeded)
    assert log_cache.stamps(seeded, log_id) == own
    assert statements == []
    add_glimmer(seeded, kari, log_id, {"text": "Ny"})
    seeded.commit()  # a change: the next header read has the new stamp
    messages.unread_total(seeded, kari)
    found = log_cache.stamps(seeded, log_id)
    assert found is not None and own is not None and found[0].glimmers != own[0].glimmers


def test_the_persons_logs_are_read_though_a_log_or_the_site_has_no_stamps(seeded, people, logs):
    """The header's statement joins the stamps to the person's logs: rows without them still count."""
    kari, per_log = people["kari"], literal(1)
    everything = set(accesses_of_person_with(seeded, kari, per_log)[0])
    seeded.commit()
    seeded.exec(text("DELETE FROM site_stamp"))
    seeded.exec(text("DELETE FROM log_stamp WHERE log_id = :log_id"), params={"log_id": logs["emma"].id})
    seeded.commit()
    assert set(accesses_of_person_with(seeded, kari, per_log)[0]) == everything
    with cached_reads(seeded):
        assert log_cache.stamps(seeded, logs["jonas"].id) is None  # nothing kept, nothing remembered


def test_the_stamps_as_read_name_the_columns_of_their_tables():
    assert log_cache.LogStamps._fields == log_cache.columns(LogStamp)
    assert log_cache.SiteStamps._fields == log_cache.columns(SiteStamp)


def _timeline(session: Session, person, log_id: int) -> list:
    with cached_reads(session):
        return timeline_for(session, person, log_id, "nb")


def test_the_timeline_is_kept_for_everyone_while_the_log_is_unchanged(seeded, people, logs):
    log_id = logs["emma"].id
    first = _timeline(seeded, people["kari"], log_id)
    seeded.commit()
    assert _timeline(seeded, people["lise"], log_id) is first  # the same for everyone who may see it
    add_glimmer(seeded, people["lise"], log_id, {"text": "Med i tidslinja"})
    seeded.commit()
    again = _timeline(seeded, people["kari"], log_id)
    newest_glimmer = next(entry for entry in again if entry.kind == "glimmer")
    assert newest_glimmer.text == "Med i tidslinja" and newest_glimmer.who == "Lise"
    assert _timeline(seeded, people["kari"], log_id) is again
