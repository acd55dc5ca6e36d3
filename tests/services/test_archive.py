"""Printing, archive copies and the archive package, on SQLite and PostgreSQL."""

import hashlib
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from stafett_app.domain.archive import WHAT_HAS_BEEN_TRIED, ArchiveTrigger, CopyStatus, Period, PrintElement
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.models import AccessAttempt, AccessLogEntry, ArchiveCopy, Comment, Evaluation, Measure
from stafett_app.services import archive, arkivmelding, participation, printing
from stafett_app.services.log_reader import read_log
from tests.archive_helpers import check_archive_pdf

WORKER = "test-worker"


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path / "files"))
    monkeypatch.setenv("STAFETT_ARCHIVE_OUTBOX", str(tmp_path / "outbox"))
    return tmp_path


def copies(engine, log_id=None) -> list[ArchiveCopy]:
    with Session(engine) as session:
        query = select(ArchiveCopy).order_by(col(ArchiveCopy.id))
        if log_id is not None:
            query = query.where(ArchiveCopy.log_id == log_id)
        return list(session.exec(query).all())


# --- printing --------------------------------------------------------------------------------


def test_the_holder_prints_the_whole_log_as_pdf_a(seeded, people, logs):
    pdf = printing.print_pdf(seeded, people["kari"], logs["emma"].id, frozenset())
    check_archive_pdf(pdf)


@pytest.mark.parametrize("who,log", [("lise", "emma"), ("jonas", "jonas")])
def test_the_guardian_and_the_young_person_from_15_print(seeded, people, logs, who, log):
    check_archive_pdf(printing.print_pdf(seeded, people[who], logs[log].id, WHAT_HAS_BEEN_TRIED))


@pytest.mark.parametrize("who", ["emma", "mona", "per", "tor"])
def test_others_may_not_print_and_the_refusal_is_recorded(seeded, people, logs, who):
    with pytest.raises(PermissionDenied):
        printing.print_pdf(seeded, people[who], logs["emma"].id, frozenset())
    attempts = seeded.exec(select(AccessAttempt).where(AccessAttempt.person_id == people[who].id)).all()
    assert [(a.log_id, a.action) for a in attempts] == [(logs["emma"].id, "print")]


def test_what_has_been_tried_shows_every_measure_with_red_evaluations_and_no_other_parts(seeded, logs):
    content = read_log(seeded, logs["emma"].id)
    html = printing.render_html(content, printing.PrintChoice(WHAT_HAS_BEEN_TRIED), "nb")
    measures = seeded.exec(select(Measure)).all()
    emma_measures = [m for c in content.plan.concerns for g in c.goals for m in g.measures]
    assert emma_measures and all(m.title.replace("«", "&laquo;") in html or m.title in html for m in emma_measures)
    assert "Rød – virket ikke" in html  # the red one is not left out
    assert "Dette er prøvd" in html
    for heading in ("Lysglimt", "Tidslinje", "Samtykker", "Notater"):
        assert f"<h2>{heading}</h2>" not in html
    assert measures


def test_a_period_leaves_out_what_happened_outside_it(seeded, logs):
    content = read_log(seeded, logs["emma"].id)
    comment = seeded.exec(select(Comment).where(Comment.log_id == logs["emma"].id)).first()
    written = comment.created_at.date()
    inside = printing.render_html(content, printing.PrintChoice(period=Period(written, written)), "nb")
    after = printing.render_html(content, printing.PrintChoice(period=Period(start=written + timedelta(days=1))), "nb")
    assert comment.text in inside
    assert comment.text not in after


def test_a_print_has_the_first_name_level_and_holder_and_never_the_family_name_of_the_child(seeded, logs):
    html = printing.render_html(read_log(seeded, logs["emma"].id), printing.PrintChoice(), "nb")
    assert "Emma · Nivå 2 · Stafettholder: Kari Nilsen" in html
    assert "Stafettlogg for Emma" in html


def test_text_from_the_log_is_escaped(seeded, people, logs):
    content = read_log(seeded, logs["emma"].id)
    content.plan.description = "<script>alert(1)</script>"
    html = printing.render_html(content, printing.PrintChoice(), "nb")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_preview_is_the_same_document_and_checks_permission_too(seeded, people, logs):
    html = printing.print_preview_html(seeded, people["lise"], logs["emma"].id, frozenset({PrintElement.GLIMMERS}))
    assert "<h2>Lysglimt</h2>" in html and "<h2>Oversikt</h2>" not in html
    with pytest.raises(PermissionDenied):
        printing.print_preview_html(seeded, people["mona"], logs["emma"].id, frozenset())


