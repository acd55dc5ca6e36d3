"""After a real sign-in by someone Stafett does not know: say so and who to ask, never an empty app."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import page_shell
from stafett_app.state.session import t


def not_registered_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.icon("user-x", size=48, aria_hidden="true"),
            rx.heading(t("notregistered.heading"), size="7", as_="h1"),
            rx.text(t("notregistered.body"), size="3"),
            rx.text(t("notregistered.who_to_ask"), size="3"),
            rx.link(t("notregistered.back"), href=routes.SIGN_IN),
            spacing="3",
            align="start",
        )
    )
