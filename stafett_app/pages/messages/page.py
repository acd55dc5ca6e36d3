"""Secure messages of one log. Phones show the list or one conversation; tablets show both."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.practice import practice_banner
from stafett_app.pages.messages.state import REPLY_INPUT_ID
from stafett_app.pages.messages.state import MessagesState as S
from stafett_app.state.session import t, tn


def _error(text, element_id: str) -> rx.Component:
    return rx.cond(text != "", rx.text(text, id=element_id, class_name="field-error", role="alert", size="2"))


def _unread_badge(count) -> rx.Component:
    return rx.cond(
        count > 0,
        rx.badge(
            count.to(str),
            color_scheme="red",
            variant="solid",
            class_name="unread-badge",
            aria_label=count.to(str) + " " + tn("messages.unread", count),
        ),
    )


def _conversation_row(row) -> rx.Component:
    return rx.el.li(
        rx.el.button(
            rx.vstack(
                rx.hstack(
                    rx.text(row.subject, weight="bold", size="3"),
                    rx.spacer(),
                    _unread_badge(row.unread),
                    width="100%",
                    align="center",
                ),
                rx.text(row.audience, " · ", row.last_written, size="2", class_name="muted"),
                spacing="1",
                align="start",
                width="100%",
            ),
            on_click=S.open_conversation(row.conversation_id),
            aria_current=rx.cond(S.open_id == row.conversation_id, "true", "false"),
            class_name=rx.cond(S.open_id == row.conversation_id, "conversation-row open", "conversation-row"),
        ),
        data_testid="conversation-row",
    )


def _conversation_list() -> rx.Component:
    return rx.vstack(
        rx.cond(
            S.can_write,
            rx.button(
                rx.icon("square-pen", size=18, aria_hidden="true"),
                t("messages.new"),
                on_click=S.start_new,
                class_name="touch new-conversation",
                size="3",
            ),
        ),
        rx.cond(S.conversations.length() == 0, rx.text(t("messages.none_yet"), size="2")),
        rx.el.ul(rx.foreach(S.conversations, _conversation_row), class_name="conversation-list-items"),
        class_name="conversation-list",
        spacing="3",
        width="100%",
    )


def _history(message) -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("messages.corrected_show")),
        rx.foreach(
            message.history,
            lambda old: rx.box(
                rx.text(old.body, size="2", class_name="message-body"),
                rx.text(t("messages.replaced"), " ", old.replaced, size="1", class_name="muted"),
                class_name="old-text",
            ),
        ),
        class_name="message-history",
    )


def _correction_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(t("messages.correct_label"), html_for="correction-text", class_name="field-label"),
            rx.text_area(
                id="correction-text", name="body", default_value=S.correction_text, rows="3", size="3", width="100%"
            ),
            _error(S.correction_error, "correction-error"),
            rx.hstack(
                rx.button(t("messages.save_correction"), type="submit", class_name="touch save-correction"),
                rx.button(
                    t("action.cancel"),
                    type="button",
                    on_click=S.cancel_correction,
                    variant="soft",
                    color_scheme="gray",
                    class_name="touch",
                ),
                spacing="2",
            ),
            width="100%",
            spacing="2",
        ),
        on_submit=S.save_correction,
        reset_on_submit=False,
        width="100%",
    )


def _message(message) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.text(message.sender_name, weight="bold", size="2"),
            rx.cond(message.kind != "text", rx.badge(message.kind_label, variant="soft")),
            rx.text(message.written, size="1", class_name="muted"),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            S.correcting_id == message.message_id,
            _correction_form(),
            rx.fragment(
                rx.text(message.body, size="3", class_name="message-body"),
                rx.cond(
                    message.corrected, rx.text(t("messages.corrected"), size="1", class_name="muted corrected-mark")
                ),
                rx.cond(message.history.length() > 0, _history(message)),
                rx.cond(
                    message.can_correct,
                    rx.button(
                        rx.icon("pencil", size=14, aria_hidden="true"),
                        t("messages.correct"),
                        on_click=S.begin_correction(message.message_id),
                        variant="ghost",
                        size="2",
                        class_name="touch correct-message",
                    ),
                ),
            ),
        ),
        class_name=rx.cond(message.is_mine, "message mine", "message"),
        data_testid="message",
    )


def _reply_box() -> rx.Component:
    return rx.cond(
        S.can_write,
        rx.form(
            rx.vstack(
                rx.el.label(t("messages.reply_label"), html_for=REPLY_INPUT_ID, class_name="field-label"),
                rx.text_area(
                    id=REPLY_INPUT_ID,
                    name="body",
                    value=S.draft,
                    on_change=S.set_draft.debounce(300),
                    rows="3",
                    size="3",
                    width="100%",
                    aria_invalid=S.draft_error != "",
                ),
                _error(S.draft_error, "reply-error"),
                rx.button(
                    rx.icon("send", size=16, aria_hidden="true"),
                    t("messages.send"),
                    type="submit",
                    class_name="touch send-reply",
                    size="3",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=S.send_reply,
            reset_on_submit=False,
            class_name="reply-box",
            width="100%",
        ),
        rx.text(t("messages.read_only"), size="2", class_name="muted"),
    )


def _thread() -> rx.Component:
    return rx.vstack(
        rx.button(
            rx.icon("arrow-left", size=16, aria_hidden="true"),
            t("messages.back_to_list"),
            on_click=S.close_conversation,
            variant="ghost",
            class_name="touch back-to-list",
        ),
        rx.heading(S.open_subject, size="5", as_="h2"),
        rx.cond(
            S.earlier_count > 0,
            rx.button(
                rx.icon("chevrons-up", size=16, aria_hidden="true"),
                t("messages.show_earlier"),
                " (",
                S.earlier_count,
                ")",
                on_click=S.show_earlier,
                variant="soft",
                class_name="touch show-earlier",
            ),
        ),
        rx.el.ol(rx.foreach(S.thread, _message), class_name="thread", aria_live="polite"),
        _reply_box(),
        class_name="thread-panel",
        spacing="3",
        width="100%",
    )


def _new_field(name: str, label_key: str, control: rx.Component) -> rx.Component:
    return rx.box(
        rx.el.label(t(label_key), html_for=f"new-{name}", class_name="field-label"),
        control,
        _error(S.new_errors.get(name, "").to(str), f"new-{name}-error"),
        class_name="field",
        width="100%",
    )


def _member_choice(option) -> rx.Component:
    return rx.el.label(
        rx.checkbox(
            checked=S.chosen_ids.contains(option.person_id),
            on_change=lambda on: S.toggle_member(option.person_id, on),
            size="3",
            aria_label=option.name,
        ),
        rx.text(option.name, size="3"),
        class_name="member-choice",
    )


def _new_conversation() -> rx.Component:
    return rx.form(
        rx.card(
            rx.heading(t("messages.new"), size="5", as_="h2"),
            rx.hstack(
                rx.text(t("messages.templates"), size="2", weight="medium"),
                rx.button(
                    t("messages.template_invitation"),
                    type="button",
                    on_click=S.use_template("invitation"),
                    variant="soft",
                    size="2",
                    class_name="touch use-invitation",
                ),
                rx.button(
                    t("messages.template_minutes"),
                    type="button",
                    on_click=S.use_template("minutes"),
                    variant="soft",
                    size="2",
                    class_name="touch use-minutes",
                ),
                wrap="wrap",
                align="center",
                spacing="2",
            ),
            rx.cond(S.template_note != "", rx.text(S.template_note, size="2", role="status")),
            _new_field(
                "subject",
                "messages.subject",
                rx.input(
                    id="new-subject",
                    name="subject",
                    value=S.new_values.get("subject", "").to(str),
                    on_change=lambda v: S.set_new_value("subject", v),
                    size="3",
                    max_length=120,
                ),
            ),
            rx.el.fieldset(
                rx.el.legend(t("messages.to"), class_name="field-label"),
                rx.radio_group.root(
                    rx.radio_group.item(value="everyone", id="audience-everyone"),
                    rx.el.label(t("messages.with_everyone"), html_for="audience-everyone"),
                    rx.radio_group.item(value="chosen", id="audience-chosen"),
                    rx.el.label(t("messages.choose_people"), html_for="audience-chosen"),
                    value=S.new_values.get("audience", "everyone").to(str),
                    on_change=lambda v: S.set_new_value("audience", v),
                    class_name="audience-choice",
                ),
                rx.cond(
                    S.new_values.get("audience", "everyone").to(str) == "chosen",
                    rx.vstack(rx.foreach(S.member_options, _member_choice), spacing="1", class_name="member-list"),
                ),
                _error(S.new_errors.get("member_ids", "").to(str), "new-member_ids-error"),
                class_name="field plain-fieldset",
            ),
            _new_field(
                "body",
                "messages.body",
                rx.text_area(
                    id="new-body",
                    name="body",
                    value=S.new_values.get("body", "").to(str),
                    on_change=lambda v: S.set_new_value("body", v).debounce(300),
                    rows="8",
                    size="3",
                    width="100%",
                ),
            ),
            rx.hstack(
                rx.button(
                    rx.icon("send", size=16, aria_hidden="true"),
                    t("messages.send"),
                    type="submit",
                    class_name="touch send-new",
                    size="3",
                ),
                rx.button(
                    t("action.cancel"),
                    type="button",
                    on_click=S.cancel_new,
                    variant="soft",
                    color_scheme="gray",
                    class_name="touch",
                    size="3",
                ),
                spacing="2",
            ),
            class_name="new-conversation-form",
            width="100%",
        ),
        on_submit=S.send_new,
        reset_on_submit=False,
        width="100%",
    )


def messages_page() -> rx.Component:
    return page_shell(
        practice_banner(S.practice_until),
        rx.cond(
            S.loaded,
            rx.vstack(
                rx.link(
                    rx.icon("arrow-left", size=16, aria_hidden="true"),
                    t("messages.back_to_log"),
                    href=routes.plan(S.log_id),
                    class_name="back-link",
                ),
                rx.heading(t("messages.heading"), " – ", S.child_first_name, size="7", as_="h1"),
                rx.text(t("messages.intro"), size="2"),
                rx.box(
                    _conversation_list(),
                    rx.box(
                        rx.cond(
                            S.composing,
                            _new_conversation(),
                            rx.cond(
                                S.open_id != 0,
                                _thread(),
                                rx.text(t("messages.choose_conversation"), size="3", class_name="muted pick-hint"),
                            ),
                        ),
                        class_name="messages-main",
                    ),
                    class_name=rx.cond((S.open_id != 0) | S.composing, "messages-layout has-open", "messages-layout"),
                    on_unmount=S.stop_listening,
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
    )
