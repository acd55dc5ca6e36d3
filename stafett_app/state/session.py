"""The signed-in person and the UI language, shared by every page.

The person is never taken from the browser: each handler reads the HttpOnly session cookie from
the socket's request headers and looks the token up in the database.
"""

import reflex as rx

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue
from stafett_app.models import Person
from stafett_app.services.auth import person_for_token, set_language, token_from_cookie_header
from stafett_app.services.messages import unread_total
from stafett_app.settings import load_settings

LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


class SessionState(rx.State):
    person_name: str = ""
    person_is_leader: bool = False
    unread_messages: int = 0  # shown on the header's messages link
    lang: str = DEFAULT_LANGUAGE
    # A visitor's choice before signing in; once signed in, the person's own setting counts.
    stored_lang: str = rx.LocalStorage("", name="stafett_lang", sync=True)

    @rx.var
    def texts(self) -> dict[str, str]:
        lang = self.lang if self.lang in LANGUAGES else DEFAULT_LANGUAGE
        return {**catalogue(DEFAULT_LANGUAGE), **catalogue(lang)}

    def _session_token(self) -> str | None:
        return token_from_cookie_header(self.router.headers.cookie or "", load_settings().session_cookie)

    def _signed_in_person(self) -> Person | None:
        with session_scope() as session:
            return person_for_token(session, self._session_token())

    def _page_person(self) -> Person | None:
        """For a page's on_load: the signed-in person, shown in the header; None sends to sign-in."""
        person = self._signed_in_person()
        if person is not None:
            self._show_person(person)
        return person

    def _show_person(self, person: Person) -> None:
        self.person_name = f"{person.first_name} {person.last_name}"
        self.person_is_leader = person.is_leader
        self.lang = person.language if person.language in LANGUAGES else DEFAULT_LANGUAGE
        self._count_unread(person)

    def _count_unread(self, person: Person) -> None:
        with session_scope() as session:
            self.unread_messages = unread_total(session, person)

    def _visitor_language(self) -> None:
        self.lang = self.stored_lang if self.stored_lang in LANGUAGES else DEFAULT_LANGUAGE

    @rx.event
    def choose_language(self, lang: str):
        """Switch the UI language, remember it, and load the page again in that language."""
        if lang not in LANGUAGES:
            return
        self.lang = self.stored_lang = lang
        person = self._signed_in_person()
        if person is not None:
            with session_scope() as session:
                set_language(session, person.id, lang)  # type: ignore[arg-type]
        return rx.redirect(self.router.url.path or routes.SIGN_IN)

    @rx.event
    def require_sign_in(self):
        """on_load of every page behind the sign-in."""
        person = self._signed_in_person()
        if person is None:
            self.person_name = ""
            return rx.redirect(routes.SIGN_IN)
        self._show_person(person)


# Toasts at the top: at the bottom of a phone they cover the buttons one needs next.
TOAST_PLACE = {"position": "top-center", "duration": 2500}


def notify_saved(text: str):
    return rx.toast.success(text, **TOAST_PLACE)


def notify_refused(text: str):
    return rx.toast.error(text, **TOAST_PLACE)


def t(key: str) -> rx.Var[str]:
    """A UI string in the person's language."""
    return SessionState.texts[key].to(str)
