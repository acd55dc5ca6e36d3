"""The signed-in person and the UI language, shared by every page.

The person is never taken from the browser: each handler reads the HttpOnly session cookie from
the socket's request headers and looks the token up in the database.

Reflex keeps state per browser tab; Stafett's state belongs to the signed-in person. Signing in
and out starts the tab on a new Reflex token (`assets/stafett-boot.js`, told by a cookie the
sign-in and sign-out routes set), sign-out clears the old tree first, and a page that finds
another person (or nobody) signed in than the one its state was filled for clears it too.

Handlers are `async def`: their database work runs on a database thread (`await self._db(work)`),
never on the event loop that serves every tab of the worker. The work gets plain inputs read here
and returns plain data; the handler assigns it to the state after the await. Within one event the
person is looked up once and passed on.
"""

import json
from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx
from reflex.utils.imports import ImportVar
from reflex.vars import Var, VarData
from sqlmodel import Session

from stafett_app import db, routes
from stafett_app.domain.dates import age_on, today_in_norway
from stafett_app.domain.errors import DomainError
from stafett_app.domain.roles import is_young_child
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, PLURAL_SUFFIX, ui_texts
from stafett_app.i18n.frontend import LOADER_HOOK, LOADER_MODULE
from stafett_app.models import Person
from stafett_app.services import child_mode
from stafett_app.services.auth import set_language, signed_in, token_from_cookie_header
from stafett_app.services.messages import unread_total
from stafett_app.settings import get_settings

T = TypeVar("T")
# What a page shows: var name -> value, read on a database thread and assigned on the event loop.
Shown = dict[str, Any]
_NOTHING = object()  # no value held yet


