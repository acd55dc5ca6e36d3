"""A button that reads a text aloud with the browser's own speech synthesis (assets/stafett.js)."""

import reflex as rx

from stafett_app.state.session import SessionState, t


def read_aloud_button(text: rx.Var) -> rx.Component:
    return rx.el.button(
        rx.icon("volume-2", size=18, aria_hidden="true"),
        rx.el.span(t("action.read_aloud")),
        type="button",
        data_speak=text,
        data_lang=SessionState.lang,
        class_name="read-aloud touch",
    )
