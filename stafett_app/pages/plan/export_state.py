"""Choosing the concerns that go to another Stafett. Holds only the choice, the link and its
message: the download itself is the export route, which checks the person and the concerns again."""

from urllib.parse import urlencode

import reflex as rx

from stafett_app import routes
from stafett_app.i18n import translate
from stafett_app.state.ids import checked_ids
from stafett_app.state.session import SessionState

MAX_CONCERNS = 50  # as many as an export file holds


def _ids(values: list) -> list[int]:
    found: list[int] = []
    for value in values[:MAX_CONCERNS]:
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if number > 0 and number not in found:
            found.append(number)
    return found


class ExportState(SessionState):
    dialog_open: bool = False
    chosen: list[int] = []
    zip_url: str = ""
    error: str = ""
    _log_id: int = 0

    def _update(self) -> None:
        self.error = "" if self.chosen else translate(self.lang, "error.export_no_concerns")
        query = urlencode({"concerns": ",".join(map(str, self.chosen))})
        self.zip_url = f"{routes.export_zip(self._log_id)}?{query}" if self.chosen and self._log_id else ""

    @rx.event
    @checked_ids
    def start(self, log_id: int, concern_ids: list[int]):
        """When the dialog opens: every concern of the plan chosen."""
        found = _ids([log_id])
        self._log_id = found[0] if found else 0
        self.chosen = _ids(concern_ids)
        self._update()
        self.dialog_open = True

    @rx.event
    def set_dialog_open(self, is_open: bool):
        self.dialog_open = bool(is_open)

    @rx.event
    @checked_ids
    def toggle(self, concern_id: int, checked: bool):
        found = _ids([concern_id])
        if not found:
            return
        chosen = [c for c in self.chosen if c != found[0]]
        self.chosen = chosen + found if checked else chosen
        self._update()