class SessionState(rx.State):
    person_name: str = ""
    person_is_leader: bool = False
    person_is_admin: bool = False  # the header links to /admin; every admin event checks again on the server
    is_young_child: bool = False  # a child under 15: the header offers only the child's own page
    unread_messages: int = 0  # shown on the header's messages link
    lang: str = DEFAULT_LANGUAGE
    # A visitor's choice before signing in; once signed in, the person's own setting counts.
    stored_lang: str = rx.LocalStorage("", name="stafett_lang", sync=True)
    _owner_id: int = 0  # whose data this tab's state holds (0: nobody's)

    async def _db(self, work: Callable[[Session], T]) -> T:
        """Database work for a handler: one session on a database thread while the event loop
        serves other clients. `work` returns plain data; the handler assigns it to the state after
        the await (Reflex runs one event per tab at a time, so nothing else changes this state meanwhile)."""
        return await db.run_in_session(work)

    def _assign(self, shown: Shown) -> None:
        """Set the vars; one that already holds the value is left alone (an assignment, even of the
        same value, sends the var to the browser again)."""
        held = self.__dict__  # the values themselves: a view kept by the worker (log_cache) is the same object
        for name, value in shown.items():
            if held.get(name, _NOTHING) is not value and getattr(self, name) != value:
                setattr(self, name, value)

    def _session_token(self) -> str | None:
        # The router's own field: `self.router` assembles a RouterData on every access (12 us), and every
        # event asks for its cookie.
        return token_from_cookie_header(self.rx_router_headers.cookie or "", get_settings().session_cookie)

    def _person_finder(self) -> Callable[[Session], Person | None]:
        """The lookup of the person behind the session cookie, with this event's cookie and page
        read here on the event loop, to run in a database session.

        A login that shows a child their page (services.child_mode) is nobody to every state but
        that child page's: the other pages' events are refused, and their loads end on the sign-in
        page, which sends back to the child."""
        token, shows_child_of = self._session_token(), self._shows_child_of()

        def find(session: Session) -> Person | None:
            found = signed_in(session, token)
            if found is None:
                return None
            login, person = found
            if login.child_log_id is not None and login.child_log_id != shows_child_of:
                return None
            return person

        return find

    async def _signed_in_person(self) -> Person | None:
        """The person behind the session cookie (one lookup; pass the person on within the event)."""
        return await self._db(self._person_finder())

    async def _as_signed_in(self, work: Callable[[Session, Person], object]) -> bool:
        """Run `work` as the signed-in person, the lookup and the work in one session; False (and
        nothing run) when nobody is signed in."""
        find = self._person_finder()

        def run(session: Session) -> bool:
            person = find(session)
            if person is None:
                return False
            work(session, person)
            return True

        return await self._db(run)

    def _shows_child_of(self) -> int | None:
        """The log whose child page this state shows to a child (only the shown child page has one)."""
        return None

    async def _shown_child_log(self) -> int | None:
        """The log this login is limited to while a child looks at it, or None."""
        token = self._session_token()
        return await self._db(lambda session: child_mode.shown_log(session, token))

    async def _page_person(self) -> Person | None:
        """For a page's on_load: the signed-in person, shown in the header; None sends to sign-in.
        State filled for someone else is cleared before anything of this person is loaded."""
        person, _ = await self._page_person_and(None)
        return person

    async def _page_person_and(self, then: Callable[[Session, Person], T] | None) -> tuple[Person | None, T | None]:
        """`_page_person`, and `then` in the same database session (one trip to a database thread
        per page load, and the rows the header's count read are known to `then`). `then` gets only
        a signed-in person. A refusal it raises reaches the caller after the header is shown; any
        other error rolls the session back and fails the event, as in all database work."""
        find = self._person_finder()

        def person_and_unread(session: Session) -> tuple[Person | None, int, Callable[[], T | None]]:
            person = find(session)
            if person is None:
                return None, 0, lambda: None
            if session.dirty:
                # The login's last-seen time, committed now: `then` reads in a transaction that has
                # written nothing (what a worker keeps of a log comes only from such reads), and a
                # refusal's own audit session is not kept waiting for this one's lock on SQLite.
                session.commit()
            unread = unread_total(session, person)
            if then is None:
                return person, unread, lambda: None
            try:
                found = then(session, person)
            except DomainError as failure:  # a refusal: raised again below, once the header is shown
                return person, unread, _raise(failure)
            return person, unread, lambda: found

        person, unread, then_found = await self._db(person_and_unread)
        owner = person.id if person is not None and person.id is not None else 0
        if owner != self._owner_id:
            self._clear_tree()
            self._owner_id = owner
        if person is not None:
            self._show_person(person)
            self._assign({"unread_messages": unread})
        return person, then_found()

    async def _page_person_and_read(
        self, reader: Callable[[], Callable[[Session, Person], T]]
    ) -> tuple[Person, T] | None:
        """`_page_person_and` for a page whose reads depend on this tab (its language, what it shows):
        `reader()` makes the database work from the tab as it is now. It runs in the header's trip when
        the tab is ready for the person (their own or nobody's, in their language); else the header
        clears the tab, and a reader made from it then runs in a trip of its own. None: nobody is
        signed in."""
        owner, lang, read = self._owner_id, self.lang, reader()

        def read_if_ready(session: Session, person: Person) -> T | object:
            return read(session, person) if owner in (0, person.id) and language_of(person) == lang else _NOTHING

        person, found = await self._page_person_and(read_if_ready)
        if person is None:
            return None
        if found is _NOTHING:
            read_again = reader()
            return person, await self._db(lambda session: read_again(session, person))
        return person, found  # type: ignore[return-value]  # a T: _NOTHING was ruled out

    def _clear_tree(self) -> None:
        """Every var of this state and the page states under it back to its default; the
        framework's own states (routing, hydration) and the chosen language stay."""
        node: rx.State = self
        while type(node) is not SessionState:
            if node.parent_state is None:
                return
            node = node.parent_state
        _back_to_defaults(node, keep=frozenset({"lang", "stored_lang"}))

    def _show_person(self, person: Person) -> None:
        self._assign(
            {
                "person_name": f"{person.first_name} {person.last_name}",
                "person_is_leader": person.is_leader,
                "person_is_admin": person.is_admin and person.deactivated_at is None,
                "lang": language_of(person),
                "is_young_child": is_young_child(person.kind, age_on(person.birth_date, today_in_norway())),
            }
        )

    async def _count_unread(self, person: Person) -> None:
        self.unread_messages = await self._db(lambda session: unread_total(session, person))

    def _visitor_language(self) -> None:
        self.lang = self.stored_lang if self.stored_lang in LANGUAGES else DEFAULT_LANGUAGE

    @rx.event
    async def choose_language(self, lang: str):
        """Switch the UI language, remember it, and load the page again in that language."""
        if lang not in LANGUAGES:
            return None
        self.lang = self.stored_lang = lang
        find = self._person_finder()

        def remember(session: Session) -> None:
            person = find(session)
            if person is not None and person.id is not None:
                set_language(session, person.id, lang)

        await self._db(remember)
        return rx.redirect(self.router.url.path or routes.SIGN_IN)

    @rx.event
    async def require_sign_in(self):
        """on_load of a page behind the sign-in that has no state of its own."""
        if await self._page_person() is None:
            return rx.redirect(routes.SIGN_IN)
        return None

    @rx.event
    def sign_out(self):
        """Clear this tab's state before the sign-out form ends the session on the server."""
        self._clear_tree()
        self._owner_id = 0
        # The header (and its button) is gone with the state, so post a form made here.
        return rx.call_script(
            "const form = document.createElement('form');"
            f"form.method = 'post'; form.action = '{routes.LOGOUT}';"
            # requestSubmit fires the submit event: stafett.js ends Web Push on this device first.
            "document.body.appendChild(form); form.requestSubmit ? form.requestSubmit() : form.submit();"
        )