def test_bad_print_choices_are_refused_by_field():
    with pytest.raises(ValidationFailed) as refused:
        printing.parse_choice(["overview", "messages"], "2026-13-01", "")
    assert refused.value.errors == {"elements": "error.print_unknown_element", "start": "error.period_date"}
    with pytest.raises(ValidationFailed) as refused:
        printing.parse_choice([], "2026-02-01", "2026-01-01")
    assert refused.value.errors == {"end": "error.period_order"}
    assert printing.parse_choice(["tried"]).elements == WHAT_HAS_BEEN_TRIED


# --- copies on events ------------------------------------------------------------------------


def test_closing_a_log_asks_for_one_copy(seeded, engine, people, logs, files):
    participation.close(seeded, people["kari"], logs["emma"].id, "Målene er nådd.")
    seeded.commit()
    assert [(c.trigger, c.status) for c in copies(engine, logs["emma"].id)] == [("passive", "pending")]


def test_withdrawing_consent_asks_for_a_copy(seeded, engine, people, logs, files):
    participation.withdraw_consent(seeded, people["lise"], logs["emma"].id)
    seeded.commit()
    assert [c.trigger for c in copies(engine, logs["emma"].id)] == ["passive"]


def test_a_new_consent_version_asks_for_a_copy_once(seeded, engine, people, logs, files):
    version = participation.consent_to_proposals(seeded, people["lise"], logs["emma"].id)
    seeded.commit()
    assert archive.request_copy(seeded, logs["emma"].id, ArchiveTrigger.CONSENT, str(version)) is False
    seeded.commit()
    assert [c.trigger_key for c in copies(engine, logs["emma"].id)] == [f"consent:{version}"]


# --- making copies ---------------------------------------------------------------------------


def test_a_copy_is_made_stored_privately_and_packaged_for_the_archive(seeded, engine, logs, files):
    participation_log = logs["emma"].id
    archive.request_copy(seeded, participation_log, ArchiveTrigger.HANDOVER, "participant-1")
    seeded.commit()
    assert archive.run_jobs(engine, today_in_norway(), WORKER) >= 1
    copy = next(c for c in copies(engine, participation_log) if c.trigger == "handover")
    assert copy.status == CopyStatus.DONE and copy.attempts == 1 and copy.finished_at
    stored = files / "files" / copy.storage_path
    data = stored.read_bytes()
    assert hashlib.sha256(data).hexdigest() == copy.sha256 and len(data) == copy.size
    check_archive_pdf(data)
    package = files / "outbox" / copy.package_path
    assert sorted(p.name for p in package.iterdir()) == [
        "arkivmelding.xml",
        f"stafettlogg-{participation_log}-kopi-{copy.id}.pdf",
    ]
    assert (package / f"stafettlogg-{participation_log}-kopi-{copy.id}.pdf").read_bytes() == data
    xml = (package / "arkivmelding.xml").read_bytes()
    arkivmelding.validate(xml)
    assert copy.sha256.encode() in xml
    assert b"<n5mdk:kode>X</n5mdk:kode>" in xml
    assert f"<n5mdk:noekkel>stafettlogg-{participation_log}</n5mdk:noekkel>".encode() in xml
    assert not list((files / "outbox").glob(".*"))  # nothing half-built left behind


def test_periodic_copies_are_due_from_activation_and_made_once(seeded, engine, logs, files):
    today = today_in_norway()
    assert archive.schedule_periodic(engine, today) >= 1
    made = {(c.log_id, c.trigger_key) for c in copies(engine)}
    assert archive.schedule_periodic(engine, today) == 0  # the same day: nothing new
    assert archive.schedule_periodic(engine, today + timedelta(days=1)) == 0  # the next: still nothing
    emma = [key for log_id, key in made if log_id == logs["emma"].id]
    assert len(emma) == 1 and emma[0].startswith("bimonthly:")
    # Five months later (the server was away): one copy, not one per missed date.
    assert archive.schedule_periodic(engine, today + timedelta(days=150)) == len({log_id for log_id, _ in made})


