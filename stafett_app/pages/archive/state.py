"""The archive copies of one log, for its holder and for the leader of its unit, who has no role in
the log and so cannot open the plan page (domain.permissions: READ_ARCHIVE)."""

from sqlmodel import Session

from stafett_app.models import Person
from stafett_app.services import archive
from stafett_app.services.archive import ArchiveCopyView
from stafett_app.state.log_page import LogPage
from stafett_app.state.session import SessionState


class ArchiveState(LogPage, SessionState):
    copies: list[ArchiveCopyView] = []

    def _show(self, session: Session, person: Person) -> None:
        self.copies = archive.copies_for(session, person, self._log_id, self.lang)

    def _forget(self) -> None:
        self.copies = []
