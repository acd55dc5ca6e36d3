"""The band on every page of a practice log (domain.practice): it is practice, the people are
invented, nobody real is told, and the day it is deleted."""

import reflex as rx

from stafett_app.state.session import t


def practice_banner(deleted_on: rx.Var[str]) -> rx.Component:
    """Shown when `deleted_on` is set (a practice log); nothing for a real log."""
    return rx.cond(
        deleted_on != "",
        rx.el.section(
            rx.icon("flask-conical", size=22, aria_hidden="true", flex_shrink="0"),
            rx.el.div(
                rx.el.p(t("practice.banner_title"), class_name="practice-banner-title"),
                rx.el.p(t("practice.banner_text").replace("{date}", deleted_on)),
            ),
            aria_label=t("practice.banner_title"),
            class_name="practice-banner",
        ),
    )