def test_a_failed_copy_is_shown_as_failed_and_tried_again_later(seeded, engine, people, logs, files, monkeypatch):
    archive.request_copy(seeded, logs["emma"].id, ArchiveTrigger.CONSENT, "9")
    seeded.commit()
    (copy_id,) = [c.id for c in copies(engine, logs["emma"].id)]

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as disk_full:
        disk_full.setattr(archive, "_write_durably", broken)
        assert archive.claim(engine, WORKER, only=copy_id) == [copy_id]
        assert archive.make_copy(engine, copy_id, WORKER) == "failed"
    (failed,) = copies(engine, logs["emma"].id)
    assert failed.status == "failed" and failed.attempts == 1 and "No space left" in failed.error
    assert not list((files / "files" / "archive").rglob("*.pdf"))
    listed = archive.copies_for(seeded, people["kari"], logs["emma"].id)
    assert [(c.status, c.download_url) for c in listed] == [("failed", "")]
    with pytest.raises(PermissionDenied):
        archive.copy_file_for(seeded, people["kari"], copy_id)
    # Not again in the same minute; on a later run it is made.
    assert archive.claim(engine, "other", only=copy_id) == []
    later = utcnow() + archive.RETRY_AFTER + timedelta(seconds=1)
    assert archive.claim(engine, "other", now=later, only=copy_id) == [copy_id]
    assert archive.make_copy(engine, copy_id, "other") == "done"
    (done,) = copies(engine, logs["emma"].id)
    assert done.status == "done" and done.attempts == 2 and done.error == ""


def test_a_copy_being_made_is_not_listed(seeded, engine, people, logs, files):
    archive.request_copy(seeded, logs["emma"].id, ArchiveTrigger.CONSENT, "7")
    seeded.commit()
    assert archive.copies_for(seeded, people["kari"], logs["emma"].id) == []


def test_the_engine_failing_is_recorded_too(seeded, engine, logs, files, monkeypatch):
    archive.request_copy(seeded, logs["emma"].id, ArchiveTrigger.CONSENT, "8")
    seeded.commit()

    def engine_error(*args, **kwargs):
        raise RuntimeError("WeasyPrint could not lay out the page")

    monkeypatch.setattr(archive, "render_pdf", engine_error)
    archive.run_jobs(engine, today_in_norway(), WORKER)
    statuses = {c.trigger_key: (c.status, c.error) for c in copies(engine, logs["emma"].id)}
    assert statuses["consent:8"] == ("failed", "RuntimeError: WeasyPrint could not lay out the page")


# --- reading copies --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["kari", "tor"])
def test_the_holder_and_the_unit_leader_list_and_read_copies_and_each_read_is_logged(
    seeded, engine, people, logs, files, who
):
    copy = archive.copy_now(engine, logs["emma"].id, ArchiveTrigger.ON_DEMAND, "now", WORKER)
    listed = archive.copies_for(seeded, people[who], logs["emma"].id)
    assert [(c.copy_id, c.status, c.sha256) for c in listed] == [(copy.id, "done", copy.sha256)]
    assert listed[0].download_url == f"/files/archive/{copy.id}.pdf"
    path, name = archive.copy_file_for(seeded, people[who], copy.id)
    archive.copy_file_for(seeded, people[who], copy.id)
    seeded.commit()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == copy.sha256
    assert name == f"stafettlogg-{logs['emma'].id}-kopi-{copy.id}.pdf"
    reads = seeded.exec(select(AccessLogEntry).where(AccessLogEntry.person_id == people[who].id)).all()
    assert [(r.log_id, r.subject_id, r.action) for r in reads] == [(logs["emma"].id, copy.id, "read_archive_copy")] * 2


@pytest.mark.parametrize("who", ["lise", "mona", "per", "ingrid"])
def test_nobody_else_reads_the_copies(seeded, engine, people, logs, files, who):
    copy = archive.copy_now(engine, logs["emma"].id, ArchiveTrigger.ON_DEMAND, "now", WORKER)
    with pytest.raises(PermissionDenied):
        archive.copies_for(seeded, people[who], logs["emma"].id)
    with pytest.raises(PermissionDenied):
        archive.copy_file_for(seeded, people[who], copy.id)
    assert seeded.exec(select(AccessLogEntry)).all() == []
    refused = seeded.exec(select(AccessAttempt).where(AccessAttempt.person_id == people[who].id)).all()
    assert {a.action for a in refused} == {"read_archive"}


