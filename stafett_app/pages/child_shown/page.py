"""The child's page, full screen: no header, no links. Leaving it needs the adult: a confirmation,
then a full sign-out, and signing in again (MinID or BankID) is something the child cannot do."""

import reflex as rx

from stafett_app.components.confirm import confirm_dialog
from stafett_app.components.layout import MAIN_ID, loading
from stafett_app.components.practice import practice_banner
from stafett_app.pages.child.page import child_content
from stafett_app.pages.child_shown.state import ChildShownState
from stafett_app.state.session import SessionState, t


def _leave() -> rx.Component:
    return confirm_dialog(
        rx.button(
            rx.icon("lock", size=16, aria_hidden="true"),
            t("child_mode.leave"),
            variant="soft",
            color_scheme="gray",
            size="1",
            class_name="leave-child-mode",
        ),
        title=t("child_mode.leave_title"),
        text=t("child_mode.leave_text"),
        confirm=t("child_mode.leave_confirm"),
        cancel=t("child_mode.stay"),
        on_confirm=SessionState.sign_out,
        confirm_class="confirm-leave",
        color_scheme="red",
    )


def child_shown_page() -> rx.Component:
    return rx.box(
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
