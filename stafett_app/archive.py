"""For operators: make an archive copy of one log now and say where it went.

    python -m stafett_app.archive LOG_ID

Uses STAFETT_DB_URL, STAFETT_FILES_DIR and STAFETT_ARCHIVE_OUTBOX like the server. The copy is an
ordinary one (trigger "on_demand"), listed for the holder and the unit leader like the others.
"""

import argparse
import sys

from stafett_app import db
from stafett_app.domain.archive import ArchiveTrigger, CopyStatus
from stafett_app.domain.dates import utcnow
from stafett_app.services import archive
from stafett_app.services.notification_delivery import new_worker_id
from stafett_app.services.storage import files_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stafett_app.archive", description=__doc__.splitlines()[0])
    parser.add_argument("log_id", type=int, help="the log to copy")
    args = parser.parse_args(argv)
    try:
        copy = archive.copy_now(
            db.engine(), args.log_id, ArchiveTrigger.ON_DEMAND, utcnow().isoformat(timespec="seconds"), new_worker_id()
        )
    except LookupError:
        print(f"No log with id {args.log_id}.", file=sys.stderr)
        return 2
    if copy.status != CopyStatus.DONE:
        print(f"Copy {copy.id} of log {args.log_id} failed: {copy.error}", file=sys.stderr)
        return 1
    print(f"Copy {copy.id} of log {args.log_id}: {files_dir() / copy.storage_path}")
    print(f"  sha256 {copy.sha256}, {copy.size} bytes")
    print(f"  archive package: {archive.outbox_dir() / copy.package_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
