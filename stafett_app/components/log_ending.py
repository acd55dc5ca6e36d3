"""The two ways a log ends: the family withdraws its consent (no reason needed), or the holder
closes it with a closing note. Both make it passive: read-only, kept for the archive."""

import reflex as rx

from stafett_app.components.confirm import confirm_dialog, confirm_trigger
from stafett_app.state.session import t


def withdraw_consent_button(S, view) -> rx.Component:
    """`S` is the page's LogPage state, `view` its view var (with can_withdraw_consent)."""
    return rx.cond(
        view.can_withdraw_consent,
        confirm_dialog(
            confirm_trigger(
                t("consent.withdraw"), "withdraw-consent", icon="shield-off", variant="outline", color_scheme="red"
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
