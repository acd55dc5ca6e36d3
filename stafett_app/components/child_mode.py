"""The button that shows the child their page on this device (for a guardian or the holder)."""

import reflex as rx

from stafett_app.state.session import t


def show_child_button(S) -> rx.Component:
    """`S` is a LogPage state: its show_child_name is set only for those who may."""
    return rx.cond(
        S.show_child_name != "",
        rx.button(
            rx.icon("maximize", size=16, aria_hidden="true"),
            t("child_mode.show").replace("{name}", S.show_child_name),
            on_click=S.show_to_child,
            variant="soft",
            class_name="touch show-child",
        ),
    )
