"""Secure messages of one log: the conversation list, one open conversation, writing and
correcting, and live updates while the page is open.

The open conversation lives in a backend-only var; the services check the person and the
membership again on every event, so a crafted id from the browser is refused there.
"""

import logging
import time
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.ids import parse_id
from stafett_app.domain.messages import MessageKind
from stafett_app.i18n import translate
from stafett_app.models import Person
from stafett_app.services import access_log, live, message_templates, messages, practice_log
from stafett_app.services.log_cache import cached_reads
from stafett_app.services.messages import ConversationRow, MemberOption, MessageRow, unread_total
from stafett_app.state.ids import checked_ids
from stafett_app.state.session import SessionState, Shown, notify_refused, notify_saved

logger = logging.getLogger(__name__)

# Pages also reload now and then without an announcement, in case one was lost on the way.
FALLBACK_RELOAD_SECONDS = 30
LISTEN_AT_MOST_SECONDS = 12 * 3600
NEW_FORM_FIELDS = ("subject", "body", "audience")
REPLY_INPUT_ID = "reply-text"


def _translated(lang: str, errors: dict[str, str]) -> dict[str, str]:
    return {field: translate(lang, key) for field, key in errors.items()}


async def _still_connected(token: str) -> bool:
    """Whether the browser tab is still connected to any worker; a closed tab stops listening."""
    try:
        from reflex_base.registry import RegistrationContext  # noqa: PLC0415 - the running app, as Reflex's own shared states find it

        namespace = RegistrationContext.get().app.event_namespace
        return namespace is None or await namespace._token_manager.is_token_connected(token)
    except Exception:  # noqa: BLE001 - no running app (state tests): keep listening until the generation changes
        return True


