"""Lysglimt: short positive notes anyone in the log writes, shown to the family and the child."""

import reflex as rx

from stafett_app.components.read_aloud import read_aloud_button
from stafett_app.state.log_page import GLIMMER_INPUT_ID
from stafett_app.state.session import t


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


def glimmer_card(S, view, heading_key: str = "glimmer.heading") -> rx.Component:
    """`S` is the page's LogPage state (its `glimmers`), `view` its view var (can_write_glimmer and the
    texts)."""
    return rx.card(
        rx.heading(t(heading_key), size="4", as_="h2"),
        rx.text(view.glimmer_intro, size="2", class_name="glimmer-intro"),
        rx.cond(
            S.glimmers.length() > 0,
            rx.el.ul(rx.foreach(S.glimmers, _glimmer), class_name="glimmer-list"),
            rx.text(
                rx.cond(view.can_write_glimmer, t("glimmer.none"), t("glimmer.none_closed")),
                size="2",
                class_name="muted glimmer-none",
            ),
        ),
        rx.cond(
            view.can_write_glimmer,
            rx.form(
                rx.el.label(t("glimmer.write"), html_for=GLIMMER_INPUT_ID, class_name="field-label"),
                rx.text_area(
                    id=GLIMMER_INPUT_ID, name="text", rows="2", size="3", placeholder=view.glimmer_placeholder
                ),
                rx.cond(
                    S.glimmer_error != "",
                    rx.text(S.glimmer_error, class_name="field-error", role="alert"),
                ),
                rx.button(
                    rx.icon("sparkles", size=16, aria_hidden="true"),
                    t("glimmer.share"),
                    type="submit",
                    class_name="touch share-glimmer",
                    margin_top="6px",
                ),
                on_submit=S.add_glimmer,
                reset_on_submit=False,
                margin_top="8px",
            ),
        ),
        width="100%",
        class_name="glimmer-card",
        data_testid="glimmer-card",
    )
