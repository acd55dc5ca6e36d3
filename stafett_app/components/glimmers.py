"""Lysglimt: short positive notes anyone in the log writes, shown to the family and the child."""

import reflex as rx

from stafett_app.components.read_aloud import read_aloud_button
from stafett_app.state.plan import GLIMMER_INPUT_ID, PlanState
from stafett_app.state.session import t

plan = PlanState.plan


def _glimmer(item) -> rx.Component:
    return rx.el.li(
        rx.icon("sparkles", size=18, aria_hidden="true", class_name="glimmer-icon"),
        rx.box(
            rx.text(item.text, size="3"),
            rx.text(item.author, " · ", item.written, size="1", class_name="muted"),
        ),
        read_aloud_button(item.text),
        class_name="glimmer",
    )


def glimmer_card(heading_key: str = "glimmer.heading") -> rx.Component:
    return rx.card(
        rx.heading(t(heading_key), size="4", as_="h2"),
        rx.text(t("glimmer.intro"), size="2"),
        rx.cond(
            plan.glimmers.length() > 0,
            rx.el.ul(rx.foreach(plan.glimmers, _glimmer), class_name="glimmer-list"),
            rx.text(t("glimmer.none"), size="2", class_name="muted"),
        ),
        rx.cond(
            plan.can_write_glimmer,
            rx.form(
                rx.el.label(t("glimmer.write"), html_for=GLIMMER_INPUT_ID, class_name="field-label"),
                rx.text_area(
                    id=GLIMMER_INPUT_ID, name="text", rows="2", size="3", placeholder=t("glimmer.placeholder")
                ),
                rx.cond(
                    PlanState.glimmer_error != "",
                    rx.text(PlanState.glimmer_error, class_name="field-error", role="alert"),
                ),
                rx.button(
                    rx.icon("sparkles", size=16, aria_hidden="true"),
                    t("glimmer.share"),
                    type="submit",
                    class_name="touch share-glimmer",
                    margin_top="6px",
                ),
                on_submit=PlanState.add_glimmer,
                reset_on_submit=False,
                margin_top="8px",
            ),
        ),
        width="100%",
        class_name="glimmer-card",
        data_testid="glimmer-card",
    )
