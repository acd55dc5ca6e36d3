"""The archive copies of one log, for its holder and for the leader of its unit, who has no role in
the log and so cannot open the plan page (domain.permissions: READ_ARCHIVE)."""

from sqlmodel import Session

from stafett_app.models import Person, StafettLog
from stafett_app.services import archive, read
from stafett_app.services.archive import ArchiveCopyView
from stafett_app.state.log_page import LogPage, Shown
from stafett_app.state.session import SessionState


class ArchiveState(LogPage, SessionState):
    child_first_name: str = ""  # which log this is: the leader comes from a list of several
    copies: list[ArchiveCopyView] = []

    def _show(self, session: Session, person: Person) -> Shown:
        copies = archive.copies_for(session, person, self._log_id, self.lang)  # checks READ_ARCHIVE
        log = session.get(StafettLog, self._log_id)
        child = read.people_by_id(session, {log.child_id}).get(log.child_id) if log else None
        return {"copies": copies, "child_first_name": child.first_name if child else ""}

    def _forget(self) -> None:
        self.copies = []
        self.child_first_name = ""