def test_copy_now_twice_for_the_same_occasion_is_one_copy(engine, seeded, logs, files):
    first = archive.copy_now(engine, logs["emma"].id, ArchiveTrigger.DELETION, "before", WORKER)
    second = archive.copy_now(engine, logs["emma"].id, ArchiveTrigger.DELETION, "before", "another")
    assert first.id == second.id and second.sha256 == first.sha256
    with pytest.raises(LookupError):
        archive.copy_now(engine, 99999, ArchiveTrigger.ON_DEMAND, "x", WORKER)


def test_the_operator_command_prints_where_the_copy_went(state_db, files, capsys):
    from stafett_app.archive import main

    assert main(["1"]) == 0
    out = capsys.readouterr().out
    assert str(files / "files" / "archive") in out and str(files / "outbox") in out
    assert main(["424242"]) == 2


def test_the_system_reader_reads_every_evaluation_without_a_person(seeded, logs):
    content = read_log(seeded, logs["emma"].id)
    evaluations = seeded.exec(select(Evaluation)).all()
    shown = [e for c in content.plan.concerns for g in c.goals for m in g.measures for e in m.evaluations]
    assert 0 < len(shown) <= len(evaluations)
    assert not content.plan.can_edit_plan and not content.plan.can_consent  # nobody may act through it


def test_the_schema_check_is_real_a_journal_entry_without_its_type_is_refused():
    import xmlschema

    entry = arkivmelding.ArchiveEntry(1, 2, "Emma", "Åsen skole", "Nytt samtykke", utcnow(), "a.pdf", "ab" * 32, 10)
    xml = arkivmelding.arkivmelding_xml(entry)
    arkivmelding.validate(xml)
    start = xml.index(b"<journalposttype>")
    end = xml.index(b"</journalposttype>") + len(b"</journalposttype>")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        arkivmelding.validate(xml[:start] + xml[end:])


def test_a_worker_that_held_its_claim_too_long_leaves_the_other_workers_copy_alone(seeded, engine, logs, files):
    archive.request_copy(seeded, logs["emma"].id, ArchiveTrigger.CONSENT, "11")
    seeded.commit()
    (copy_id,) = [c.id for c in copies(engine, logs["emma"].id)]
    assert archive.claim(engine, "slow", only=copy_id) == [copy_id]
    later = utcnow() + archive.RETRY_AFTER + timedelta(seconds=1)
    assert archive.claim(engine, "fast", now=later, only=copy_id) == [copy_id]  # the slow one seems gone
    assert archive.make_copy(engine, copy_id, "fast") == "done"
    assert archive.make_copy(engine, copy_id, "slow") == "taken-over"
    (done,) = copies(engine, logs["emma"].id)
    assert done.status == "done" and done.attempts == 1
    assert [p.relative_to(files / "files").as_posix() for p in (files / "files" / "archive").rglob("*.pdf")] == [
        done.storage_path
    ]
    assert [p.name for p in (files / "outbox").iterdir()] == [done.package_path]


def test_a_drafts_consent_is_archived_when_the_log_becomes_active(seeded, engine, people, logs, files):
    from stafett_app.domain.roles import LogRole
    from stafett_app.models import Participant

    oskar = logs["oskar"]
    seeded.add(Participant(log_id=oskar.id, person_id=people["nina"].id, role=LogRole.GUARDIAN, added_at=utcnow()))
    seeded.commit()
    version = participation.give_consent(seeded, people["nina"], oskar.id, [])
    seeded.commit()
    assert copies(engine, oskar.id) == []  # a draft is the author's notes: nothing archived yet
    participation.activate(seeded, people["siri"], oskar.id, level=1)
    seeded.commit()
    assert [c.trigger_key for c in copies(engine, oskar.id)] == [f"consent:{version}"]


def test_a_package_the_archive_would_refuse_is_never_written(seeded, engine, logs, files, monkeypatch):
    archive.request_copy(seeded, logs["emma"].id, ArchiveTrigger.CONSENT, "12")
    seeded.commit()
    monkeypatch.setattr(arkivmelding, "arkivmelding_xml", lambda entry: b"<arkivmelding/>")
    archive.run_jobs(engine, today_in_norway(), WORKER)
    failed = next(c for c in copies(engine, logs["emma"].id) if c.trigger_key == "consent:12")
    assert failed.status == "failed" and "Validation" in failed.error
    assert not (files / "outbox").exists() or not any((files / "outbox").iterdir())
