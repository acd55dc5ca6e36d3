"""The access log: openings and downloads appended with role and session, read by the family in
plain words; refusals (kept in AccessAttempt) read by the holder and the unit leader."""

from datetime import UTC, timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from stafett_app.domain.dates import NORWAY, utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.permissions import Action
from stafett_app.models import AccessLogEntry, Photo
from stafett_app.services import access_log
from stafett_app.services.access import open_log


def test_an_opening_is_appended_with_role_and_a_session_hash_never_the_token(seeded, people, logs):
    log_id = logs["emma"].id
    access_log.record_opening(seeded, people["kari"], log_id, "plan", "secret-token-123")
    seeded.commit()
    entry = seeded.exec(select(AccessLogEntry).where(AccessLogEntry.person_id == people["kari"].id)).one()
    assert (entry.log_id, entry.action, entry.role) == (log_id, "plan", "holder")
    assert entry.session_ref == access_log.session_ref("secret-token-123") and len(entry.session_ref) == 16
    assert "secret-token-123" not in entry.session_ref


def test_the_family_sees_who_opened_the_plan_in_plain_words(seeded, people, logs):
    log_id = logs["emma"].id
    for what in ("plan", "photo", "plan"):
        access_log.record_opening(seeded, people["kari"], log_id, what, "t1")
    access_log.record_opening(seeded, people["siri"], log_id, "timeline", "t2")
    access_log.record_opening(seeded, people["lise"], log_id, "family", "t3")  # her own: left out
    seeded.commit()
    rows = access_log.openings_of_log(seeded, people["lise"], log_id, "nb")
    assert [r.name for r in rows] == ["Siri Berg", "Kari Nilsen"]
    kari = rows[1]
    assert kari.role == "Stafettholder (Kontaktlærer)"
    assert kari.unit and kari.day
    assert kari.what == "planen, et bilde"
    assert access_log.openings_of_log(seeded, people["lise"], log_id, "nb", limit=1)[0].name == "Siri Berg"


def test_each_day_shows_its_own_pages_read_grouped_in_the_database(seeded, people, logs):
    """Rows per person and day, each naming that day's pages only. The pages behind the rows are
    grouped by the database: 46 openings are not handed to Python one by one on every load."""
    log_id, kari = logs["emma"].id, people["kari"]
    now = utcnow()
    for days_ago, what, times in ((30, "photo", 5), (2, "timeline", 1), (0, "plan", 40)):
        for _ in range(times):
            access_log.record_opening(seeded, kari, log_id, what, "t1")
        for entry in seeded.exec(select(AccessLogEntry).where(AccessLogEntry.at >= now)).all():
            entry.at = now - timedelta(days=days_ago)
    seeded.commit()
    rows, grouped = _counted_reads(
        seeded,
        ("GROUP BY", "access_log_entry.action"),
        lambda: access_log.openings_of_log(seeded, people["lise"], log_id, "nb", limit=2),
    )
    assert [r.what for r in rows] == ["planen", "tidslinjen"]  # the photo 30 days ago is past the limit
    assert grouped == 1


def _openings(session, person, log_id, at, times):
    session.add_all(
        AccessLogEntry(person_id=person.id, log_id=log_id, action="plan", at=at, role="actor") for _ in range(times)
    )


# The statement that groups openings by person and day.
_GROUPING = ("FROM access_log_entry", "max(openings.at)")


def _counted_reads(session, marks, read):
    """What `read()` returns, and how many statements it ran with every one of `marks` in them."""
    grouped = []

    def count(_conn, _cursor, statement, _params, _context, _many):
        if all(mark in statement for mark in marks):
            grouped.append(statement)

    event.listen(session.get_bind(), "before_cursor_execute", count)
    try:
        return read(), len(grouped)
    finally:
        event.remove(session.get_bind(), "before_cursor_execute", count)


def test_a_long_history_is_grouped_only_as_far_back_as_the_newest_openings(seeded, people, logs):
    """Every page load adds an opening: the list groups the newest thousand (a person and day cut off
    among them keeps its place, by its last opening), in one query."""
    log_id, now = logs["emma"].id, utcnow()
    _openings(seeded, people["per"], log_id, now - timedelta(days=400), 1500)
    _openings(seeded, people["kari"], log_id, now - timedelta(days=1), 3)
    _openings(seeded, people["per"], log_id, now, 2)
    seeded.commit()
    rows, grouped = _counted_reads(
        seeded, _GROUPING, lambda: access_log.openings_of_log(seeded, people["lise"], log_id, "nb", limit=3)
    )
    assert [r.name.split()[0] for r in rows] == ["Per", "Kari", "Per"]
    # The day as shown in Norway (after 23:00 UTC, the next day there).
    shown_day = (now - timedelta(days=400)).replace(tzinfo=UTC).astimezone(NORWAY).date()
    assert rows[2].day == access_log.format_date("nb", shown_day)
    assert grouped == 1


