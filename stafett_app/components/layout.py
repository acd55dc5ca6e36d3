"""The frame of every page: skip link, header with the signed-in person, main column."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.help_button import help_dialog, help_link
from stafett_app.i18n import LANGUAGE_NAMES
from stafett_app.settings import get_settings
from stafett_app.state.session import SessionState, t, tn

MAIN_ID = "main"


def post_button(
    label: rx.Var | str, action: str, *, hidden: dict[str, rx.Var | str | int] | None = None, **button_props
):
    """A button that posts a plain HTML form to one of our own HTTP routes."""
    fields = [rx.el.input(type="hidden", name=name, value=value) for name, value in (hidden or {}).items()]
    return rx.el.form(
        *fields, rx.button(label, type="submit", **button_props), action=action, method="post", on_submit=None
    )


def _sign_out_button() -> rx.Component:
    """Clears this tab's state first (an event), which then posts the sign-out to the server."""
    return rx.button(
        t("nav.sign_out"),
        type="button",
        on_click=SessionState.sign_out,
        variant="outline",
        color_scheme="gray",
        class_name="on-dark sign-out",
    )


def _brand() -> rx.Component:
    return rx.hstack(
        rx.icon("heart-handshake", size=22, aria_hidden="true"),
        rx.text("Stafett", weight="bold", size="5", class_name="brand-name"),
        align="center",
        spacing="2",
        min_width="44px",
        min_height="44px",
    )


def language_choice() -> rx.Component:
    return rx.el.select(
        *[rx.el.option(name, value=code, lang=code) for code, name in LANGUAGE_NAMES.items()],
        value=SessionState.lang,
        on_change=SessionState.choose_language,
        aria_label=t("nav.language"),
        class_name="language-choice",
    )


def header(meeting_mode: bool = False) -> rx.Component:
    return rx.el.header(
        rx.hstack(
            _brand() if meeting_mode else rx.link(_brand(), href=routes.MY_LOGS, underline="none", color="white"),
            rx.spacer(),
            help_dialog("meeting_mode") if meeting_mode else help_link(),
            *([] if meeting_mode else [language_choice()]),
            rx.fragment()
            if meeting_mode
            else rx.cond(
                SessionState.person_name != "",
                rx.hstack(
                    rx.cond(SessionState.is_young_child, rx.fragment(), _staff_and_family_links()),
                    rx.text(SessionState.person_name, size="2", class_name="who"),
                    _sign_out_button(),
                    align="center",
                    spacing="3",
                ),
            ),
            align="center",
            width="100%",
            max_width="1100px",
            margin_x="auto",
        ),
        class_name="app-header",
    )


def _staff_and_family_links() -> rx.Component:
    """Calendar and messages: not in a young child's header (their page is all that is theirs)."""
    return rx.fragment(
        rx.cond(
            SessionState.person_is_admin,
            rx.link(
                rx.icon("settings", size=18, aria_hidden="true"),
                rx.el.span(t("nav.admin"), class_name="nav-label"),
                href=routes.ADMIN,
                class_name="nav-link nav-admin",
            ),
        ),
        rx.link(
            rx.icon("calendar", size=18, aria_hidden="true"),
            rx.el.span(t("nav.calendar"), class_name="nav-label"),
            href=routes.CALENDAR,
            class_name="nav-link",
        ),
        rx.link(
            rx.icon("mail", size=18, aria_hidden="true"),
            rx.el.span(t("nav.messages"), class_name="nav-label"),
            rx.cond(
                SessionState.unread_messages > 0,
                rx.el.span(
                    SessionState.unread_messages.to(str),
                    rx.el.span(" " + tn("messages.unread", SessionState.unread_messages), class_name="nav-label"),
                    class_name="nav-count",
                ),
            ),
            href=routes.INBOX,
            class_name="nav-link nav-messages",
        ),
    )


def footer() -> rx.Component:
    """On every page: the municipality's accessibility statement and a way to tell us what does not work."""
    return rx.el.footer(
        rx.hstack(
            rx.link(
                t("footer.statement"),
                href=get_settings().accessibility_statement_url,
                is_external=True,
                class_name="footer-link statement-link",
            ),
            rx.link(t("footer.feedback"), href=routes.FEEDBACK, class_name="footer-link feedback-link"),
            wrap="wrap",
            column_gap="24px",
            row_gap="8px",
            max_width="1100px",
            margin_x="auto",
        ),
        class_name="app-footer",
    )


def page_shell(*children: rx.Component, meeting_mode: bool = False) -> rx.Component:
    return rx.box(
        rx.el.span(id="ui-lang", data_lang=SessionState.lang, hidden=True),
        rx.el.a(t("nav.skip_to_content"), href=f"#{MAIN_ID}", class_name="skip-link"),
        header(meeting_mode),
        rx.el.main(
            *children,
            id=MAIN_ID,
            tab_index=-1,
            class_name="app-main",
        ),
        # Meeting mode links nowhere (the big screen in a meeting room): no footer either.
        rx.fragment() if meeting_mode else footer(),
        class_name="app",
        lang=SessionState.lang,
    )


def loading() -> rx.Component:
    return rx.center(rx.spinner(size="3"), padding="2em", aria_label=t("common.loading"))
