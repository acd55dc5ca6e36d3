"""Refused attempts on a log or a unit, for its holder and the unit leader (from the access log)."""

import reflex as rx

from stafett_app.state.session import t


def _refusal(row) -> rx.Component:
    line = (
        t("access.refusal_line").replace("{name}", row.name).replace("{what}", row.what).replace("{child}", row.child)
    )
    return rx.box(
        rx.text(line, size="2"),
        rx.text(row.day, size="1", color_scheme="gray"),
        padding_y="4px",
        data_testid="refusal",
    )


def refusals_card(rows: rx.Var, title_key: str) -> rx.Component:
    """Shown only when there is something to show; a short list, newest first."""
    return rx.cond(
        rows.length() > 0,  # type: ignore[attr-defined]
        rx.card(
            rx.heading(t(title_key), size="4", as_="h2"),
            rx.text(t("access.refusals.intro"), size="2"),
            rx.foreach(rows, _refusal),  # type: ignore[arg-type]
            width="100%",
            class_name="refusals",
        ),
    )
