"""The sign-in page: in demo mode, the seeded people one can be."""

import reflex as rx

from stafett_app import routes
from stafett_app.services.auth import demo_people, renewable
from stafett_app.services.views import DemoPersonView
from stafett_app.settings import get_settings
from stafett_app.state.session import SessionState


class SignInState(SessionState):
    demo_mode: bool = False
    people: list[DemoPersonView] = []

    @rx.event
    async def load(self):
        if (shown := await self._shown_child_log()) is not None:
            return rx.redirect(routes.child_shown(shown))  # a child is looking: only their page
        if await self._signed_in_person() is not None:
            return rx.redirect(routes.MY_LOGS)
        token = self._session_token()
        if get_settings().identity_provider_configured and await self._db(lambda session: renewable(session, token)):
            return rx.redirect(routes.OIDC_RENEW)  # silently, while the provider's session lives
        self._visitor_language()
        self.demo_mode = get_settings().demo_mode
        if self.demo_mode:
            lang = self.lang
            self.people = await self._db(lambda session: demo_people(session, lang))
