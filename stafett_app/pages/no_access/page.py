"""Shown for a log one has no role in, or one that does not exist: the two look the same. A child
under 15 gets a friendly word and the way back to their own page, not "Ingen tilgang"."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import page_shell
from stafett_app.state.session import SessionState, t


def _for_grown_ups() -> rx.Component:
    return rx.vstack(
        rx.icon("shield-x", size=48, aria_hidden="true"),
        rx.heading(t("noaccess.heading"), size="7", as_="h1"),
        rx.text(t("noaccess.body"), size="3"),
        rx.link(t("nav.back_to_logs"), href=routes.MY_LOGS),
        spacing="3",
        align="start",
    )


def _for_a_child() -> rx.Component:
    return rx.vstack(
        rx.icon("smile", size=48, aria_hidden="true"),
        rx.heading(t("noaccess.child_heading"), size="7", as_="h1"),
        rx.text(t("noaccess.child_body"), size="4"),
        rx.link(t("noaccess.child_back"), href=routes.MY_LOGS, size="4", class_name="child-back"),
        spacing="3",
        align="start",
        class_name="no-access-child",
    )


def no_access_page() -> rx.Component:
    return page_shell(rx.cond(SessionState.is_young_child, _for_a_child(), _for_grown_ups()))
