"""The two ways a log ends: the family withdraws its consent (no reason needed), or the holder
closes it with a closing note. Both make it passive: read-only, kept for the archive."""

import reflex as rx

from stafett_app.components.confirm import confirm_dialog
from stafett_app.state.session import t


def withdraw_consent_button(S, view) -> rx.Component:
    """`S` is the page's LogPage state, `view` its view var (with can_withdraw_consent)."""
    return rx.cond(
        view.can_withdraw_consent,
        confirm_dialog(
            rx.button(
                rx.icon("shield-off", size=16, aria_hidden="true"),
                t("consent.withdraw"),
                variant="outline",
                color_scheme="red",
                class_name="touch withdraw-consent",
            ),
            title=t("consent.withdraw_title"),
            text=view.withdraw_text,
            confirm=t("consent.withdraw_confirm"),
            cancel=t("consent.keep"),
            on_confirm=S.withdraw_consent,
            confirm_class="confirm-withdraw",
            color_scheme="red",
        ),
    )
