"""The two ways a log ends: the family withdraws its consent (no reason needed), or the holder
closes it with a closing note. Both make it passive: read-only, kept for the archive."""

import reflex as rx

from stafett_app.state.session import t


def withdraw_consent_button(S, view) -> rx.Component:
    """`S` is the page's LogPage state, `view` its view var (with can_withdraw_consent)."""
    return rx.cond(
        view.can_withdraw_consent,
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
                rx.alert_dialog.description(view.withdraw_text),
                rx.hstack(
                    rx.alert_dialog.cancel(
                        rx.button(t("consent.keep"), variant="soft", color_scheme="gray", class_name="touch")
                    ),
                    rx.alert_dialog.action(
                        rx.button(
                            t("consent.withdraw_confirm"),
                            color_scheme="red",
                            on_click=S.withdraw_consent,
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
