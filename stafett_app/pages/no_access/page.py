"""Shown for a log one has no role in, or one that does not exist: the two look the same."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import page_shell
from stafett_app.state.session import t


def no_access_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.icon("shield-x", size=48, aria_hidden="true"),
            rx.heading(t("noaccess.heading"), size="7", as_="h1"),
            rx.text(t("noaccess.body"), size="3"),
            rx.link(t("nav.back_to_logs"), href=routes.MY_LOGS),
            spacing="3",
            align="start",
        )
    )