def test_when_the_newest_openings_hold_too_few_days_all_are_grouped(seeded, people, logs):
    """One person opening the log a thousand times in a day fills the newest openings: the days before
    are still found, newest first."""
    log_id, now = logs["emma"].id, utcnow()
    _openings(seeded, people["per"], log_id, now, access_log.NEWEST_OPENINGS)
    _openings(seeded, people["kari"], log_id, now - timedelta(days=30), 1)
    _openings(seeded, people["per"], log_id, now - timedelta(days=400), 2)
    seeded.commit()
    rows, grouped = _counted_reads(
        seeded, _GROUPING, lambda: access_log.openings_of_log(seeded, people["lise"], log_id, "nb", limit=3)
    )
    assert [r.name.split()[0] for r in rows] == ["Per", "Kari", "Per"]
    assert grouped == 2


@pytest.mark.parametrize("who", ["per", "siri", "emma", "tor"])
def test_others_may_not_read_the_familys_list(seeded, people, logs, who):
    with pytest.raises(PermissionDenied):
        access_log.openings_of_log(seeded, people[who], logs["emma"].id, "nb")


def test_a_download_is_logged_under_the_log_of_the_file(seeded, people, logs):
    photo = Photo(
        log_id=logs["emma"].id,
        stored_name="x.jpg",
        content_type="image/jpeg",
        size=1,
        width=1,
        height=1,
        uploaded_by_id=people["kari"].id,
        uploaded_at=utcnow(),
    )
    seeded.add(photo)
    seeded.flush()
    access_log.record_download(seeded, people["lise"], "photo", photo.id, None)
    seeded.commit()
    entry = seeded.exec(select(AccessLogEntry).where(AccessLogEntry.subject_id == photo.id)).one()
    assert (entry.log_id, entry.action, entry.role, entry.session_ref) == (logs["emma"].id, "photo", "guardian", "")


def test_refusals_are_shown_to_the_holder_and_the_unit_leader_only(seeded, people, logs):
    log_id = logs["emma"].id
    with pytest.raises(PermissionDenied):
        open_log(seeded, people["per"], log_id, Action.VIEW_PLAN)
    rows = access_log.refusals_in_log(seeded, people["kari"], log_id, "nb")
    assert [(r.name, r.child, r.what) for r in rows] == [("Per Hansen", "Emma", "se planen")]
    assert [r.name for r in access_log.refusals_in_unit(seeded, people["tor"], "nb")] == ["Per Hansen"]
    for who in ("lise", "siri", "per"):
        with pytest.raises(PermissionDenied):
            access_log.refusals_in_log(seeded, people[who], log_id, "nb")
    with pytest.raises(PermissionDenied):
        access_log.refusals_in_unit(seeded, people["per"], "nb")


def test_the_download_routes_log_what_they_hand_out(state_db, tmp_path, monkeypatch):
    from starlette.testclient import TestClient

    from stafett_app import db
    from stafett_app.api import api
    from stafett_app.models import Meeting, MeetingInvite, Person
    from stafett_app.services.auth import start_session
    from stafett_app.settings import SESSION_COOKIE

    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path / "files"))
    client = TestClient(api, base_url="https://stafett.test")
    with db.session_scope() as session:
        lise = session.exec(select(Person).where(Person.first_name == "Lise")).one()
        token = start_session(session, lise.id, max_minutes=60)
        meeting = session.exec(select(Meeting).join(MeetingInvite).where(MeetingInvite.person_id == lise.id)).first()
    client.cookies.set(SESSION_COOKIE, token)
    assert client.get(f"/calendar/meeting/{meeting.id}.ics").status_code == 200
    assert client.get(f"/logs/{meeting.log_id}/print.pdf?elements=overview").status_code == 200
    with db.session_scope() as session:
        entries = session.exec(select(AccessLogEntry).where(AccessLogEntry.person_id == lise.id)).all()
        assert [(e.action, e.log_id, e.role) for e in entries] == [
            ("calendar", meeting.log_id, "guardian"),
            ("pdf", meeting.log_id, "guardian"),
        ]
        assert entries[0].session_ref == access_log.session_ref(token)
