"""Notice settings: per kind of event, e-mail and/or a push notice. Only the signed-in person's own."""

import reflex as rx

from stafett_app import routes
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.notifications import PERSONAL_KINDS, Channel
from stafett_app.i18n import translate
from stafett_app.services import notification_delivery
from stafett_app.state.session import SessionState, notify_refused, notify_saved

KINDS = [kind.value for kind in PERSONAL_KINDS]
CHANNELS = [channel.value for channel in Channel]


class NotificationSettingsState(SessionState):
    # kind -> on, per channel; what the switches show until saved
    email: dict[str, bool] = {}
    push: dict[str, bool] = {}
    email_address: str = ""
    loaded: bool = False

    async def _read(self, person) -> None:
        chosen = await self._db(lambda session: notification_delivery.current_choices(session, person.id))
        chosen = {kind: chosen[kind] for kind in PERSONAL_KINDS}
        self._assign(
            {
                "email": {kind.value: Channel.EMAIL in channels for kind, channels in chosen.items()},
                "push": {kind.value: Channel.PUSH in channels for kind, channels in chosen.items()},
                "email_address": person.email.strip(),
            }
        )

    @rx.event
    async def load(self):
        self.loaded = False
        person = await self._page_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        await self._read(person)
        self.loaded = True

    @rx.event
    def toggle(self, kind: str, channel: str, on: bool):
        """A switch changed; nothing is stored before Save."""
        if kind not in KINDS or channel not in CHANNELS:
            return notify_refused(translate(self.lang, "error.choose_one"))
        target = self.email if channel == Channel.EMAIL else self.push
        target[kind] = bool(on)

    @rx.event
    async def save(self):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        chosen = {
            kind: (self.email.get(kind, False), self.push.get(kind, False)) for kind in set(self.email) | set(self.push)
        }
        try:
            await self._db(lambda session: notification_delivery.save_choices(session, person, chosen))
        except ValidationFailed:
            return notify_refused(translate(self.lang, "error.choose_one"))
        await self._read(person)
        return notify_saved(translate(self.lang, "saved.notify_settings"))
