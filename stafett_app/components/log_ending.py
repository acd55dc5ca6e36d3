"""The two ways a log ends: the family withdraws its consent (no reason needed), or the holder
closes it with a closing note. Both make it passive: read-only, kept for the archive."""

import reflex as rx

from stafett_app.state.plan import PlanState
from stafett_app.state.session import t

plan = PlanState.plan


def withdraw_consent_button() -> rx.Component:
    return rx.cond(
        plan.can_withdraw_consent,
        rx.alert_dialog.root(
            rx.alert_dialog.trigger(
                rx.button(
                    rx.icon("shield-off", size=16, aria_hidden="true"),
                    t("consent.withdraw"),
                    variant="outline",
                    color_scheme="red",
                    class_name="touch withdraw-consent",
                ),
            ),
            rx.alert_dialog.content(
                rx.alert_dialog.title(t("consent.withdraw_title")),
                rx.alert_dialog.description(t("consent.withdraw_text")),
                rx.hstack(
                    rx.alert_dialog.cancel(
                        rx.button(t("consent.keep"), variant="soft", color_scheme="gray", class_name="touch")
                    ),
                    rx.alert_dialog.action(
                        rx.button(
                            t("consent.withdraw_confirm"),
                            color_scheme="red",
                            on_click=PlanState.withdraw_consent,
                            class_name="touch confirm-withdraw",
                        )
                    ),
                    justify="end",
                    wrap="wrap",
                    spacing="3",
                    margin_top="12px",
                ),
            ),
        ),
    )


def close_log_button() -> rx.Component:
    return rx.cond(
        plan.can_close,
        rx.button(
            rx.icon("archive", size=16, aria_hidden="true"),
            t("action.close_log"),
            variant="outline",
            color_scheme="gray",
            on_click=PlanState.open_close_form,
            class_name="touch close-log",
        ),
    )


def closing_note() -> rx.Component:
    return rx.cond(
        plan.closing_note != "",
        rx.box(
            rx.text(t("plan.closing_note"), weight="bold", size="2"),
            rx.text(plan.closing_note, size="2"),
            margin_top="8px",
        ),
    )
