"""Two server processes run the archive round at the same moment on PostgreSQL: each trigger
gives exactly one copy, made once, with one file and one package."""

import multiprocessing
from collections import Counter

import pytest
from sqlmodel import Session, select

from stafett_app.domain.archive import ArchiveTrigger
from stafett_app.domain.dates import today_in_norway
from stafett_app.models import ArchiveCopy
from stafett_app.services import archive
from tests.archive_helpers import run_archive_worker


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_two_workers_make_exactly_one_copy_per_trigger(seeded, engine, db_url, logs, tmp_path, monkeypatch):
    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path / "files"))
    monkeypatch.setenv("STAFETT_ARCHIVE_OUTBOX", str(tmp_path / "outbox"))
    for occasion in ("2", "3"):
        archive.request_copy(seeded, logs["emma"].id, ArchiveTrigger.CONSENT, occasion)
    archive.request_copy(seeded, logs["jonas"].id, ArchiveTrigger.HANDOVER, "participant-7")
    seeded.commit()

    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    today = today_in_norway().isoformat()
    workers = [
        spawn.Process(target=run_archive_worker, args=(db_url, today, f"worker-{n}", barrier, results))
        for n in range(2)
    ]
    for worker in workers:
        worker.start()
    handled = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    with Session(engine) as session:
        rows = session.exec(select(ArchiveCopy)).all()
    keys = Counter((c.log_id, c.trigger_key) for c in rows)
    assert keys and max(keys.values()) == 1  # never two copies for one trigger
    assert {("consent:2"), ("consent:3")} <= {k for log_id, k in keys if log_id == logs["emma"].id}
    assert any(k.startswith("bimonthly:") for _, k in keys)  # the periodic ones, asked for by both
    assert all(c.status == "done" and c.attempts == 1 for c in rows)  # each made once
    assert sum(handled) == len(rows)
    pdfs = list((tmp_path / "files" / "archive").rglob("*.pdf"))
    packages = list((tmp_path / "outbox").iterdir())
    assert len(pdfs) == len(rows) and len(packages) == len(rows)
    assert sorted(p.name for p in packages) == sorted(c.package_path for c in rows)
