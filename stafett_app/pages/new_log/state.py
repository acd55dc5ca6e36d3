"""'Ny stafettlogg': the child, the unit and the early observations of a level 0 draft."""

from uuid import uuid4

import reflex as rx

from stafett_app import routes
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import may_start_log
from stafett_app.i18n import translate, translate_all
from stafett_app.models import Unit
from stafett_app.services import new_log
from stafett_app.state.session import SessionState, notify_refused, notify_saved


class NewLogState(SessionState):
    loaded: bool = False
    may_start: bool = False
    unit_options: list[tuple[str, str]] = []  # the units the person may start a log in (id, name)
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    # One key per opened form: a double tap, or a resend after a reconnect, starts one log.
    _request_key: str = ""
    _started_log_id: int = 0

    @rx.event
    async def load(self):
        self.loaded = False
        person = await self._page_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        self.may_start = may_start_log(person.kind, person.may_hold_logs)
        self.unit_options = []
        if self.may_start and (unit_id := person.unit_id) is not None:
            unit = await self._db(lambda session: session.get(Unit, unit_id))
            self.unit_options = [(str(unit.id), unit.name)] if unit else []
        self.values = {"unit_id": self.unit_options[0][0]} if len(self.unit_options) == 1 else {}
        self.errors = {}
        self._request_key, self._started_log_id = uuid4().hex, 0
        self.loaded = True
        return None

    @rx.event
    async def start(self, form_data: dict):
        if self._started_log_id:  # a second tap while the first one is on its way to the plan
            return rx.redirect(routes.plan(self._started_log_id))
        form = {key: str(value) for key, value in form_data.items()}
        self.values = form  # what was typed stays, whatever happens next
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        request_key = self._request_key or None
        try:
            log_id = await self._db(lambda session: new_log.start_draft(session, person, form, request_key=request_key))
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        except ValidationFailed as failure:
            self.errors = translate_all(self.lang, failure.errors)
            return None
        self.errors, self._started_log_id = {}, log_id
        return [notify_saved(translate(self.lang, "saved.new_log")), rx.redirect(routes.plan(log_id))]
