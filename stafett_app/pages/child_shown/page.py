"""The child's page, full screen: no header, no links. Leaving it needs the adult: a confirmation,
then a full sign-out, and signing in again (MinID or BankID) is something the child cannot do."""

import reflex as rx

from stafett_app.components.layout import MAIN_ID, loading
from stafett_app.components.practice import practice_banner
from stafett_app.pages.child.page import child_content
from stafett_app.pages.child_shown.state import ChildShownState
from stafett_app.state.session import SessionState, t


def _leave() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                rx.icon("lock", size=16, aria_hidden="true"),
                t("child_mode.leave"),
                variant="soft",
                color_scheme="gray",
                size="1",
                class_name="leave-child-mode",
            )
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("child_mode.leave_title")),
            rx.alert_dialog.description(t("child_mode.leave_text")),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(t("child_mode.stay"), variant="soft", class_name="touch")),
                rx.alert_dialog.action(
                    rx.button(
                        t("child_mode.leave_confirm"),
                        color_scheme="red",
                        on_click=SessionState.sign_out,
                        class_name="touch confirm-leave",
                    )
                ),
                justify="end",
                spacing="3",
                margin_top="12px",
            ),
        ),
    )


def child_shown_page() -> rx.Component:
    return rx.box(
        rx.script(src="/stafett.js"),
        rx.el.main(
            practice_banner(ChildShownState.practice_until),
            rx.cond(ChildShownState.loaded, child_content(ChildShownState), loading()),
            rx.box(_leave(), margin_top="32px", text_align="right"),
            id=MAIN_ID,
            tab_index=-1,
            class_name="app-main child-shown",
        ),
        class_name="app",
        lang=SessionState.lang,
    )