def language_of(person: Person) -> str:
    """The UI language a signed-in person gets: their own setting."""
    return person.language if person.language in LANGUAGES else DEFAULT_LANGUAGE


def _raise(failure: DomainError) -> Callable[[], Any]:
    def again() -> Any:
        raise failure

    return again


def _back_to_defaults(state: rx.State, keep: frozenset[str] = frozenset()) -> None:
    """`State.reset` for `state` and the states under it, assigning only the vars that are not at
    their default: `reset` marks every var changed, and the next update then sends the defaults of
    every page's state (on a first page load, 8 KB the browser already holds)."""
    cls = state.__class__  # also when `state` is a StateProxy
    for name, f in cls.__fields__.items():
        if f._owner is not cls or name in keep:  # an inherited var resets with its own state
            continue
        default = f.default_value()
        if getattr(state, name) != default:
            setattr(state, name, default)
    for substate in state.substates.values():
        _back_to_defaults(substate)


# Toasts at the top: at the bottom of a phone they cover the buttons one needs next.
TOAST_PLACE = {"position": "top-center", "duration": 2500}


def notify_saved(text: str):
    return rx.toast.success(text, **TOAST_PLACE)


def notify_refused(text: str):
    return rx.toast.error(text, **TOAST_PLACE)


# The page's texts in its language, as a compiled component names them: the loader's hook, fed
# the language from the state (whose own hook comes first, so this one can read it).
_TEXTS = "stafett_texts"
_TEXTS_VAR_DATA = VarData(
    imports={LOADER_MODULE: [ImportVar(tag=LOADER_HOOK)]},
    hooks={f"const {_TEXTS} = {LOADER_HOOK}({SessionState.lang!s})": SessionState.lang._get_all_var_data()},
)


def t(key: str) -> rx.Var[str]:
    """A UI string in the person's language, looked up in the browser (i18n/frontend.py): the
    texts are part of the frontend build, only the language comes from the state."""
    if key not in ui_texts(DEFAULT_LANGUAGE):
        raise KeyError(f"no UI text {key!r} in the catalogues")
    return Var(_js_expr=f"{_TEXTS}[{json.dumps(key)}]", _var_type=str, _var_data=_TEXTS_VAR_DATA).to(str)


def tn(key: str, count: rx.Var[int]) -> rx.Var[str]:
    """A counted UI string ("1 ny melding", "2 nye meldinger"); {n} in it becomes the count.

    `count == 1` picks the singular: the plural rule of nb, nn and en (see i18n.ui_texts).
    """
    return rx.cond(count == 1, t(key), t(key + PLURAL_SUFFIX)).to(str).replace("{n}", count.to(str))