class MessagesState(SessionState):
    loaded: bool = False
    child_first_name: str = ""
    conversations: list[ConversationRow] = []
    can_write: bool = False
    # The open conversation.
    open_id: int = 0  # mirror for rendering; _open_id is the one the handlers use
    open_subject: str = ""
    thread: list[MessageRow] = []
    earlier_count: int = 0  # messages before the ones shown
    draft: str = ""
    draft_error: str = ""
    correcting_id: int = 0
    correction_text: str = ""
    correction_error: str = ""
    # A new conversation.
    composing: bool = False
    new_values: dict[str, str] = {}
    new_errors: dict[str, str] = {}
    chosen_ids: list[int] = []
    member_options: list[MemberOption] = []
    template_note: str = ""
    practice_until: str = ""  # a practice log: the banner's deletion day

    _log_id: int = 0
    _open_id: int = 0
    _listen_generation: int = 0
    _shown: int = messages.MESSAGES_SHOWN
    _template_kind: str = "text"  # the kind of message the new conversation starts with
    _sent_draft: str = ""  # the reply just sent: the browser's debounced keystrokes may still bring it back

    def _route_log_id(self) -> int | None:
        return parse_id(self.log_id)  # dynamic route argument of /logs/[log_id]/messages

    def _reader(self) -> Callable[[Session, Person], Shown]:
        """What the page shows, read on a database thread with this moment's log, conversation and
        length (the open conversation is marked read in the same transaction)."""
        log_id, open_id, lang, shown = self._log_id, self._open_id, self.lang, self._shown

        def read(session: Session, person: Person) -> Shown:
            conversations = messages.conversations_in(session, person, log_id, lang)
            found: Shown = {"can_write": messages.may_write(session, person, log_id)}
            if open_id:
                thread = messages.read_conversation(session, person, open_id, lang, shown)
                found["thread"] = thread
                found["earlier_count"] = max(0, messages.message_count(session, open_id) - len(thread))
                conversations = [
                    row if row.conversation_id != open_id else ConversationRow(**{**row.__dict__, "unread": 0})
                    for row in conversations
                ]
            return {**found, "conversations": conversations, "unread_messages": unread_total(session, person)}

        return read

    def _signed_in_reader(self) -> Callable[[Session], Shown | None]:
        """The reader above for whoever is signed in when it runs (None: nobody)."""
        find, read = self._person_finder(), self._reader()

        def read_as_signed_in(session: Session) -> Shown | None:
            person = find(session)
            return read(session, person) if person is not None else None

        return read_as_signed_in

    async def _reload(self, person: Person) -> None:
        read = self._reader()
        self._assign(await self._db(lambda session: read(session, person)))

    def _reload_key(self) -> tuple[int, int, int, int]:
        """What a reload read depends on: a background reload is dropped when it changed meanwhile."""
        return self._listen_generation, self._log_id, self._open_id, self._shown

    @rx.event
    async def load(self):
        self.loaded = False
        log_id = self._route_log_id()
        try:
            # The log, the person's roles in it and the unread counts: the header's statement.
            found = await self._page_person_and_read(lambda: self._page_reader(log_id))
        except PermissionDenied:
            self._log_id = 0
            self.conversations = []
            return rx.redirect(routes.NO_ACCESS)
        if found is None:
            return rx.redirect(routes.SIGN_IN)
        self._log_id = log_id or 0  # again: the header clears a tab it fills for a new person
        self._assign(found[1])
        self.loaded = True
        return MessagesState.listen

    def _open_log_page(self, log_id: int | None) -> None:
        if log_id != self._log_id:
            # Another log: start from its list. The same log again (a reconnect after a lost
            # connection, or coming back): the open conversation and the typed reply are kept.
            self._open_id = self.open_id = 0
            self.thread, self.composing, self.draft, self.draft_error, self.correcting_id = [], False, "", "", 0
        self._log_id = log_id or 0

    def _page_reader(self, log_id: int | None) -> Callable[[Session, Person], Shown]:
        """A page load's database work: the page, and its opening recorded."""
        self._open_log_page(log_id)
        read, token, lang = self._reader(), self._session_token(), self.lang

        def show(session: Session, person: Person) -> Shown:
            if log_id is None:
                raise PermissionDenied()
            with cached_reads(session):  # people's names: the worker's while the site's person stamp holds
                found = {
                    "child_first_name": messages.child_first_name(session, person, log_id),  # checks access first
                    "practice_until": practice_log.banner_date(session, log_id, lang),
                }
                found |= read(session, person)
            # After every read: the insert ends what the session knows of the person's access.
            access_log.record_opening(session, person, log_id, "messages", token)
            return found

        return show

    # --- reading --------------------------------------------------------------------------

    @rx.event
    @checked_ids
    async def open_conversation(self, conversation_id: int):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        lang = self.lang
        try:
            chosen = int(conversation_id)
            await self._db(lambda session: messages.read_conversation(session, person, chosen, lang, 1))  # membership
        except (PermissionDenied, TypeError, ValueError):
            return notify_refused(translate(self.lang, "error.no_access"))
        self._open_id = self.open_id = chosen
        self._shown = messages.MESSAGES_SHOWN
        self.open_subject = next((c.subject for c in self.conversations if c.conversation_id == self._open_id), "")
        self.draft, self.draft_error, self.correcting_id, self.composing = "", "", 0, False
        await self._reload(person)

    @rx.event
    async def show_earlier(self):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        self._shown += messages.MESSAGES_SHOWN
        await self._reload(person)

    @rx.event
    def close_conversation(self):
        self._open_id = self.open_id = 0
        self.thread, self.correcting_id = [], 0

    # --- writing --------------------------------------------------------------------------

    async def _write(self, use_case, saved_key: str):
        """Run a writing use case; on bad input keep what was typed and say what is wrong."""
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN), False
        try:
            await self._db(lambda session: use_case(session, person))
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access")), False
        except ValidationFailed as invalid:
            return _translated(self.lang, invalid.errors), False
        await self._reload(person)
        return notify_saved(translate(self.lang, saved_key)), True

    @rx.event
    def set_draft(self, text: str):
        text = str(text)[:5000]
        if text == self._sent_draft:  # the last keystrokes of the reply just sent, arriving after it
            return
        self._sent_draft = ""
        self.draft = text

    @rx.event
    async def send_reply(self, form_data: dict | None = None):
        # The form's own value counts: the debounced draft may be a keystroke behind.
        self.draft = body = str((form_data or {}).get("body", self.draft))[:5000]
        open_id = self._open_id
        outcome, done = await self._write(lambda s, p: messages.send(s, p, open_id, body), "saved.message")
        if isinstance(outcome, dict):
            self.draft_error = outcome.get("body", "")
            return None
        if done:
            self._sent_draft, self.draft, self.draft_error = self.draft, "", ""
            # The box may hold text the state never saw (typed faster than the debounce): clear it too.
            return [outcome, rx.set_value(REPLY_INPUT_ID, "")]
        return outcome

    @rx.event
    @checked_ids
    def begin_correction(self, message_id: int):
        row = next((m for m in self.thread if m.message_id == int(message_id) and m.can_correct), None)
        if row is None:
            return notify_refused(translate(self.lang, "error.correction_window_over"))
        self.correcting_id, self.correction_text, self.correction_error = row.message_id, row.body, ""

    @rx.event
    def set_correction_text(self, text: str):
        self.correction_text = str(text)[:5000]

    @rx.event
    def cancel_correction(self):
        self.correcting_id, self.correction_error = 0, ""

    @rx.event
    async def save_correction(self, form_data: dict | None = None):
        self.correction_text = text = str((form_data or {}).get("body", self.correction_text))[:5000]
        message_id = self.correcting_id  # the service checks it is the person's own, in time
        outcome, done = await self._write(lambda s, p: messages.correct(s, p, message_id, text), "saved.correction")
        if isinstance(outcome, dict):
            self.correction_error = outcome.get("body", "")
            return None
        if done:
            self.correcting_id = 0
        return outcome

    # --- a new conversation ---------------------------------------------------------------

    @rx.event
    async def start_new(self):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        log_id = self._log_id
        try:
            self.member_options = await self._db(lambda session: messages.member_options(session, person, log_id))
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        self.new_values = {"subject": "", "body": "", "audience": "everyone"}
        self.new_errors, self.chosen_ids, self.template_note = {}, [], ""
        self._template_kind = MessageKind.TEXT.value
        self._open_id = self.open_id = 0
        self.composing = True

    @rx.event
    def cancel_new(self):
        self.composing = False

    @rx.event
    def set_new_value(self, field: str, value: str):
        if field in NEW_FORM_FIELDS:
            self.new_values = {**self.new_values, field: str(value)[:5000]}

    @rx.event
    @checked_ids
    def toggle_member(self, person_id: int, chosen: bool):
        person_id = int(person_id)
        if person_id not in {option.person_id for option in self.member_options}:
            return
        others = [pid for pid in self.chosen_ids if pid != person_id]
        self.chosen_ids = [*others, person_id] if chosen else others

    @rx.event
    async def use_template(self, kind: str):
        person = await self._signed_in_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        log_id, lang = self._log_id, self.lang
        try:
            template_kind = MessageKind(kind)
            template = await self._db(
                lambda session: message_templates.for_new_conversation(session, person, log_id, template_kind, lang)
            )
        except ValueError:
            return None
        except PermissionDenied:
            return notify_refused(translate(self.lang, "error.no_access"))
        if template is None:
            self.template_note = translate(self.lang, "messages.no_meeting_for_template")
            return None
        allowed = {option.person_id for option in self.member_options}
        members = sorted(template.member_ids & allowed)
        self.new_values = {
            "subject": template.subject,
            "body": template.body,
            "audience": "chosen" if members else "everyone",
        }
        self.chosen_ids, self.template_note = members, ""
        self._template_kind = template_kind.value

    @rx.event
    async def send_new(self, form_data: dict | None = None):
        typed = {k: str(v)[:5000] for k, v in (form_data or {}).items() if k in ("subject", "body")}
        self.new_values = {**self.new_values, **typed}
        form = {**self.new_values, "member_ids": list(self.chosen_ids)}
        created: list[int] = []
        log_id, kind = self._log_id, MessageKind(self._template_kind)

        def start(session, person):
            created.append(messages.start_conversation(session, person, log_id, form, kind))

        outcome, done = await self._write(start, "saved.message")
        if isinstance(outcome, dict):
            self.new_errors = outcome
            return None
        if done:
            self.composing, self.new_errors = False, {}
            return [outcome, MessagesState.open_conversation(created[0])]
        return outcome

    # --- live updates ---------------------------------------------------------------------

    @rx.event(background=True)
    async def listen(self):
        """While the page is open, reload when someone writes in this log (on any worker)."""
        async with self:
            self._listen_generation += 1
            generation, log_id = self._listen_generation, self._log_id
        token = self.router.session.client_token
        if not log_id:
            return
        started = time.monotonic()
        async with live.subscribe(log_id) as subscription:
            while time.monotonic() - started < LISTEN_AT_MOST_SECONDS:
                await subscription.changed(timeout=FALLBACK_RELOAD_SECONDS)
                if not await _still_connected(token):
                    return
                async with self:
                    if self._listen_generation != generation or self._log_id != log_id:
                        return
                    read, key = self._signed_in_reader(), self._reload_key()
                # The read runs without the state's lock: the person's own events go on meanwhile.
                try:
                    found, removed = await self._db(read), False
                except PermissionDenied:  # removed from the log meanwhile
                    found, removed = {"conversations": [], "thread": []}, True
                if found is None:
                    return  # signed out
                async with self:
                    if self._listen_generation != generation or self._log_id != log_id:
                        return
                    if self._reload_key() == key:  # else one of the person's own events read it, newer
                        self._assign(found)
                if removed:
                    return

    @rx.event
    def stop_listening(self):
        self._listen_generation += 1
